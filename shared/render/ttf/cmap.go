package ttf

import (
	"encoding/binary"
	"fmt"
)

// readCmap fills f.bmp from the best Unicode subtable: format 12 when
// present (it is a superset), otherwise format 4.
func (f *Font) readCmap() error {
	t := f.tables["cmap"]
	if len(t) < 4 {
		return errShortTable
	}
	n := int(binary.BigEndian.Uint16(t[2:]))
	if len(t) < 4+8*n {
		return errShortTable
	}
	var off4, off12 int
	for i := range n {
		rec := t[4+8*i:]
		platform := binary.BigEndian.Uint16(rec)
		encoding := binary.BigEndian.Uint16(rec[2:])
		off := int(binary.BigEndian.Uint32(rec[4:]))
		unicode := platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10))
		if !unicode || off+2 > len(t) {
			continue
		}
		switch binary.BigEndian.Uint16(t[off:]) {
		case 4:
			if off4 == 0 {
				off4 = off
			}
		case 12:
			if off12 == 0 {
				off12 = off
			}
		}
	}
	f.bmp = make([]uint16, 0x10000)
	switch {
	case off12 != 0:
		return f.readCmap12(t[off12:])
	case off4 != 0:
		return f.readCmap4(t[off4:])
	}
	return ErrNoCmap
}

func (f *Font) readCmap4(t []byte) error {
	if len(t) < 14 {
		return errShortTable
	}
	segs := int(binary.BigEndian.Uint16(t[6:])) / 2
	if len(t) < 16+8*segs {
		return errShortTable
	}
	ends := t[14:]
	starts := t[16+2*segs:]
	deltas := t[16+4*segs:]
	rangeOffs := t[16+6*segs:]
	prevEnd := -1
	for s := range segs {
		end := int(binary.BigEndian.Uint16(ends[2*s:]))
		start := int(binary.BigEndian.Uint16(starts[2*s:]))
		// Segments are sorted and disjoint (OpenType cmap spec); insisting
		// on it bounds the work on a hostile font to one pass over the BMP.
		if start <= prevEnd || end < start {
			return fmt.Errorf("format 4 segment %d unsorted: %w", s, ErrFormat)
		}
		prevEnd = end
		delta := int(binary.BigEndian.Uint16(deltas[2*s:]))
		ro := int(binary.BigEndian.Uint16(rangeOffs[2*s:]))
		for c := start; c <= end && c < 0xFFFF; c++ {
			var g int
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else {
				// idRangeOffset is relative to its own position in the table.
				pos := 16 + 6*segs + 2*s + ro + 2*(c-start)
				if pos+2 > len(t) {
					return fmt.Errorf("format 4 segment %d: %w", s, ErrFormat)
				}
				g = int(binary.BigEndian.Uint16(t[pos:]))
				if g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			if g < f.numGlyphs {
				f.bmp[c] = uint16(g)
			}
		}
	}
	return nil
}

func (f *Font) readCmap12(t []byte) error {
	if len(t) < 16 {
		return errShortTable
	}
	groups := int(binary.BigEndian.Uint32(t[12:]))
	if groups > (len(t)-16)/12 {
		return errShortTable
	}
	var prevEnd uint32
	for i := range groups {
		g := t[16+12*i:]
		start := binary.BigEndian.Uint32(g)
		end := binary.BigEndian.Uint32(g[4:])
		gid := binary.BigEndian.Uint32(g[8:])
		if start > end || (i > 0 && start <= prevEnd) {
			return fmt.Errorf("format 12 group %d unsorted: %w", i, ErrFormat)
		}
		prevEnd = end
		for c := start; c <= end && c < 0xFFFF; c++ {
			if id := gid + (c - start); id < uint32(f.numGlyphs) {
				f.bmp[c] = uint16(id)
			}
		}
	}
	return nil
}

// cmap4 builds a cmap table with one (3,1) format-4 subtable mapping each
// rune in runes (ascending) to gids[i]. Runs of consecutive runes with
// consecutive glyphs become one delta segment, which keeps the table small.
func cmap4(runes []rune, gids []uint16) ([]byte, error) {
	type seg struct{ start, end, delta int }
	var segs []seg
	for i, r := range runes {
		d := (int(gids[i]) - int(r)) & 0xFFFF
		if n := len(segs); n > 0 && segs[n-1].end == int(r)-1 && segs[n-1].delta == d {
			segs[n-1].end = int(r)
			continue
		}
		segs = append(segs, seg{int(r), int(r), d})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1}) // required terminator
	n := len(segs)
	if 16+8*n > 0xFFFF {
		return nil, fmt.Errorf("cmap of %d segments: %w", n, ErrTooLarge)
	}
	searchRange, selector := 1, 0
	for searchRange*2 <= n {
		searchRange *= 2
		selector++
	}
	searchRange *= 2
	sub := make([]byte, 16+8*n)
	be := binary.BigEndian
	be.PutUint16(sub[0:], 4)
	be.PutUint16(sub[2:], uint16(len(sub)))
	be.PutUint16(sub[6:], uint16(2*n))
	be.PutUint16(sub[8:], uint16(searchRange))
	be.PutUint16(sub[10:], uint16(selector))
	be.PutUint16(sub[12:], uint16(2*n-searchRange))
	for i, s := range segs {
		be.PutUint16(sub[14+2*i:], uint16(s.end))
		be.PutUint16(sub[16+2*n+2*i:], uint16(s.start))
		be.PutUint16(sub[16+4*n+2*i:], uint16(s.delta))
		// idRangeOffset stays 0: every segment is a delta segment.
	}
	head := []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}
	return append(head, sub...), nil
}
