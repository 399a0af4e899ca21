package render

// writeStructure writes the structure tree (ISO 32000-1, 14.7): the
// StructTreeRoot, one StructElem per tag with its kids in reading order,
// and the parent tree that maps each page's MCIDs back to their elements.
// Elements are numbered elem+index; pages' objects are page(i).
func writeStructure(w *pdfWriter, tr *Trace, root, parentTree, elem int, page func(int) int, kids [][]mcr, parents [][]int) {
	w.begin(root)
	w.s("<< /Type /StructTreeRoot /K ").ref(elem).s(" /ParentTree ").ref(parentTree)
	w.s(" /ParentTreeNextKey ").i(len(parents)).s(" >>")
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
		if t.Scope != "" || t.RowSpan > 1 || t.ColSpan > 1 {
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
