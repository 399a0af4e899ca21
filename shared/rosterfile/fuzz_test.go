package rosterfile

import (
	"github.com/nianbao/nianbao/shared/roster"

	"errors"
	"testing"
)

// FuzzParse: any bytes give a roster or an *InvalidError, never a panic,
// and a roster's every agency passed the checks.
func FuzzParse(f *testing.F) {
	f.Add([]byte(head + "甲局," + code1 + ",某区,部门\n"))
	f.Add([]byte("\xef\xbb\xbf2024年度\n" + head + "\"乙\"\"局\"," + code2 + ",某区,政府\n"))
	f.Add([]byte("机关名称\t统一社会信用代码\t行政区划\t类别\n甲局\t" + code3 + "\t某区\t部门\n"))
	f.Add([]byte("PK\x03\x04"))
	f.Add(workbook(f, [][]any{{"2024年度名册"}, {"机关名称", "统一社会信用代码", "行政区划", "类别"}, {"甲局", code1, "某区", "部门"}, nil, {"乙局", 114103030000000000, "某区", "政府"}}))
	f.Fuzz(func(t *testing.T, data []byte) {
		// An agencies file is checked as a roster is, with 类别 optional.
		if a, err := ParseAgencies(data, 2024); err == nil {
			for _, ag := range a.Agencies {
				if creditCodeProblem(ag.CreditCode) != "" || ag.Name == "" || ag.Region == "" {
					t.Fatalf("ParseAgencies accepted a bad agency %+v", ag)
				}
			}
		}
		r, err := Parse(data, 2024)
		if err != nil {
			var inv *roster.InvalidError
			if !errors.As(err, &inv) || len(inv.Problems) == 0 || len(inv.Problems) > roster.MaxProblems {
				t.Fatalf("Parse: %v is not a well-formed refusal", err)
			}
			return
		}
		seen := map[string]bool{}
		for _, a := range r.Agencies {
			if creditCodeProblem(a.CreditCode) != "" || a.Name == "" || a.Region == "" || a.Category.Label() == string(a.Category) || seen[a.CreditCode] {
				t.Fatalf("Parse accepted a bad agency %+v", a)
			}
			seen[a.CreditCode] = true
		}
	})
}
