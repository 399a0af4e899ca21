package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/testkit"
)

func TestRosterCommand(t *testing.T) {
	t.Setenv("NIANBAO_STORE", "")
	t.Setenv("REPORTS_BUCKET", "")
	data := t.TempDir()
	good := testkit.Path(t, "testdata", "roster-2020.csv")
	bad := filepath.Join(t.TempDir(), "bad.csv")
	if err := os.WriteFile(bad, []byte("机关名称,统一社会信用代码,行政区划,类别\n甲局,123,某区,部门\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		args     []string
		code     int
		contains string
	}{
		{"nothing stored yet", []string{"roster", "--year", "2020", "--data", data}, exitFindings, ""},
		{"a bad file", []string{"roster", "--year", "2020", "--data", data, bad}, exitFindings, "第 2 行“统一社会信用代码”列：“123”不是 18 位"},
		{"load", []string{"roster", "--year", "2020", "--data", data, good}, exitOK, "2020 年度名册已保存，3 个机关"},
		{"show", []string{"roster", "--year", "2020", "--data", data}, exitOK, "洛阳市西工区人民政府  11410303MB00000021  河南省洛阳市西工区  政府  2021-03-31"},
		{"show as JSON", []string{"roster", "--json", "--year", "2020", "--data", data}, exitOK, `"category": "government"`},
		{"no year", []string{"roster", "--data", data}, exitUsage, ""},
		{"missing file", []string{"roster", "--year", "2020", "--data", data, "/nonexistent.csv"}, exitUsage, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			if code := run(tc.args, &out, &errOut); code != tc.code || !strings.Contains(out.String(), tc.contains) {
				t.Errorf("nianbao %s: exit %d, want %d; stdout %q, stderr %q", strings.Join(tc.args, " "), code, tc.code, out.String(), errOut.String())
			}
		})
	}
}
