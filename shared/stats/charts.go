package stats

import (
	"strconv"

	"github.com/nianbao/nianbao/shared/chart"
)

// TopAgencies is how many agencies the requests chart names; the rest are
// one bar (the table and the JSON list every agency).
const TopAgencies = 20

// Chart is a drawn chart with the id its table alternative refers to.
type Chart struct {
	ID    string
	Title string
	SVG   string
}

// Charts draws the figures: requests per agency, the outcome mix, review
// and litigation, and the trend.
func (f *Figures) Charts() []Chart {
	year := strconv.Itoa(f.Year) + "年"
	var out []Chart
	add := func(id, title, svg string) { out = append(out, Chart{ID: id, Title: title, SVG: svg}) }

	req := chart.Series{Name: "本年新收"}
	var labels []string
	var rest int64
	for i, a := range f.Requests {
		if i < TopAgencies {
			labels = append(labels, a.Name)
			req.Values = append(req.Values, a.NewReceived)
		} else {
			rest += a.NewReceived
		}
	}
	if n := len(f.Requests) - TopAgencies; n > 0 {
		labels = append(labels, "其余 "+strconv.Itoa(n)+" 个机关")
		req.Values = append(req.Values, rest)
	}
	add("requests", "各机关本年新收申请", chart.Bars{ID: "requests", Title: year + "各机关本年新收政府信息公开申请",
		Desc:   "按新收申请数从多到少，前 " + strconv.Itoa(TopAgencies) + " 个机关；下方表格列出全部机关",
		Labels: labels, Series: []chart.Series{req}, Unit: "件"}.SVG())

	out1 := chart.Series{Name: "（七）总计中"}
	labels = nil
	for _, o := range f.Outcomes {
		labels = append(labels, o.Label)
		out1.Values = append(out1.Values, o.Count)
	}
	add("outcomes", "办理结果", chart.Bars{ID: "outcomes", Title: year + "申请办理结果",
		Desc: "表三（七）总计 " + chart.Group(f.Done) + " 件按办理结果分", Labels: labels, Series: []chart.Series{out1}, Unit: "件"}.SVG())

	cols := []chart.Series{{Name: "结果维持"}, {Name: "结果纠正"}, {Name: "其他结果"}, {Name: "尚未审结"}}
	labels = nil
	for _, g := range f.Review {
		labels = append(labels, g.Label)
		for i, v := range []int64{g.Upheld, g.Corrected, g.Other, g.Pending} {
			cols[i].Values = append(cols[i].Values, v)
		}
	}
	add("review", "行政复议、行政诉讼", chart.Bars{ID: "review", Title: year + "行政复议、行政诉讼",
		Desc:   "表四按结果分；已审结 " + chart.Group(f.Decided) + " 件中被纠错 " + chart.Group(f.Corrected) + " 件，被纠错率 " + f.CorrectedRate,
		Labels: labels, Series: cols, Unit: "件"}.SVG())

	var xs []string
	series := []chart.Series{{Name: "本年新收申请"}, {Name: "办结"}, {Name: "行政复议"}, {Name: "行政诉讼"}}
	for _, y := range f.Trend {
		xs = append(xs, strconv.Itoa(y.Year))
		for i, v := range []int64{y.NewReceived, y.Done, y.Reconsideration, y.Litigation} {
			series[i].Values = append(series[i].Values, v)
		}
	}
	add("trend", "历年趋势", chart.Lines{ID: "trend", Title: "历年趋势（" + strconv.Itoa(f.TrendFrom) + "–" + strconv.Itoa(f.Year) + " 年）",
		Desc: "本年新收申请、办结、行政复议与行政诉讼案件数，按年度", X: xs, Series: series, Unit: "件"}.SVG())
	return out
}
