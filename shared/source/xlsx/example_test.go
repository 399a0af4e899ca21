package xlsx_test

import (
	"bytes"
	"context"
	"fmt"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/xlsx"
	"github.com/nianbao/nianbao/shared/template"
)

// Reading nianbao's blank workbook of the 2019 format: each sheet's used
// range is a table, merged cells repeat their text at the positions they
// cover, and every location names its sheet and cell.
func ExampleRead() {
	var b bytes.Buffer
	if err := template.XLSX(&b, report.Trial2019); err != nil {
		fmt.Println(err)
		return
	}
	doc, err := xlsx.Read(context.Background(), b.Bytes(), source.DefaultLimits)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, bl := range doc.Blocks {
		if bl.Loc.Sheet != "表二" {
			continue
		}
		t := bl.Table
		fmt.Println(t.Texts(0)[:3])
		fmt.Println(t.Texts(1))
		c := t.Grid[2][3]
		fmt.Println(c.Loc, c.Key, c.Covered)
	}
	// Output:
	// [第二十条第（一）项 第二十条第（一）项 第二十条第（一）项]
	// [信息内容 本年新制作数量 本年新制作数量 本年新公开数量 本年新公开数量 对外公开总数量 对外公开总数量]
	// 工作表“表二” D3 表5 第3行第4列 table2.art20_1.regulations.newlyPublished false
}
