package ttf

import (
	"encoding/binary"
	"fmt"
	"slices"
)

// Composite glyph flags (OpenType spec, glyf table).
const (
	argsAreWords  = 0x0001
	haveScale     = 0x0008
	moreComps     = 0x0020
	haveXYScale   = 0x0040
	haveTwoByTwo  = 0x0080
	maxCompDepth  = 16
	maxSubsetGlyf = 0xFFFE
)

// Subset is a font cut down to a set of runes.
type Subset struct {
	Data     []byte   // a standalone TrueType font
	Runes    []rune   // the runes it maps, ascending
	GIDs     []uint16 // GIDs[i] is the glyph of Runes[i] in Data
	Advances []uint16 // advance of every glyph of Data, in font units
}

// Subset returns a standalone TrueType font holding glyph 0 (.notdef), the
// glyphs of runes and any glyphs their composites refer to. Glyphs are
// renumbered in rune order, so equal rune sets give equal bytes. A rune the
// font lacks yields a *MissingGlyphError.
func (f *Font) Subset(runes []rune) (*Subset, error) { return f.SubsetInto(nil, runes) }

// SubsetInto is Subset writing the font file into buf when it has room
// (its contents are overwritten), so that a caller can reuse buffers.
func (f *Font) SubsetInto(buf []byte, runes []rune) (*Subset, error) {
	rs := slices.Clone(runes)
	slices.Sort(rs)
	rs = slices.Compact(rs)

	newID := map[uint16]uint16{0: 0}
	order := []uint16{0}
	add := func(g uint16) uint16 {
		if id, ok := newID[g]; ok {
			return id
		}
		id := uint16(len(order))
		newID[g] = id
		order = append(order, g)
		return id
	}
	gids := make([]uint16, len(rs))
	for i, r := range rs {
		g, ok := f.GlyphIndex(r)
		if !ok {
			return nil, &MissingGlyphError{Rune: r}
		}
		gids[i] = add(g)
	}
	// Components are appended after the mapped glyphs; the loop picks up
	// components of components because order grows while it runs.
	for i := 0; i < len(order); i++ {
		if len(order) > maxSubsetGlyf {
			return nil, fmt.Errorf("subset of %d glyphs: %w", len(order), ErrTooLarge)
		}
		err := f.components(order[i], func(c uint16) { add(c) })
		if err != nil {
			return nil, fmt.Errorf("subset glyph %d: %w", order[i], err)
		}
	}

	loca, glyfSize := f.glyfLayout(order)
	cmap, err := cmap4(rs, gids)
	if err != nil {
		return nil, fmt.Errorf("subset: %w", err)
	}
	hmtx := make([]byte, 4*len(order))
	advances := make([]uint16, len(order))
	for i, g := range order {
		advances[i] = uint16(f.advance(g))
		binary.BigEndian.PutUint16(hmtx[4*i:], advances[i])
		binary.BigEndian.PutUint16(hmtx[4*i+2:], f.lsb(g))
	}

	head := slices.Clone(f.tables["head"])
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, set by assemble
	binary.BigEndian.PutUint16(head[50:], 1) // long loca
	hhea := slices.Clone(f.tables["hhea"])
	binary.BigEndian.PutUint16(hhea[34:], uint16(len(order)))
	maxp := slices.Clone(f.tables["maxp"])
	binary.BigEndian.PutUint16(maxp[4:], uint16(len(order)))

	tables := map[string][]byte{
		"cmap": cmap, "head": head, "hhea": hhea,
		"hmtx": hmtx, "loca": loca, "maxp": maxp, "post": post3(f.tables["post"]),
	}
	// name and OS/2 carry the licence and style data; copy them unchanged.
	for _, tag := range []string{"name", "OS/2"} {
		if t, ok := f.tables[tag]; ok {
			tables[tag] = t
		}
	}
	// The glyphs are copied straight into the file.
	data, err := assemble(buf, tables, "glyf", glyfSize, func(glyf []byte) error { return f.writeGlyf(glyf, order, newID) })
	if err != nil {
		return nil, err
	}
	return &Subset{Data: data, Runes: rs, GIDs: gids, Advances: advances}, nil
}

// components calls fn with each glyph that composite glyph g refers to.
func (f *Font) components(g uint16, fn func(uint16)) error {
	return walkComponents(f.glyph(g), func(_ int, c uint16) error {
		if int(c) >= f.numGlyphs {
			return fmt.Errorf("component %d of %d glyphs: %w", c, f.numGlyphs, ErrFormat)
		}
		fn(c)
		return nil
	})
}

