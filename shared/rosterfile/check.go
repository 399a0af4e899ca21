package rosterfile

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/roster"
)

// The columns a roster has, as its header row writes them.
const (
	colName     = "机关名称"
	colCode     = "统一社会信用代码"
	colRegion   = "行政区划"
	colCategory = "类别"
	colYear     = "年度" // optional: when present, every row must name the roster's year
)

// columns says which columns a kind of file must have.
type columns struct {
	required []string
	// categoryOptional lets rows leave 类别 empty (an agencies file maps
	// names to codes; only a roster sets deadlines).
	categoryOptional bool
}

var (
	rosterColumns = columns{required: []string{colName, colCode, colRegion, colCategory}}
	agencyColumns = columns{required: []string{colName, colCode, colRegion}, categoryOptional: true}
	// known are the columns a header cell may name.
	known = []string{colName, colCode, colRegion, colCategory, colYear}
)

// header maps each known column to its position in the row.
type header map[string]int

// check finds the header, reads every row after it and checks them all.
func check(recs []record, year int, cols columns) (*roster.Roster, error) {
	var p problems
	h, at := findHeader(recs, cols.required, &p)
	if h == nil {
		return nil, p.err()
	}
	for _, rec := range recs[:at] {
		titleYear(rec, year, &p)
	}
	ros := &roster.Roster{Year: year, Agencies: []roster.Agency{}}
	firstRow := map[string]int{}
	for _, rec := range recs[at+1:] {
		if blank(rec.cells) {
			continue
		}
		a, ok := h.agency(rec, year, cols.categoryOptional, &p)
		if !ok {
			continue
		}
		if prev, dup := firstRow[a.CreditCode]; dup {
			p.add(rec.row, colCode, "“%s”与第 %d 行重复：同一机关只能列一次", a.CreditCode, prev)
			continue
		}
		firstRow[a.CreditCode] = rec.row
		ros.Agencies = append(ros.Agencies, a)
	}
	if len(ros.Agencies) == 0 && len(p.Problems) == 0 {
		p.add(0, "", "名册在表头之后没有任何机关")
	}
	if len(ros.Agencies) > MaxAgencies {
		p.add(0, "", "名册有 %d 个机关，超过 %d 个的上限", len(ros.Agencies), MaxAgencies)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	return ros, nil
}

// findHeader returns the header and its index among recs: the first of the
// leading rows that names both 机关名称 and 统一社会信用代码.
func findHeader(recs []record, required []string, p *problems) (header, int) {
	for i, rec := range recs[:min(len(recs), maxLeadRows)] {
		h := header{}
		for j, c := range rec.cells {
			name := headingOf(c)
			if name == "" {
				continue
			}
			if _, dup := h[name]; dup {
				p.add(rec.row, name, "表头中“%s”列出现了两次", name)
			}
			h[name] = j
		}
		_, hasName := h[colName]
		_, hasCode := h[colCode]
		if !hasName || !hasCode {
			continue
		}
		for _, col := range required {
			if _, ok := h[col]; !ok {
				p.add(rec.row, "", "表头缺少“%s”列；应有：%s", col, strings.Join(required, "、"))
			}
		}
		if len(p.Problems) > 0 {
			return nil, 0
		}
		return h, i
	}
	p.add(0, "", "找不到表头行：前 %d 行中应有一行写明 %s", maxLeadRows, strings.Join(required, "、"))
	return nil, 0
}

// headingOf returns the known column a header cell names, or "". A heading
// may carry a note: 类别（部门/政府）.
func headingOf(cell string) string {
	cell = clean(cell)
	for _, col := range known {
		rest, ok := strings.CutPrefix(cell, col)
		if ok && (rest == "" || strings.HasPrefix(rest, "（") || strings.HasPrefix(rest, "(")) {
			return col
		}
	}
	return ""
}

var (
	yearOfReport = regexp.MustCompile(`(\d{4})\s*年度`)
	yearMention  = regexp.MustCompile(`(\d{4})\s*年`)
)

// titleYear refuses a title row that names another year: 2023年度报送名册
// uploaded as the 2024 roster. "年度" decides; a bare 年 counts only when
// the row names a single year.
func titleYear(rec record, year int, p *problems) {
	text := clean(strings.Join(rec.cells, " "))
	var named []string
	if m := yearOfReport.FindAllStringSubmatch(text, -1); len(m) > 0 {
		named = append(named, m[0][1])
	} else if m := yearMention.FindAllStringSubmatch(text, -1); len(m) == 1 {
		named = append(named, m[0][1])
	}
	for _, y := range named {
		if y != strconv.Itoa(year) {
			p.add(rec.row, "", "标题写明 %s 年度，而上传的是 %d 年度的名册", y, year)
		}
	}
}

// agency reads and checks one row, adding a problem for each bad cell.
func (h header) agency(rec record, year int, categoryOptional bool, p *problems) (roster.Agency, bool) {
	before := len(p.Problems) + p.Omitted
	cell := func(col string) string {
		if j, ok := h[col]; ok && j < len(rec.cells) {
			return clean(rec.cells[j])
		}
		return ""
	}
	a := roster.Agency{Name: cell(colName), CreditCode: strings.ToUpper(cell(colCode)), Region: cell(colRegion)}
	switch n := utf8.RuneCountInString(a.Name); {
	case n == 0:
		p.add(rec.row, colName, "不能为空")
	case n < 2 || n > 64:
		p.add(rec.row, colName, "“%s”应为 2–64 个字", a.Name)
	}
	if msg := creditCodeProblem(a.CreditCode); msg != "" {
		p.add(rec.row, colCode, "%s", msg)
	}
	switch n := utf8.RuneCountInString(a.Region); {
	case n == 0:
		p.add(rec.row, colRegion, "不能为空")
	case n > 64:
		p.add(rec.row, colRegion, "不能超过 64 个字")
	}
	label := cell(colCategory)
	c, ok := roster.CategoryOf(label)
	switch {
	case label == "" && categoryOptional:
	case label == "":
		p.add(rec.row, colCategory, "不能为空，应为“部门”或“政府”")
	case !ok:
		p.add(rec.row, colCategory, "“%s”不是有效类别，应为“部门”或“政府”（决定报送期限：部门 1 月 31 日，政府 3 月 31 日）", label)
	}
	a.Category = c
	if y := cell(colYear); y != "" && strings.TrimSuffix(y, "年") != strconv.Itoa(year) {
		p.add(rec.row, colYear, "写的是“%s”，而上传的是 %d 年度的名册", y, year)
	}
	for _, s := range []string{a.Name, a.Region} {
		if !printable(s) {
			p.add(rec.row, "", "含有控制字符")
			break
		}
	}
	return a, len(p.Problems)+p.Omitted == before
}

var scientific = regexp.MustCompile(`^\d(\.\d+)?E\+\d+$`)

// creditCodeProblem says what is wrong with a 统一社会信用代码, or "".
func creditCodeProblem(code string) string {
	switch {
	case code == "":
		return "不能为空"
	case scientific.MatchString(code):
		return "“" + code + "”被表格软件当作数字（科学计数法）显示：请把该列设为“文本”格式，重新输入代码"
	case utf8.RuneCountInString(code) != 18:
		return "“" + code + "”不是 18 位（有 " + strconv.Itoa(utf8.RuneCountInString(code)) + " 位）"
	}
	want, ok := report.CreditCodeCheck(code[:17])
	switch {
	case !ok:
		return "“" + code + "”含有统一社会信用代码不用的字符（只用数字和除 I、O、S、V、Z 以外的大写字母）"
	case !report.ValidCreditCode(code):
		return "“" + code + "”的校验码不符（按前 17 位应为“" + string(want) + "”），请核对"
	}
	return ""
}

// clean trims spaces of every kind (full-width, no-break, byte-order marks)
// from a cell.
func clean(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\ufeff' })
}

func blank(cells []string) bool {
	for _, c := range cells {
		if clean(c) != "" {
			return false
		}
	}
	return true
}

func printable(s string) bool {
	for _, r := range s {
		if unicode.IsControl(r) {
			return false
		}
	}
	return true
}
