package recognize

import (
	"slices"
	"strings"

	"github.com/nianbao/nianbao/shared/source"
)

// line is a table row or a paragraph as tokens.
type line struct {
	toks       []token
	loc        source.Location
	structured bool // a table row: each cell is a position of its own
	// cols maps the table's grid columns to the columns of the format's
	// table, as its header names them (−1 for none); nil when the header
	// does not say.
	cols []int
}

func tableLines(t *source.Table) []line {
	out := make([]line, 0, len(t.Grid))
	firsts := map[int]int{} // the column of a row's first number → rows
	for r, row := range t.Grid {
		l := line{structured: true, loc: row[0].Loc}
		for c := range row {
			cell := &t.Grid[r][c]
			if cell.Covered {
				continue // a merged cell counts once, at its origin
			}
			l.toks = append(l.toks, lexCell(cell.Text, c, &cell.Loc)...)
		}
		if i := slices.IndexFunc(l.toks, func(tk token) bool { return tk.kind == tNum }); i >= 0 {
			firsts[l.toks[i].cell]++
		}
		out = append(out, l)
	}
	// The values start in the same column in most rows; an empty cell left
	// of it is a label's (a row labelled at one level of three, whose merged
	// cells a text dump prints as empty ones), not a value's.
	first, most := 0, 0
	for col, n := range firsts {
		if n > most || n == most && col < first {
			first, most = col, n
		}
	}
	// A column right of it where no row has a value is not a column of
	// values but the trace of one lost (the values moved left), or the
	// second half of merged value cells a text dump prints as empty ones:
	// its empty cells say nothing about where the values stand.
	filled := map[int]bool{}
	rows := 0 // with values: one row alone shows no pattern
	for _, l := range out {
		valued := false
		for _, tk := range l.toks {
			if tk.kind == tNum || tk.kind == tMark {
				filled[tk.cell], valued = true, true
			}
		}
		if valued {
			rows++
		}
	}
	for i := range out {
		out[i].toks = slices.DeleteFunc(out[i].toks, func(tk token) bool {
			return tk.kind == tBlank && (tk.cell < first || rows > 1 && !filled[tk.cell])
		})
	}
	return out
}

// columnMap maps t's grid columns to the columns of d's table by the
// column labels of t's header (the rows above its first number), when each
// label stands over one column, at most one is missing, and the numbers
// stand under them: a column lost or moved is then known. nil otherwise.
func columnMap(t *source.Table, d *tableDict) []int {
	if len(d.columnLabels) == 0 {
		return nil
	}
	cols := make([]int, t.Cols())
	for i := range cols {
		cols[i] = -1
	}
	found := map[int]bool{}
	for _, row := range t.Grid {
		if slices.ContainsFunc(row, func(c source.Cell) bool {
			return strings.ContainsFunc(c.Text, func(r rune) bool { return isDigit(narrow(r)) })
		}) {
			break
		}
		for c, cell := range row {
			j := slices.Index(d.columnLabels, skeleton(cell.Text))
			switch {
			case j < 0 || cell.Covered && cols[c] == j:
			case cols[c] >= 0 && cols[c] != j, found[j] && cols[c] != j:
				return nil // a label twice, or two labels over one column
			default:
				cols[c], found[j] = j, true
			}
		}
	}
	if len(found) < len(d.columnLabels)-1 {
		return nil
	}
	// The header must stand over the numbers: an OCR'd header shifted off
	// its columns places nothing.
	inside, outside := 0, 0
	for _, row := range t.Grid {
		for c, cell := range row {
			if cell.Covered || !numeric(cell.Text) {
				continue
			}
			if cols[c] >= 0 {
				inside++
			} else {
				outside++
			}
		}
	}
	if outside*10 > inside {
		return nil
	}
	return cols
}

// numeric is true for a cell that holds a number and nothing else.
func numeric(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		r = narrow(r)
		return !isDigit(r) && r != ' ' && r != ',' && r != '.'
	})
}

