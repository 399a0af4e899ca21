package recognize

import (
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/report"
)

// flat prints 表三 the way a crawler's text dump does: every label and its
// values run together on one line.
func flat(rows map[string]string) string {
	var b strings.Builder
	b.WriteString("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他")
	for _, r := range report.LayoutOf(report.Format2021).Table3.Rows {
		label := r.Level1
		if r.Level2 != "" {
			label = r.Level2 + r.Level3
		}
		v, ok := rows[r.Key]
		if !ok {
			v = "0000000"
		}
		b.WriteString(label + v)
	}
	return b.String() + "\n"
}

func TestFlattened(t *testing.T) {
	tests := []struct {
		name    string
		rows    map[string]string
		want    map[string]string // row path → cells, "_" unset
		rule    string            // a finding that must name flagged
		flagged string
	}{
		{
			name: "one digit per cell",
			rows: map[string]string{"newReceived": "1000001", "results.granted": "1000001", "results.resultsTotal": "1000001"},
			want: map[string]string{"newReceived": "1 0 0 0 0 0 1", "results.granted": "1 0 0 0 0 0 1"},
		},
		{
			// 12 applications by natural persons: 120000012 has many splits
			// into seven cells; only one satisfies the identities.
			name: "the identities decide",
			rows: map[string]string{"newReceived": "120000012", "results.granted": "120000012", "results.resultsTotal": "120000012"},
			want: map[string]string{"newReceived": "12 0 0 0 0 0 12", "results.granted": "12 0 0 0 0 0 12", "results.resultsTotal": "12 0 0 0 0 0 12"},
			rule: RuleInferred, flagged: "table3.results.granted.naturalPerson",
		},
		{
			// 11000011 splits into seven cells in ways none of which adds up.
			name: "no split adds up",
			rows: map[string]string{"newReceived": "1000001", "results.granted": "11000011", "results.resultsTotal": "1000001"},
			want: map[string]string{"newReceived": "1 0 0 0 0 0 1", "results.granted": "_ _ 0 0 0 _ _"}, // the zeros every split agrees on are read
			rule: RuleAmbiguous, flagged: "table3.results.granted.naturalPerson",
		},
		{
			// The published table does not add up: the digits are read as
			// printed and the validator reports it; nothing is “fixed”.
			name: "a published inconsistency is kept",
			rows: map[string]string{"results.unableToProvide.notHeld": "3000025"},
			want: map[string]string{"results.unableToProvide.notHeld": "3 0 0 0 0 2 5", "results.resultsTotal": "0 0 0 0 0 0 0"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := recognizeText(t, report2021("", flat(tt.rows), ""))
			for key, want := range tt.want {
				if got := row(d, "table3."+key); got != want {
					t.Errorf("%s = %s, want %s; %v", key, got, want, rules(d))
				}
			}
			if tt.rule != "" {
				if _, ok := findingAt(d, tt.rule, tt.flagged); !ok {
					t.Errorf("no %s finding at %s; %v", tt.rule, tt.flagged, rules(d))
				}
			}
			for path, p := range d.Provenance {
				if strings.HasPrefix(path, "table3.") && p.Method != Inferred && p.Method != LabelMatched {
					t.Errorf("%s: method %s", path, p.Method)
				}
			}
		})
	}
}

// TestCandidates lists the readings of rows no identity decides.
func TestCandidates(t *testing.T) {
	tests := []struct {
		line, path, want string
	}{
		{"行政许可20+1737", "table2.art20_5.licensing", "20、1、737；20、17、37；20、173、7"},
		{"政府集中采购156805947.43元", "table2.art20_9.centralizedProcurement", "1、5680.594743；15、680.594743；156、80.594743"},
		{"规范性文件7777166", "table2.art20_1.normativeDocuments", "7、7、77166；7、77、7166；7、777、166"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			t2 := "第二十条第（一）项信息内容本年新制作数量本年新公开数量对外公开总数量规章000" + strings.TrimPrefix(tt.line, "规章000") + "\n"
			if !strings.HasPrefix(tt.line, "规范性文件") {
				t2 = "第二十条第（五）项信息内容上一年项目数量本年增/减处理决定数量" + tt.line + "\n"
			}
			text := strings.Replace(report2021(t2, table3Rows(report.Trial2019, nil), ""), "2023年", "2020年", 1)
			d := recognizeText(t, text)
			var f report.Finding
			for _, x := range d.Findings {
				if x.Rule == RuleAmbiguous && strings.HasPrefix(x.Path, tt.path) {
					f = x
				}
			}
			if !strings.Contains(f.Message, tt.want) {
				t.Errorf("finding %q lacks the readings %q; %v", f.Message, tt.want, rules(d))
			}
		})
	}
}

// TestBounded gives the splitter digits past any reading: it gives up at
// once instead of enumerating.
func TestBounded(t *testing.T) {
	t3 := "一、本年新收政府信息公开申请数量" + strings.Repeat("1", 90) + "\n" + "二、上年结转政府信息公开申请数量" + strings.Repeat("1", 40) + "\n"
	d := recognizeText(t, report2021("", t3, ""))
	if got := row(d, "table3.newReceived"); got != "_ _ _ _ _ _ _" {
		t.Errorf("90 digits read as %s", got)
	}
	if got := row(d, "table3.carriedOverFromLastYear"); got != "_ _ _ _ _ _ _" {
		t.Errorf("40 digits read as %s", got)
	}
}

// TestLexRunTogether lexes what dumps run together: a marker between a
// row's label and its numbers or after them, a marker inside a label.
func TestLexRunTogether(t *testing.T) {
	tests := []struct{ text, want string }{
		{"行政事业性收费/3", "L:行政事业性收费 M:/ N:3"},
		{"行政处罚5-17/行政强制", "L:行政处罚 N:5 N:-17 M:/ L:行政强制"},
		{"本年增/减", "L:本年增/减"},
		{"行政强制无130", "L:行政强制 M:无 N:130"},
		{"行政强制013无第二十条第（八）项", "L:行政强制 N:013 M:无 L:第二十条第（八）项"},
		{"4.无正当理由大量反复申请0", "L:4.无正当理由大量反复申请 N:0"},
		{"行政强制—13", "L:行政强制 M:— N:13"},
	}
	for _, tt := range tests {
		var got []string
		for _, tk := range lex(tt.text, -1, nil) {
			got = append(got, map[tokKind]string{tLabel: "L", tNum: "N", tMark: "M", tBlank: "B"}[tk.kind]+":"+tk.text)
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("lex(%q) = %s, want %s", tt.text, g, tt.want)
		}
	}
}

// TestThousandsSpace reads a number grouped by a space in running text
// both ways: as one number and as two cells.
func TestThousandsSpace(t *testing.T) {
	tests := []struct {
		cells int
		want  []string
	}{
		{2, []string{"2290|18"}},
		{3, []string{"2|290|18", "2290|1|8", "229|0|18", "22|90|18"}},
	}
	for _, tt := range tests {
		kinds := make([]report.Kind, tt.cells)
		for i := range kinds {
			kinds[i] = report.Count
		}
		cands, mode := readRow(lex("2 290 18", -1, nil), false, kinds, "")
		var got []string
		for _, c := range cands {
			var vs []string
			for _, v := range c {
				vs = append(vs, v.v.String())
			}
			got = append(got, strings.Join(vs, "|"))
		}
		slices.Sort(got)
		slices.Sort(tt.want)
		if mode != readSplit || !slices.Equal(got, tt.want) {
			t.Errorf("2 290 18 in %d cells: readings %q (mode %d), want %q as splits", tt.cells, got, mode, tt.want)
		}
	}
}
