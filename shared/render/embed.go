package render

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strconv"

	"github.com/nianbao/nianbao/shared/render/ttf"
)

// embedded is a face as embedded in one document: a subset of just the
// glyphs the document draws, written as a Type 0 font with Identity-H
// encoding where each character code is the glyph index in the subset.
//
// The font objects carry a per-glyph ToUnicode map and the ABCDEF+ subset
// tag PDF/A validators expect.
type embedded struct {
	face *face
	res  string // resource name in the page resources, e.g. "F1"
	sub  *ttf.Subset
	gid  *gidTable // rune → glyph in the subset; handed back by release
	// zipped is sub.Data compressed, and zippedTou the ToUnicode map,
	// filled in before the font objects are written; they are made while
	// the document is laid out and the pages written.
	zipped, zippedTou zlibParts
}

// runeSet is a set of BMP runes: one bit each. Text is checked to be in
// the BMP before layout.
type runeSet [0x10000 / 64]uint64

func (s *runeSet) add(c rune) {
	if c >= 0 && c <= 0xFFFF {
		s[c>>6] |= 1 << (c & 63)
	}
}

// runes returns the set's runes in ascending order.
func (s *runeSet) runes() []rune {
	var out []rune
	for i, w := range s {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			out = append(out, rune(i*64+b))
			w &^= 1 << b
		}
	}
	return out
}

// folioRunes are the characters a folio ("— 12 —") may use.
const folioRunes = "— 0123456789"

// docRunes returns, for each face (serif, sans), the runes doc can draw
// with it: every character of its text and the folio's. Known before
// layout, they let subsetting and compression run beside it; the few that
// go unused (a space dropped at a line break, a digit no page number has)
// cost a glyph each.
func (r *Renderer) docRunes(doc *Document) [2]*runeSet {
	var sets [2]*runeSet
	_ = r.eachText(doc, func(f *face, s string, _ bool, _ place) error {
		k := 0
		if f == r.sans {
			k = 1
		}
		if sets[k] == nil {
			sets[k] = new(runeSet)
		}
		for _, c := range s {
			if c != '\n' {
				sets[k].add(c)
			}
		}
		return nil
	})
	if sets[0] == nil {
		sets[0] = new(runeSet)
	}
	for _, c := range folioRunes {
		sets[0].add(c)
	}
	return sets
}

// embedFonts subsets the serif and sans faces for the runes in sets (nil:
// the face is not used).
func (r *Renderer) embedFonts(sets [2]*runeSet) ([]*embedded, error) {
	var out []*embedded
	for k, f := range []*face{r.serif, r.sans} {
		if sets[k] == nil {
			continue
		}
		runes := sets[k].runes()
		// A CJK glyph's outline is about 260 bytes.
		sub, err := f.font.SubsetInto(getBuffer(300*len(runes)+16<<10), runes)
		if err != nil {
			return nil, fmt.Errorf("subset %s font: %w", f.key, err)
		}
		e := &embedded{face: f, res: "F" + strconv.Itoa(len(out)+1), sub: sub, gid: getGIDTable()}
		for i, c := range sub.Runes {
			e.gid[c] = sub.GIDs[i]
		}
		out = append(out, e)
	}
	return out, nil
}

// fontWork is the subsetting and compression of a document's fonts, done
// in the background while the document is laid out.
type fontWork struct {
	done  chan struct{} // closed when fonts (or err) are set
	fonts []*embedded
	err   error
	// zipped returns the font files compressed, in the order of fonts,
	// then their ToUnicode maps.
	zipped func() []zlibParts
}

func (r *Renderer) startFonts(doc *Document) *fontWork {
	fw := &fontWork{done: make(chan struct{})}
	sets := r.docRunes(doc)
	go func() {
		defer close(fw.done)
		fw.fonts, fw.err = r.embedFonts(sets)
		if fw.err != nil {
			return
		}
		files := make([][]byte, 2*len(fw.fonts))
		for i, e := range fw.fonts {
			files[i] = e.sub.Data
			files[len(fw.fonts)+i] = e.toUnicode()
		}
		fw.zipped = compressAll(files)
	}()
	return fw
}

// wait returns the subsets once made; the compression may still be running.
func (fw *fontWork) wait() ([]*embedded, error) {
	<-fw.done
	return fw.fonts, fw.err
}

// drain waits for all the background work to end, for a render given up.
func (fw *fontWork) drain() {
	if _, err := fw.wait(); err == nil {
		fw.zipped()
	}
}

// release hands the subsets and their compressed chunks back for reuse,
// once the file holds them.
func (fw *fontWork) release() {
	if _, err := fw.wait(); err != nil {
		return
	}
	for _, z := range fw.zipped() {
		z.release()
	}
	for _, e := range fw.fonts {
		putBuffer(e.sub.Data)
		putGIDTable(e.gid, e.sub.Runes)
		e.gid = nil
	}
}

// gidTable maps a BMP rune to its glyph in a subset; 0 (.notdef) means the
// subset lacks it. Content streams look up every character drawn: an array
// beats a map, and the few tables needed are kept between renders.
type gidTable [0x10000]uint16

var gidTables = make(chan *gidTable, 4)

func getGIDTable() *gidTable {
	select {
	case t := <-gidTables:
		return t
	default:
		return new(gidTable)
	}
}

// putGIDTable clears the entries of runes, the only ones set, and keeps t.
func putGIDTable(t *gidTable, runes []rune) {
	if t == nil {
		return
	}
	for _, c := range runes {
		t[c] = 0
	}
	select {
	case gidTables <- t:
	default:
	}
}

