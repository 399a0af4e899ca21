package pdftext

import (
	"context"
	"math"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// glyph is one shown character in display coordinates.
type glyph struct {
	text     string
	x0, x1   float64 // left and right
	y        float64 // baseline; for vertical text the bottom
	top, bot float64
	size     float64
	vertical bool // stacked top to bottom (vertical writing or text turned 90°)
	bold     bool
}

func (g *glyph) cx() float64 { return (g.x0 + g.x1) / 2 }
func (g *glyph) cy() float64 { return (g.top + g.bot) / 2 }

// segment is a horizontal or vertical ruling in display coordinates, with
// x0 ≤ x1 and y0 ≤ y1 (one pair equal).
type segment struct{ x0, y0, x1, y1 float64 }

func (s segment) horizontal() bool { return s.y1-s.y0 < s.x1-s.x0 }

// page is what a page's content streams show.
type page struct {
	number        int
	width, height float64
	glyphs        []glyph
	segs          []segment
	images        int // image XObjects and inline images drawn
	unmapped      int // glyphs whose font gives no text
}

// Bounds on one page's content, whatever the streams say.
const (
	maxGlyphsPerPage = 100_000
	maxSegsPerPage   = 50_000
	maxStateDepth    = 256 // q without Q
	maxFormDepth     = 8   // forms inside forms
	maxOps           = 2_000_000
)

type textState struct {
	font                       *font
	size, tc, tw, th, tl, rise float64
	mode                       int
}

type gstate struct {
	ctm       matrix
	text      textState
	lineWidth float64
}

// interp runs content streams, collecting glyphs and rulings.
type interp struct {
	ctx   context.Context
	o     *objects
	disp  display
	out   *page
	fonts map[any]*font
	ops   int
	err   error

	gs    gstate
	stack []gstate
	tm    matrix
	tlm   matrix
	path  []pathSeg
	start [2]float64 // current subpath's start (user space after CTM)
	cur   [2]float64
	forms []types.IndirectRef // forms being run, against cycles
	codes []glyphCode
}

// pathSeg is a straight piece of the current path, already in user space;
// rect marks the four sides of a re operator.
type pathSeg struct {
	x0, y0, x1, y1 float64
	rect           bool
	curve          bool
}

func newInterp(ctx context.Context, o *objects, disp display, out *page) *interp {
	return &interp{ctx: ctx, o: o, disp: disp, out: out, fonts: map[any]*font{},
		gs: gstate{ctm: identity, text: textState{th: 1}, lineWidth: 1}}
}

// run interprets one content stream with the given resources.
func (in *interp) run(data []byte, res types.Dict) {
	lx := &lexer{b: data}
	var buf []operand
	for in.err == nil {
		op, args, ok := lx.next(buf)
		if !ok {
			return
		}
		buf = args
		if in.ops++; in.ops%4096 == 0 {
			if err := in.ctx.Err(); err != nil {
				in.err = err
				return
			}
		}
		if in.ops > maxOps {
			return
		}
		in.do(op, args, res)
	}
}

func nums(args []operand, n int) ([]float64, bool) {
	if len(args) < n {
		return nil, false
	}
	out := make([]float64, n)
	for i, a := range args[len(args)-n:] {
		if a.kind != kNum || math.IsNaN(a.num) || math.IsInf(a.num, 0) {
			return nil, false
		}
		out[i] = a.num
	}
	return out, true
}

func (in *interp) do(op string, args []operand, res types.Dict) {
	g := &in.gs
	switch op {
	case "q":
		if len(in.stack) < maxStateDepth {
			in.stack = append(in.stack, *g)
		}
	case "Q":
		if n := len(in.stack); n > 0 {
			*g = in.stack[n-1]
			in.stack = in.stack[:n-1]
		}
	case "cm":
		if v, ok := nums(args, 6); ok {
			m := matrix(v).then(g.ctm)
			if finite(m) {
				g.ctm = m
			}
		}
	case "w":
		if v, ok := nums(args, 1); ok {
			g.lineWidth = v[0]
		}
	case "m":
		if v, ok := nums(args, 2); ok {
			x, y := g.ctm.apply(v[0], v[1])
			in.start, in.cur = [2]float64{x, y}, [2]float64{x, y}
		}
	case "l":
		if v, ok := nums(args, 2); ok {
			x, y := g.ctm.apply(v[0], v[1])
			in.addSeg(pathSeg{x0: in.cur[0], y0: in.cur[1], x1: x, y1: y})
			in.cur = [2]float64{x, y}
		}
	case "c", "v", "y":
		if v, ok := nums(args, len(args)); ok && len(v) >= 4 {
			x, y := g.ctm.apply(v[len(v)-2], v[len(v)-1])
			in.addSeg(pathSeg{x0: in.cur[0], y0: in.cur[1], x1: x, y1: y, curve: true})
			in.cur = [2]float64{x, y}
		}
	case "h":
		in.addSeg(pathSeg{x0: in.cur[0], y0: in.cur[1], x1: in.start[0], y1: in.start[1]})
		in.cur = in.start
	case "re":
		if v, ok := nums(args, 4); ok {
			x, y, w, h := v[0], v[1], v[2], v[3]
			pts := [5][2]float64{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}, {x, y}}
			for i := range 4 {
				ax, ay := g.ctm.apply(pts[i][0], pts[i][1])
				bx, by := g.ctm.apply(pts[i+1][0], pts[i+1][1])
				in.addSeg(pathSeg{x0: ax, y0: ay, x1: bx, y1: by, rect: true})
			}
			in.start = [2]float64{0, 0}
			in.start[0], in.start[1] = g.ctm.apply(x, y)
			in.cur = in.start
		}
	case "S", "s":
		in.stroke()
		in.path = in.path[:0]
	case "f", "F", "f*":
		in.fill()
		in.path = in.path[:0]
	case "B", "B*", "b", "b*":
		in.fill()
		in.stroke()
		in.path = in.path[:0]
	case "n":
		in.path = in.path[:0]
	case "BT":
		in.tm, in.tlm = identity, identity
	case "Tf":
		if len(args) >= 2 && args[len(args)-2].kind == kName && args[len(args)-1].kind == kNum {
			g.text.font = in.font(res, args[len(args)-2].str)
			g.text.size = args[len(args)-1].num
		}
	case "Tc":
		if v, ok := nums(args, 1); ok {
			g.text.tc = v[0]
		}
	case "Tw":
		if v, ok := nums(args, 1); ok {
			g.text.tw = v[0]
		}
	case "Tz":
		if v, ok := nums(args, 1); ok {
			g.text.th = v[0] / 100
		}
	case "TL":
		if v, ok := nums(args, 1); ok {
			g.text.tl = v[0]
		}
	case "Ts":
		if v, ok := nums(args, 1); ok {
			g.text.rise = v[0]
		}
	case "Tr":
		if v, ok := nums(args, 1); ok {
			g.text.mode = int(v[0])
		}
	case "Td", "TD":
		if v, ok := nums(args, 2); ok {
			if op == "TD" {
				g.text.tl = -v[1]
			}
			in.tlm = translate(v[0], v[1]).then(in.tlm)
			in.tm = in.tlm
		}
	case "Tm":
		if v, ok := nums(args, 6); ok && finite(matrix(v)) {
			in.tm, in.tlm = matrix(v), matrix(v)
		}
	case "T*":
		in.nextLine()
	case "Tj":
		if len(args) > 0 && args[len(args)-1].kind == kStr {
			in.show(args[len(args)-1].str)
		}
	case "'":
		if len(args) > 0 && args[len(args)-1].kind == kStr {
			in.nextLine()
			in.show(args[len(args)-1].str)
		}
	case "\"":
		if len(args) >= 3 && args[len(args)-1].kind == kStr {
			g.text.tw, g.text.tc = args[len(args)-3].num, args[len(args)-2].num
			in.nextLine()
			in.show(args[len(args)-1].str)
		}
	case "TJ":
		if len(args) > 0 && args[len(args)-1].kind == kArray {
			for _, e := range args[len(args)-1].arr {
				switch e.kind {
				case kStr:
					in.show(e.str)
				case kNum:
					in.shift(-e.num / 1000 * g.text.size)
				}
			}
		}
	case "Do":
		if len(args) > 0 && args[len(args)-1].kind == kName {
			in.xobject(res, args[len(args)-1].str)
		}
	case "BI":
		in.out.images++
	}
}

