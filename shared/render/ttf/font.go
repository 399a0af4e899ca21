// Package ttf reads TrueType (glyf-outline) fonts and writes subsets of them.
//
// It exists so that a large CJK font can be parsed once per process and a
// tiny per-document font, holding only the glyphs a document uses, can be
// handed to the PDF writer. Only what a PDF embedding needs is kept: the
// outlines, horizontal metrics, a format-4 Unicode cmap and the naming and
// style tables. Layout tables (GSUB, GPOS, vertical metrics) are dropped.
package ttf

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Sentinel errors; wrapped with context by the functions that return them.
var (
	ErrFormat     = errors.New("ttf: malformed font")
	ErrNotGlyf    = errors.New("ttf: not a TrueType glyf font")
	ErrNoCmap     = errors.New("ttf: no usable Unicode cmap")
	ErrTooLarge   = errors.New("ttf: font too large")
	ErrNoGlyph    = errors.New("ttf: rune not in font")
	errShortTable = errors.New("table too short")
)

// MissingGlyphError reports a rune the font cannot draw.
type MissingGlyphError struct{ Rune rune }

func (e *MissingGlyphError) Error() string {
	return fmt.Sprintf("ttf: no glyph for %q (U+%04X)", e.Rune, e.Rune)
}

// Unwrap lets callers test with errors.Is(err, ErrNoGlyph).
func (e *MissingGlyphError) Unwrap() error { return ErrNoGlyph }

// maxFontSize bounds what Parse accepts; the largest CJK fonts are ~30 MB.
const maxFontSize = 64 << 20

// Font is a parsed TrueType font. It is immutable after Parse and safe for
// concurrent use.
type Font struct {
	data        []byte
	tables      map[string][]byte
	unitsPerEm  int
	numGlyphs   int
	numHMetrics int
	loca        []uint32 // numGlyphs+1 offsets into the glyf table
	bmp         []uint16 // glyph index per BMP code point; 0 = none
	hmtx, glyf  []byte   // the tables layout and subsetting read per glyph
	name        string   // PostScript name (name ID 6)
}

// Parse reads a TrueType font. The font keeps a reference to data, which
// must not be modified afterwards.
func Parse(data []byte) (*Font, error) {
	if len(data) > maxFontSize {
		return nil, fmt.Errorf("parse font of %d bytes: %w", len(data), ErrTooLarge)
	}
	f := &Font{data: data}
	if err := f.readDirectory(); err != nil {
		return nil, fmt.Errorf("parse font: %w", err)
	}
	for _, step := range []struct {
		name string
		fn   func() error
	}{
		{"head", f.readHead},
		{"maxp", f.readMaxp},
		{"hhea", f.readHhea},
		{"hmtx", f.checkHmtx},
		{"loca", f.readLoca},
		{"cmap", f.readCmap},
		{"name", f.readName},
	} {
		if err := step.fn(); err != nil {
			return nil, fmt.Errorf("parse font: table %s: %w", step.name, err)
		}
	}
	return f, nil
}

func (f *Font) readDirectory() error {
	d := f.data
	if len(d) < 12 {
		return ErrFormat
	}
	switch binary.BigEndian.Uint32(d) {
	case 0x00010000, 0x74727565: // 1.0 and 'true'
	default:
		return ErrNotGlyf
	}
	n := int(binary.BigEndian.Uint16(d[4:]))
	if len(d) < 12+16*n {
		return fmt.Errorf("table directory: %w", ErrFormat)
	}
	f.tables = make(map[string][]byte, n)
	for i := range n {
		rec := d[12+16*i:]
		tag := string(rec[:4])
		off := uint64(binary.BigEndian.Uint32(rec[8:]))
		size := uint64(binary.BigEndian.Uint32(rec[12:]))
		if off+size > uint64(len(d)) {
			return fmt.Errorf("table %q out of bounds: %w", tag, ErrFormat)
		}
		f.tables[tag] = d[off : off+size : off+size]
	}
	for _, tag := range []string{"head", "maxp", "hhea", "hmtx", "loca", "glyf", "cmap"} {
		if _, ok := f.tables[tag]; !ok {
			if tag == "glyf" || tag == "loca" {
				return ErrNotGlyf
			}
			return fmt.Errorf("missing table %q: %w", tag, ErrFormat)
		}
	}
	return nil
}

