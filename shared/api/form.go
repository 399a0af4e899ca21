package api

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nianbao/nianbao/shared/report"
)

// The filing form (GET /new) is rendered here from the layouts as data, so
// that the form's tables have exactly the cells the decoder accepts; form.js
// finds every input by its data-path and never needs a copy of the layout.

// gridWidth is the number of grid columns a 表二 sub-table's values share: the
// sub-tables have 1, 2 or 3 value columns, and each spans 6/n grid columns,
// as the official stacked table does.
const gridWidth = 6

// formCell is one cell of a form table: a header or an input.
type formCell struct {
	Text    string
	Rowspan int
	Colspan int
	Scope   string // th scope: col, colgroup, row, rowgroup
	Class   string
	Input   *formInput
	// On the report page (see readTables): a header's id, and a data
	// cell's value and the ids of every header that applies to it.
	ID      string
	Data    bool
	Headers string
}

// formInput is a table cell's input.
type formInput struct {
	ID       string
	Path     string
	Kind     string // count, signed or amount
	Label    string // aria-label: table, row and column in the table's own words
	Operands string // for a derived cell: the paths it adds up, space-separated
}

// formTable is a table as header rows and body rows of cells.
type formTable struct {
	Caption string
	Class   string
	Head    [][]formCell
	Body    [][]formCell
}

// formVersion is one format's three tables.
type formVersion struct {
	Version report.Version
	Label   string
	Tables  map[int]formTable // by table number: 2, 3, 4
}

// formSection is one of the six prose sections, with the table printed after it.
type formSection struct {
	Field report.TextField
	Table int // 0 for none
}

type formPage struct {
	Year     int
	MinYear  int
	MaxYear  int
	Version  report.Version
	Agency   []report.TextField // name, region, title
	Sections []formSection
	Versions []formVersion
	// The largest file POST /reports/import takes, for the page to check
	// before sending one.
	MaxImportBytes, MaxImportMiB int
}

// firstYear is the first year the current 条例 and its formats report on.
const firstYear = 2019

var formVersions = sync.OnceValue(func() []formVersion {
	vs := make([]formVersion, len(report.Versions))
	for i, v := range report.Versions {
		vs[i] = buildFormVersion(report.LayoutOf(v))
	}
	return vs
})

// form is GET /new: the filing form, for ?year= or else last year's report,
// which is the one agencies file in January.
func (ix *index) form(ctx context.Context, req Request) Response {
	now := time.Now()
	p := formPage{MinYear: firstYear, MaxYear: now.Year(), Year: now.Year() - 1, Versions: formVersions(),
		MaxImportBytes: MaxImportBytes, MaxImportMiB: MaxImportBytes >> 20}
	q, err := url.ParseQuery(req.RawQueryString)
	if err != nil {
		return problem(req, 400, "bad-request", "查询参数格式错误")
	}
	if v := q.Get("year"); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < p.MinYear || y > p.MaxYear {
			return problem(req, 400, "bad-request", "year 应为 "+strconv.Itoa(p.MinYear)+"–"+strconv.Itoa(p.MaxYear)+" 之间的年份")
		}
		p.Year = y
	}
	if body, ok := formPages.Load(formKey{p.Year, p.MaxYear}); ok {
		return htmlResponse(200, body.(string))
	}
	p.Version = report.VersionForYear(p.Year)
	for _, f := range report.TextFields {
		if strings.HasPrefix(f.Path, "sections.") {
			p.Sections = append(p.Sections, formSection{Field: f, Table: tableAfter[f.Path]})
		} else {
			p.Agency = append(p.Agency, f)
		}
	}
	body, err := renderPage("new.html", p)
	if err != nil {
		return failure(ctx, ix.log, req, err)
	}
	formPages.Store(formKey{p.Year, p.MaxYear}, body)
	return htmlResponse(200, body)
}

// formKey names a rendered form: the page depends on nothing else, and the
// years are bounded, so the cache holds at most a few dozen pages.
type formKey struct{ Year, MaxYear int }

