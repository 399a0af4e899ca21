package ingest_test

import (
	"context"
	"fmt"

	"github.com/nianbao/nianbao/shared/ingest"
)

// A web page's 表二 imported: the cells it prints, where they came from,
// and what a person must still do.
func ExampleImport() {
	page := `<html><head><meta charset="utf-8"><title>某局2023年政府信息公开工作年度报告</title></head><body>
<div class="nav"><a href="/">首页</a></div>
<p>一、总体情况</p><p>本局认真贯彻条例。</p>
<p>二、主动公开政府信息情况</p>
<table><tr><td colspan="4">第二十条第（五）项</td></tr>
<tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>
<tr><td>行政许可</td><td colspan="3">1346</td></tr></table>
</body></html>`
	res, err := ingest.Import(context.Background(), []byte(page), ingest.Options{Name: "page.html"})
	if err != nil {
		panic(err)
	}
	d := res.Draft()
	fmt.Println(res.Kind, d.FormatVersion, d.ReportYear, d.Agency.Name)
	c, _ := d.Cell("table2.art20_5.licensing.decisions")
	fmt.Println(c, res.Provenance["table2.art20_5.licensing.decisions"])
	fmt.Println("valid:", res.Valid())
	for _, f := range res.Findings[:3] {
		fmt.Println(f.Rule, f.Path)
	}
	// Output:
	// html 2021 2023 某局
	// 1346 {label-matched 表1 第3行第2列 1346}
	// valid: false
	// import-missing agency.region
	// import-missing table2.art20_1.regulations.issued
	// import-missing table2.art20_1.regulations.repealed
}
