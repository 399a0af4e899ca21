package render

import (
	"fmt"
	"math"
	"strconv"
)

// ptPerMM converts layout millimetres to PDF points.
const ptPerMM = 72 / 25.4

// mcr is a marked-content reference: the content with MCID mcid on a page
// (0-based), part of a structure element.
type mcr struct{ page, mcid int }

// pageContent returns the content stream of page n: the table rules as one
// layout artifact, then the text runs, each sequence of runs of one
// structure element as a marked-content sequence with its own MCID, and
// artifacts marked as such. It records, for every MCID, the tag it belongs
// to (parents, the page's entry in the parent tree) and, for every tag, its
// content (kids).
func pageContent(b []byte, tr *Trace, n int, fonts []*embedded, kids [][]mcr) (_ []byte, parents []int, err error) {
	p := &tr.Pages[n]
	if len(p.Boxes) > 0 {
		b = append(b, "/Artifact <</Type /Layout>> BDC\n"...)
		b = appendNum(b, ruleWidth*ptPerMM)
		b = append(b, " w\n"...)
		for _, x := range p.Boxes {
			b = appendNum(b, x.X*ptPerMM)
			b = append(b, ' ')
			b = appendNum(b, (tr.PageHeight-x.Y-x.H)*ptPerMM)
			b = append(b, ' ')
			b = appendNum(b, x.W*ptPerMM)
			b = append(b, ' ')
			b = appendNum(b, x.H*ptPerMM)
			b = append(b, " re S\n"...)
		}
		b = append(b, "EMC\n"...)
	}
	// Tf and Tc are text-state parameters, valid outside BT/ET and kept
	// across text objects, so they are set only when they change.
	var cur *embedded
	curSize, curTc := 0.0, 0.0
	open := false
	var mark owner // of the open sequence
	for i := range p.Texts {
		t := &p.Texts[i]
		e := cur
		if e == nil || e.face.key != t.Face {
			e = nil
			for _, f := range fonts {
				if f.face.key == t.Face {
					e = f
				}
			}
		}
		if e == nil {
			return nil, nil, fmt.Errorf("page %d: text in face %q that has no font", n+1, t.Face)
		}
		o := owner{tag: t.Tag, artifact: t.Artifact}
		if o.artifact == "" && (o.tag <= 0 || o.tag >= len(tr.Tags)) {
			return nil, nil, fmt.Errorf("page %d: text %q has no tag", n+1, t.Text)
		}
		if !open || o != mark {
			if open {
				b = append(b, "EMC\n"...)
			}
			switch o.artifact {
			case "":
				b = append(b, '/')
				b = append(b, tr.Tags[o.tag].Type...)
				b = append(b, " <</MCID "...)
				b = strconv.AppendInt(b, int64(len(parents)), 10)
				b = append(b, ">> BDC\n"...)
				kids[o.tag] = append(kids[o.tag], mcr{n, len(parents)})
				parents = append(parents, o.tag)
			case ArtifactFooter:
				b = append(b, "/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n"...)
			default:
				b = append(b, "/Artifact <</Type /Pagination>> BDC\n"...)
			}
			open, mark = true, o
		}
		if e != cur || t.Size != curSize {
			b = append(b, '/')
			b = append(b, e.res...)
			b = append(b, ' ')
			b = appendNum(b, t.Size)
			b = append(b, " Tf\n"...)
			cur, curSize = e, t.Size
		}
		if t.Spacing != curTc {
			b = appendFixed(b, t.Spacing*ptPerMM, 3)
			b = append(b, " Tc\n"...)
			curTc = t.Spacing
		}
		b = append(b, "BT "...)
		b = appendNum(b, t.X*ptPerMM)
		b = append(b, ' ')
		b = appendNum(b, (tr.PageHeight-t.Y)*ptPerMM)
		b = append(b, " Td "...)
		var ok bool
		if b, ok = e.appendHex(b, t.Text); !ok {
			return nil, nil, fmt.Errorf("page %d: %q has a character the %s subset lacks", n+1, t.Text, t.Face)
		}
		b = append(b, " Tj ET\n"...)
	}
	if open {
		b = append(b, "EMC\n"...)
	}
	return b, parents, nil
}

// appendNum appends v with two decimals.
func appendNum(b []byte, v float64) []byte { return appendFixed(b, v, 2) }

// appendFixed appends v rounded to d decimals (at most 4), half away from
// zero. Content streams hold thousands of coordinates; formatting them as
// integers is several times faster than strconv's float formatting.
func appendFixed(b []byte, v float64, d int) []byte {
	scale := int64(1)
	for range d {
		scale *= 10
	}
	n := int64(math.Round(v * float64(scale)))
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, n/scale, 10)
	b = append(b, '.')
	frac := n % scale
	for p := scale / 10; p > 0; p /= 10 {
		b = append(b, byte('0'+frac/p%10))
	}
	return b
}