// baseFont is the PostScript name with a six-letter subset tag (ISO
// 32000-1, 9.6.4) derived from the glyph set, so equal documents get equal
// tags.
func (e *embedded) baseFont() string {
	h := sha256.New()
	for _, r := range e.sub.Runes {
		h.Write([]byte{byte(r >> 8), byte(r)}) // BMP only
	}
	sum := h.Sum(nil)
	tag := make([]byte, 0, 7+len(e.face.psName()))
	for _, b := range sum[:6] {
		tag = append(tag, 'A'+b%26)
	}
	return string(append(append(tag, '+'), e.face.psName()...))
}

// appendHex appends the character codes of s as a PDF hex string, and
// reports false if the subset lacks a character of s.
func (e *embedded) appendHex(b []byte, s string) ([]byte, bool) {
	const hex = "0123456789ABCDEF"
	b = append(b, '<')
	for _, c := range s {
		if c < 0 || c > 0xFFFF || e.gid[c] == 0 {
			return b, false
		}
		g := e.gid[c]
		b = append(b, hex[g>>12], hex[g>>8&15], hex[g>>4&15], hex[g&15])
	}
	return append(b, '>'), true
}

// fontObjects is the number of objects writeObjects writes per font.
const fontObjects = 6

// writeObjects writes the font's objects, numbered from first: the Type 0
// font (first), its CIDFont, descriptor, font file, ToUnicode map and
// CIDSet. The font file and the map are e.zipped and e.zippedTou,
// compressed beforehand.
func (e *embedded) writeObjects(w *pdfWriter, first int) {
	type0, cid, desc, file, tou, cidSet := first, first+1, first+2, first+3, first+4, first+5
	name := e.baseFont()
	w.begin(type0)
	w.s("<< /Type /Font /Subtype /Type0 /BaseFont /").s(name).s(" /Encoding /Identity-H /DescendantFonts [").ref(cid).s("] /ToUnicode ").ref(tou).s(" >>")
	w.end()

	w.begin(cid)
	w.s("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /").s(name)
	w.s(" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ").ref(desc)
	w.s(" /CIDToGIDMap /Identity /DW 1000 /W [0 [")
	for i, adv := range e.sub.Advances {
		if i > 0 {
			w.s(" ")
		}
		w.i(e.face.width1000(int(adv)))
	}
	w.s("]] >>")
	w.end()

	d := e.face.font.Descriptor()
	sc := func(v int) int { return int(math.Round(float64(v) * 1000 / e.face.upem)) }
	flags := 4 // symbolic: glyphs are addressed by index, not by a standard encoding
	stemV := 50 + int(math.Pow(float64(d.Weight)/65, 2))
	w.begin(desc)
	w.s("<< /Type /FontDescriptor /FontName /").s(name).s(" /Flags ").i(flags)
	w.s(" /FontBBox [").i(sc(d.XMin)).s(" ").i(sc(d.YMin)).s(" ").i(sc(d.XMax)).s(" ").i(sc(d.YMax))
	w.s("] /ItalicAngle ").s(strconv.FormatFloat(d.ItalicAngle, 'f', -1, 64))
	w.s(" /Ascent ").i(sc(d.Ascent)).s(" /Descent ").i(sc(d.Descent)).s(" /CapHeight ").i(sc(d.CapHeight))
	w.s(" /StemV ").i(stemV).s(" /FontFile2 ").ref(file).s(" /CIDSet ").ref(cidSet).s(" >>")
	w.end()

	w.fontStream(file, " /Length1 "+strconv.Itoa(len(e.sub.Data))+" /Filter /FlateDecode", e.zipped)
	w.streamParts(tou, " /Filter /FlateDecode", e.zippedTou)
	w.stream(cidSet, "", e.cidSet())
}

// cidSet is the CIDSet stream: one bit per CID, set for every glyph the
// subset holds — all of them, since the subset is renumbered from 0.
// PDF/A-2 makes it optional but checks it when present; PDF/A-1 requires it.
func (e *embedded) cidSet() []byte {
	n := len(e.sub.Advances)
	b := bytes.Repeat([]byte{0xFF}, (n+7)/8)
	if r := n % 8; r != 0 {
		b[len(b)-1] = byte(0xFF << (8 - r))
	}
	return b
}

// toUnicode returns a CMap mapping each glyph back to its character, so
// text can be extracted and searched (PDF/A level U).
func (e *embedded) toUnicode() []byte {
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, 512+len(e.sub.Runes)*14)
	b = append(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"+
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"+
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"+
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"...)
	// A glyph shared by two runes maps back to the first of them.
	type pair struct {
		gid uint16
		r   rune
	}
	pairs := make([]pair, 0, len(e.sub.Runes))
	seen := make(map[uint16]bool, len(e.sub.Runes))
	for i, r := range e.sub.Runes {
		if g := e.sub.GIDs[i]; !seen[g] {
			seen[g] = true
			pairs = append(pairs, pair{g, r})
		}
	}
	slices.SortFunc(pairs, func(a, b pair) int { return int(a.gid) - int(b.gid) })
	hex4 := func(b []byte, v uint16) []byte {
		return append(b, '<', hex[v>>12], hex[v>>8&15], hex[v>>4&15], hex[v&15], '>')
	}
	for len(pairs) > 0 {
		n := min(len(pairs), 100) // a bfchar block holds at most 100 entries
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, " beginbfchar\n"...)
		for _, p := range pairs[:n] {
			b = hex4(b, p.gid)
			b = append(b, ' ')
			b = hex4(b, uint16(p.r)) // BMP only: checkGlyphs refuses the rest
			b = append(b, '\n')
		}
		b = append(b, "endbfchar\n"...)
		pairs = pairs[n:]
	}
	return append(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"...)
}