func (in *interp) addSeg(s pathSeg) {
	if len(in.path) < 4096 {
		in.path = append(in.path, s)
	}
}

func (in *interp) nextLine() {
	in.tlm = translate(0, -in.gs.text.tl).then(in.tlm)
	in.tm = in.tlm
}

// shift moves the text position along the writing direction by d text
// space units (TJ's numbers).
func (in *interp) shift(d float64) {
	t := in.gs.text
	if t.font != nil && t.font.vertical {
		in.tm = translate(0, d).then(in.tm)
		return
	}
	in.tm = translate(d*t.th, 0).then(in.tm)
}

// show places the glyphs of string s (PDF 9.4.4).
func (in *interp) show(s string) {
	t := in.gs.text
	f := t.font
	if f == nil {
		f = fallbackFont
	}
	in.codes = f.decode(s, in.codes)
	for _, c := range in.codes {
		if f.vertical {
			in.placeVertical(c, f)
		} else {
			in.placeHorizontal(c, f)
		}
	}
}

func (in *interp) emit(gl glyph, text string) {
	if len(in.out.glyphs) >= maxGlyphsPerPage {
		return
	}
	text = strings.Map(func(r rune) rune {
		if r < ' ' || r == 0xFFFE || r == 0xFEFF {
			return -1
		}
		return r
	}, text)
	if strings.TrimSpace(text) == "" {
		return
	}
	gl.text = text
	gl.bold = in.gs.text.font != nil && in.gs.text.font.bold || in.gs.text.mode == 2 && in.gs.lineWidth > 0
	in.out.glyphs = append(in.out.glyphs, gl)
}

