package chart_test

import (
	"fmt"
	"strings"

	"github.com/nianbao/nianbao/shared/chart"
)

func ExampleBars() {
	svg := chart.Bars{ID: "review", Title: "行政复议", Desc: "按结果分",
		Labels: []string{"行政复议"}, Series: []chart.Series{{Name: "结果维持", Values: []int64{6}}, {Name: "结果纠正", Values: []int64{3}}},
		Unit: "件"}.SVG()
	fmt.Println(strings.HasPrefix(svg, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 `))
	fmt.Println(strings.Contains(svg, `<title id="review-t">行政复议</title>`))
	fmt.Println(strings.Contains(svg, `<title>行政复议 结果纠正：3件</title>`))
	// Output:
	// true
	// true
	// true
}
