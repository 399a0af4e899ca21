package validate_test

import (
	"fmt"
	"os"
	"time"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/validate"
)

func ExampleDocument() {
	doc, err := os.ReadFile("../../testdata/fixtures/H1.json")
	if err != nil {
		panic(err)
	}
	now := time.Date(2026, 1, 20, 0, 0, 0, 0, time.UTC)
	_, findings := validate.Document(doc, validate.NewOptions(nil, now))
	for _, f := range findings {
		fmt.Println(f.Rule, f.Severity, f.Path, f.Got, f.Want)
	}
	fmt.Println("valid:", !report.HasErrors(findings))
	// Output:
	// H1 error table3.carriedToNextYear.naturalPerson 101 100
	// H1 error table3.carriedToNextYear.commercialEnterprise 14 15
	// valid: false
}

func ExampleRules() {
	for _, r := range validate.Rules()[:5] {
		fmt.Println(r.ID, r.Severity, r.Zh)
	}
	rule, _ := validate.RuleByID(report.RuleGlyph)
	fmt.Println(rule.ID, rule.Decoded, rule.En)
	// Output:
	// H1 error 表三每一列：本年新收与上年结转之和等于办理结果总计与结转下年度继续办理之和
	// H2 error 表三每一列：（七）总计等于（一）至（六）各项办理结果之和
	// H3 error 表三每一行：总计等于自然人与法人或其他组织五列之和
	// H4 error 表四每一组：总计等于结果维持、结果纠正、其他结果、尚未审结之和
	// H5 error 数量为非负整数（2019年格式的“本年增/减”可为负数），金额不为负数
	// glyph false every character can be printed: not a control, inside the BMP, and in the PDF's fonts
}
