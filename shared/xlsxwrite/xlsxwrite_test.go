package xlsxwrite_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/xlsx"
)

var update = flag.Bool("update", false, "rewrite testdata/sample.golden")

// excelize, an independent reader, finds in the sample everything that was
// written: sheets and their visibility, values and their types, formulas,
// merges, names and their scopes, widths, heights, panes, styles and
// properties.
func TestExcelizeReadsWhatWasWritten(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(sample(t)))
	if err != nil {
		t.Fatalf("excelize cannot open the workbook: %v", err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), "|"); got != "表三|hidden's|问题" {
		t.Errorf("sheets %s", got)
	}
	for sheet, want := range map[string]bool{"表三": true, "hidden's": false, "问题": true} {
		if v, err := f.GetSheetVisible(sheet); err != nil || v != want {
			t.Errorf("%s visible = %v, %v; want %v", sheet, v, err, want)
		}
	}
	for _, tc := range []struct {
		ref, value string
		typ        excelize.CellType
	}{
		{"A1", "2023年表三 <收到> & 处理", excelize.CellTypeInlineString},
		{"B3", "11330500MB1D000016", excelize.CellTypeInlineString},
		{"C3", "326.580000", excelize.CellTypeUnset}, // a number, shown in its format 0.000000
		{"D3", "96", excelize.CellTypeUnset},
		{"F3", "110", excelize.CellTypeUnset}, // a formula with a number cached

		{"A5", " 前后有空格 \n第二行\r\n_x0041_ \x01", excelize.CellTypeInlineString},
		{"D5", "123456789012.123", excelize.CellTypeUnset}, // 15 significant digits, as Excel shows it
		{"E5", "TRUE", excelize.CellTypeBool},
		{"F5", "", excelize.CellTypeUnset},
		{"G5", "有", excelize.CellTypeFormula}, // t="str": a formula with text cached
	} {
		got, err := f.GetCellValue("表三", tc.ref)
		if err != nil || got != tc.value {
			t.Errorf("表三!%s = %q, %v; want %q", tc.ref, got, err, tc.value)
		}
		if typ, _ := f.GetCellType("表三", tc.ref); typ != tc.typ {
			t.Errorf("表三!%s has type %v, want %v", tc.ref, typ, tc.typ)
		}
	}
	if _, body := parts(t, sample(t)); !strings.Contains(body["xl/worksheets/sheet1.xml"], `<c r="D5"><v>123456789012.123456</v></c>`) {
		t.Error("表三!D5 does not hold 123456789012.123456: the decimal must reach the file as written")
	}
	for ref, want := range map[string]string{"F3": "SUM(D3:E3)", "F5": "SUM(D5:D3)", "G5": `IF(D3>0,"有","无")`} {
		if fm, _ := f.GetCellFormula("表三", ref); fm != want {
			t.Errorf("表三!%s formula %q, want %q", ref, fm, want)
		}
	}
	merges := map[string]string{}
	for _, sheet := range []string{"表三", "问题"} {
		mcs, err := f.GetMergeCells(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range mcs {
			merges[sheet] += m.GetStartAxis() + ":" + m.GetEndAxis() + " "
		}
	}
	if merges["表三"] != "D2:F2 " || merges["问题"] != "A4:A5 " {
		t.Errorf("merges %v", merges)
	}
	names := map[string]string{}
	for _, n := range f.GetDefinedName() {
		names[n.Name+"@"+n.Scope] = n.RefersTo
	}
	want := map[string]string{
		"table3.newReceived.naturalPerson@Workbook": "'表三'!$D$3",
		"总计@表三":       "'表三'!$F$3",
		"总计@Workbook": "'hidden''s'!$A$1",
	}
	for k, v := range want {
		if names[k] != v {
			t.Errorf("defined name %s = %q, want %q (all: %v)", k, names[k], v, names)
		}
	}
	for col, w := range map[string]float64{"A": 28, "E": 14, "G": 9.140625 /* excelize's default */} {
		if got, _ := f.GetColWidth("表三", col); got != w {
			t.Errorf("表三 column %s width %g, want %g", col, got, w)
		}
	}
	if h, _ := f.GetRowHeight("表三", 2); h != 36 {
		t.Errorf("表三 row 2 height %g, want 36", h)
	}
	p, err := f.GetPanes("表三")
	if err != nil || !p.Freeze || p.XSplit != 1 || p.YSplit != 2 || p.TopLeftCell != "B3" {
		t.Errorf("表三 panes %+v, %v", p, err)
	}
	if p, _ := f.GetPanes("问题"); !p.Freeze || p.XSplit != 0 || p.YSplit != 1 || p.ActivePane != "bottomLeft" {
		t.Errorf("问题 panes %+v", p)
	}
	id, _ := f.GetCellStyle("表三", "D2")
	st, err := f.GetStyle(id)
	if err != nil || st.Font == nil || !st.Font.Bold || st.Alignment == nil || st.Alignment.Horizontal != "center" ||
		!st.Alignment.WrapText || len(st.Border) != 4 || st.Border[0].Style != 1 || st.Fill.Pattern != 1 {
		// (excelize reports no colours of a workbook without a theme: they are in the golden file)
		t.Errorf("表三!D2 style %+v %+v, %v", st, st.Font, err)
	}
	id, _ = f.GetCellStyle("表三", "C3")
	if st, _ := f.GetStyle(id); st.CustomNumFmt == nil || *st.CustomNumFmt != "0.000000" || st.Protection == nil || st.Protection.Locked {
		t.Errorf("表三!C3 style %+v", st)
	}
	id, _ = f.GetCellStyle("表三", "B3")
	if st, _ := f.GetStyle(id); st.NumFmt != 49 {
		t.Errorf("表三!B3 number format %d, want 49 (text)", st.NumFmt)
	}
	props, err := f.GetDocProps()
	if err != nil || props.Title != "2023年 表三 & 汇总" || props.Creator != "nianbao" || props.Created != "2019-01-01T00:00:00Z" || props.Modified != "2019-01-01T19:04:05Z" {
		t.Errorf("properties %+v, %v", props, err)
	}
	custom, err := f.GetCustomProps()
	if err != nil || len(custom) != 2 || custom[0].Name != "nianbao.formatVersion" || custom[0].Value != "2021" || custom[1].Value != "<a & b>" {
		t.Errorf("custom properties %+v, %v", custom, err)
	}
}

