package render

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"
)

// Fixture documents shaped like a 年报 (2019 trial format): the prose of
// the seed report and its three tables. The lead's mapping builds the real
// ones; these exercise the same shapes (merged headers, long spans).

type seedSections struct {
	Title    string            `json:"title"`
	Agency   string            `json:"agency"`
	Sections map[string]string `json:"sections"`
}

func loadSeed(t testing.TB) seedSections {
	t.Helper()
	b, err := os.ReadFile("testdata/seed-sections.json")
	if err != nil {
		t.Fatal(err)
	}
	var s seedSections
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatalf("testdata/seed-sections.json: %v", err)
	}
	return s
}

var seedDate = time.Date(2021, 1, 29, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

// seedDocument is the seed report: ~4 pages, prose and 表二/表三/表四.
func seedDocument(t testing.TB) *Document {
	s := loadSeed(t)
	blocks := []Block{
		Heading{"一、总体情况"},
		Paragraph{s.Sections["overview"]},
		Heading{"二、主动公开政府信息情况"},
	}
	blocks = append(blocks, table2()...)
	blocks = append(blocks,
		Heading{"三、收到和处理政府信息公开申请情况"},
		table3(false),
		Heading{"四、政府信息公开行政复议、行政诉讼情况"},
		table4(),
		Heading{"五、存在的主要问题及改进情况"},
		Paragraph{s.Sections["problemsAndImprovements"]},
		Heading{"六、其他需要报告的事项"},
		Paragraph{s.Sections["otherMatters"]},
	)
	return &Document{
		Title:    s.Title,
		Author:   s.Agency,
		Subject:  "政府信息公开工作年度报告",
		Keywords: []string{"政府信息公开", "年度报告", "2020"},
		Date:     seedDate,
		Blocks:   blocks,
	}
}

// longDocument repeats the seed's overview 20 times, with the 2021-format
// 表三 (25 rows) twice: about 30 pages.
func longDocument(t testing.TB) *Document {
	s := loadSeed(t)
	var blocks []Block
	for i := range 20 {
		blocks = append(blocks,
			Heading{cnNumber(i+1) + "、总体情况"},
			Paragraph{s.Sections["overview"]},
		)
		if i%10 == 4 {
			blocks = append(blocks, Subheading{"收到和处理政府信息公开申请情况"}, table3(true))
		}
	}
	return &Document{Title: s.Title, Author: s.Agency, Date: seedDate, Blocks: blocks}
}

func cnNumber(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 10:
		return digits[n]
	case n == 10:
		return "十"
	case n < 20:
		return "十" + digits[n-10]
	default:
		return digits[n/10] + "十" + digits[n%10]
	}
}

// left is a row label.
func left(s string) Cell { return Cell{Text: s, Align: AlignLeft, RowHeader: true} }

func values(vals ...string) []Cell {
	cells := make([]Cell, len(vals))
	for i, v := range vals {
		cells[i] = Cell{Text: v}
	}
	return cells
}

func zeros(n int) []Cell { return values(strings.Split(strings.Repeat("0", n), "")...) }

// table2 is 表二 as five captioned sub-tables.
func table2() []Block {
	sub := func(caption string, cols []string, rows ...[]string) []Block {
		widths := []float64{2.2}
		header := []Cell{{Text: "信息内容"}}
		for _, c := range cols {
			widths = append(widths, 1)
			header = append(header, Cell{Text: c})
		}
		var body [][]Cell
		for _, r := range rows {
			body = append(body, append([]Cell{left(r[0])}, values(r[1:]...)...))
		}
		return []Block{Subheading{caption}, Table{Widths: widths, Header: [][]Cell{header}, Body: body}}
	}
	items := []string{"上一年项目数量", "本年增/减", "处理决定数量"}
	var bs []Block
	bs = append(bs, sub("第二十条第（一）项", []string{"本年新制作数量", "本年新公开数量", "对外公开总数量"},
		[]string{"规章", "0", "0", "0"}, []string{"规范性文件", "0", "0", "0"})...)
	bs = append(bs, sub("第二十条第（五）项", items,
		[]string{"行政许可", "7", "0", "268"}, []string{"其他对外管理服务事项", "0", "0", "0"})...)
	bs = append(bs, sub("第二十条第（六）项", items,
		[]string{"行政处罚", "5", "0", "3"}, []string{"行政强制", "0", "0", "0"})...)
	bs = append(bs, sub("第二十条第（八）项", items[:2], []string{"行政事业性收费", "0", "0"})...)
	bs = append(bs, sub("第二十条第（九）项", []string{"采购项目数量", "采购总金额（单位：万元）"},
		[]string{"政府集中采购", "2", "768.0000"})...)
	return bs
}