func (f *Font) readHead() error {
	t := f.tables["head"]
	if len(t) < 54 {
		return errShortTable
	}
	f.unitsPerEm = int(binary.BigEndian.Uint16(t[18:]))
	if f.unitsPerEm < 16 || f.unitsPerEm > 16384 {
		return fmt.Errorf("unitsPerEm %d: %w", f.unitsPerEm, ErrFormat)
	}
	return nil
}

func (f *Font) readMaxp() error {
	t := f.tables["maxp"]
	if len(t) < 6 {
		return errShortTable
	}
	f.numGlyphs = int(binary.BigEndian.Uint16(t[4:]))
	if f.numGlyphs == 0 {
		return fmt.Errorf("no glyphs: %w", ErrFormat)
	}
	return nil
}

func (f *Font) readHhea() error {
	t := f.tables["hhea"]
	if len(t) < 36 {
		return errShortTable
	}
	f.numHMetrics = int(binary.BigEndian.Uint16(t[34:]))
	if f.numHMetrics == 0 || f.numHMetrics > f.numGlyphs {
		return fmt.Errorf("numberOfHMetrics %d of %d glyphs: %w", f.numHMetrics, f.numGlyphs, ErrFormat)
	}
	return nil
}

func (f *Font) checkHmtx() error {
	need := 4*f.numHMetrics + 2*(f.numGlyphs-f.numHMetrics)
	if len(f.tables["hmtx"]) < need {
		return errShortTable
	}
	f.hmtx = f.tables["hmtx"]
	return nil
}

func (f *Font) readLoca() error {
	long := binary.BigEndian.Uint16(f.tables["head"][50:]) == 1
	t := f.tables["loca"]
	f.glyf = f.tables["glyf"]
	glyfLen := uint32(len(f.glyf))
	f.loca = make([]uint32, f.numGlyphs+1)
	if long {
		if len(t) < 4*(f.numGlyphs+1) {
			return errShortTable
		}
		for i := range f.loca {
			f.loca[i] = binary.BigEndian.Uint32(t[4*i:])
		}
	} else {
		if len(t) < 2*(f.numGlyphs+1) {
			return errShortTable
		}
		for i := range f.loca {
			f.loca[i] = 2 * uint32(binary.BigEndian.Uint16(t[2*i:]))
		}
	}
	for i := range f.numGlyphs {
		if f.loca[i] > f.loca[i+1] || f.loca[i+1] > glyfLen {
			return fmt.Errorf("glyph %d outside glyf: %w", i, ErrFormat)
		}
	}
	return nil
}

func (f *Font) readName() error {
	t := f.tables["name"]
	if len(t) < 6 {
		return nil // the name is cosmetic; a font without one is still usable
	}
	count := int(binary.BigEndian.Uint16(t[2:]))
	strOff := int(binary.BigEndian.Uint16(t[4:]))
	for i := range count {
		rec := 6 + 12*i
		if rec+12 > len(t) {
			return errShortTable
		}
		platform := binary.BigEndian.Uint16(t[rec:])
		nameID := binary.BigEndian.Uint16(t[rec+6:])
		length := int(binary.BigEndian.Uint16(t[rec+8:]))
		off := strOff + int(binary.BigEndian.Uint16(t[rec+10:]))
		if nameID != 6 || off+length > len(t) {
			continue
		}
		s := t[off : off+length]
		switch platform {
		case 3: // UTF-16BE; PostScript names are ASCII
			b := make([]byte, 0, length/2)
			for j := 0; j+1 < len(s); j += 2 {
				b = append(b, s[j+1])
			}
			f.name = string(b)
		case 1:
			f.name = string(s)
		}
		if f.name != "" {
			return nil
		}
	}
	return nil
}

