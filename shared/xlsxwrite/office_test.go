//go:build integration

package xlsxwrite_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/xlsx"
	"github.com/nianbao/nianbao/shared/testkit"
)

// soffice converts the file at in with LibreOffice headless into dir.
func soffice(t *testing.T, dir, in string, args ...string) {
	t.Helper()
	bin := testkit.Tool(t, "soffice")
	args = append([]string{"--headless", "--norestore", "-env:UserInstallation=file://" + filepath.Join(dir, "profile")}, args...)
	args = append(args, "--outdir", dir, in)
	if out, err := exec.CommandContext(t.Context(), bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice %v: %v\n%s", args, err, out)
	}
}

// LibreOffice, standing in for Excel and WPS, opens the sample: every
// sheet's cells as written, escapes decoded, and the formulas computed on
// load from cells it read as numbers (a SUM over text would be 0).
func TestLibreOfficeReadsTheSheets(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "sample.xlsx")
	if err := os.WriteFile(in, sample(t), 0o600); err != nil {
		t.Fatal(err)
	}
	// The CSV filter's options: comma, '"', UTF-8, from line 1, raw values
	// (not as shown), every sheet (-1) into sample-<sheet>.csv.
	soffice(t, dir, in, "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1")
	read := func(sheet string) string {
		b, err := os.ReadFile(filepath.Join(dir, "sample-"+sheet+".csv"))
		if err != nil {
			t.Fatalf("LibreOffice wrote no CSV of %s: %v", sheet, err)
		}
		return string(b)
	}
	got := read("表三")
	for _, want := range []string{
		"2023年表三 <收到> & 处理,",
		"机关名称,统一社会信用代码,金额,申请人情况,,,",
		"吴兴区人民政府,11330500MB1D000016,326.58,96,14,110,",
		// (Calc keeps a line break as \n alone: the carriage return of
		// \r\n, written _x000D_, is dropped as Calc drops it when typed.)
		"\" 前后有空格 \n第二行\n_x0041_ \x01\",,-0.000001,123456789012.123,TRUE,123456789108.123,有",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("LibreOffice's 表三 lacks %q:\n%s", want, got)
		}
	}
	if got := read("hidden's"); got != "secret\n" {
		t.Errorf("the hidden sheet reads %q", got)
	}
	if got := read("问题"); got != "规则,说明\nH1,表三不平衡\n" {
		t.Errorf("问题 reads %q", got)
	}
}

// A workbook LibreOffice opened and saved again keeps what the project's
// reader looks for: the names on their cells, the merges, the properties.
func TestLibreOfficeResavesIt(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in", "sample.xlsx")
	if err := os.MkdirAll(filepath.Dir(in), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, sample(t), 0o600); err != nil {
		t.Fatal(err)
	}
	soffice(t, dir, in, "--convert-to", "xlsx:Calc MS Excel 2007 XML")
	data, err := os.ReadFile(filepath.Join(dir, "sample.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := xlsx.Read(context.Background(), data, source.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "2023年 表三 & 汇总" || doc.Meta["nianbao.formatVersion"] != "2021" {
		t.Errorf("title %q, meta %v", doc.Title, doc.Meta)
	}
	found := false
	for _, b := range doc.Blocks {
		for _, row := range b.Table.Grid {
			for _, c := range row {
				if c.Key == "table3.newReceived.naturalPerson" {
					found = c.Text == "96" && c.Loc.Ref == "D3"
				}
				if c.Loc.Sheet == "表三" && c.Loc.Ref == "D2" && !c.Covered && c.ColSpan != 3 {
					t.Errorf("表三!D2 spans %d columns after LibreOffice, want 3", c.ColSpan)
				}
			}
		}
	}
	if !found {
		t.Error("the defined name table3.newReceived.naturalPerson is not on D3 holding 96 after LibreOffice")
	}
}
