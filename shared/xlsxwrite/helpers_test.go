package xlsxwrite_test

import (
	"archive/zip"
	"bytes"
	"io"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/xlsxwrite"
)

// sample is a workbook with everything the writer does: a visible sheet
// with styles, merges, widths, a height, frozen panes, numbers, text that
// needs escaping, formulas with and without cached values; a hidden sheet;
// a third sheet; workbook- and sheet-scoped names; core and custom
// properties.
func sample(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	wb := xlsxwrite.New(&b, xlsxwrite.Options{
		Properties: xlsxwrite.Properties{
			Title: "2023年 表三 & 汇总", Subject: "测试", Creator: "nianbao",
			Created:  time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC),
			Modified: time.Date(2019, 1, 2, 3, 4, 5, 0, time.FixedZone("CST", 8*3600)),
			Custom:   []xlsxwrite.Property{{Name: "nianbao.formatVersion", Value: "2021"}, {Name: "note", Value: "<a & b>"}},
		},
		CalcOnLoad: true,
	})
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	style := func(s xlsxwrite.Style) xlsxwrite.StyleID {
		t.Helper()
		id, err := wb.Style(s)
		must(err)
		return id
	}
	head := style(xlsxwrite.Style{Bold: true, Horizontal: "center", Vertical: "center", Wrap: true, Border: "999999", Fill: "F2F2F2"})
	title := style(xlsxwrite.Style{Bold: true, Size: 14})
	textFmt := style(xlsxwrite.Style{NumFmt: "@"})
	money := style(xlsxwrite.Style{NumFmt: "0.000000", Border: "000000", Unlocked: true})

	s, err := wb.AddSheet("表三", xlsxwrite.SheetOptions{
		Cols:       []xlsxwrite.Col{{Min: 4, Max: 6, Width: 14}, {Min: 1, Max: 1, Width: 28}},
		FreezeRows: 2, FreezeCols: 1,
	})
	must(err)
	must(s.WriteRow(1, xlsxwrite.Row{Cells: []xlsxwrite.Cell{xlsxwrite.Text("2023年表三 <收到> & 处理").With(title)}}))
	must(s.WriteRow(2, xlsxwrite.Row{Height: 36, Cells: []xlsxwrite.Cell{
		xlsxwrite.Text("机关名称").With(head), xlsxwrite.Text("统一社会信用代码").With(head), xlsxwrite.Text("金额").With(head),
		xlsxwrite.Text("申请人情况").With(head), xlsxwrite.Cell{}.With(head), xlsxwrite.Cell{}.With(head),
	}}))
	must(s.WriteRow(3, xlsxwrite.Row{Cells: []xlsxwrite.Cell{
		xlsxwrite.Text("吴兴区人民政府"), xlsxwrite.Text("11330500MB1D000016").With(textFmt), xlsxwrite.Number("326.58").With(money),
		xlsxwrite.Int(96), xlsxwrite.Int(14), xlsxwrite.Formula("SUM(D3:E3)", xlsxwrite.Int(110)),
	}}))
	must(s.WriteRow(5, xlsxwrite.Row{Cells: []xlsxwrite.Cell{
		xlsxwrite.Text(" 前后有空格 \n第二行\r\n_x0041_ \x01"), {}, xlsxwrite.Number("-0.000001"),
		xlsxwrite.Number("123456789012.123456"), xlsxwrite.Bool(true), xlsxwrite.Formula("SUM(D5:D3)", xlsxwrite.Cell{}),
		xlsxwrite.Formula(`IF(D3>0,"有","无")`, xlsxwrite.Text("有")),
	}}))
	must(s.Merge(xlsxwrite.Range{Top: 2, Left: 4, Bottom: 2, Right: 6}))
	must(wb.DefineName(xlsxwrite.Name{Name: "table3.newReceived.naturalPerson", RefersTo: xlsxwrite.Absolute("表三", 3, 4)}))
	must(wb.DefineName(xlsxwrite.Name{Name: "总计", Sheet: "表三", RefersTo: xlsxwrite.Absolute("表三", 3, 6)}))

	h, err := wb.AddSheet("hidden's", xlsxwrite.SheetOptions{Hidden: true})
	must(err)
	must(h.WriteRow(1, xlsxwrite.Row{Cells: []xlsxwrite.Cell{xlsxwrite.Text("secret")}}))
	must(wb.DefineName(xlsxwrite.Name{Name: "总计", RefersTo: xlsxwrite.Absolute("hidden's", 1, 1)}))

	q, err := wb.AddSheet("问题", xlsxwrite.SheetOptions{FreezeRows: 1})
	must(err)
	must(q.WriteRow(1, xlsxwrite.Row{Cells: []xlsxwrite.Cell{xlsxwrite.Text("规则").With(head), xlsxwrite.Text("说明").With(head)}}))
	must(q.WriteRow(2, xlsxwrite.Row{Cells: []xlsxwrite.Cell{xlsxwrite.Text("H1"), xlsxwrite.Text("表三不平衡")}}))
	must(q.Merge(xlsxwrite.Range{Top: 4, Left: 1, Bottom: 5, Right: 1}))
	must(wb.Close())
	return b.Bytes()
}

// parts returns the zip's parts, in order, by name.
func parts(t testing.TB, data []byte) (names []string, body map[string]string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	body = map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		names = append(names, f.Name)
		body[f.Name] = string(b)
	}
	return names, body
}
