package recognize

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/source"
)

// tabTable lays out lines of tab-separated cells as a table; a cell "^"
// continues the cell on its left (a column span).
func tabTable(t *testing.T, text string) *source.Table {
	t.Helper()
	var rows [][]source.SourceCell
	for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		var row []source.SourceCell
		for _, cell := range strings.Split(line, "\t") {
			if cell == "^" && len(row) > 0 {
				row[len(row)-1].ColSpan = max(row[len(row)-1].ColSpan, 1) + 1
				continue
			}
			row = append(row, source.SourceCell{Text: strings.ReplaceAll(cell, `\n`, "\n")})
		}
		rows = append(rows, row)
	}
	tb, ok := source.Layout(rows, 1, 64, 100_000)
	if !ok {
		t.Fatal("layout")
	}
	return tb
}

func recognizeDoc(t *testing.T, doc *source.Document) *Draft {
	t.Helper()
	d, err := Recognize(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestPageInOneSheet reads a web page pasted into one sheet: title,
// headings and paragraphs in rows one cell wide between the tables' rows.
func TestPageInOneSheet(t *testing.T) {
	var b strings.Builder
	b.WriteString("某某市自然资源和规划局2023年政府信息公开工作年度报告\t^\t^\t^\t^\t^\t^\t^\n")
	b.WriteString("一、总体情况\t^\t^\t^\t^\t^\t^\t^\n本年度本局认真贯彻条例。\t^\t^\t^\t^\t^\t^\t^\n（一）主动公开\t^\t^\t^\t^\t^\t^\t^\n")
	b.WriteString("二、主动公开政府信息情况\t^\t^\t^\t^\t^\t^\t^\n本局主动公开情况见下表。\t^\t^\t^\t^\t^\t^\t^\n")
	b.WriteString("第二十条第（五）项\t^\t^\t^\t^\t^\t^\t^\n信息内容\t本年处理决定数量\t^\t^\t^\t^\t^\t^\n行政许可\t1346\t^\t^\t^\t^\t^\t^\n")
	b.WriteString("三、收到和处理政府信息公开申请情况\t^\t^\t^\t^\t^\t^\t^\n")
	b.WriteString(table3Rows(report.Format2021, nil))
	b.WriteString("五、存在的主要问题及改进情况\t^\t^\t^\t^\t^\t^\t^\n（一）存在的主要问题\t^\t^\t^\t^\t^\t^\t^\n")
	b.WriteString("六、其他需要报告的事项\t^\t^\t^\t^\t^\t^\t^\n无。\t^\t^\t^\t^\t^\t^\t^\n")
	doc := &source.Document{Kind: source.XLSX, Blocks: []source.Block{{Kind: source.TableBlock, Table: tabTable(t, b.String())}}}
	d := recognizeDoc(t, doc)
	r := d.Report
	if r.ReportYear != 2023 || r.Agency.Name != "某某市自然资源和规划局" {
		t.Errorf("metadata %d %q", r.ReportYear, r.Agency.Name)
	}
	for _, tt := range []struct{ got, want string }{
		{r.Sections.Overview, "本年度本局认真贯彻条例。\n（一）主动公开"},
		{r.Sections.Proactive, "本局主动公开情况见下表。"},
		{r.Sections.ProblemsAndImprovements, "（一）存在的主要问题"},
		{r.Sections.OtherMatters, "无。"},
		{cellOf(d, "table2.art20_5.licensing.decisions"), "1346"},
		{row(d, "table3.newReceived"), "21 0 0 0 0 0 21"},
		{row(d, "table3.results.otherHandling.other"), "1 0 0 0 0 0 1"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

// TestFormTables reads the fields a form prints beside their labels and
// the sections a sheet puts beside their headings.
func TestFormTables(t *testing.T) {
	form := "行政机关名称\t某某县市场监督管理局\n统一社会信用代码\t11330500MB1D58273F\n行政区划（可不填）\t浙江省某某县\n" +
		"报告年度\t2023年\n报告标题（可不填）\t\n发布日期（可不填，如 2024-01-26）\t2024年1月26日\n"
	sections := "一、总体情况\t本年度认真贯彻条例。\\n全年公开信息100条。\n五、存在的主要问题及改进情况\t问题。\n六、其他需要报告的事项\t无。\n"
	doc := &source.Document{Kind: source.XLSX, Blocks: []source.Block{
		{Kind: source.TableBlock, Table: tabTable(t, form)},
		{Kind: source.TableBlock, Table: tabTable(t, sections)},
	}}
	d := recognizeDoc(t, doc)
	r := d.Report
	for _, tt := range []struct{ path, got, want string }{
		{"agency.name", r.Agency.Name, "某某县市场监督管理局"},
		{"agency.creditCode", r.Agency.CreditCode, "11330500MB1D58273F"},
		{"agency.region", r.Agency.Region, "浙江省某某县"},
		{"publishedOn", r.PublishedOn, "2024-01-26"},
		{"sections.overview", r.Sections.Overview, "本年度认真贯彻条例。\n全年公开信息100条。"},
		{"sections.otherMatters", r.Sections.OtherMatters, "无。"},
	} {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.path, tt.got, tt.want)
		}
		if p := d.Provenance[tt.path]; p.Method != LabelMatched || p.Source == "" {
			t.Errorf("%s provenance %+v", tt.path, p)
		}
	}
	if r.ReportYear != 2023 || r.FormatVersion != report.Format2021 {
		t.Errorf("year %d, version %s", r.ReportYear, r.FormatVersion)
	}
}

// TestKeywordCredit finds the credit code a PDF lists among its keywords,
// and only a code whose check character is right.
func TestKeywordCredit(t *testing.T) {
	for _, tt := range []struct{ keywords, want string }{
		{"政府信息公开; 年度报告; 2023年度; 某局; 2021 年格式; 11330500MB1D58273F", "11330500MB1D58273F"},
		{"政府信息公开; 11330500MB1D58273X", ""},
	} {
		doc := readText(t, "某局2023年政府信息公开工作年度报告\n\n一、总体情况\n\n正文。\n")
		doc.Meta = map[string]string{"Keywords": tt.keywords}
		if got := recognizeDoc(t, doc).Report.Agency.CreditCode; got != tt.want {
			t.Errorf("keywords %q gave credit code %q, want %q", tt.keywords, got, tt.want)
		}
	}
}

// TestWrappedNumbers reads a cell whose number a narrow column wrapped
// (“132” over “6”) as one number when the identities confirm it, and
// leaves it unset otherwise.
func TestWrappedNumbers(t *testing.T) {
	tests := []struct {
		name, cell, want string
		rule             string
	}{
		{"confirmed", "1 2", "12", RuleInferred},
		{"contradicted", "1 3", "", RuleMissing},
		{"not one number", "1 22", "", RuleMissing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := strings.Replace(table3Rows(report.Format2021, nil), "（一）予以公开\t1\t0\t0\t0\t0\t0\t1", "（一）予以公开\t12\t0\t0\t0\t0\t0\t"+tt.cell, 1)
			rows = strings.Replace(rows, "21\t0\t0\t0\t0\t0\t21", "32\t0\t0\t0\t0\t0\t32", -1)
			doc := &source.Document{Kind: source.PDF, Blocks: []source.Block{
				{Kind: source.Heading, Text: "三、收到和处理政府信息公开申请情况"},
				{Kind: source.TableBlock, Table: tabTable(t, rows)},
			}}
			d := recognizeDoc(t, doc)
			const path = "table3.results.granted.total"
			if got := cellOf(d, path); got != tt.want {
				t.Errorf("%q read as %q, want %q; %v", tt.cell, got, tt.want, rules(d))
			}
			if f, ok := findingAt(d, tt.rule, path); !ok || !strings.Contains(f.Message, tt.cell) {
				t.Errorf("no %s finding quoting %q at %s: %v", tt.rule, tt.cell, path, rules(d))
			}
		})
	}
}

// TestDebris keeps the numbers and header words a PDF leaves outside a
// table's rulings out of the prose, with a finding, and reads 表四's row
// of fifteen cells with its last one blank — and since a number stands
// outside the grid, does not fill the blank from the identities.
func TestDebris(t *testing.T) {
	t4 := tabTable(t, "行政复议\t^\t^\t^\t^\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\n"+
		"2\t1\t1\t1\t5\t2\t0\t0\t1\t3\t1\t0\t0\t0\t")
	doc := &source.Document{Kind: source.PDF, Blocks: []source.Block{
		{Kind: source.Heading, Text: "四、政府信息公开行政复议、行政诉讼情况"},
		{Kind: source.Paragraph, Text: "本年度被申请行政复议5件。"},
		{Kind: source.TableBlock, Table: t4},
		{Kind: source.Paragraph, Text: "总计"},
		{Kind: source.Paragraph, Text: "1"},
	}}
	d := recognizeDoc(t, doc)
	if got := d.Report.Sections.ReviewLitigation; got != "本年度被申请行政复议5件。" {
		t.Errorf("section %q", got)
	}
	if _, ok := findingAt(d, RuleText, "sections.reviewLitigation"); !ok {
		t.Errorf("no finding for the text left out: %v", rules(d))
	}
	// The blank cell's number may be the stray 1: the identities' value is
	// proposed, not set.
	got := row(d, "table4.reconsideration") + " | " + row(d, "table4.litigationDirect") + " | " + row(d, "table4.litigationAfterReconsideration")
	if want := "2 1 1 1 5 | 2 0 0 1 3 | 1 0 0 0 _"; got != want {
		t.Errorf("表四 = %s, want %s; %v", got, want, rules(d))
	}
	if f, ok := findingAt(d, RuleMissing, "table4.litigationAfterReconsideration.total"); !ok || f.Severity != report.Error || f.Want != "1" {
		t.Errorf("the blank cell beside stray numbers: %+v, want an error proposing 1; %v", f, rules(d))
	}
}

// TestProseRunIntoTable reads a crawler's dump that runs a section's prose
// into its table: the prose up to the table's first words, the table from
// there.
func TestProseRunIntoTable(t *testing.T) {
	text := "某局2023年政府信息公开工作年度报告 一、总体情况 本局认真贯彻条例。 " +
		"二、主动公开政府信息情况 本局主动公开情况见下表。 第二十条第（五）项信息内容本年处理决定数量行政许可1346 " +
		"四、政府信息公开行政复议、行政诉讼情况 本年度被申请行政复议5件。 行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计" +
		"未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计2 1 1 1 5 2 0 0 1 3 1 0 0 0 1 " +
		"五、存在的主要问题及改进情况 无。 六、其他需要报告的事项 无。\n"
	d := recognizeText(t, text)
	r := d.Report
	for _, tt := range []struct{ got, want string }{
		{r.Sections.Proactive, "本局主动公开情况见下表。"},
		{r.Sections.ReviewLitigation, "本年度被申请行政复议5件。"},
		{cellOf(d, "table2.art20_5.licensing.decisions"), "1346"},
		{row(d, "table4.reconsideration") + " | " + row(d, "table4.litigationAfterReconsideration"), "2 1 1 1 5 | 1 0 0 0 1"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q; %v", tt.got, tt.want, rules(d))
		}
	}
}

// TestColumnsByHeader places 表三's values by the column labels above
// them: a column lost is known and inferred, columns moved are followed,
// and a header off its columns (OCR) places nothing.
func TestColumnsByHeader(t *testing.T) {
	const header = "\t\t\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n"
	full := func() [][]string {
		var rows [][]string
		for _, l := range strings.Split(strings.TrimSpace(table3Rows(report.Format2021, nil)), "\n") {
			f := strings.Split(l, "\t")
			labels := f[:len(f)-7] // three label columns, the empty ones padded
			rows = append(rows, slices.Concat(labels, make([]string, 3-len(labels)), f[len(f)-7:]))
		}
		return rows
	}
	join := func(head string, rows [][]string) string {
		var b strings.Builder
		b.WriteString(head)
		for _, r := range rows {
			b.WriteString(strings.Join(r, "\t") + "\n")
		}
		return b.String()
	}
	drop := func(col int) string {
		rows := full()
		for i := range rows {
			rows[i] = append(rows[i][:col:col], rows[i][col+1:]...)
		}
		h := strings.Split(strings.TrimSuffix(header, "\n"), "\t")
		return join(strings.Join(append(h[:col:col], h[col+1:]...), "\t")+"\n", rows)
	}
	tests := []struct {
		name, table string
		row, want   string // a row and its cells, "_" unset
		rule        string // a finding at the row's first cell
	}{
		{"every column", join(header, full()), "results.granted", "1 0 0 0 0 0 1", ""},
		{"自然人 lost", drop(3), "results.granted", "1 0 0 0 0 0 1", RuleInferred},
		{"总计 lost", drop(9), "newReceived", "21 0 0 0 0 0 21", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &source.Document{Kind: source.HTML, Blocks: []source.Block{
				{Kind: source.Heading, Text: "三、收到和处理政府信息公开申请情况"},
				{Kind: source.TableBlock, Table: tabTable(t, tt.table)},
			}}
			d := recognizeDoc(t, doc)
			if got := row(d, "table3."+tt.row); got != tt.want {
				t.Errorf("%s = %s, want %s; %v", tt.row, got, tt.want, rules(d))
			}
			if tt.rule != "" {
				if _, ok := findingAt(d, tt.rule, "table3."+tt.row+".naturalPerson"); !ok {
					t.Errorf("no %s finding at %s: %v", tt.rule, tt.row, rules(d))
				}
			}
		})
	}
	// A column lost with no header to say which: the values moved left
	// leave an empty column at the right. No cell may be read from the
	// wrong column: each is right, or unset with an error.
	noHeader := drop(5)
	noHeader = noHeader[strings.IndexByte(noHeader, '\n')+1:]
	d := recognizeDoc(t, &source.Document{Kind: source.HTML, Blocks: []source.Block{
		{Kind: source.Heading, Text: "三、收到和处理政府信息公开申请情况"},
		{Kind: source.TableBlock, Table: tabTable(t, noHeader+"\t\t\t\t\t\t\t\t\t\n")},
	}})
	for i, want := range strings.Fields("1 0 0 0 0 0 1") {
		path := "table3.results.granted." + report.LayoutOf(report.Format2021).Table3.Columns[i].Key
		got := cellOf(d, path)
		if f, ok := findingAt(d, RuleAmbiguous, path); got != want && (got != "" || !ok || f.Severity != report.Error) {
			t.Errorf("a column lost without a header: %s = %q, want %s or unset with an error; %v", path, got, want, rules(d))
		}
	}
	// The header shifted two columns left of the numbers, as OCR leaves
	// it: no map, and the rows read as they stand.
	d = recognizeDoc(t, &source.Document{Kind: source.Text, Blocks: []source.Block{
		{Kind: source.Heading, Text: "三、收到和处理政府信息公开申请情况"},
		{Kind: source.TableBlock, Table: tabTable(t, join("\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n", full()))},
	}})
	if got := row(d, "table3.results.granted"); got != "1 0 0 0 0 0 1" {
		t.Errorf("under a shifted header: %s; %v", got, rules(d))
	}
}
