package recognize

import (
	"strings"

	"github.com/nianbao/nianbao/shared/source"
)

// line is a table row or a paragraph as tokens.
type line struct {
	toks       []token
	loc        source.Location
	structured bool // a table row: each cell is a position of its own
}

func tableLines(t *source.Table) []line {
	out := make([]line, 0, len(t.Grid))
	for r, row := range t.Grid {
		l := line{structured: true, loc: row[0].Loc}
		for c := range row {
			cell := &t.Grid[r][c]
			if cell.Covered {
				continue // a merged cell counts once, at its origin
			}
			l.toks = append(l.toks, lexCell(cell.Text, c, &cell.Loc)...)
		}
		out = append(out, l)
	}
	return out
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
	order      int // position in the document
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
			e.loc, e.structured, e.order = l.loc, l.structured, *order
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
