package report_test

import (
	"fmt"
	"os"

	"github.com/nianbao/nianbao/shared/report"
)

func ExampleDecode() {
	doc, err := os.ReadFile("../../testdata/seed-2020.json")
	if err != nil {
		panic(err)
	}
	r, findings := report.Decode(doc)
	fmt.Println(r.DisplayTitle(), len(findings))
	licensing, _ := r.Cell("table2.art20_5.licensing.decisions")
	fmt.Println(r.Layout().Describe("table2.art20_5.licensing.decisions"), licensing)
	// Output:
	// 西工区教育体育局2020年政府信息公开工作年度报告 0
	// 表二“第二十条第（五）项 行政许可”行“处理决定数量”列 268
}

func ExampleDecode_findings() {
	_, findings := report.Decode([]byte(`{"formatVersion":"2021","reportYear":2023,"agency":{"name":"某某局","creditCode":"11330500MB1D58273F"},
		"sections":{"overview":"…","problemsAndImprovements":"…","otherMatters":"…"},
		"table2":{},"table3":{},"table4":{"reconsideration":{"upheld":-1}}}`))
	for _, f := range findings[:3] {
		fmt.Println(f.Rule, f.Path, f.Message)
	}
	// Output:
	// required table2.art20_1 缺少必填项“table2.art20_1”
	// required table2.art20_5 缺少必填项“table2.art20_5”
	// required table2.art20_6 缺少必填项“table2.art20_6”
}
