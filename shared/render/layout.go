package render

import (
	"fmt"
	"strconv"
	"strings"
)

// layout places a document's blocks on pages. It is single-use.
type layout struct {
	serif, sans *face
	tr          Trace
	y           float64         // top of the free space on the current page
	tables      map[int]*tabLay // prepared tables by block index
	// captioned is the Table tag opened early for a caption placed above
	// its table, or -1.
	captioned int
	runs      []run  // scratch for placing a line
	units     []unit // scratch for breaking lines
}

// owner is what a placed run belongs to: a structure element, or an
// artifact of some kind.
type owner struct {
	tag      int
	artifact string
}

// Layout typesets doc and returns every placed text run and box. It
// returns an error, before placing anything, when the document has a
// character a face cannot draw or a table whose spans do not tile its grid.
func (r *Renderer) Layout(doc *Document) (*Trace, error) {
	if doc == nil {
		return nil, fmt.Errorf("layout: %w", ErrNilDocument)
	}
	if err := r.checkGlyphs(doc); err != nil {
		return nil, err
	}
	return r.layout(doc)
}

// layout lays out a document whose glyphs are checked.
func (r *Renderer) layout(doc *Document) (*Trace, error) {
	lo := &layout{
		serif:     r.serif,
		sans:      r.sans,
		tr:        Trace{PageWidth: pageW, PageHeight: pageH},
		tables:    map[int]*tabLay{},
		captioned: -1,
	}
	lo.tag(tagDocument, -1)
	lo.newPage()
	lo.title(doc.Title)
	for i, b := range doc.Blocks {
		var err error
		switch b := b.(type) {
		case Heading:
			err = lo.heading(b.Text, doc.Blocks, i)
		case *Heading:
			err = lo.heading(b.Text, doc.Blocks, i)
		case Subheading:
			err = lo.subheading(b.Text, doc.Blocks, i)
		case *Subheading:
			err = lo.subheading(b.Text, doc.Blocks, i)
		case Paragraph:
			lo.paragraphs(b.Text)
		case *Paragraph:
			lo.paragraphs(b.Text)
		case Table, *Table:
			var t *tabLay
			if t, err = lo.table(doc.Blocks, i); err == nil {
				lo.placeTable(t, lo.tableTag())
			}
		case nil:
			err = fmt.Errorf("block %d: %w", i, ErrNilBlock)
		default:
			err = fmt.Errorf("block %d: %T: %w", i, b, ErrBlockType)
		}
		if err != nil {
			return nil, fmt.Errorf("layout: %w", err)
		}
	}
	lo.folios()
	return &lo.tr, nil
}

func (lo *layout) page() *Page { return &lo.tr.Pages[len(lo.tr.Pages)-1] }

func (lo *layout) newPage() {
	lo.tr.Pages = append(lo.tr.Pages, Page{Texts: make([]Text, 0, 128)})
	lo.y = marginT
}

// atTop reports whether nothing has been placed on the current page.
func (lo *layout) atTop() bool { return lo.y <= marginT+eps }

// ensure starts a new page unless h mm fit below the current position.
func (lo *layout) ensure(h float64) {
	if lo.y+h > bottom+eps && !lo.atTop() {
		lo.newPage()
	}
}

// gap adds vertical space, except at the top of a page.
func (lo *layout) gap(h float64) {
	if !lo.atTop() {
		lo.y += h
	}
}

// tag opens a structure element under parent and returns its index.
func (lo *layout) tag(typ string, parent int) int {
	lo.tr.Tags = append(lo.tr.Tags, Tag{Type: typ, Parent: parent})
	return len(lo.tr.Tags) - 1
}

// tableTag returns the Table tag for the table about to be placed: the one
// its caption opened, or a new one.
func (lo *layout) tableTag() int {
	if t := lo.captioned; t >= 0 {
		lo.captioned = -1
		return t
	}
	return lo.tag(tagTable, 0)
}

func (lo *layout) text(role string, o owner, f *face, pt float64, r run, y float64) {
	p := lo.page()
	p.Texts = append(p.Texts, Text{
		Role: role, Face: f.key, Size: pt,
		X: round2(r.x), Y: round2(y), Spacing: round4(r.spacing), Text: r.text,
		Tag: o.tag, Artifact: o.artifact,
	})
}

// centred places each line centred on the text block.
func (lo *layout) centred(role string, o owner, f *face, pt float64, lines []line, lineH float64) {
	for _, l := range lines {
		x := marginL + (textW-l.width)/2
		lo.runs = placeLine(lo.runs[:0], l, x, l.width, false, 0)
		for _, r := range lo.runs {
			lo.text(role, o, f, pt, r, baseline(lo.y, lineH, pt))
		}
		lo.y += lineH
	}
}

func (lo *layout) title(s string) {
	if s == "" {
		return
	}
	lines := balance(s, lo.serif.measure(titlePt), textW)
	lo.centred(roleTitle, owner{tag: lo.tag(tagH1, 0)}, lo.serif, titlePt, lines, ptToMM(titlePt)*titleLead)
	lo.y += ptToMM(bodyPt) * bodyLead // one blank body line below the title
}

