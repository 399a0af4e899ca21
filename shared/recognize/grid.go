package recognize

import (
	"strings"

	"github.com/nianbao/nianbao/shared/source"
)

// A workbook often holds more than a table: a whole page pasted into one
// sheet puts the title, the headings and every paragraph in rows of their
// own, one cell wide, between the tables' rows; a sheet of the six sections
// puts each heading beside its text. appendTable cuts such a table into
// what it holds — headings, paragraphs and the tables between them — so
// that the rest of the recogniser sees the document a page would show.

// appendTable appends the pieces of table block b to out; sec is the
// section the document is in, moved on by the headings the table holds.
func appendTable(out []piece, b source.Block, sec *int) []piece {
	t := b.Table
	if !holdsHeadings(t) {
		return append(out, piece{kind: b.Kind, table: t, loc: b.Loc, section: *sec})
	}
	from := 0 // the first row of the table being gathered
	flush := func(to int) {
		if to > from {
			sub := &source.Table{Grid: t.Grid[from:to], Loc: t.Grid[from][0].Loc}
			out = append(out, piece{kind: source.TableBlock, table: sub, loc: sub.Loc, section: *sec})
		}
		from = to + 1
	}
	for i, row := range t.Grid {
		cells := texts(row)
		switch {
		case len(cells) == 0:
			continue
		case sectionOf(cells[0].Text) >= 0:
			flush(i)
			*sec = sectionOf(cells[0].Text)
			out = append(out, piece{kind: source.Heading, text: cells[0].Text, loc: cells[0].Loc, section: *sec, heading: true})
			for _, c := range cells[1:] {
				out = appendParagraphs(out, c, *sec)
			}
		case len(cells) == 1 && textRow(cells[0].Text, *sec):
			flush(i)
			out = appendParagraphs(out, cells[0], *sec)
		}
	}
	flush(len(t.Grid))
	return out
}

// holdsHeadings reports whether a row of t starts with one of the six
// section headings.
func holdsHeadings(t *source.Table) bool {
	for _, row := range t.Grid {
		if cells := texts(row); len(cells) > 0 && sectionOf(cells[0].Text) >= 0 {
			return true
		}
	}
	return false
}

// texts returns a row's cells that hold text, each merged cell once.
func texts(row []source.Cell) []source.Cell {
	var out []source.Cell
	for _, c := range row {
		if !c.Covered && strings.TrimSpace(c.Text) != "" {
			out = append(out, c)
		}
	}
	return out
}

// textRow is true for a row of one cell that is text, not a table's: any
// such row in a section of prose; in a table's section, a sentence (the
// paragraphs above and below the table) that names none of the words only
// tables print; before the first heading, the title.
func textRow(text string, sec int) bool {
	switch {
	case sec < 0:
		return isTitle(text) || isSentence(text)
	case !tableSections[sec]:
		return true
	}
	if !isSentence(text) {
		return false
	}
	sk := skeleton(text)
	for _, w := range tableWords {
		if strings.Contains(sk, skeleton(w)) {
			return false
		}
	}
	return true
}

// tableSections are the sections a table stands in (二, 三, 四).
var tableSections = func() map[int]bool {
	m := map[int]bool{}
	for _, d := range dictsOf() {
		for _, t := range []*tableDict{d.t2, d.t3, d.t4} {
			m[t.section] = true
		}
	}
	return m
}()

// appendParagraphs appends a cell's text as paragraphs, one per line.
func appendParagraphs(out []piece, c source.Cell, sec int) []piece {
	for line := range strings.SplitSeq(c.Text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, piece{kind: source.Paragraph, text: line, loc: c.Loc, section: sec})
		}
	}
	return out
}