// formPages caches rendered forms: rendering some 400 inputs through
// html/template costs milliseconds, a map lookup nothing (docs/form.md).
var formPages sync.Map // formKey → string

// tableAfter places each table after the prose that introduces it.
var tableAfter = map[string]int{"sections.proactive": 2, "sections.requests": 3, "sections.reviewLitigation": 4}

func buildFormVersion(l *report.Layout) formVersion {
	return formVersion{Version: l.Version, Label: l.Version.Label(), Tables: map[int]formTable{
		2: table2Form(l), 3: table3Form(l), 4: table4Form(l),
	}}
}

func input(l *report.Layout, path string, kind report.Kind, operands []string) *formInput {
	return &formInput{
		ID:       "c-" + string(l.Version) + "-" + path,
		Path:     path,
		Kind:     kindName[kind],
		Label:    l.Describe(path),
		Operands: strings.Join(operands, " "),
	}
}

var kindName = map[report.Kind]string{report.Count: "count", report.SignedCount: "signed", report.Amount: "amount"}

func head(text string, rowspan, colspan int, scope string) formCell {
	return formCell{Text: text, Rowspan: rowspan, Colspan: colspan, Scope: scope}
}

// columnLabel adds the unit to an amount column that does not print one: the
// contract's amounts are in 万元, while real reports also print 元.
func columnLabel(c report.Column) string {
	if c.Kind == report.Amount && !strings.Contains(c.Label, "万元") {
		return c.Label + "（单位：万元）"
	}
	return c.Label
}

// table2Form stacks 表二's sub-tables: a caption row, a 信息内容 header row
// and the data rows of each.
func table2Form(l *report.Layout) formTable {
	t := formTable{Caption: "表二 主动公开政府信息情况", Class: "t2"}
	for _, st := range l.Table2 {
		span := gridWidth / len(st.Columns)
		t.Body = append(t.Body, []formCell{{Text: st.Caption, Colspan: gridWidth + 1, Scope: "colgroup", Class: "caption"}})
		hdr := []formCell{head("信息内容", 1, 1, "col")}
		for _, c := range st.Columns {
			hdr = append(hdr, head(columnLabel(c), 1, span, "col"))
		}
		t.Body = append(t.Body, hdr)
		for _, r := range st.Rows {
			row := []formCell{head(r.Label, 1, 1, "row")}
			for _, c := range st.Columns {
				row = append(row, formCell{Colspan: span, Input: input(l, "table2."+st.Key+"."+r.Key+"."+c.Key, c.Kind, nil)})
			}
			t.Body = append(t.Body, row)
		}
	}
	return t
}

// columnHeads builds header rows for columns that may share a merged group
// header: a grouped column sits under its group, an ungrouped one spans both rows.
func columnHeads(cols []report.Column) (top, bottom []formCell) {
	for i := 0; i < len(cols); i++ {
		c := cols[i]
		if c.Group == "" {
			top = append(top, head(c.Label, 2, 1, "col"))
			continue
		}
		n := 1
		for i+n < len(cols) && cols[i+n].Group == c.Group {
			n++
		}
		top = append(top, head(c.Group, 1, n, "colgroup"))
		for _, g := range cols[i : i+n] {
			bottom = append(bottom, head(g.Label, 1, 1, "col"))
		}
		i += n - 1
	}
	return top, bottom
}

// table3Corner is the note in 表三's top-left corner: the table's own statement of H1.
const table3Corner = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