func bodyLineH() float64 { return ptToMM(bodyPt) * bodyLead }

func (lo *layout) heading(s string, blocks []Block, i int) error {
	lineH := ptToMM(headPt) * headLead
	indent := 2 * ptToMM(bodyPt)
	lines := breakTextScratch(&lo.units, s, lo.sans.measure(headPt), textW-indent, textW-indent)
	follow, err := lo.lead(blocks, i+1)
	if err != nil {
		return err
	}
	lo.gap(bodyLineH() / 2)
	lo.ensure(float64(len(lines))*lineH + follow)
	lo.tr.Outline = append(lo.tr.Outline, Mark{Text: s, Page: len(lo.tr.Pages), Y: round2(lo.y)})
	o := owner{tag: lo.tag(tagH2, 0)}
	for _, l := range lines {
		lo.runs = placeLine(lo.runs[:0], l, marginL+indent, textW-indent, false, 0)
		for _, r := range lo.runs {
			lo.text(roleHeading, o, lo.sans, headPt, r, baseline(lo.y, lineH, headPt))
		}
		lo.y += lineH
	}
	return nil
}

func (lo *layout) subheading(s string, blocks []Block, i int) error {
	lineH := bodyLineH()
	lines := balance(s, lo.serif.measure(bodyPt), textW)
	follow, err := lo.lead(blocks, i+1)
	if err != nil {
		return err
	}
	lo.gap(lineH / 4)
	lo.ensure(float64(len(lines))*lineH + follow)
	// A caption above a table is that table's Caption; any other
	// subheading is a paragraph.
	o := owner{tag: -1}
	if i+1 < len(blocks) && isTable(blocks[i+1]) {
		lo.captioned = lo.tag(tagTable, 0)
		o.tag = lo.tag(tagCaption, lo.captioned)
	} else {
		o.tag = lo.tag(tagP, 0)
	}
	lo.centred(roleSubheading, o, lo.serif, bodyPt, lines, lineH)
	return nil
}

func isTable(b Block) bool {
	switch b.(type) {
	case Table, *Table:
		return true
	}
	return false
}

// lead is the height block i needs at the bottom of a page for the block
// before it (a heading or caption) to stay on that page with it.
func (lo *layout) lead(blocks []Block, i int) (float64, error) {
	if i >= len(blocks) {
		return 0, nil
	}
	switch blocks[i].(type) {
	case Paragraph, *Paragraph:
		return 2 * bodyLineH(), nil
	case Heading, *Heading:
		return ptToMM(headPt) * headLead, nil
	case Subheading, *Subheading:
		return bodyLineH(), nil
	case Table, *Table:
		t, err := lo.table(blocks, i)
		if err != nil {
			return 0, err
		}
		return tableGap() + t.head.height() + t.firstRowH(), nil
	}
	return 0, nil
}

// paragraphs places each '\n'-separated paragraph of s.
func (lo *layout) paragraphs(s string) {
	for _, p := range strings.Split(s, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			lo.paragraph(p)
		}
	}
}

// paragraph places one justified paragraph with a two-character indent,
// never leaving its first line alone at the foot of a page (orphan) nor
// its last line alone at the head of the next (widow).
func (lo *layout) paragraph(s string) {
	lineH := bodyLineH()
	m := lo.serif.measure(bodyPt)
	em := ptToMM(bodyPt)
	lines := breakTextScratch(&lo.units, s, m, textW-2*em, textW)
	o := owner{tag: lo.tag(tagP, 0)}
	for i := 0; i < len(lines); {
		fit := int((bottom - lo.y + eps) / lineH)
		left := len(lines) - i
		if fit < left {
			switch {
			case fit <= 1 && !lo.atTop():
				lo.newPage()
				continue
			case left-fit == 1 && fit >= 3:
				fit-- // take a second line along so the last is not alone
			}
			fit = max(fit, 1)
		} else {
			fit = left
		}
		for _, l := range lines[i : i+fit] {
			x, w := marginL, textW
			if i == 0 {
				x, w = marginL+2*em, textW-2*em
			}
			lo.runs = placeLine(lo.runs[:0], l, x, w, true, em)
			for _, r := range lo.runs {
				lo.text(roleBody, o, lo.serif, bodyPt, r, baseline(lo.y, lineH, bodyPt))
			}
			lo.y += lineH
			i++
		}
		if i < len(lines) {
			lo.newPage()
		}
	}
}

// folios prints "— N —" centred below the text block of every page, as an
// artifact: a page number is not content.
func (lo *layout) folios() {
	m := lo.serif.measure(folioPt)
	lineH := ptToMM(folioPt)
	for n := range lo.tr.Pages {
		s := "— " + strconv.Itoa(n+1) + " —"
		w := 0.0
		for _, r := range s {
			w += m(r)
		}
		p := &lo.tr.Pages[n]
		p.Texts = append(p.Texts, Text{
			Role: roleFolio, Face: lo.serif.key, Size: folioPt,
			X: round2(marginL + (textW-w)/2), Y: round2(baseline(bottom+folioGap, lineH, folioPt)), Text: s,
			Artifact: ArtifactFooter,
		})
	}
}