// text space → display: the text rendering matrix with size and scaling,
// then the page's display transform.
func (in *interp) toDisplay(x, y float64) (float64, float64) {
	t := in.gs.text
	trm := matrix{t.size * t.th, 0, 0, t.size, 0, t.rise}.then(in.tm).then(in.gs.ctm)
	ux, uy := trm.apply(x, y)
	return in.disp.point(ux, uy)
}

func (in *interp) placeHorizontal(c glyphCode, f *font) {
	t := in.gs.text
	x0, y0 := in.toDisplay(0, 0)
	x1, y1 := in.toDisplay(c.width, 0)
	ux, uy := in.toDisplay(0, 1)
	size := math.Hypot(ux-x0, uy-y0)
	dx, dy := x1-x0, y1-y0
	if c.width == 0 {
		dx, dy = in.toDisplay(1, 0)
		dx, dy = dx-x0, dy-y0
	}
	text := c.text
	if text == "" {
		text = "\uFFFD"
		in.out.unmapped++
	}
	l := math.Hypot(dx, dy)
	switch {
	case size < 0.5 || size > 500 || l == 0:
		// unreadable or degenerate: nothing a person sees as text
	case math.Abs(dy) <= 0.2*l && dx > 0: // upright
		in.emit(glyph{x0: x0, x1: x0 + math.Max(dx, size*0.25), y: y0, top: y0 - 0.86*size, bot: y0 + 0.14*size, size: size}, text)
	case math.Abs(dx) <= 0.2*l && dy > 0: // turned 90°: reads downwards
		in.emit(glyph{x0: x0 - 0.14*size, x1: x0 + 0.86*size, y: y0 + dy, top: y0, bot: y0 + math.Max(dy, size*0.25), size: size, vertical: true}, text)
	default:
		// upside down or slanted: a stamp or watermark, not the report's text
	}
	adv := (c.width*t.size + t.tc)
	if c.space {
		adv += t.tw
	}
	in.tm = translate(adv*t.th, 0).then(in.tm)
}

func (in *interp) placeVertical(c glyphCode, f *font) {
	t := in.gs.text
	// The glyph's box in text space around its vertical origin (PDF 9.7.4.3):
	// centred on x, hanging down one em from the position.
	ax, ay := in.toDisplay(-c.width/2, 0)
	bx, by := in.toDisplay(c.width/2, -1)
	text := c.text
	if text == "" {
		text = "\uFFFD"
		in.out.unmapped++
	}
	size := math.Abs(by - ay)
	if size >= 0.5 && size <= 500 {
		in.emit(glyph{x0: min(ax, bx), x1: max(ax, bx), y: max(ay, by), top: min(ay, by), bot: max(ay, by), size: size, vertical: true}, text)
	}
	adv := f.vy*t.size + t.tc
	if c.space {
		adv += t.tw
	}
	in.tm = translate(0, adv).then(in.tm)
}

// fallbackFont reads bytes as Latin-1 when a Tf names no usable font.
var fallbackFont = func() *font {
	f := &font{dw: 0.5, scale: 1.0 / 1000, widths: map[uint32]float64{}}
	for c := 32; c < 256; c++ {
		f.simple[c] = rune(c)
	}
	return f
}()

