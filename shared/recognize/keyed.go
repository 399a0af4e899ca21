package recognize

import (
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/source"
)

// keyedCells reads the cells a template names by their contract path
// (source.Cell.Key): exactly, with no label matching. A document with such
// cells is a filled template; its tables are read only through them.
func (r *recognizer) keyedCells() {
	for _, p := range r.pieces {
		if p.table == nil {
			continue
		}
		for _, row := range p.table.Grid {
			for col := range row {
				if c := &row[col]; !c.Covered && c.Key != "" {
					r.keyedCell(c, col)
				}
			}
		}
	}
}

func (r *recognizer) keyedCell(c *source.Cell, col int) {
	exact := Provenance{Method: Exact, Source: c.Loc.String(), Text: c.Text}
	text := strings.TrimSpace(c.Text)
	if i, ok := r.d.layout.Index(c.Key); ok {
		spec := r.d.layout.Cells()[i]
		cands, mode := readRow(lexCell(c.Text, col, &c.Loc), true, []report.Kind{spec.Kind}, "万元")
		if mode == readNone {
			r.cellFinding(i, report.Finding{Rule: RuleMissing, Severity: report.Error, Path: spec.Path, Got: text,
				Message: r.describe(i) + "填写的“" + clip(text, 40) + "”不是一个数值，请改正"})
			return
		}
		r.runs = append(r.runs, &run{cells: []int{i}, kinds: []report.Kind{spec.Kind}, cands: cands, mode: mode,
			method: Exact, loc: c.Loc, text: text, name: spec.Row})
		return
	}
	if text == "" {
		return
	}
	switch c.Key {
	case "agency.name":
		r.agency, r.agencyProv = text, exact
	case "agency.creditCode":
		r.credit, r.creditProv = text, exact
	case "agency.region":
		r.region, r.regionProv = text, exact
	case "title":
		r.title, r.titleProv = text, exact
	case "publishedOn":
		r.published, r.publishedProv = text, exact
	case "reportYear":
		if y, err := strconv.Atoi(text); err == nil {
			r.year, r.yearProv = y, exact
		}
	default:
		for s, f := range sectionFields {
			if f.Path == c.Key {
				r.keyedText[s] = c.Text
				r.prov[f.Path] = exact
			}
		}
	}
}

// hasKeys reports whether the document is a filled template.
func (r *recognizer) hasKeys() bool {
	for _, p := range r.pieces {
		if p.table == nil {
			continue
		}
		for _, row := range p.table.Grid {
			for _, c := range row {
				if c.Key != "" {
					return true
				}
			}
		}
	}
	return false
}
