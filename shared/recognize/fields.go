package recognize

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/source"
)

// formFields are the fields a form prints as a label beside its value
// (行政机关名称 | 某局), by the label's skeleton: the contract's own labels
// (report.FieldLabel) and the variants of aliases.go.
var formFields = func() map[string]string {
	m := map[string]string{}
	for _, path := range []string{"agency.name", "agency.creditCode", "agency.region", "reportYear", "title", "publishedOn"} {
		for _, label := range append([]string{report.FieldLabel(path)}, fieldAliases[path]...) {
			m[fieldSkeleton(label)] = path
		}
	}
	return m
}()

// fieldSkeleton is a field label's Chinese characters without what it says
// in brackets: 行政区划（可不填） is 行政区划.
func fieldSkeleton(label string) string {
	var b strings.Builder
	depth := 0
	for _, r := range label {
		switch narrow(r) {
		case '(':
			depth++
		case ')':
			depth = max(0, depth-1)
		default:
			if depth == 0 && isHan(r) {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// formTables reads the rows of two cells whose first names a field: the
// form a template or a clerk's workbook fills in. The first row naming a
// field counts; what it gives goes before what the title said.
func (r *recognizer) formTables() {
	seen := map[string]bool{}
	for _, p := range r.pieces {
		if p.table == nil {
			continue
		}
		for _, row := range p.table.Grid {
			cells := texts(row)
			if len(cells) != 2 || len(cells[0].Text) > maxHeadingRunes*4 {
				continue
			}
			path, ok := formFields[fieldSkeleton(cells[0].Text)]
			if !ok || seen[path] {
				continue
			}
			seen[path] = true
			r.formField(path, cells[1])
		}
	}
}

// formField takes a field's value as printed, where it has the field's
// shape.
func (r *recognizer) formField(path string, c source.Cell) {
	text := strings.TrimSpace(c.Text)
	p := Provenance{Method: LabelMatched, Source: c.Loc.String(), Text: clip(text, maxSnippet)}
	switch path {
	case "agency.name":
		if n := utf8.RuneCountInString(squeeze(text)); n >= 2 && n <= 64 {
			r.agency, r.agencyProv = squeeze(text), p
		}
	case "agency.region":
		if n := utf8.RuneCountInString(squeeze(text)); n >= 1 && n <= 64 {
			r.region, r.regionProv = squeeze(text), p
		}
	case "agency.creditCode":
		// As printed, spaces aside: a wrong code is the validator's to name.
		if code := strings.Join(strings.Fields(text), ""); code != "" && utf8.RuneCountInString(code) <= 2*report.CreditCodeLen {
			r.credit, r.creditProv = code, p
		}
	case "reportYear":
		if m := yearValue.FindStringSubmatch(text); m != nil {
			r.year, _ = strconv.Atoi(m[1])
			r.yearProv = p
		}
	case "title":
		if isTitle(text) {
			r.title, r.titleProv = squeeze(text), p
		}
	case "publishedOn":
		if date, ok := dateOf(text); ok {
			r.published, r.publishedProv = date, p
		}
	}
}

// keywordCredit finds the credit code among the keywords a file declares
// (nianbao's own PDFs list it there); the check character makes a chance
// match impossible.
func (r *recognizer) keywordCredit() {
	k, v := metaValue(r.doc, metaKeywords)
	for _, w := range strings.FieldsFunc(v, func(r rune) bool { return strings.ContainsRune(";；,，、 \t", r) }) {
		if report.ValidCreditCode(w) {
			r.credit, r.creditProv = w, Provenance{Method: LabelMatched, Source: "文件元数据“" + k + "”", Text: w}
			return
		}
	}
}
