// Package reporttest makes many distinct, valid reports from one example, for
// load, fault and archive tests: other agencies and other versions of the
// 2021 example (testdata/example-2021.json); and, for the importer's
// tests, any report with its tables drawn at random (Tables).
package reporttest

import (
	"bytes"
	"fmt"

	"github.com/nianbao/nianbao/shared/report"
)

// ExampleCreditCode is the credit code of testdata/example-2021.json.
const ExampleCreditCode = "11330500MB1D58273F"

// versionSentence is a figure in the example's prose that no check reads, so
// changing it makes a new version that is still valid and warning-free.
const versionSentence = "全年发布信息628条"

// CreditCode returns a valid 统一社会信用代码 for the n-th test agency.
func CreditCode(n int) string {
	base := fmt.Sprintf("11330500MB1D%05d", n)
	check, _ := report.CreditCodeCheck(base)
	return base + string(check)
}

// Variant returns the example filed by test agency agency (agency < 0 keeps
// the example's own), in its version-th version.
func Variant(example []byte, agency, version int) []byte {
	out := bytes.Replace(example, []byte(versionSentence), fmt.Appendf(nil, "全年发布信息%d条", 10_000+version), 1)
	if bytes.Equal(out, example) {
		panic("reporttest: the example no longer holds " + versionSentence)
	}
	if agency >= 0 {
		out = bytes.Replace(out, []byte(ExampleCreditCode), []byte(CreditCode(agency)), 1)
	}
	return out
}
