package recognize

import (
	"context"
	"testing"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/source"
)

// FuzzRecognizeText recognises any text: it refuses or gives a draft whose
// every set cell is a value its kind allows, and never panics.
func FuzzRecognizeText(f *testing.F) {
	for _, s := range []string{
		report2021("", "", ""),
		report2021("", flat(map[string]string{"newReceived": "120000012"}), ""),
		"某局2019年度政府信息公开工作年度报告\n一、总体情况\n二、主动公开政府信息情况第二十条第（五）项行政许可20+1737政府集中采购156805947.43元\n",
		"四、政府信息公开行政复议、行政诉讼情况\n行政复议行政诉讼结果维持000000000000000\n五、存在的主要问题及改进情况（一）",
		"| 1.本机关不掌握相关政 | 4 | 0 | 0 |\n| 0 | 0 |\n（六）其他处理 3 0 0\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		doc, err := readDoc(text)
		if err != nil {
			return
		}
		checkDraft(t, doc)
	})
}

// FuzzRecognizeGrid recognises tables of any shape and text: rows from
// lines, cells from tabs, spans from the bytes.
func FuzzRecognizeGrid(f *testing.F) {
	f.Add("一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n\t0\t0\t0\t0\t0\t0\t0\n（七）总计\t1\t0\t0\t0\t0\t0\t1", []byte{1, 2, 3})
	f.Add("行政复议\t2\t1\t1\t1\t5\n结果维持\t结果纠正\n0 0 0 0 0 0 0 0 0 0 0 0 0 0 0", []byte{0, 200})
	f.Fuzz(func(t *testing.T, text string, spans []byte) {
		var rows [][]source.SourceCell
		i := 0
		for _, line := range splitLines(text) {
			var row []source.SourceCell
			for _, cell := range splitTabs(line) {
				c := source.SourceCell{Text: cell}
				if i < len(spans) {
					c.RowSpan, c.ColSpan = int(spans[i]%4), int(spans[i]/64)
					i++
				}
				row = append(row, c)
			}
			rows = append(rows, row)
		}
		tb, _ := source.Layout(rows, 1, 8, 2000)
		doc := &source.Document{Kind: source.HTML, Blocks: []source.Block{
			{Kind: source.Paragraph, Text: "三、收到和处理政府信息公开申请情况"},
			{Kind: source.TableBlock, Table: tb},
		}}
		checkDraft(t, doc)
	})
}

func checkDraft(t *testing.T, doc *source.Document) {
	d, err := Recognize(context.Background(), doc)
	if err != nil {
		return
	}
	l := d.Report.Layout()
	for _, spec := range l.Cells() {
		c, _ := d.Report.Cell(spec.Path)
		if c.State != report.Number {
			continue
		}
		if !fits(spec.Kind, c.Value) {
			t.Fatalf("%s = %s does not fit its kind", spec.Path, c.Value)
		}
		if _, ok := d.Provenance[spec.Path]; !ok {
			t.Fatalf("%s set without provenance", spec.Path)
		}
	}
	for _, f := range d.Findings {
		if f.Message == "" || f.Rule == "" {
			t.Fatalf("empty finding %+v", f)
		}
	}
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func splitTabs(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\t' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}