// PostScriptName returns the font's PostScript name (name ID 6), or "".
func (f *Font) PostScriptName() string { return f.name }

// UnitsPerEm returns the design units per em.
func (f *Font) UnitsPerEm() int { return f.unitsPerEm }

// NumGlyphs returns the number of glyphs in the font.
func (f *Font) NumGlyphs() int { return f.numGlyphs }

// GlyphIndex returns the glyph for r and whether the font maps r at all.
// Only the Basic Multilingual Plane is supported.
func (f *Font) GlyphIndex(r rune) (uint16, bool) {
	if r < 0 || r > 0xFFFF {
		return 0, false
	}
	g := f.bmp[r]
	return g, g != 0
}

// HasRune reports whether the font maps r to a glyph.
func (f *Font) HasRune(r rune) bool {
	_, ok := f.GlyphIndex(r)
	return ok
}

// Runes returns every rune the font maps, in ascending order.
func (f *Font) Runes() []rune {
	var rs []rune
	for r, g := range f.bmp {
		if g != 0 {
			rs = append(rs, rune(r))
		}
	}
	return rs
}

// Advance returns the horizontal advance of r in font units, and false if
// the font has no glyph for r.
func (f *Font) Advance(r rune) (int, bool) {
	g, ok := f.GlyphIndex(r)
	if !ok {
		return 0, false
	}
	return f.advance(g), true
}

// GlyphAdvance returns the horizontal advance of glyph g in font units.
func (f *Font) GlyphAdvance(g uint16) int {
	if int(g) >= f.numGlyphs {
		return 0
	}
	return f.advance(g)
}

func (f *Font) advance(g uint16) int {
	i := min(int(g), f.numHMetrics-1)
	return int(binary.BigEndian.Uint16(f.hmtx[4*i:]))
}

// lsb returns the left side bearing of glyph g.
func (f *Font) lsb(g uint16) uint16 {
	t := f.hmtx
	if int(g) < f.numHMetrics {
		return binary.BigEndian.Uint16(t[4*int(g)+2:])
	}
	return binary.BigEndian.Uint16(t[4*f.numHMetrics+2*(int(g)-f.numHMetrics):])
}

// glyph returns the outline bytes of glyph g.
func (f *Font) glyph(g uint16) []byte {
	return f.glyf[f.loca[g]:f.loca[g+1]]
}

// Descriptor holds what a PDF font descriptor needs, in font units.
type Descriptor struct {
	Ascent, Descent        int // hhea ascender and descender (descent is negative)
	CapHeight              int // OS/2 sCapHeight, or Ascent when absent
	XMin, YMin, XMax, YMax int // head bounding box
	Weight                 int // OS/2 usWeightClass, 400 when absent
	ItalicAngle            float64
}

// Descriptor returns the font's descriptor values.
func (f *Font) Descriptor() Descriptor {
	be := binary.BigEndian
	hhea, head := f.tables["hhea"], f.tables["head"]
	d := Descriptor{
		Ascent:  int(int16(be.Uint16(hhea[4:]))),
		Descent: int(int16(be.Uint16(hhea[6:]))),
		XMin:    int(int16(be.Uint16(head[36:]))),
		YMin:    int(int16(be.Uint16(head[38:]))),
		XMax:    int(int16(be.Uint16(head[40:]))),
		YMax:    int(int16(be.Uint16(head[42:]))),
		Weight:  400,
	}
	d.CapHeight = d.Ascent
	if os2 := f.tables["OS/2"]; len(os2) >= 90 {
		d.Weight = int(be.Uint16(os2[4:]))
		if be.Uint16(os2) >= 2 {
			d.CapHeight = int(int16(be.Uint16(os2[88:])))
		}
	}
	if post := f.tables["post"]; len(post) >= 8 {
		d.ItalicAngle = float64(int32(be.Uint32(post[4:]))) / 65536
	}
	return d
}
