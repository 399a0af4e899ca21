package main

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/render"
)

func TestLit(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"正文", `"正文"`},
		{`a"b\c`, `"a\"b\\c"`},
		{"#set = [x] $y$ // *z*", `"#set = [x] $y$ // *z*"`}, // markup stays text inside a string
		{"一\n二", `"一\n二"`},
	} {
		if got := lit(tt.in); got != tt.want {
			t.Errorf("lit(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestTypstSourceHoldsEveryText(t *testing.T) {
	doc := &render.Document{
		Title: "标题",
		Blocks: []render.Block{
			render.Heading{Text: "一、总体情况"},
			render.Paragraph{Text: "第一段。\n第二段。"},
			render.Table{Widths: []float64{2, 1}, Header: [][]render.Cell{{{Text: "申请人情况", ColSpan: 2}}},
				Body: [][]render.Cell{{{Text: "行", Align: render.AlignLeft}, {Text: "0"}}}},
		},
	}
	src := typstSource(doc)
	for _, want := range []string{`title: "标题"`, `#heading(level: 1, "一、总体情况")`, `#par("第一段。")`, `#par("第二段。")`,
		`table.cell(colspan: 2, rowspan: 1, "申请人情况")`, `table.cell(colspan: 1, rowspan: 1, align: left + horizon, "行")`, "columns: (2fr, 1fr)"} {
		if !strings.Contains(src, want) {
			t.Errorf("Typst source lacks %s:\n%s", want, src)
		}
	}
}

func TestSummarize(t *testing.T) {
	for _, tt := range []struct {
		in   []float64
		want stats
	}{
		{[]float64{3, 1, 2}, stats{1, 2, 3}},
		{[]float64{4, 1, 3, 2}, stats{1, 2.5, 4}},
		{[]float64{7}, stats{7, 7, 7}},
	} {
		if got := summarize(tt.in); got != tt.want {
			t.Errorf("summarize(%v) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}