// The project's own reader finds the visible sheets' tables, the
// workbook-scoped names as keys, the title and the custom properties.
func TestSourceReadsWhatWasWritten(t *testing.T) {
	doc, err := xlsx.Read(context.Background(), sample(t), source.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "2023年 表三 & 汇总" || doc.Meta["nianbao.formatVersion"] != "2021" {
		t.Errorf("title %q, meta %v", doc.Title, doc.Meta)
	}
	cells := map[string]source.Cell{}
	for _, b := range doc.Blocks {
		if b.Loc.Sheet == "hidden's" {
			t.Error("the hidden sheet was read as a table")
		}
		for _, row := range b.Table.Grid {
			for _, c := range row {
				if !c.Covered {
					cells[c.Loc.Sheet+"!"+c.Loc.Ref] = c
				}
			}
		}
	}
	for ref, want := range map[string]string{
		"表三!A1": "2023年表三 <收到> & 处理", "表三!C3": "326.58", "表三!F3": "110", "表三!D5": "123456789012.12346",
		"表三!A5": " 前后有空格 \n第二行\r\n_x0041_ \x01", "表三!G5": "有", "表三!E5": "TRUE", "问题!B2": "表三不平衡",
	} {
		if got := cells[ref].Text; got != want {
			t.Errorf("%s = %q, want %q", ref, got, want)
		}
	}
	if c := cells["表三!D3"]; c.Key != "table3.newReceived.naturalPerson" || c.Text != "96" {
		t.Errorf("表三!D3 = %+v, want 96 keyed table3.newReceived.naturalPerson", c)
	}
	if c := cells["表三!D2"]; c.Text != "申请人情况" || c.ColSpan != 3 {
		t.Errorf("表三!D2 = %+v, want 申请人情况 over three columns", c)
	}
}

// The same calls give the same bytes, and those bytes are the golden file's
// (go test -run Golden -update rewrites it).
func TestGolden(t *testing.T) {
	a, b := sample(t), sample(t)
	if !bytes.Equal(a, b) {
		t.Fatal("two workbooks of the same calls differ")
	}
	names, body := parts(t, a)
	var got strings.Builder
	for _, n := range names {
		got.WriteString("=== " + n + "\n" + body[n] + "\n")
	}
	path := filepath.Join("testdata", "sample.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -run Golden -update writes it)", err)
	}
	if got.String() != string(want) {
		t.Errorf("the workbook's parts differ from %s (go test -run Golden -update, and review the diff):\n%s", path, firstDiff(got.String(), string(want)))
	}
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return "line " + strconv.Itoa(i+1) + ":\n got  " + a + "\n want " + b
		}
	}
	return ""
}