func (in *interp) font(res types.Dict, name string) *font {
	fonts := in.o.dict(res["Font"])
	if fonts == nil {
		return nil
	}
	ref := fonts[name]
	var key any = ref
	if r, ok := ref.(types.IndirectRef); ok {
		key = r.ObjectNumber.Value()
	} else {
		key = [2]any{&fonts, name}
	}
	if f, ok := in.fonts[key]; ok {
		return f
	}
	d := in.o.dict(ref)
	if d == nil {
		in.fonts[key] = nil
		return nil
	}
	f := loadFont(in.o, d)
	in.fonts[key] = f
	return f
}

// stroke keeps the axis-aligned straight lines of the path as rulings.
func (in *interp) stroke() {
	for _, s := range in.path {
		if !s.curve {
			in.ruling(s.x0, s.y0, s.x1, s.y1)
		}
	}
}

// fill keeps thin filled rectangles (many producers draw borders so) as
// rulings along their long side; wider fills are shading.
func (in *interp) fill() {
	for i := 0; i+3 < len(in.path); i++ {
		if !in.path[i].rect {
			continue
		}
		var r rect
		for j := range 4 {
			s := in.path[i+j]
			x, y := in.disp.point(s.x0, s.y0)
			if j == 0 {
				r = rect{x, y, x, y}
			}
			r = r.union(rect{x, y, x, y})
		}
		i += 3
		switch {
		case r.h() <= 2.5 && r.w() > 2*r.h():
			in.addRuling(segment{r.x0, (r.y0 + r.y1) / 2, r.x1, (r.y0 + r.y1) / 2})
		case r.w() <= 2.5 && r.h() > 2*r.w():
			in.addRuling(segment{(r.x0 + r.x1) / 2, r.y0, (r.x0 + r.x1) / 2, r.y1})
		}
	}
}

// ruling keeps a stroked line when it is horizontal or vertical on the page.
func (in *interp) ruling(ux0, uy0, ux1, uy1 float64) {
	x0, y0 := in.disp.point(ux0, uy0)
	x1, y1 := in.disp.point(ux1, uy1)
	switch {
	case math.Abs(y1-y0) <= 0.5 && math.Abs(x1-x0) > 0.5:
		y := (y0 + y1) / 2
		in.addRuling(segment{min(x0, x1), y, max(x0, x1), y})
	case math.Abs(x1-x0) <= 0.5 && math.Abs(y1-y0) > 0.5:
		x := (x0 + x1) / 2
		in.addRuling(segment{x, min(y0, y1), x, max(y0, y1)})
	}
}

func (in *interp) addRuling(s segment) {
	if len(in.out.segs) < maxSegsPerPage {
		in.out.segs = append(in.out.segs, s)
	}
}

// xobject runs a form or counts an image.
func (in *interp) xobject(res types.Dict, name string) {
	xobjs := in.o.dict(res["XObject"])
	if xobjs == nil {
		return
	}
	ref := xobjs[name]
	d := in.o.dict(ref)
	if d == nil {
		return
	}
	switch in.o.name(d["Subtype"]) {
	case "Image":
		in.out.images++
	case "Form":
		r, isRef := ref.(types.IndirectRef)
		if len(in.forms) >= maxFormDepth {
			return
		}
		if isRef {
			for _, f := range in.forms {
				if f.ObjectNumber == r.ObjectNumber {
					return // a form that draws itself
				}
			}
		}
		data, err := in.o.stream(ref)
		if err != nil {
			in.err = err
			return
		}
		saved, savedStack, savedTm, savedTlm := in.gs, in.stack, in.tm, in.tlm
		in.stack = nil
		if m := in.o.array(d["Matrix"]); len(m) == 6 {
			var v matrix
			ok := true
			for i := range 6 {
				v[i], ok = in.o.num(m[i])
				if !ok {
					break
				}
			}
			if ok && finite(v) {
				in.gs.ctm = v.then(in.gs.ctm)
			}
		}
		formRes := in.o.dict(d["Resources"])
		if formRes == nil {
			formRes = res
		}
		in.forms = append(in.forms, r)
		in.path = in.path[:0]
		in.run(data, formRes)
		in.forms = in.forms[:len(in.forms)-1]
		in.gs, in.stack, in.tm, in.tlm = saved, savedStack, savedTm, savedTlm
	}
}
