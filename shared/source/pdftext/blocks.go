package pdftext

import (
	"cmp"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/shared/source"
)

// metrics describe the body text: its size and margins, against which
// headings (larger, bold or centred) and paragraph starts (indented, or
// after a short line) are told.
type metrics struct {
	size        float64
	left, right float64
	width       float64 // of the pages
}

func measure(pages [][]item, width float64) metrics {
	sizes := map[float64]int{}
	var lefts, rights []float64
	for _, items := range pages {
		for _, it := range items {
			if it.line != nil && !it.line.vert {
				sizes[math.Round(it.line.size*2)/2] += utf8.RuneCountInString(it.line.str)
			}
		}
	}
	m := metrics{size: 12, width: width}
	best := 0
	for s, n := range sizes {
		if n > best || n == best && s < m.size {
			m.size, best = s, n
		}
	}
	for _, items := range pages {
		for _, it := range items {
			if l := it.line; l != nil && !l.vert && math.Abs(l.size-m.size) <= 0.15*m.size {
				lefts = append(lefts, l.box.x0)
				rights = append(rights, l.box.x1)
			}
		}
	}
	m.left, m.right = mode(lefts, m.size/2), mode(rights, m.size/2)
	if len(lefts) == 0 {
		m.left, m.right = 0, width
	}
	return m
}

// mode returns the most common value of vs, counting values within tol of
// each other as one.
func mode(vs []float64, tol float64) float64 {
	slices.Sort(vs)
	best, n := 0.0, 0
	for i := range vs {
		j := i
		for j < len(vs) && vs[j]-vs[i] <= tol {
			j++
		}
		if j-i > n {
			best, n = vs[i], j-i
		}
	}
	return best
}

// style is what sets a heading apart; the larger style ranks higher.
type style struct {
	size float64
	bold bool
}

func (m metrics) heading(l *line) (style, bool) {
	t := compact(l.text())
	n := utf8.RuneCountInString(t)
	if n == 0 || n > 60 || l.vert {
		return style{}, false
	}
	s := style{math.Round(l.size*2) / 2, l.bold}
	centre := (l.box.x0 + l.box.x1) / 2
	centred := math.Abs(centre-m.width/2) < 0.05*m.width && l.box.x0 > m.left+3*m.size
	switch {
	case l.size >= 1.15*m.size, l.bold && !endsSentence(t), centred && !endsSentence(t):
		return s, true
	}
	return style{}, false
}

var numbering = regexp.MustCompile(`^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[)）]|[0-9]+[.、．])`)

func endsSentence(s string) bool {
	return strings.HasSuffix(s, "。") || strings.HasSuffix(s, "；") || strings.HasSuffix(s, "：")
}

// flow turns the pages' items into blocks: tables continued over a page
// break are joined, lines become headings and paragraphs.
type flow struct {
	m             metrics
	lim           source.Limits
	contentBottom float64
	blocks        []source.Block
	tables        []*ptable // parallel to the table blocks, before layout
	para          []string
	paraLoc       source.Location
	prev          *line // the paragraph's last line
	prevPage      int
	heads         []headingBlock
	err           error
}

type headingBlock struct {
	index int // in blocks
	style style
	line  *line
	page  int
}

func (f *flow) flush() {
	if len(f.para) > 0 {
		f.add(source.Block{Kind: source.Paragraph, Text: joinLines(f.para), Loc: f.paraLoc})
	}
	f.para, f.prev = nil, nil
}

func (f *flow) add(b source.Block) {
	if len(f.blocks) >= f.lim.MaxBlocks {
		f.err = source.Refuse(source.TooComplex, "PDF 的段落和表格过多，不像是一份年报，已拒绝", nil)
		return
	}
	f.blocks = append(f.blocks, b)
}

func (f *flow) table(t *ptable, first bool) {
	if first && len(f.tables) > 0 && f.para == nil && len(f.blocks) > 0 && f.blocks[len(f.blocks)-1].Kind == source.TableBlock {
		prev := f.tables[len(f.tables)-1]
		if prev.last == t.page-1 {
			if drop, ok := continuation(prev, t, f.contentBottom, f.lim.MaxCells); ok {
				join(prev, t, drop, f.lim.MaxCells)
				return
			}
		}
	}
	f.flush()
	f.add(source.Block{Kind: source.TableBlock, Loc: source.Location{Page: t.page, X: round1(t.box.x0), Y: round1(t.box.y0)}})
	f.tables = append(f.tables, t)
}

