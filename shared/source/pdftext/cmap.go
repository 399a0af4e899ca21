package pdftext

import (
	"sort"
	"unicode/utf16"
)

// cmap is what the reader needs of a CMap: how to cut a string into codes
// (codespace ranges), and codes mapped to Unicode (a ToUnicode CMap) or to
// CIDs (an embedded encoding CMap). Ranges are kept as ranges: a hostile
// <0000> <FFFF> costs one entry, not 65,536.
type cmap struct {
	spaces []codespace
	chars  map[uint32]string // bfchar, and cidchar as a CID in uni[0]
	ranges []cmapRange
}

type codespace struct {
	n      int // bytes
	lo, hi [4]byte
}

type cmapRange struct {
	lo, hi uint32
	n      int      // code length in bytes
	dst    []uint16 // UTF-16 of the first code's text (bfrange with a string)
	list   []string // one text per code (bfrange with an array)
	cid    uint32   // first CID (cidrange)
	isCID  bool
}

// maxCMapEntries bounds a CMap whatever it declares.
const maxCMapEntries = 1 << 16

// parseCMap reads a ToUnicode or encoding CMap stream.
func parseCMap(data []byte) *cmap {
	m := &cmap{chars: map[uint32]string{}}
	lx := &lexer{b: data, maxArgs: cmapOperands}
	var buf []operand
	entries := 0
	for entries < maxCMapEntries {
		op, args, ok := lx.next(buf)
		if !ok {
			break
		}
		buf = args
		switch op {
		case "endcodespacerange":
			for i := 0; i+1 < len(args); i += 2 {
				lo, hi := args[i].str, args[i+1].str
				if len(lo) == 0 || len(lo) > 4 || len(lo) != len(hi) {
					continue
				}
				var cs codespace
				cs.n = len(lo)
				copy(cs.lo[:], lo)
				copy(cs.hi[:], hi)
				m.spaces = append(m.spaces, cs)
				entries++
			}
		case "endbfchar":
			for i := 0; i+1 < len(args); i += 2 {
				if c, ok := code(args[i].str); ok {
					m.chars[c] = utf16BE(args[i+1].str)
					entries++
				}
			}
		case "endcidchar":
			for i := 0; i+1 < len(args); i += 2 {
				if c, ok := code(args[i].str); ok && args[i+1].kind == kNum {
					m.ranges = append(m.ranges, cmapRange{lo: c, hi: c, n: len(args[i].str), cid: uint32(args[i+1].num), isCID: true})
					entries++
				}
			}
		case "endbfrange", "endcidrange":
			for i := 0; i+2 < len(args); i += 3 {
				lo, ok1 := code(args[i].str)
				hi, ok2 := code(args[i+1].str)
				if !ok1 || !ok2 || hi < lo {
					continue
				}
				r := cmapRange{lo: lo, hi: hi, n: len(args[i].str)}
				switch d := args[i+2]; {
				case op == "endcidrange" && d.kind == kNum:
					r.cid, r.isCID = uint32(d.num), true
				case d.kind == kStr:
					r.dst = utf16.Encode([]rune(utf16BE(d.str)))
					if len(r.dst) == 0 {
						continue
					}
				case d.kind == kArray:
					for _, s := range d.arr {
						r.list = append(r.list, utf16BE(s.str))
					}
				default:
					continue
				}
				m.ranges = append(m.ranges, r)
				entries++
			}
		}
	}
	sort.SliceStable(m.ranges, func(i, j int) bool { return m.ranges[i].lo < m.ranges[j].lo })
	return m
}

// code reads a big-endian code of 1 to 4 bytes.
func code(s string) (uint32, bool) {
	if len(s) == 0 || len(s) > 4 {
		return 0, false
	}
	var c uint32
	for i := 0; i < len(s); i++ {
		c = c<<8 | uint32(s[i])
	}
	return c, true
}

// utf16BE decodes a CMap destination: UTF-16BE, surrogates allowed.
func utf16BE(s string) string {
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	if len(s)%2 == 1 { // a one-byte destination, as some producers write
		u = append(u, uint16(s[len(s)-1]))
	}
	return string(utf16.Decode(u))
}

// next cuts the next code from s by the codespace ranges; without any, by
// the default width. An unmatched byte is one code, as PDF 9.7.6.3 says.
func (m *cmap) next(s string, width int) (c uint32, n int) {
	if m != nil && len(m.spaces) > 0 {
		for n := 1; n <= 4 && n <= len(s); n++ {
			for _, cs := range m.spaces {
				if cs.n != n || !inSpace(s[:n], cs) {
					continue
				}
				c, _ := code(s[:n])
				return c, n
			}
		}
		width = 1
	}
	n = min(width, len(s))
	c, _ = code(s[:n])
	return c, n
}

func inSpace(s string, cs codespace) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < cs.lo[i] || s[i] > cs.hi[i] {
			return false
		}
	}
	return true
}

// unicode returns the text of code c, ok false when the CMap has none.
func (m *cmap) unicode(c uint32) (string, bool) {
	if m == nil {
		return "", false
	}
	if s, ok := m.chars[c]; ok {
		return s, true
	}
	r := m.find(c, false)
	if r == nil {
		return "", false
	}
	off := c - r.lo
	if r.list != nil {
		if int(off) < len(r.list) {
			return r.list[off], true
		}
		return "", false
	}
	u := append([]uint16(nil), r.dst...)
	u[len(u)-1] += uint16(off)
	return string(utf16.Decode(u)), true
}

// cid returns the CID of code c in an encoding CMap.
func (m *cmap) cid(c uint32) (uint32, bool) {
	if r := m.find(c, true); r != nil {
		return r.cid + (c - r.lo), true
	}
	return 0, false
}

func (m *cmap) find(c uint32, cid bool) *cmapRange {
	i := sort.Search(len(m.ranges), func(i int) bool { return m.ranges[i].lo > c })
	// Ranges may overlap: look back from the last one starting at or before c.
	for j := i - 1; j >= 0 && i-j <= 64; j-- {
		r := &m.ranges[j]
		if r.isCID == cid && c >= r.lo && c <= r.hi {
			return r
		}
	}
	return nil
}