const table3Note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

// table3 is 表三: a three-row header under a 3×3 corner note, and 23 body
// rows (25 in the 2021 format) with 三、本年度办理结果 spanning 20 (22).
func table3(format2021 bool) Table {
	header := [][]Cell{
		{{Text: table3Note, RowSpan: 3, ColSpan: 3}, {Text: "申请人情况", ColSpan: 7}},
		{{Text: "自然人", RowSpan: 2}, {Text: "法人或其他组织", ColSpan: 5}, {Text: "总计", RowSpan: 2}},
		values("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"),
	}
	row := func(lead ...Cell) []Cell { return append(lead, zeros(7)...) }
	wide := func(s string, cols int) Cell { return Cell{Text: s, ColSpan: cols, Align: AlignLeft, RowHeader: true} }
	group := func(s string, rows int) Cell { return Cell{Text: s, RowSpan: rows, Align: AlignLeft, RowHeader: true} }
	span := 20
	if format2021 {
		span = 22
	}
	body := [][]Cell{
		row(wide("一、本年新收政府信息公开申请数量", 3)),
		row(wide("二、上年结转政府信息公开申请数量", 3)),
		row(Cell{Text: "三、本年度办理结果", RowSpan: span, RowHeader: true}, wide("（一）予以公开", 2)),
		row(wide("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 2)),
		row(group("（三）不予公开", 8), left("1.属于国家秘密")),
	}
	for _, s := range []string{"2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
		"5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"} {
		body = append(body, row(left(s)))
	}
	body = append(body, row(group("（四）无法提供", 3), left("1.本机关不掌握相关政府信息")))
	for _, s := range []string{"2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"} {
		body = append(body, row(left(s)))
	}
	body = append(body, row(group("（五）不予处理", 5), left("1.信访举报投诉类申请")))
	for _, s := range []string{"2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息"} {
		body = append(body, row(left(s)))
	}
	if format2021 {
		body = append(body,
			row(group("（六）其他处理", 3), left("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")),
			row(left("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")),
			row(left("3.其他")),
		)
	} else {
		body = append(body, row(wide("（六）其他处理", 2)))
	}
	body = append(body, row(wide("（七）总计", 2)), row(wide("四、结转下年度继续办理", 3)))
	return Table{
		Widths: []float64{8, 28, 34, 10, 10, 10, 10, 10, 10, 10},
		Header: header,
		Body:   body,
	}
}

// table4 is 表四: a three-level header over 15 value columns, one body row.
func table4() Table {
	outcomes := []string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}
	row2 := make([]Cell, 0, 7)
	for _, s := range outcomes {
		row2 = append(row2, Cell{Text: s, RowSpan: 2})
	}
	row2 = append(row2, Cell{Text: "未经复议直接起诉", ColSpan: 5}, Cell{Text: "复议后起诉", ColSpan: 5})
	widths := make([]float64, 15)
	for i := range widths {
		widths[i] = 1
	}
	return Table{
		Widths: widths,
		Header: [][]Cell{
			{{Text: "行政复议", ColSpan: 5}, {Text: "行政诉讼", ColSpan: 10}},
			row2,
			values(append(outcomes, outcomes...)...),
		},
		Body: [][]Cell{zeros(15)},
	}
}
