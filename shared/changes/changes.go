// Package changes says what changed between two versions of a report, in
// the words a reader knows: fields by their labels, cells by their table,
// row and column as the format prints them, with old and new values, and
// the sections as a text diff of their paragraphs.
package changes

import (
	"strings"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/textdiff"
)

// Changes is what changed from one version to the next; empty when nothing did.
type Changes struct {
	Fields   []Field   `json:"fields"`
	Cells    []Cell    `json:"cells"`
	Sections []Section `json:"sections"`
}

// Field is a changed field outside the tables and the prose.
type Field struct {
	Path  string `json:"path"`
	Label string `json:"label"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// Cell is a changed table cell. Values are as a person reads them: the
// number, "/" for not applicable, "" for a cell the version lacks.
type Cell struct {
	Path   string `json:"path"`
	Table  int    `json:"table"`
	Row    string `json:"row"`    // the table and row in its own words
	Column string `json:"column"` // the column in its own words
	Old    string `json:"old"`
	New    string `json:"new"`
}

// Section is a changed section: its changed paragraphs.
type Section struct {
	Path       string               `json:"path"`
	Heading    string               `json:"heading"`
	Paragraphs []textdiff.Paragraph `json:"paragraphs"`
}

// Empty reports whether nothing changed.
func (c Changes) Empty() bool {
	return len(c.Fields) == 0 && len(c.Cells) == 0 && len(c.Sections) == 0
}

// Between returns what changed from old to new. Both must have been decoded
// without errors. The text diffs draw on budget; once it is spent, changed
// paragraphs are shown replaced whole.
func Between(old, new *report.Report, budget *textdiff.Budget) Changes {
	c := Changes{Fields: []Field{}, Cells: []Cell{}, Sections: []Section{}}
	c.field("formatVersion", old.FormatVersion.Label(), new.FormatVersion.Label())
	for _, f := range report.TextFields {
		if strings.HasPrefix(f.Path, "sections.") {
			if ps := textdiff.Text(f.Get(old), f.Get(new), budget); len(ps) > 0 {
				c.Sections = append(c.Sections, Section{Path: f.Path, Heading: f.Label, Paragraphs: ps})
			}
			continue
		}
		a, b := f.Get(old), f.Get(new)
		if f.Path == "title" {
			a, b = old.DisplayTitle(), new.DisplayTitle()
		}
		c.field(f.Path, a, b)
		if f.Path == "agency.name" {
			c.field("agency.creditCode", old.Agency.CreditCode, new.Agency.CreditCode)
		}
	}
	c.field("publishedOn", old.PublishedOn, new.PublishedOn)
	c.cells(old, new)
	return c
}

func (c *Changes) field(path, old, new string) {
	if old != new {
		c.Fields = append(c.Fields, Field{Path: path, Label: report.FieldLabel(path), Old: old, New: new})
	}
}

// cells compares the tables cell by cell in new's layout order, then lists
// the cells only old's layout has (a change of format).
func (c *Changes) cells(old, new *report.Report) {
	compare := func(r *report.Report, spec report.CellSpec, a, b report.Cell) {
		if a == b {
			return
		}
		row, col := report.Locate(r.Layout(), spec.Path)
		c.Cells = append(c.Cells, Cell{Path: spec.Path, Table: spec.Table, Row: row, Column: col, Old: a.String(), New: b.String()})
	}
	if nl := new.Layout(); nl != nil {
		for i, spec := range nl.Cells() {
			a, _ := old.Cell(spec.Path)
			compare(new, spec, a, new.CellAt(i))
		}
	}
	if ol := old.Layout(); ol != nil {
		for i, spec := range ol.Cells() {
			if _, ok := new.Cell(spec.Path); !ok {
				compare(old, spec, old.CellAt(i), report.Cell{})
			}
		}
	}
}
