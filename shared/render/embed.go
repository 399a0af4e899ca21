package render

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/nianbao/nianbao/shared/render/ttf"
)

// embedded is a face as embedded in one document: a subset of just the
// glyphs the document draws, written as a Type 0 font with Identity-H
// encoding where each character code is the glyph index in the subset.
//
// The renderer writes these font objects itself instead of handing fonts to
// fpdf: fpdf's UTF-8 font path re-parses the font, JSON-encodes a
// 65,536-entry width table to name it and compresses a 128 KB CIDToGIDMap
// for every document, which alone cost more than the whole 5 ms budget.
// Writing them here also gives a per-glyph ToUnicode map and the
// ABCDEF+ subset tag PDF/A validators expect.
type embedded struct {
	face *face
	res  string // resource name in the page resources, e.g. "F1"
	sub  *ttf.Subset
	gid  map[rune]uint16
	// zipped is sub.Data compressed, filled in before finish; it is made
	// while fpdf runs.
	zipped []byte
}

// embedFonts subsets every face the trace draws with.
func (r *Renderer) embedFonts(tr *Trace) ([]*embedded, error) {
	sets := map[string]map[rune]struct{}{}
	for _, p := range tr.Pages {
		for _, t := range p.Texts {
			set := sets[t.Face]
			if set == nil {
				set = map[rune]struct{}{}
				sets[t.Face] = set
			}
			for _, c := range t.Text {
				set[c] = struct{}{}
			}
		}
	}
	var out []*embedded
	for _, f := range []*face{r.serif, r.sans} {
		set, ok := sets[f.key]
		if !ok {
			continue
		}
		runes := make([]rune, 0, len(set))
		for c := range set {
			runes = append(runes, c)
		}
		slices.Sort(runes)
		sub, err := f.font.Subset(runes)
		if err != nil {
			return nil, fmt.Errorf("subset %s font: %w", f.key, err)
		}
		e := &embedded{face: f, res: "F" + strconv.Itoa(len(out)+1), sub: sub, gid: make(map[rune]uint16, len(runes))}
		for i, c := range sub.Runes {
			e.gid[c] = sub.GIDs[i]
		}
		out = append(out, e)
	}
	return out, nil
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

// appendHex appends the character codes of s as a PDF hex string.
func (e *embedded) appendHex(b []byte, s string) []byte {
	const hex = "0123456789ABCDEF"
	b = append(b, '<')
	for _, c := range s {
		g := e.gid[c]
		b = append(b, hex[g>>12], hex[g>>8&15], hex[g>>4&15], hex[g&15])
	}
	return append(b, '>')
}

// width1000 is a glyph advance in 1/1000 em, rounded as layout rounds it.
func (e *embedded) width1000(adv uint16) int {
	return int(math.Round(float64(adv) * 1000 / e.face.upem))
}

// writeObjects writes the font's five objects, numbered from first: the
// Type 0 font (first), its CIDFont, descriptor, font file and ToUnicode
// map, recording where each starts in offsets.
func (e *embedded) writeObjects(out *bytes.Buffer, first int, offsets []int) {
	type0, cid, desc, file, tou := first, first+1, first+2, first+3, first+4
	name := e.baseFont()
	offsets[type0] = out.Len()
	fmt.Fprintf(out, "%d 0 obj\n<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>\nendobj\n",
		type0, name, cid, tou)

	offsets[cid] = out.Len()
	fmt.Fprintf(out, "%d 0 obj\n<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /CIDToGIDMap /Identity /DW 1000 /W [0 [",
		cid, name, desc)
	for i, adv := range e.sub.Advances {
		if i > 0 {
			out.WriteByte(' ')
		}
		out.WriteString(strconv.Itoa(e.width1000(adv)))
	}
	out.WriteString("]] >>\nendobj\n")

	d := e.face.font.Descriptor()
	s := func(v int) int { return int(math.Round(float64(v) * 1000 / e.face.upem)) }
	flags := 4 // symbolic: glyphs are addressed by index, not by a standard encoding
	stemV := 50 + int(math.Pow(float64(d.Weight)/65, 2))
	offsets[desc] = out.Len()
	fmt.Fprintf(out, "%d 0 obj\n<< /Type /FontDescriptor /FontName /%s /Flags %d /FontBBox [%d %d %d %d] /ItalicAngle %s /Ascent %d /Descent %d /CapHeight %d /StemV %d /FontFile2 %d 0 R >>\nendobj\n",
		desc, name, flags, s(d.XMin), s(d.YMin), s(d.XMax), s(d.YMax),
		strconv.FormatFloat(d.ItalicAngle, 'f', -1, 64), s(d.Ascent), s(d.Descent), s(d.CapHeight), stemV, file)

	data := e.zipped
	offsets[file] = out.Len()
	fmt.Fprintf(out, "%d 0 obj\n<< /Length %d /Length1 %d /Filter /FlateDecode >>\nstream\n", file, len(data), len(e.sub.Data))
	out.Write(data)
	out.WriteString("\nendstream\nendobj\n")

	cmap := e.toUnicode()
	offsets[tou] = out.Len()
	fmt.Fprintf(out, "%d 0 obj\n<< /Length %d >>\nstream\n", tou, len(cmap))
	out.Write(cmap)
	out.WriteString("\nendstream\nendobj\n")
}

// toUnicode returns a CMap mapping each glyph back to its character, so
// text can be extracted and searched (PDF/A level U).
func (e *embedded) toUnicode() []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
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
	for len(pairs) > 0 {
		n := min(len(pairs), 100) // a bfchar block holds at most 100 entries
		fmt.Fprintf(&b, "%d beginbfchar\n", n)
		for _, p := range pairs[:n] {
			fmt.Fprintf(&b, "<%04X> <%04X>\n", p.gid, p.r)
		}
		b.WriteString("endbfchar\n")
		pairs = pairs[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
	return b.Bytes()
}
