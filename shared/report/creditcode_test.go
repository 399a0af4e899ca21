package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/testkit"
)

func TestValidCreditCode(t *testing.T) {
	tests := []struct {
		code string
		want bool
	}{
		{"11410303MB0000001X", true}, // the seed's sample code
		{"11330500MB1D58273F", true}, // testdata/example-2021.json
		{"91350100M000100Y43", true}, // a published enterprise code
		{"11410303MB00000010", false},
		{"11410303mb0000001x", false}, // the standard is upper-case
		{"11410303MB0000001", false},
		{"11410303MB0000001XX", false},
		{"11410303MI0000001X", false}, // I is not in the alphabet
		{"", false},
	}
	for _, tt := range tests {
		if got := ValidCreditCode(tt.code); got != tt.want {
			t.Errorf("ValidCreditCode(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
}

// TestCreditCodeProblem: each kind of mistake is named, with the position
// of the first bad character counted in characters, never bytes.
func TestCreditCodeProblem(t *testing.T) {
	const valid = "11410303MB0000001X"
	tests := []struct {
		name      string
		code      string
		want      []string // parts of the message, in order
		wantFixed string
	}{
		{"valid", valid, nil, ""},
		{"full-width digits", "１１４１０３０３MB0000001X", []string{"第 1 位“１”是全角数字", "半角数字“1”", "共有 8 个字符不合规", "应为 " + valid}, valid},
		{"one full-width digit", "11410303MB000000１X", []string{"第 17 位“１”是全角数字"}, valid},
		{"all full-width", "１１４１０３０３ＭＢ００００００１Ｘ", []string{"第 1 位", "全角数字", "共有 18 个字符不合规"}, valid},
		{"full-width letter", "11410303ＭB0000001X", []string{"第 9 位“Ｍ”是全角字母", "半角大写字母“M”"}, valid},
		{"Cyrillic letter", "11410303MВ0000001X", []string{"第 10 位“В”（U+0412，西里尔字母）是非法字符"}, ""},
		{"Greek letter", "11410303ΜB0000001X", []string{"第 9 位“Μ”（U+039C，希腊字母）是非法字符"}, ""},
		{"Chinese character", "11410303MB000000一X", []string{"第 17 位“一”（U+4E00，汉字）是非法字符"}, ""},
		{"lower case", "11410303mb0000001x", []string{"第 9 位“m”是小写字母", "大写字母“M”", "共有 3 个字符不合规", "应为 " + valid}, valid},
		{"letter the standard leaves out", "11410303MI0000001X", []string{"第 10 位是字母“I”", "I、O、S、V、Z"}, ""},
		{"space", "11410303 MB000001X", []string{"第 9 位是空格（U+0020）"}, ""},
		{"ideographic space", "11410303MB0000001X\u3000", []string{"第 19 位是空格（U+3000）"}, valid},
		{"control character", "11410303MB\u200b0000001X", []string{"第 11 位是不可见的控制字符（U+200B）"}, valid},
		{"invalid UTF-8", "11410303MB\xff000001X", []string{"第 11 位不是有效的 UTF-8 字符"}, ""},
		{"too short", "11410303MB000001X", []string{"应为 18 位，实际为 17 位"}, ""},
		{"too long", valid + "0", []string{"应为 18 位，实际为 19 位"}, ""},
		{"wrong check character", "11410303MB00000010", []string{"校验位错误：第 18 位应为“X”"}, valid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, fixed := CreditCodeProblem(tt.code)
			rest := got
			for _, part := range tt.want {
				i := strings.Index(rest, part)
				if i < 0 {
					t.Errorf("CreditCodeProblem(%q) = %q; want it to contain, in order, %q", tt.code, got, tt.want)
					break
				}
				rest = rest[i+len(part):]
			}
			if (got == "") != (tt.want == nil) || fixed != tt.wantFixed {
				t.Errorf("CreditCodeProblem(%q) = %q, %q; want a message: %t, fixed %q", tt.code, got, fixed, tt.want != nil, tt.wantFixed)
			}
			if strings.Contains(got, "实际为 18 位") {
				t.Errorf("CreditCodeProblem(%q) = %q: says 18 characters are the wrong length", tt.code, got)
			}
		})
	}
}

func ExampleCreditCodeProblem() {
	problem, fixed := CreditCodeProblem("１１４１０３０３MB0000001X")
	fmt.Println(problem)
	fmt.Println(fixed)
	// Output:
	// 统一社会信用代码第 1 位“１”是全角数字，应为半角数字“1”（共有 8 个字符不合规）；应为 11410303MB0000001X
	// 11410303MB0000001X
}

func ExampleCreditCodeCheck() {
	check, ok := CreditCodeCheck("11410303MB0000001")
	fmt.Println(string(check), ok)
	// Output: X true
}

// TestDecodeCreditCodeMessages: the decoder's finding says what is wrong
// with the code, not "应为 18 位，实际为 18 位" (bytes counted as characters).
func TestDecodeCreditCodeMessages(t *testing.T) {
	seed := testkit.Testdata(t, "seed-2020.json")
	tests := []struct{ code, want, wantFixed string }{
		{"11410303ＭＢ0000001X", "第 9 位“Ｍ”是全角字母", "11410303MB0000001X"},
		{"１１４１０３０３MB0000001X", "第 1 位“１”是全角数字", "11410303MB0000001X"},
		{"11410303MВ0000001X", "第 10 位“В”（U+0412，西里尔字母）是非法字符", ""},
		{"11410303MB0000001", "应为 18 位，实际为 17 位", ""},
	}
	for _, tt := range tests {
		doc := edit(t, seed, func(m map[string]any) { set(m, "agency.creditCode", tt.code) })
		_, fs := Decode(doc)
		var f *Finding
		for i := range fs {
			if fs[i].Rule == RuleCreditCode {
				f = &fs[i]
			}
		}
		if f == nil || !strings.Contains(f.Message, tt.want) || f.Want != tt.wantFixed || f.Got != tt.code {
			t.Errorf("credit code %q: finding %+v; want a message containing %q, want %q", tt.code, f, tt.want, tt.wantFixed)
		}
	}
}

// FuzzCreditCodeProblem: any text gets a message unless it is a valid code,
// and what the message says was meant is a valid code.
func FuzzCreditCodeProblem(f *testing.F) {
	for _, s := range []string{"11410303MB0000001X", "１１４１０３０３MB0000001X", "11410303MВ0000001X", "", "\xff", "a\u200bb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, code string) {
		problem, fixed := CreditCodeProblem(code)
		if (problem == "") != ValidCreditCode(code) {
			t.Fatalf("CreditCodeProblem(%q) = %q, but ValidCreditCode is %t", code, problem, ValidCreditCode(code))
		}
		if fixed != "" && !ValidCreditCode(fixed) {
			t.Fatalf("CreditCodeProblem(%q) says %q was meant, which is not valid", code, fixed)
		}
		if strings.Contains(problem, fmt.Sprintf("实际为 %d 位", CreditCodeLen)) {
			t.Fatalf("CreditCodeProblem(%q) = %q", code, problem)
		}
	})
}
