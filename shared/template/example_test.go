package template_test

import (
	"bytes"
	"context"
	"fmt"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/xlsx"
	"github.com/nianbao/nianbao/shared/template"
)

// A blank workbook for the 2021 format: reading it back gives the declared
// version and the contract path of each value cell, here the one that
// 表三's first row total.
func ExampleXLSX() {
	var b bytes.Buffer
	if err := template.XLSX(&b, report.Format2021); err != nil {
		fmt.Println(err)
		return
	}
	doc, err := xlsx.Read(context.Background(), b.Bytes(), source.DefaultLimits)
	if err != nil {
		fmt.Println(err)
		return
	}
	v, _ := template.Version(doc.Meta)
	fmt.Println("version:", v)
	for _, bl := range doc.Blocks {
		if bl.Loc.Sheet == "表三" {
			c := bl.Table.Grid[3][9]
			fmt.Println(bl.Table.Grid[3][0].Text, bl.Table.Grid[1][9].Text, c.Loc.Ref, c.Key)
		}
	}
	// Output:
	// version: 2021
	// 一、本年新收政府信息公开申请数量 总计 J4 table3.newReceived.total
}
