package nextyear_test

import (
	"fmt"
	"os"

	"github.com/nianbao/nianbao/shared/nextyear"
	"github.com/nianbao/nianbao/shared/report"
)

func ExampleFrom() {
	doc, err := os.ReadFile("../../testdata/seed-2020.json")
	if err != nil {
		panic(err)
	}
	r, _ := report.Decode(doc)
	d, err := nextyear.From(r)
	if err != nil {
		panic(err)
	}
	fmt.Println(d.Report.FormatVersion.Label(), d.Report.DisplayTitle())
	c := d.Carried[0]
	fmt.Println(d.Report.Layout().Describe(c.Path), "←", r.Layout().Describe(c.From[0]))
	// Output:
	// 2021年格式 西工区教育体育局2021年政府信息公开工作年度报告
	// 表三“二、上年结转政府信息公开申请数量”行“自然人”列 ← 表三“四、结转下年度继续办理”行“自然人”列
}
