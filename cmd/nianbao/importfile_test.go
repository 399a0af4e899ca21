package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/localstack/stacktest"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/reportpdf"
	"github.com/nianbao/nianbao/shared/template"
)

const agenciesCSV = "机关名称,统一社会信用代码,行政区划\n" +
	"西工区教育体育局,11410303MB0000001X,河南省洛阳市西工区\n" +
	"洛阳市西工区民政局,11410303MB0000009N,河南省洛阳市西工区\n"

// publishedAs is the seed as agency name publishes it, without its credit
// code and region.
func publishedAs(t *testing.T, name string) *report.Report {
	t.Helper()
	data, err := os.ReadFile(testdata + "seed-2020.json")
	if err != nil {
		t.Fatal(err)
	}
	r, _ := report.Decode(data)
	r.Title = strings.ReplaceAll(r.DisplayTitle(), r.Agency.Name, name)
	r.Agency.Name, r.Agency.CreditCode, r.Agency.Region = name, "", ""
	return r
}

// publishedFolder is an office's folder of last year's published reports:
// two it can file, one of an agency not on its list, one that is no
// report, a hidden file, and the agencies file itself.
func publishedFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	var page bytes.Buffer
	if err := template.HTML(&page, publishedAs(t, "西工区教育体育局")); err != nil {
		t.Fatal(err)
	}
	var pdf, other bytes.Buffer
	if err := stacktest.Renderer(t).Render(context.Background(), &pdf, reportpdf.Document(publishedAs(t, "西工区民政局"))); err != nil {
		t.Fatal(err)
	}
	if err := template.HTML(&other, publishedAs(t, "西工区文化和旅游局")); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"教育体育局.html":     page.Bytes(),
		"区县/民政局.pdf":     pdf.Bytes(),
		"区县/文化和旅游局.html": other.Bytes(),
		"说明.txt":         []byte("本文件夹是各单位2020年度年报的网页和PDF。"),
		".DS_Store":      []byte("\x00\x00\x00\x01Bud1"),
		"agencies.csv":   []byte(agenciesCSV),
	} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestImportFiling: an office goes from a folder of published pages and
// PDFs to a filed year and a review list; the year's bag holds the
// originals and verifies; running it again changes nothing.
func TestImportFiling(t *testing.T) {
	dir, data := publishedFolder(t), t.TempDir()
	args := []string{"import", "--file", "--year", "2020", "--agencies", filepath.Join(dir, "agencies.csv"), "--data", data, dir}
	code, out, errOut := runCLI(t, args...)
	if code != exitFindings {
		t.Fatalf("exit %d, want %d (one waits, one refused): %s%s", code, exitFindings, out, errOut)
	}
	for _, want := range []string{"2020 年度：4 个文件", "  已归档      2\n", "  待人工处理  1       机关不在名单中 1\n", "  无法导入    1       不是可读的年报 1\n",
		filepath.Join(dir, "区县/文化和旅游局.html"), "中没有“西工区文化和旅游局”", filepath.Join(dir, "说明.txt"), "/imports/2020"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	again, outAgain, _ := runCLI(t, append([]string{"import", "--json"}, args[1:]...)...)
	if again != exitFindings {
		t.Errorf("second run: exit %d", again)
	}
	states := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(outAgain), "\n") {
		var r struct{ File, State, ID string }
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("--json line %q: %v", line, err)
		}
		states[filepath.Base(r.File)] = r.State
	}
	if states["教育体育局.html"] != "filed" || states["民政局.pdf"] != "filed" || states["文化和旅游局.html"] != "review" || states["说明.txt"] != "refused" || len(states) != 4 {
		t.Errorf("second run's outcomes: %v", states)
	}

	bagPath := filepath.Join(t.TempDir(), "2020.zip")
	if code, out, errOut := runCLI(t, "archive", "--year", "2020", "--data", data, "-o", bagPath); code != exitOK || !strings.Contains(out, "2 份年报") {
		t.Fatalf("archive: exit %d, %s %s", code, out, errOut)
	}
	if code, out, _ := runCLI(t, "verify", bagPath); code != exitOK || !strings.Contains(out, "完好（9 个文件") {
		t.Errorf("verify: exit %d, %s", code, out)
	}
	zr, err := zip.OpenReader(bagPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var originals []string
	for _, f := range zr.File {
		if strings.Contains(f.Name, "/source.") {
			originals = append(originals, f.Name[strings.Index(f.Name, "/data/")+6:])
		}
	}
	if strings.Join(originals, " ") != "11410303MB0000001X/2020/source.html 11410303MB0000009N/2020/source.pdf" {
		t.Errorf("the bag's originals: %v", originals)
	}
}

func TestImportFilingUsage(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("机关名称,统一社会信用代码,行政区划\n某局,11410303MB00000011,某区\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"import", "--file", dir}, "usage:"},
		{[]string{"import", "--year", "2020", dir}, "usage:"},
		{[]string{"import", "--agencies", bad, dir}, "usage:"},
		{[]string{"import", "--file", "--year", "2020", "-o", "x.json", dir}, "usage:"},
		{[]string{"import", "--file", "--year", "2020", "--data", t.TempDir(), t.TempDir()}, "没有要导入的文件"},
		{[]string{"import", "--file", "--year", "2020", "--agencies", bad, "--data", t.TempDir(), dir}, "第 2 行“统一社会信用代码”列"},
	} {
		code, _, errOut := runCLI(t, tc.args...)
		if code != exitUsage || !strings.Contains(errOut, tc.want) {
			t.Errorf("nianbao %v: exit %d, %q; want %d and %q", tc.args, code, errOut, exitUsage, tc.want)
		}
	}
}