// walkComponents calls fn with the offset and glyph index of each
// component of a composite glyph; simple glyphs have none.
func walkComponents(data []byte, fn func(off int, g uint16) error) error {
	if len(data) < 10 || int16(binary.BigEndian.Uint16(data)) >= 0 {
		return nil
	}
	for p := 10; ; {
		if p+4 > len(data) {
			return fmt.Errorf("composite truncated: %w", ErrFormat)
		}
		flags := binary.BigEndian.Uint16(data[p:])
		if err := fn(p+2, binary.BigEndian.Uint16(data[p+2:])); err != nil {
			return err
		}
		p += 4
		if flags&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&haveTwoByTwo != 0:
			p += 8
		}
		if flags&moreComps == 0 {
			return nil
		}
	}
}

// glyfLayout returns the long-format loca of the glyphs in order, each
// padded to four bytes, and the size of their glyf table.
func (f *Font) glyfLayout(order []uint16) (loca []byte, size int) {
	loca = make([]byte, 4*(len(order)+1))
	for i, g := range order {
		binary.BigEndian.PutUint32(loca[4*i:], uint32(size))
		size += (len(f.glyph(g)) + 3) &^ 3
	}
	binary.BigEndian.PutUint32(loca[4*len(order):], uint32(size))
	return loca, size
}

// writeGlyf copies the glyphs in order into glyf (of the size glyfLayout
// gave), each padded with zeros, rewriting component references to the new
// numbering.
func (f *Font) writeGlyf(glyf []byte, order []uint16, newID map[uint16]uint16) error {
	at := 0
	for _, g := range order {
		src := f.glyph(g)
		padded := (len(src) + 3) &^ 3
		dst := glyf[at : at+len(src)]
		copy(dst, src)
		clear(glyf[at+len(src) : at+padded])
		err := walkComponents(dst, func(off int, c uint16) error {
			binary.BigEndian.PutUint16(dst[off:], newID[c])
			return nil
		})
		if err != nil {
			return fmt.Errorf("subset glyph %d: %w", g, err)
		}
		at += padded
	}
	return nil
}

// post3 turns a post table into version 3.0, which carries no glyph
// names: the names of the original numbering would be wrong in a subset.
func post3(src []byte) []byte {
	t := make([]byte, 32)
	copy(t, src)
	binary.BigEndian.PutUint32(t, 0x00030000)
	return t
}

// assemble writes an sfnt file: directory with tables sorted by tag, each
// table 4-byte aligned, and head.checkSumAdjustment filled in. The table
// fillTag, of fillSize bytes, is written in place by fill. The file goes
// into buf if it has room.
func assemble(buf []byte, tables map[string][]byte, fillTag string, fillSize int, fill func([]byte) error) ([]byte, error) {
	tags := make([]string, 0, len(tables)+1)
	size := 12 + 16*(len(tables)+1) + (fillSize+3)&^3
	for tag, t := range tables {
		tags = append(tags, tag)
		size += (len(t) + 3) &^ 3
	}
	tags = append(tags, fillTag)
	slices.Sort(tags)
	n := len(tags)
	searchRange, selector := 1, 0
	for searchRange*2 <= n {
		searchRange *= 2
		selector++
	}
	searchRange *= 16
	var out []byte
	if cap(buf) >= size {
		out = buf[:12+16*n]
	} else {
		out = make([]byte, 12+16*n, size)
	}
	be := binary.BigEndian
	be.PutUint32(out, 0x00010000)
	be.PutUint16(out[4:], uint16(n))
	be.PutUint16(out[6:], uint16(searchRange))
	be.PutUint16(out[8:], uint16(selector))
	be.PutUint16(out[10:], uint16(16*n-searchRange))
	headOff := 0
	// The file's checksum is the directory's plus the tables' (each padded
	// with zeros to a multiple of four), so the file is not summed again.
	var sum uint32
	for i, tag := range tags {
		start := len(out)
		if tag == fillTag {
			out = out[:start+fillSize]
			if err := fill(out[start:]); err != nil {
				return nil, err
			}
		} else {
			out = append(out, tables[tag]...)
		}
		t := out[start:]
		rec := out[12+16*i:]
		copy(rec, tag)
		c := checksum(t)
		sum += c
		be.PutUint32(rec[4:], c)
		be.PutUint32(rec[8:], uint32(start))
		be.PutUint32(rec[12:], uint32(len(t)))
		if tag == "head" {
			headOff = start
		}
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	sum += checksum(out[:12+16*n])
	be.PutUint32(out[headOff+8:], 0xB1B0AFBA-sum)
	return out, nil
}

// checksum is the sfnt table checksum: the sum of big-endian 32-bit words,
// the last one padded with zeros.
func checksum(b []byte) uint32 {
	var sum uint32
	n := len(b) &^ 3
	for i := 0; i < n; i += 4 {
		sum += binary.BigEndian.Uint32(b[i:])
	}
	if n < len(b) {
		var w [4]byte
		copy(w[:], b[n:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