// table3Form draws 表三 as the format does: the corner note over three header
// rows, 申请人情况 over the applicant columns, and the row labels merged
// where rows share them (三、本年度办理结果 down the whole results block).
func table3Form(l *report.Layout) formTable {
	t3 := l.Table3
	top, bottom := columnHeads(t3.Columns)
	t := formTable{Caption: "表三 收到和处理政府信息公开申请情况", Class: "t3", Head: [][]formCell{
		{{Text: table3Corner, Rowspan: 3, Colspan: 3, Class: "corner"}, head("申请人情况", 1, len(t3.Columns), "colgroup")},
		top, bottom,
	}}
	var outcomes []string
	for _, r := range t3.Rows {
		if r.Outcome {
			outcomes = append(outcomes, r.Path())
		}
	}
	for i, r := range t3.Rows {
		row := rowHeads(t3.Rows, i)
		for _, c := range t3.Columns {
			var ops []string
			switch {
			case c.Key == "total": // H3: the row's applicant columns
				for _, o := range t3.Columns {
					if o.Key != "total" {
						ops = append(ops, r.Path()+"."+o.Key)
					}
				}
			case r.Key == "results.resultsTotal": // H2: the column's outcome rows
				for _, o := range outcomes {
					ops = append(ops, o+"."+c.Key)
				}
			}
			row = append(row, formCell{Input: input(l, r.Path()+"."+c.Key, c.Kind, ops)})
		}
		t.Body = append(t.Body, row)
	}
	return t
}

// rowHeads returns the label cells row i starts with: a label shared with the
// row above is covered by that row's rowspan; a missing deeper level widens
// the label beside it.
func rowHeads(rows []report.Row, i int) []formCell {
	levels := func(r report.Row) [3]string { return [3]string{r.Level1, r.Level2, r.Level3} }
	cur := levels(rows[i])
	depth := 0
	for depth < 3 && cur[depth] != "" {
		depth++
	}
	var cells []formCell
	for lv := 0; lv < depth; lv++ {
		if i > 0 && sameRun(levels(rows[i-1]), cur, lv) {
			continue
		}
		span := 1
		for j := i + 1; j < len(rows) && sameRun(levels(rows[j]), cur, lv); j++ {
			span++
		}
		colspan := 1
		if lv == depth-1 {
			colspan = 3 - lv
		}
		scope := "row"
		if span > 1 {
			scope = "rowgroup"
		}
		cells = append(cells, head(cur[lv], span, colspan, scope))
	}
	return cells
}

// sameRun reports whether two rows share their labels down to level lv and
// both go deeper, so that the label at lv is one merged cell.
func sameRun(a, b [3]string, lv int) bool {
	if lv == 2 || a[lv+1] == "" || b[lv+1] == "" {
		return false
	}
	for k := 0; k <= lv; k++ {
		if a[k] != b[k] {
			return false
		}
	}
	return true
}

// table4Form draws 表四: one data row of fifteen cells under the group
// headers (行政复议; 行政诉讼 over its two kinds) and the outcome columns.
func table4Form(l *report.Layout) formTable {
	t4 := l.Table4
	n := len(t4.Columns)
	var top, mid, bottom, row []formCell
	for i := 0; i < len(t4.Groups); i++ {
		g := t4.Groups[i]
		if g.Group == "" {
			top = append(top, head(g.Label, 1, n, "colgroup"))
			for _, c := range t4.Columns {
				mid = append(mid, head(c.Label, 2, 1, "col"))
			}
			continue
		}
		k := 1
		for i+k < len(t4.Groups) && t4.Groups[i+k].Group == g.Group {
			k++
		}
		top = append(top, head(g.Group, 1, k*n, "colgroup"))
		for _, sub := range t4.Groups[i : i+k] {
			mid = append(mid, head(sub.Label, 1, n, "colgroup"))
			for _, c := range t4.Columns {
				bottom = append(bottom, head(c.Label, 1, 1, "col"))
			}
		}
		i += k - 1
	}
	for _, g := range t4.Groups {
		base := "table4." + g.Key + "."
		for _, c := range t4.Columns {
			var ops []string
			if c.Key == "total" { // H4: the group's four outcomes
				for _, o := range t4.Columns {
					if o.Key != "total" {
						ops = append(ops, base+o.Key)
					}
				}
			}
			row = append(row, formCell{Input: input(l, base+c.Key, c.Kind, ops)})
		}
	}
	return formTable{Caption: "表四 政府信息公开行政复议、行政诉讼情况", Class: "t4",
		Head: [][]formCell{top, mid, bottom}, Body: [][]formCell{row}}
}