// evidence is what a line says about one row: the label found, if any, and
// the values after it.
type evidence struct {
	hit        hit
	all        []hit
	hasLabel   bool
	label      string  // the label as printed
	vals       []token // numbers, markers and blank cells after the label
	loc        source.Location
	structured bool
	cols       []int // see line.cols
	order      int   // position in the document
}

// values reports whether the evidence holds numbers or markers.
func (e *evidence) values() int {
	n := 0
	for _, t := range e.vals {
		if t.kind == tNum || t.kind == tMark {
			n++
		}
	}
	return n
}

// valueText is the values as printed, for snippets and messages, at most
// maxSnippet characters; an empty cell between two values shows as “（空）”.
func (e *evidence) valueText() string {
	return clip(e.allValues(), maxSnippet)
}

// maxSnippet bounds the source text a finding or a provenance quotes.
const maxSnippet = 120

func (e *evidence) allValues() string {
	var parts []string
	blanks := 0
	for _, t := range e.vals {
		switch t.kind {
		case tNum, tMark:
			if len(parts) > maxSnippet {
				return strings.Join(parts, " ")
			}
			for ; blanks > 0 && len(parts) > 0; blanks-- {
				parts = append(parts, "（空）")
			}
			blanks = 0
			parts = append(parts, t.text)
		case tBlank:
			blanks++
		}
	}
	return strings.Join(parts, " ")
}

// split cuts lines into evidence at every label of table t: a row of a
// table is usually one piece of evidence, a flattened paragraph many.
// Labels in a row next to each other (a label wrapped over two cells, a
// group's label before its row's) are read together.
func split(lines []line, t *tableDict, order *int) []evidence {
	var out []evidence
	for _, l := range lines {
		add := func(e evidence) *evidence {
			e.loc, e.structured, e.cols, e.order = l.loc, l.structured, l.cols, *order
			*order++
			out = append(out, e)
			return &out[len(out)-1]
		}
		// values returns the tokens from i up to the next label.
		values := func(i int) (vals []token, next int) {
			j := i
			for j < len(l.toks) && l.toks[j].kind != tLabel {
				j++
			}
			return l.toks[i:j:j], j
		}
		var cur *evidence
		i := 0
		if len(l.toks) > 0 && l.toks[0].kind != tLabel {
			vals, next := values(0)
			cur = add(evidence{vals: vals, loc: *l.toks[0].loc})
			i = next
		}
		for i < len(l.toks) {
			j := i
			var texts []string
			for j < len(l.toks) && l.toks[j].kind == tLabel {
				texts = append(texts, l.toks[j].text)
				j++
			}
			text := strings.Join(texts, "")
			vals, next := values(j)
			best, all, ok := t.match(text)
			if ok && best.row >= 0 && cur != nil {
				stripNumber(cur, t.targets[best.row].num, text)
			}
			// Unknown words (a header, a note) end the values before them.
			cur = add(evidence{hit: best, all: all, hasLabel: ok, label: text, vals: vals})
			i = next
		}
	}
	return out
}

// stripNumber takes a label's number back from the digits before it, when
// the text ran them together: “…00000002.其他法律行政法规禁止公开” is seven
// zeros, then 2.
func stripNumber(prev *evidence, num, label string) {
	if num == "" || !strings.HasPrefix(strings.TrimSpace(label), ".") && !strings.HasPrefix(strings.TrimSpace(label), "、") && !strings.HasPrefix(strings.TrimSpace(label), "．") {
		return
	}
	if len(prev.vals) == 0 {
		return
	}
	last := &prev.vals[len(prev.vals)-1]
	if last.kind != tNum || !last.numDot || last.frac != "" || len(last.digits) <= len(num) || !strings.HasSuffix(last.digits, num) {
		return
	}
	last.digits = last.digits[:len(last.digits)-len(num)]
	last.text = strings.TrimSuffix(last.text, num)
	last.numDot = false
}
