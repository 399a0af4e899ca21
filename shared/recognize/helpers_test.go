package recognize

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/plaintext"
)

func readDoc(text string) (*source.Document, error) {
	return plaintext.Read(context.Background(), []byte(text), source.DefaultLimits)
}

// recognizeText reads text as a dump and recognises it.
func recognizeText(t *testing.T, text string) *Draft {
	t.Helper()
	doc, err := readDoc(text)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	d, err := Recognize(context.Background(), doc)
	if err != nil {
		t.Fatalf("recognize: %v\n%s", err, text)
	}
	return d
}

// cellOf returns a cell as text: the value, "/" or "" when unset.
func cellOf(d *Draft, path string) string {
	c, ok := d.Report.Cell(path)
	if !ok {
		panic("no cell " + path)
	}
	return c.String()
}

// row returns a row's cells joined by spaces, "_" for unset.
func row(d *Draft, path string) string {
	var out []string
	l := d.Report.Layout()
	for _, c := range l.Cells() {
		if strings.HasPrefix(c.Path, path+".") && !strings.Contains(c.Path[len(path)+1:], ".") {
			if v := cellOf(d, c.Path); v != "" {
				out = append(out, v)
			} else {
				out = append(out, "_")
			}
		}
	}
	return strings.Join(out, " ")
}

// findingAt returns the first finding of rule naming path (as its path or
// among its related cells).
func findingAt(d *Draft, rule, path string) (report.Finding, bool) {
	for _, f := range d.Findings {
		if f.Rule == rule && (f.Path == path || slices.Contains(f.Related, path)) {
			return f, true
		}
	}
	return report.Finding{}, false
}

func rules(d *Draft) []string {
	var out []string
	for _, f := range d.Findings {
		out = append(out, f.Rule+" "+f.Path)
	}
	return out
}

// report2021 is a small 2021 report as a text dump: headings, and the
// tables as tab-separated rows; t3 replaces 表三's rows when given.
func report2021(t2, t3, t4 string) string {
	if t2 == "" {
		t2 = "第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n行政规范性文件\t5\t3\t27\n" +
			"第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t1346\n第二十条第（六）项\n行政处罚\t87\n行政强制\t2\n" +
			"第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t326.58\n"
	}
	if t3 == "" {
		t3 = table3Rows(report.Format2021, nil)
	}
	if t4 == "" {
		t4 = "行政复议\t\t\t\t\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n2\t1\t1\t1\t5\t2\t0\t0\t1\t3\t1\t0\t0\t0\t1\n"
	}
	return "某某市自然资源和规划局2023年政府信息公开工作年度报告\n\n一、总体情况\n\n本年度本局认真贯彻条例。\n\n" +
		"二、主动公开政府信息情况\n\n" + t2 + "\n三、收到和处理政府信息公开申请情况\n\n" +
		"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n" + t3 +
		"\n四、政府信息公开行政复议、行政诉讼情况\n\n" + t4 +
		"\n五、存在的主要问题及改进情况\n\n本局将继续改进。\n\n六、其他需要报告的事项\n\n本年度未收取信息处理费。\n"
}

// table3Rows prints 表三 as tab-separated rows, each row's label in the
// format's words and values that satisfy the identities: the outcome rows
// 1, 0, 0, 0, 0, 0, 1 each (0 for those in zero), 新收 their sum, 结转 and
// 结转下年度 0. label may rename a row by its path.
func table3Rows(v report.Version, label map[string]string, zero ...string) string {
	l := report.LayoutOf(v)
	var b strings.Builder
	outcomes := 0
	for _, r := range l.Table3.Rows {
		if r.Outcome && !slices.Contains(zero, r.Key) {
			outcomes++
		}
	}
	for _, r := range l.Table3.Rows {
		name := r.Level1
		if r.Level2 != "" {
			name = r.Level2
		}
		if r.Level3 != "" {
			name = r.Level2 + "\t" + r.Level3
		}
		if s, ok := label[r.Key]; ok {
			name = s
		}
		vals := "0\t0\t0\t0\t0\t0\t0"
		switch {
		case r.Outcome && slices.Contains(zero, r.Key):
		case r.Outcome:
			vals = "1\t0\t0\t0\t0\t0\t1"
		case r.Key == "newReceived", r.Key == "results.resultsTotal":
			vals = fmt.Sprintf("%d\t0\t0\t0\t0\t0\t%d", outcomes, outcomes)
		}
		fmt.Fprintf(&b, "%s\t%s\n", name, vals)
	}
	return b.String()
}
