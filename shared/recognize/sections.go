package recognize

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/source"
)

// piece is a block of the document, or the part of a paragraph between
// headings that a flattened text printed inline.
type piece struct {
	kind    source.BlockKind
	text    string
	table   *source.Table
	loc     source.Location
	section int  // −1 before the first of the six headings, else 0–5
	heading bool // the piece is the heading of its section
}

// headingSkeletons are the six headings' words and their variants.
var headingSkeletons = sync.OnceValue(func() [6][]string {
	var out [6][]string
	for i, h := range report.SectionHeadings {
		_, rest := splitNumbering(h)
		out[i] = append(out[i], skeleton(rest))
		for _, a := range headingAliases[i] {
			if k := skeleton(a); !slices.Contains(out[i], k) {
				out[i] = append(out[i], k)
			}
		}
		// Longest first, so that inline matching takes the whole heading.
		slices.SortFunc(out[i], func(a, b string) int { return len(b) - len(a) })
	}
	return out
})

// maxHeadingRunes is longer than any heading line.
const maxHeadingRunes = 40

// sectionOf returns the section a heading line names (0–5), −1 for none.
// The words decide, not the number: reports misnumber headings.
func sectionOf(text string) int {
	t := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(text), "#"))
	if utf8.RuneCountInString(t) > maxHeadingRunes {
		return -1
	}
	_, rest := splitNumbering(t)
	sk := skeleton(rest)
	for i, vs := range headingSkeletons() {
		if slices.Contains(vs, sk) {
			return i
		}
	}
	return -1
}

// segment cuts the document into pieces by the six headings, as blocks or
// inline in a paragraph (crawler dumps run the whole page together).
func segment(doc *source.Document) []piece {
	var out []piece
	sec := -1
	for _, b := range doc.Blocks {
		if b.Kind == source.TableBlock {
			out = appendTable(out, b, &sec)
			continue
		}
		if s := sectionOf(b.Text); s >= 0 {
			sec = s
			out = append(out, piece{kind: source.Heading, text: b.Text, loc: b.Loc, section: s, heading: true})
			continue
		}
		for _, p := range splitInline(b.Text) {
			if p.section >= 0 {
				sec = p.section
				out = append(out, piece{kind: source.Heading, text: p.text, loc: b.Loc, section: sec, heading: true})
				continue
			}
			out = append(out, piece{kind: b.Kind, text: p.text, loc: b.Loc, section: sec})
		}
	}
	return out
}

type part struct {
	text    string
	section int
}

// splitInline finds headings inside running text: a Chinese numeral and 、,
// then a heading's words (punctuation between them allowed). It scans the
// text's bytes: a page run into one paragraph may be megabytes long.
func splitInline(text string) []part {
	var out []part
	from := 0
	for i := 0; i < len(text); {
		r, w := utf8.DecodeRuneInString(text[i:])
		if !strings.ContainsRune("一二三四五六七八九十", r) {
			i += w
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		next, nw := utf8.DecodeRuneInString(text[i+w:])
		if strings.ContainsRune("一二三四五六七八九十", prev) || !isNumDot(next) {
			i += w
			continue
		}
		sec, end := -1, 0
		for s, vs := range headingSkeletons() {
			for _, v := range vs {
				if e, ok := matchPrefix(text, i+w+nw, v); ok {
					sec, end = s, e
					break
				}
			}
			if sec >= 0 {
				break
			}
		}
		if sec < 0 {
			i += w
			continue
		}
		if before := strings.TrimSpace(text[from:i]); before != "" {
			out = append(out, part{text: before, section: -1})
		}
		out = append(out, part{text: text[i:end], section: sec})
		from, i = end, end
	}
	if rest := strings.TrimSpace(text[from:]); rest != "" || len(out) == 0 {
		out = append(out, part{text: rest, section: -1})
	}
	return out
}

// matchPrefix matches the Chinese characters of sk at text[i:], skipping
// punctuation and spaces between them; it returns where the match ends.
func matchPrefix(text string, i int, sk string) (int, bool) {
	for _, want := range sk {
		for i < len(text) {
			r, w := utf8.DecodeRuneInString(text[i:])
			if isHan(r) || !(unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r)) {
				break
			}
			i += w
		}
		r, w := utf8.DecodeRuneInString(text[i:])
		if i >= len(text) || r != want && !(r == '増' && want == '增') {
			return 0, false
		}
		i += w
	}
	return i, true
}
