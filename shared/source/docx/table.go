package docx

import (
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/ooxml"
)

// tcell is a w:tc as declared, before vertical merges are resolved.
type tcell struct {
	content
	span    int // w:gridSpan
	vmerge  int // 0 none, restart or cont
	gridCol int
}

const (
	restart = 1
	cont    = 2
)

// table reads a w:tbl. A table of one cell is a frame around its content (a
// layout table, common in documents converted from web pages): its content
// goes on as ordinary blocks. Other tables keep each cell's paragraphs as the
// cell's text; a table nested in a cell comes out as a table of its own just
// before the one holding it.
func (r *reader) table(into *content) error {
	var (
		rows [][]*tcell
		cur  []*tcell
	)
	var cellOf func(se ooxml.Elem, tag string) error
	cellOf = func(se ooxml.Elem, tag string) error {
		switch se.Local {
		case "tc":
			if err := r.count(); err != nil {
				return err
			}
			c, err := r.cell(tag)
			if err == nil {
				cur = append(cur, c)
			}
			return err
		case "trPr":
			return r.d.Children(func(se ooxml.Elem) error {
				if se.Local == "gridBefore" {
					if n, err := strconv.Atoi(se.Attr("val")); err == nil && n > 0 {
						cur = append(cur, &tcell{span: min(n, r.lim.MaxSpan)})
					}
				}
				return r.d.Skip()
			})
		case "sdt": // a content control around a cell: its tag names the cell
			return r.sdt(func(se ooxml.Elem, tag string) error { return cellOf(se, tag) })
		case "customXml":
			return r.d.Children(func(se ooxml.Elem) error { return cellOf(se, tag) })
		}
		return r.d.Skip()
	}
	var rowOf func(se ooxml.Elem) error
	rowOf = func(se ooxml.Elem) error {
		switch se.Local {
		case "tr":
			cur = nil
			err := r.d.Children(func(se ooxml.Elem) error { return cellOf(se, "") })
			rows = append(rows, cur)
			return err
		case "sdt":
			return r.sdt(func(se ooxml.Elem, _ string) error { return rowOf(se) })
		case "customXml":
			return r.d.Children(rowOf)
		}
		return r.d.Skip() // tblPr, tblGrid
	}
	if err := r.d.Children(rowOf); err != nil {
		return err
	}
	if len(rows) == 1 && len(rows[0]) == 1 {
		into.items = append(into.items, rows[0][0].items...)
		if into.key == "" {
			into.key = rows[0][0].key
		}
		return nil
	}
	// Tables nested in cells come first, in reading order.
	for _, row := range rows {
		for _, c := range row {
			for _, it := range c.items {
				if it.rows != nil {
					into.items = append(into.items, it)
				}
			}
		}
	}
	if into.line == 0 && len(rows) > 0 && len(rows[0]) > 0 {
		into.line = rows[0][0].line
	}
	into.items = append(into.items, item{rows: merge(rows)})
	return nil
}

// cell reads a w:tc.
func (r *reader) cell(tag string) (*tcell, error) {
	c := &tcell{span: 1}
	c.key = tag
	err := r.d.Children(func(se ooxml.Elem) error {
		if se.Local != "tcPr" {
			return r.block(se, &c.content)
		}
		return r.d.Children(func(se ooxml.Elem) error {
			switch se.Local {
			case "gridSpan":
				if n, err := strconv.Atoi(se.Attr("val")); err == nil && n > 1 {
					c.span = min(n, r.lim.MaxSpan)
				}
			case "vMerge":
				c.vmerge = cont
				if se.Attr("val") == "restart" {
					c.vmerge = restart
				}
			case "hMerge": // Word 97's horizontal merge, still written by some converters
				if se.Attr("val") != "restart" {
					c.span = 0
				}
			}
			return r.d.Skip()
		})
	})
	return c, err
}

// text is a cell's paragraphs, one a line.
func (c *tcell) text() string {
	var parts []string
	for _, it := range c.items {
		if it.rows == nil {
			parts = append(parts, it.block.Text)
		}
	}
	return strings.Join(parts, "\n")
}

// merge turns declared cells into source cells: a vMerge restart spans down
// over the continuing cells below it in the same grid column, which vanish;
// an hMerge continuation widens the cell on its left.
func merge(rows [][]*tcell) [][]source.SourceCell {
	at := make([]map[int]*tcell, len(rows))
	for i, row := range rows {
		at[i] = make(map[int]*tcell, len(row))
		col := 0
		var prev *tcell
		for _, c := range row {
			if c.span == 0 { // hMerge continuation
				if prev != nil {
					prev.span++
				}
				col++
				continue
			}
			c.gridCol = col
			at[i][col] = c
			col += c.span
			prev = c
		}
	}
	out := make([][]source.SourceCell, len(rows))
	for i, row := range rows {
		for _, c := range row {
			if c.span == 0 || c.vmerge == cont && i > 0 && covered(at, i, c.gridCol) {
				continue
			}
			rs := 1
			if c.vmerge == restart {
				for j := i + 1; j < len(rows); j++ {
					below := at[j][c.gridCol]
					if below == nil || below.vmerge != cont {
						break
					}
					rs++
				}
			}
			out[i] = append(out[i], source.SourceCell{Text: c.text(), Key: c.key, RowSpan: rs, ColSpan: c.span,
				Loc: source.Location{Line: c.line}})
		}
	}
	return out
}

// covered reports whether a continuing cell at row i has a cell above it
// that starts or continues a merge; an orphan continuation stands alone.
func covered(at []map[int]*tcell, i, col int) bool {
	above := at[i-1][col]
	return above != nil && above.vmerge != 0
}
