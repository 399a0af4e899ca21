package recognize

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nianbao/nianbao/shared/source"
)

// role says what a piece is to the recogniser.
type role uint8

const (
	roleNone   role = iota
	roleProse       // text of its section
	roleTable       // part of the section's table
	roleMoved       // prose after 表四 that belongs to a missing 五
	roleDebris      // a table's numbers or header words outside its grid: neither prose nor a row
)

// dictFor returns the table of section sec, nil for the prose sections.
func (r *recognizer) dictFor(sec int) *tableDict {
	for _, t := range []*tableDict{r.d.t2, r.d.t3, r.d.t4} {
		if t.section == sec {
			return t
		}
	}
	return nil
}

// isSentence is true for prose: a paragraph that ends a sentence somewhere.
func isSentence(s string) bool {
	return strings.ContainsAny(s, "。！？")
}

// tableish is true for a paragraph that belongs to table t: it prints the
// table's header or caption words, or one of its rows with numbers. A
// sentence is prose unless it prints words only a table has: prose names
// rows and columns too (“予以公开47件”, “法人或其他组织申请20件”).
func tableish(text string, toks []token, t *tableDict) bool {
	sk := skeleton(text)
	for _, w := range tableWords {
		if strings.Contains(sk, skeleton(w)) {
			return true
		}
	}
	if isSentence(text) {
		return false
	}
	if t.hasWords(sk) {
		return true
	}
	nums, labels := 0, 0
	for _, tk := range toks {
		switch tk.kind {
		case tNum, tMark:
			nums++
		case tLabel:
			labels++
		}
	}
	switch {
	case nums == 0:
		return false
	case labels == 0 && nums >= 3:
		return true // a row of numbers whose label is elsewhere
	}
	for _, tk := range toks {
		if tk.kind == tLabel {
			if _, _, ok := t.match(tk.text); ok {
				return true
			}
		}
	}
	return false
}

// classify gives each piece its role and returns the lines of each table.
// In a table's section, paragraphs up to the table's last numbers are the
// table's unless they are sentences (the text above the table); what
// follows the last numbers is prose again. Prose after 表四 goes to 五 when
// the document has no 五 heading (its heading was lost).
func (r *recognizer) classify() (roles []role, lines map[int][]line) {
	roles = make([]role, len(r.pieces))
	lines = map[int][]line{}
	toks := make([][]token, len(r.pieces))
	for i, p := range r.pieces {
		if p.table == nil && !p.heading && r.dictFor(p.section) != nil {
			toks[i] = lex(p.text, -1, &r.pieces[i].loc)
		}
	}
	has := map[int]bool{}
	for _, p := range r.pieces {
		if p.heading {
			has[p.section] = true
		}
	}
	var loose []int // tables outside the tables' sections
	for sec := -1; sec < 6; sec++ {
		t := r.dictFor(sec)
		var idx []int
		for i, p := range r.pieces {
			if p.section == sec && !p.heading {
				idx = append(idx, i)
			}
		}
		if t == nil {
			for _, i := range idx {
				if r.pieces[i].table != nil {
					loose = append(loose, i)
				} else {
					roles[i] = roleProse
				}
			}
			continue
		}
		last := -1
		tabular := make([]bool, len(idx))
		for k, i := range idx {
			p := r.pieces[i]
			tabular[k] = p.table == nil && tableish(p.text, toks[i], t)
			if p.table != nil && tableHasNumbers(p.table) || tabular[k] && !isSentence(p.text) && hasNumber(toks[i]) {
				last = k
			}
		}
		for k, i := range idx {
			p := r.pieces[i]
			switch {
			case p.table != nil:
				roles[i] = roleTable
			case !tabular[k] && debris(p.text, toks[i], t):
				roles[i] = roleDebris
				if hasNumber(toks[i]) {
					r.strays[t.table] = append(r.strays[t.table], p.text)
				}
			case k > last && sec == 3 && !has[4]:
				roles[i] = roleMoved
			case k > last, isSentence(p.text) && !tabular[k]:
				roles[i] = roleProse
			default:
				roles[i] = roleTable
			}
			if roles[i] != roleTable {
				continue
			}
			if p.table != nil {
				lines[t.table] = append(lines[t.table], withColumns(tableLines(p.table), columnMap(p.table, t))...)
			} else {
				lines[t.table] = append(lines[t.table], line{toks: toks[i], loc: p.loc})
			}
		}
	}
	// A document without the tables' headings (a bare form), or whose
	// tables stand apart from them (a workbook's sheets after a sheet of the
	// six sections): each table outside them goes to the table whose rows
	// it names, among the tables found nowhere else.
	found := map[int]bool{}
	for table, ls := range lines {
		found[table] = len(ls) > 0
	}
	for _, i := range loose {
		if r.keyed {
			break // the template's keys place its cells
		}
		tl := tableLines(r.pieces[i].table)
		best, bestHits := 0, 0
		for _, t := range []*tableDict{r.d.t2, r.d.t3, r.d.t4} {
			if found[t.table] {
				continue
			}
			// The rows it names by their own words, and its header
			// words: enough to choose, and cheaper than matching every
			// label through typos.
			hits := 0
			for _, row := range r.pieces[i].table.Grid {
				for _, c := range row {
					if c.Covered || c.Text == "" {
						continue
					}
					if sk := skeleton(c.Text); t.keySet[core(c.Text)] || t.hasWords(sk) {
						hits++
					}
				}
			}
			if hits > bestHits {
				best, bestHits = t.table, hits
			}
		}
		if best != 0 {
			roles[i] = roleTable
			lines[best] = append(lines[best], withColumns(tl, columnMap(r.pieces[i].table, r.tableDict(best)))...)
		}
	}
	return roles, lines
}