func (f *flow) line(l *line, page int, first bool) {
	if s, ok := f.m.heading(l); ok {
		f.flush()
		if n := len(f.heads); n > 0 {
			h := f.heads[n-1]
			gap := l.box.y0 - h.line.box.y1
			if h.index == len(f.blocks)-1 && h.page == page && h.style == s && gap < 0.8*l.size && gap > -0.5*l.size && !numbering.MatchString(compact(l.text())) {
				b := &f.blocks[h.index]
				b.Text = joinLines([]string{b.Text, l.text()})
				f.heads[n-1].line = l
				return
			}
		}
		f.heads = append(f.heads, headingBlock{index: len(f.blocks), style: s, line: l, page: page})
		f.add(source.Block{Kind: source.Heading, Text: compactSpaces(l.text()), Loc: loc(l, page)})
		return
	}
	if f.prev != nil && !f.startsParagraph(l, page, first) {
		f.para = append(f.para, l.text())
		f.prev, f.prevPage = l, page
		return
	}
	f.flush()
	f.para = []string{l.text()}
	f.paraLoc = loc(l, page)
	f.prev, f.prevPage = l, page
}

// startsParagraph: an indented line, a line after a short one, a line far
// below the previous or of another size starts a paragraph. On a new page
// the paragraph goes on unless the line is indented or the last line was
// short.
func (f *flow) startsParagraph(l *line, page int, first bool) bool {
	p := f.prev
	size := f.m.size
	indented := l.box.x0 > f.m.left+1.2*size
	short := p.box.x1 < f.m.right-2*size
	if indented || short || math.Abs(l.size-p.size) > 0.15*size {
		return true
	}
	if page != f.prevPage {
		return !first || page != f.prevPage+1
	}
	return l.box.y0-p.box.y1 > 1.2*math.Max(size, l.size)
}

func loc(l *line, page int) source.Location {
	return source.Location{Page: page, X: round1(l.box.x0), Y: round1(l.box.y0)}
}

func compactSpaces(s string) string { return strings.Join(strings.Fields(s), " ") }

// levels numbers the headings by style: the largest is level 1.
func (f *flow) levels() {
	var styles []style
	for _, h := range f.heads {
		if !slices.Contains(styles, h.style) {
			styles = append(styles, h.style)
		}
	}
	slices.SortStableFunc(styles, func(a, b style) int {
		if c := cmp.Compare(b.size, a.size); c != 0 {
			return c
		}
		if a.bold != b.bold {
			if a.bold {
				return -1
			}
			return 1
		}
		return 0
	})
	for _, h := range f.heads {
		f.blocks[h.index].Level = slices.Index(styles, h.style) + 1
	}
}

// finish lays the tables out as grids, numbered in document order.
func (f *flow) finish() error {
	f.flush()
	if f.err != nil {
		return f.err
	}
	f.levels()
	n := 0
	for i := range f.blocks {
		b := &f.blocks[i]
		if b.Kind != source.TableBlock {
			continue
		}
		t := f.tables[n]
		n++
		p, ok := place(t.cells, f.lim.MaxCells)
		if !ok {
			return source.Refuse(source.TooComplex, "PDF 中的表格过大，不像是一份年报，已拒绝", nil)
		}
		tb, ok := p.source(n, f.lim)
		if !ok {
			return source.Refuse(source.TooComplex, "PDF 中的表格过大，不像是一份年报，已拒绝", nil)
		}
		tb.Loc = b.Loc
		tb.Loc.Table = n
		b.Table = tb
		b.Loc.Table = n
	}
	return nil
}

// build runs the flow over the pages' items.
func build(pages [][]item, m metrics, lim source.Limits) ([]source.Block, error) {
	f := &flow{m: m, lim: lim}
	for _, items := range pages {
		for _, it := range items {
			f.contentBottom = math.Max(f.contentBottom, it.bottom())
		}
	}
	for _, items := range pages {
		for i, it := range items {
			if f.err != nil {
				return nil, f.err
			}
			if it.table != nil {
				f.table(it.table, i == 0)
			} else {
				f.line(it.line, it.page, i == 0)
			}
		}
	}
	if err := f.finish(); err != nil {
		return nil, err
	}
	return f.blocks, nil
}
