package render

import (
	"strconv"
	"strings"
)

// writeStructure writes the structure tree (ISO 32000-1, 14.7): the
// StructTreeRoot, one StructElem per tag with its kids in reading order,
// and the parent tree that maps each page's MCIDs back to their elements.
// Elements are numbered elem+index; pages' objects are page(i).
func writeStructure(w *pdfWriter, tr *Trace, root, parentTree, elem int, page func(int) int, kids [][]mcr, parents [][]int) {
	// Header cells named in a Headers attribute get an /ID, listed in the
	// IDTree; IDs are "H" and the tag's index, padded so that their byte
	// order (a name tree's) is their numeric order.
	ids := make([]string, len(tr.Tags)) // "" for tags no Headers name
	anyNamed := false
	width := len(strconv.Itoa(len(tr.Tags)))
	for _, t := range tr.Tags {
		for _, h := range t.Headers {
			if ids[h] == "" {
				n := strconv.Itoa(h)
				ids[h], anyNamed = "H"+strings.Repeat("0", width-len(n))+n, true
			}
		}
	}

	w.begin(root)
	w.s("<< /Type /StructTreeRoot /K ").ref(elem).s(" /ParentTree ").ref(parentTree)
	w.s(" /ParentTreeNextKey ").i(len(parents))
	if anyNamed {
		w.s(" /IDTree << /Names [")
		for i, id := range ids {
			if id != "" {
				w.s("(").s(id).s(") ").ref(elem + i).s(" ")
			}
		}
		w.s("] >>")
	}
	w.s(" >>")
	w.end()

	w.begin(parentTree)
	w.s("<< /Nums [")
	for n, ps := range parents {
		w.s("\n").i(n).s(" [")
		for k, t := range ps {
			if k > 0 {
				w.s(" ")
			}
			w.ref(elem + t)
		}
		w.s("]")
	}
	w.s("\n] >>")
	w.end()

	children := make([][]int, len(tr.Tags))
	for i, t := range tr.Tags[1:] {
		children[t.Parent] = append(children[t.Parent], i+1)
	}
	for i, t := range tr.Tags {
		w.begin(elem + i)
		w.s("<< /S /").s(t.Type).s(" /P ") // /Type is optional (ISO 32000-1, table 323): 370 fewer of it per report
		if t.Parent < 0 {
			w.ref(root)
		} else {
			w.ref(elem + t.Parent)
		}
		if ids[i] != "" {
			w.s(" /ID (").s(ids[i]).s(")")
		}
		if t.Scope != "" || t.RowSpan > 1 || t.ColSpan > 1 || len(t.Headers) > 0 {
			w.s(" /A << /O /Table")
			if t.Scope != "" {
				w.s(" /Scope /").s(t.Scope)
			}
			if t.RowSpan > 1 {
				w.s(" /RowSpan ").i(t.RowSpan)
			}
			if t.ColSpan > 1 {
				w.s(" /ColSpan ").i(t.ColSpan)
			}
			if len(t.Headers) > 0 {
				w.s(" /Headers [")
				for k, h := range t.Headers {
					if k > 0 {
						w.s(" ")
					}
					w.s("(").s(ids[h]).s(")")
				}
				w.s("]")
			}
			w.s(" >>")
		}
		switch mc := kids[i]; {
		case len(children[i]) > 0:
			w.s(" /K [")
			for k, c := range children[i] {
				if k > 0 {
					w.s(" ")
				}
				w.ref(elem + c)
			}
			w.s("]")
		case len(mc) > 0:
			// Content on the element's own page (/Pg) is an MCID; on
			// another page, a marked-content reference naming the page.
			pg := mc[0].page
			w.s(" /Pg ").ref(page(pg)).s(" /K [")
			for k, m := range mc {
				if k > 0 {
					w.s(" ")
				}
				if m.page == pg {
					w.i(m.mcid)
				} else {
					w.s("<< /Type /MCR /Pg ").ref(page(m.page)).s(" /MCID ").i(m.mcid).s(" >>")
				}
			}
			w.s("]")
		}
		w.s(" >>")
		w.end()
	}
}
