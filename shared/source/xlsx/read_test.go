package xlsx_test

import (
	"context"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/xlsx"
)

func TestRead(t *testing.T) {
	tests := []struct {
		name string
		book book
		want []string
	}{
		{"values as the cells hold them",
			book{sheets: []string{"表二"}, shared: []string{`<t>规章</t>`, `<r><t>行政</t></r><r><rPr/><t>许可</t></r><rPh><t>xingzheng</t></rPh>`},
				xml: map[string]string{"表二": sheetData(
					row("1", c("A1", ` t="s"`, `<v>0</v>`), c("B1", ``, `<v>7</v>`), c("C1", ``, `<v>326.57999999999998</v>`), c("D1", ` t="inlineStr"`, `<is><t>/</t></is>`)),
					row("2", c("A2", ` t="s"`, `<v>1</v>`), c("B2", ``, `<f>SUM(B1:B1)</f><v>7</v>`), c("C2", ` t="str"`, `<f>"a"&amp;"b"</f><v>ab</v>`), c("D2", ` t="b"`, `<v>1</v>`)),
					row("3", c("A3", ` t="e"`, `<v>#DIV/0!</v>`), c("B3", ``, `<v>1.5E-3</v>`), c("C3", ``, `<f>SUM(A1)</f>`), c("D3", ` s="3"`, ``)))}},
			[]string{"表二!A1:规章|7|326.58|//行政许可|7|ab|TRUE/#DIV/0!|0.0015||"}},
		{"merged ranges resolved",
			book{sheets: []string{"表三"}, xml: map[string]string{"表三": sheetData(
				row("1", c("A1", ` t="inlineStr"`, `<is><t>A</t></is>`), c("B1", ` t="inlineStr"`, `<is><t>B</t></is>`)),
				row("2", c("B2", ``, `<v>1</v>`), c("C2", ``, `<v>2</v>`))) +
				`<mergeCells count="2"><mergeCell ref="A1:A2"/><mergeCell ref="B1:C1"/></mergeCells>`}},
			[]string{"表三!A1:A|B|^/^|1|2"}},
		{"blank rows split tables, each trimmed to its columns",
			book{sheets: []string{"Sheet1"}, xml: map[string]string{"Sheet1": sheetData(
				row("2", c("B2", ``, `<v>1</v>`), c("C2", ``, `<v>2</v>`)),
				row("3", c("B3", ``, `<v>3</v>`)),
				row("4", c("B4", ` s="1"`, ``)),
				row("6", c("D6", ``, `<v>4</v>`), c("F6", ``, `<v>5</v>`)))}},
			[]string{"Sheet1!B2:1|2/3|", "Sheet1!D6:4||5"}},
		{"defined names of single cells are keys, and keep empty cells in the table",
			book{sheets: []string{"表四", "隐藏"}, hidden: map[string]bool{"隐藏": true},
				names: map[string]string{"table4.reconsideration.upheld": `'表四'!$A$2`, "table4.reconsideration.total": `表四!B2`,
					"range": `'表四'!$A$1:$B$2`, "_xlnm.Print_Area": `'表四'!$A$1`},
				xml: map[string]string{"表四": sheetData(row("1", c("A1", ` t="inlineStr"`, `<is><t>结果维持</t></is>`), c("B1", ` t="inlineStr"`, `<is><t>总计</t></is>`)),
					row("2", c("A2", ``, `<v>2</v>`))),
					"隐藏": sheetData(row("1", c("A1", ``, `<v>99</v>`)))}},
			[]string{"表四!A1:结果维持|总计/2#table4.reconsideration.upheld|#table4.reconsideration.total"}},
		{"_xHHHH_ escapes decoded, as Excel writes a carriage return or a control character",
			book{sheets: []string{"S"}, shared: []string{`<t>第一行_x000D_
第二行</t>`, `<r><t>a_x005F_x0041_</t></r>`},
				xml: map[string]string{"S": sheetData(row("1", c("A1", ` t="s"`, `<v>0</v>`), c("B1", ` t="s"`, `<v>1</v>`),
					c("C1", ` t="inlineStr"`, `<is><t>_xD83D__xDE00_|_xD83D_|_x0041|_x0007_</t></is>`), c("D1", ` t="str"`, `<f>"x"</f><v>_x0009_</v>`)))}},
			[]string{"S!A1:第一行\r\n第二行|a_x0041_|😀|\ufffd|_x0041|\a|\t"}},
		{"cells without references follow one another",
			book{sheets: []string{"S"}, xml: map[string]string{"S": `<sheetData><row><c><v>1</v></c><c><v>2</v></c></row><row><c r="B2"><v>3</v></c></row></sheetData>`}},
			[]string{"S!A1:1|2/|3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := xlsx.Read(context.Background(), tt.book.bytes(t), source.DefaultLimits)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if got := grids(doc); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("tables:\ngot  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestReadLocations(t *testing.T) {
	b := book{sheets: []string{"表三"}, xml: map[string]string{"表三": sheetData(row("3", c("C3", ``, `<v>1</v>`), c("D3", ``, `<v>2</v>`)))}}
	doc, err := xlsx.Read(context.Background(), b.bytes(t), source.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	got := doc.Blocks[0].Table.Grid[0][1].Loc
	if got.Sheet != "表三" || got.Ref != "D3" || got.Table != 1 || got.Row != 1 || got.Col != 2 {
		t.Errorf("D3's location = %+v", got)
	}
	if s := got.String(); s != "工作表“表三” D3 表1 第1行第2列" {
		t.Errorf("location reads %q", s)
	}
}