// debris is true for a paragraph of a table's section that is not a row
// and holds only a number or two, or only a header word of the table: what
// a PDF leaves beside a grid whose last column fell outside its rulings.
func debris(text string, toks []token, t *tableDict) bool {
	switch {
	case len(toks) == 1 && toks[0].kind == tLabel:
		return slices.Contains(t.headers, skeleton(text))
	case len(toks) == 0 || len(toks) > 2:
		return false
	}
	for _, tk := range toks {
		if tk.kind != tNum && tk.kind != tMark {
			return false
		}
	}
	return true
}

// splitMixed cuts a paragraph of a table's section that runs prose and
// the table together (a crawler's dump joins a page's blocks) where the
// table begins, when a sentence ends before: the prose stays prose, the
// rest is the table's.
func (r *recognizer) splitMixed(pieces []piece) []piece {
	var out []piece
	for _, p := range pieces {
		t := r.dictFor(p.section)
		if t == nil || p.table != nil || p.heading || !isSentence(p.text) {
			out = append(out, p)
			continue
		}
		at := -1
		for _, w := range t.starts {
			if i := indexLoose(p.text, w); i >= 0 && (at < 0 || i < at) {
				at = i
			}
		}
		if at > 0 {
			if r, w := utf8.DecodeLastRuneInString(p.text[:at]); narrow(r) == '(' {
				at -= w // the bracket opening the table's note
			}
		}
		if at <= 0 || !isSentence(p.text[:at]) {
			out = append(out, p)
			continue
		}
		prose, table := p, p
		prose.text, table.text = strings.TrimSpace(p.text[:at]), p.text[at:]
		out = append(out, prose, table)
	}
	return out
}

// indexLoose is strings.Index with white space in s skipped: labels
// wrapped inside a cell keep a break where a dump joins them.
func indexLoose(s, w string) int {
	if i := strings.Index(s, w); i >= 0 {
		return i
	}
	first, _ := utf8.DecodeRuneInString(w)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == first && prefixLoose(s[i:], w) {
			return i
		}
		i += size
	}
	return -1
}

// prefixLoose reports whether s starts with w, white space in s skipped.
func prefixLoose(s, w string) bool {
	for _, want := range w {
		for {
			r, size := utf8.DecodeRuneInString(s)
			if size == 0 {
				return false
			}
			s = s[size:]
			if !unicode.IsSpace(r) {
				if r != want {
					return false
				}
				break
			}
		}
	}
	return true
}

// withColumns gives a table's lines its column map.
func withColumns(ls []line, cols []int) []line {
	for i := range ls {
		ls[i].cols = cols
	}
	return ls
}

// tableDict returns the dictionary of table n (2, 3, 4).
func (r *recognizer) tableDict(n int) *tableDict {
	return [...]*tableDict{2: r.d.t2, 3: r.d.t3, 4: r.d.t4}[n]
}

func hasNumber(toks []token) bool {
	for _, t := range toks {
		if t.kind == tNum {
			return true
		}
	}
	return false
}

func tableHasNumbers(t *source.Table) bool {
	for _, row := range t.Grid {
		for _, c := range row {
			for _, r := range c.Text {
				if isDigit(narrow(r)) {
					return true
				}
			}
		}
	}
	return false
}
