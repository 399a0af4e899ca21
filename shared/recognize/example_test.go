package recognize_test

import (
	"context"
	"fmt"

	"github.com/nianbao/nianbao/shared/recognize"
	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/plaintext"
)

// A crawler's dump runs 表二 together: 规章000 splits one way only, 行政许可
// 20+1737 three ways, which no identity decides.
func ExampleRecognize() {
	text := "某局2019年度政府信息公开工作年度报告\n一、总体情况\n正文。\n" +
		"二、主动公开政府信息情况第二十条第（一）项信息内容本年新制作数量本年新公开数量对外公开总数量规章000" +
		"第二十条第（五）项信息内容上一年项目数量本年增/减处理决定数量行政许可20+1737\n"
	doc, err := plaintext.Read(context.Background(), []byte(text), source.DefaultLimits)
	if err != nil {
		panic(err)
	}
	d, err := recognize.Recognize(context.Background(), doc)
	if err != nil {
		panic(err)
	}
	fmt.Println(d.Report.FormatVersion, d.Report.ReportYear, d.Report.Agency.Name)
	for _, path := range []string{"table2.art20_1.regulations.newlyMade", "table2.art20_5.licensing.prevYearItemCount", "table2.art20_5.licensing.decisions"} {
		c, _ := d.Report.Cell(path)
		method := d.Provenance[path].Method
		if method == "" {
			method = "unset"
		}
		fmt.Printf("%s %q %s\n", path, c, method)
	}
	for _, f := range d.Findings {
		if f.Rule == recognize.RuleAmbiguous {
			fmt.Println(f.Path, f.Message)
		}
	}
	// Output:
	// 2019-trial 2019 某局
	// table2.art20_1.regulations.newlyMade "0" label-matched
	// table2.art20_5.licensing.prevYearItemCount "20" inferred
	// table2.art20_5.licensing.decisions "" unset
	// table2.art20_5.licensing.itemCountChange 表二“第二十条第（五）项 行政许可”行原文为“20 +1737”，可以有多种读法：20、1、737；20、17、37；20、173、7；无法确定的单元格未导入，请对照原文填写
}
