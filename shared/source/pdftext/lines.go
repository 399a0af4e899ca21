package pdftext

import (
	"math"
	"slices"
	"strings"
	"unicode"
)

// line is a run of glyphs on one baseline (or one column of stacked
// glyphs), cut into chunks where the gap is wide enough to separate
// columns.
type line struct {
	glyphs []glyph // left to right, or top to bottom when vertical
	chunks [][]glyph
	box    rect
	str    string  // the text, kept when the glyphs are let go
	size   float64 // the largest glyph
	bold   bool    // every glyph bold
	vert   bool
}

// chunkGap is the gap, in multiples of the font size, that separates two
// chunks of a line: columns of an unruled table, not words.
const chunkGap = 1.5

// buildLines groups glyphs into lines, in reading order: top to bottom,
// then left to right. Chinese has no spaces: glyphs join by position, and
// the order of the content stream does not matter.
func buildLines(gs []glyph) []line {
	var horiz, vert []glyph
	for _, g := range gs {
		if g.vertical {
			vert = append(vert, g)
		} else {
			horiz = append(horiz, g)
		}
	}
	var out []line
	slices.SortStableFunc(horiz, func(a, b glyph) int { return cmpf(a.y, b.y) })
	for i := 0; i < len(horiz); {
		j := i + 1
		base, size := horiz[i].y, horiz[i].size
		for j < len(horiz) && horiz[j].y-base <= 0.4*math.Min(size, horiz[j].size) {
			j++
		}
		out = append(out, splitRow(horiz[i:j])...)
		i = j
	}
	out = append(out, columns(vert)...)
	slices.SortStableFunc(out, func(a, b line) int {
		if c := cmpf(a.box.y0, b.box.y0); math.Abs(a.box.y0-b.box.y0) > 0.5*math.Min(a.size, b.size) {
			return c
		}
		return cmpf(a.box.x0, b.box.x0)
	})
	return out
}

// splitRow orders one baseline's glyphs left to right, drops the copies
// that fake bold draws over each other, and makes one line of them.
func splitRow(gs []glyph) []line {
	gs = slices.Clone(gs)
	slices.SortStableFunc(gs, func(a, b glyph) int { return cmpf(a.x0, b.x0) })
	kept := gs[:0]
	for _, g := range gs {
		if n := len(kept); n > 0 {
			p := kept[n-1]
			if p.text == g.text && math.Abs(p.x0-g.x0) < 0.3*g.size && math.Abs(p.y-g.y) < 0.3*g.size {
				continue
			}
		}
		kept = append(kept, g)
	}
	return []line{newLine(kept, false)}
}

// columns groups stacked glyphs into top-to-bottom lines by their centres.
func columns(gs []glyph) []line {
	slices.SortStableFunc(gs, func(a, b glyph) int {
		if math.Abs(a.cx()-b.cx()) > 0.5*math.Min(a.size, b.size) {
			return cmpf(a.cx(), b.cx())
		}
		return cmpf(a.top, b.top)
	})
	var out []line
	for i := 0; i < len(gs); {
		j := i + 1
		for j < len(gs) && math.Abs(gs[j].cx()-gs[i].cx()) <= 0.5*math.Min(gs[i].size, gs[j].size) &&
			gs[j].top-gs[j-1].bot < 1.5*gs[j].size {
			j++
		}
		out = append(out, newLine(gs[i:j], true))
		i = j
	}
	return out
}

func newLine(gs []glyph, vert bool) line {
	l := line{glyphs: gs, vert: vert, bold: true}
	for i, g := range gs {
		r := rect{g.x0, g.top, g.x1, g.bot}
		if i == 0 {
			l.box = r
		}
		l.box = l.box.union(r)
		l.size = math.Max(l.size, g.size)
		l.bold = l.bold && g.bold
	}
	l.str = text(gs)
	start := 0
	for i := 1; i <= len(gs); i++ {
		if i == len(gs) || !vert && gap(gs[i-1], gs[i]) > chunkGap*math.Max(gs[i-1].size, gs[i].size) {
			l.chunks = append(l.chunks, gs[start:i])
			start = i
		}
	}
	return l
}

func gap(a, b glyph) float64 { return b.x0 - a.x1 }

// text joins glyphs: no space between Chinese characters whatever the gap
// (justified Chinese is spread out), a space between Latin words and
// numbers where the gap is a space's width.
func text(gs []glyph) string {
	var b strings.Builder
	for i, g := range gs {
		if i > 0 {
			p := gs[i-1]
			d := g.x0 - p.x1
			if g.vertical {
				d = g.top - p.bot
			}
			if d > 0.2*g.size && !cjkEdge(p.text, g.text) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(g.text)
	}
	return b.String()
}

func (l line) text() string { return l.str }

// joinLines joins the lines of one cell or paragraph: directly where either
// side is Chinese, with a space between Latin words or numbers, so that
// "1" over "2" never becomes 12.
func joinLines(parts []string) string {
	var b strings.Builder
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			prev := b.String()
			if !cjkEdge(prev, p) && !endsHyphen(prev) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(p)
	}
	return b.String()
}

func endsHyphen(s string) bool { return strings.HasSuffix(s, "-") && len(s) > 1 }

// cjkEdge reports whether the end of a or the start of b is Chinese (or
// full-width punctuation), where no space belongs.
func cjkEdge(a, b string) bool {
	if a == "" || b == "" {
		return true
	}
	ra := []rune(a)
	return wide(ra[len(ra)-1]) || wide([]rune(b)[0])
}

func wide(r rune) bool {
	return unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF ||
		r >= 0x2000 && r <= 0x206F || r == 0xFFFD
}

func cmpf(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
