package templatetest

import (
	"fmt"
	"slices"
	"strings"

	"github.com/nianbao/nianbao/shared/source"
)

// Compare finds want's table inside got — a grid that may hold more (the
// text of a page around it) and may split columns more finely, as office
// tools do when they convert a web page — and returns what differs: each
// row of want must appear, in order and adjacent, with the same texts from
// left to right, and each value must stand under the same column labels.
// Text is compared with white space removed (tools re-wrap long labels).
func Compare(got *source.Table, want *source.Table) []string {
	wantRows := make([][]origin, want.Rows())
	for r := range wantRows {
		wantRows[r] = origins(want, r)
	}
	gotRows := make([][]origin, got.Rows())
	for r := range gotRows {
		gotRows[r] = origins(got, r)
	}
	start := -1
	for s := 0; s+len(wantRows) <= len(gotRows) && start < 0; s++ {
		if slices.EqualFunc(gotRows[s], wantRows[0], sameText) {
			start = s
		}
	}
	if start < 0 {
		return []string{fmt.Sprintf("the table's first row %q is nowhere in the read grid", texts(wantRows[0]))}
	}
	var diffs []string
	for r, wr := range wantRows {
		gr := gotRows[start+r]
		if !slices.EqualFunc(gr, wr, sameText) {
			diffs = append(diffs, fmt.Sprintf("row %d: got %q, want %q", r+1, texts(gr), texts(wr)))
			continue
		}
		// Every value stands under its column's labels.
		for i, w := range wr {
			if w.cell.Key == "" {
				continue
			}
			gc := gr[i].col
			for h := range r {
				above := want.Grid[h][w.col]
				if above.Key != "" || above.Text == "" {
					continue
				}
				if g := got.Grid[start+h][gc].Text; norm(g) != norm(above.Text) {
					diffs = append(diffs, fmt.Sprintf("%s (row %d): the label above in row %d is %q, want %q", w.cell.Key, r+1, h+1, g, above.Text))
				}
			}
		}
	}
	return diffs
}

// origin is a non-empty origin cell of a row, with its column.
type origin struct {
	cell source.Cell
	col  int
}

func origins(t *source.Table, r int) []origin {
	var out []origin
	for c, cell := range t.Grid[r] {
		if !cell.Covered && norm(cell.Text) != "" {
			out = append(out, origin{cell, c})
		}
	}
	return out
}

func sameText(a, b origin) bool { return norm(a.cell.Text) == norm(b.cell.Text) }

func texts(row []origin) []string {
	out := make([]string, len(row))
	for i, o := range row {
		out[i] = o.cell.Text
	}
	return out
}

func norm(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\r', '\u3000', '\u00a0':
			return -1
		}
		return r
	}, s)
}

// CompareKeyed checks a read table that carries keys, as a filled template
// does: every cell of want at the same position, labels with the same text,
// value cells with the same key and text.
func CompareKeyed(got *source.Table, want *source.Table) []string {
	var diffs []string
	if got.Rows() != want.Rows() || got.Cols() != want.Cols() {
		return []string{fmt.Sprintf("the grid is %d×%d, want %d×%d", got.Rows(), got.Cols(), want.Rows(), want.Cols())}
	}
	for r := range want.Grid {
		for c, w := range want.Grid[r] {
			g := got.Grid[r][c]
			if g.Key != w.Key || g.Text != w.Text || g.Covered != w.Covered {
				diffs = append(diffs, fmt.Sprintf("row %d column %d: got %q (key %q, covered %v), want %q (key %q, covered %v)",
					r+1, c+1, g.Text, g.Key, g.Covered, w.Text, w.Key, w.Covered))
			}
		}
	}
	return diffs
}

// Tables returns a document's tables in order.
func Tables(doc *source.Document) []*source.Table {
	var out []*source.Table
	for _, b := range doc.Blocks {
		if b.Kind == source.TableBlock {
			out = append(out, b.Table)
		}
	}
	return out
}

// Cells maps every cell of a read document's tables to its text: keyed
// cells by key, the others by where they are. Positions a merged cell
// covers are left out: its origin holds its text.
func Cells(doc *source.Document) map[string]string {
	out := map[string]string{}
	for _, tb := range Tables(doc) {
		for _, row := range tb.Grid {
			for _, c := range row {
				if c.Covered {
					continue
				}
				key := c.Key
				if key == "" {
					key = c.Loc.String()
				}
				out[key] = c.Text
			}
		}
	}
	return out
}

// DiffMutant compares the cells of a mutant's read document with the
// original's: exactly the cell at path may differ, and must read want.
func DiffMutant(base, got map[string]string, path, want string) []string {
	var diffs []string
	if got[path] != want {
		diffs = append(diffs, fmt.Sprintf("mutant %s: read %q, want %q", path, got[path], want))
	}
	for key, text := range got {
		if key != path && text != base[key] {
			diffs = append(diffs, fmt.Sprintf("mutant %s changed %s too: %q → %q", path, key, base[key], text))
		}
	}
	if len(got) != len(base) {
		diffs = append(diffs, fmt.Sprintf("mutant %s: %d cells, want %d", path, len(got), len(base)))
	}
	return diffs
}
