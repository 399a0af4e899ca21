package render

import (
	_ "embed"
	"fmt"
	"sync"
)

//go:embed icc/sRGB2014.icc
var srgbICC []byte

// iccStream is the sRGB profile compressed, once per process.
var iccStream = sync.OnceValue(func() []byte { return zlibCompress(srgbICC) })

// buildPDF writes the laid-out document as a tagged PDF/A-2a and PDF/UA-1
// file. It waits for the font subsets before the first page, and for their
// compression only at the end, once everything else is written.
func buildPDF(tr *Trace, doc *Document, fw *fontWork) ([]byte, error) {
	fonts, err := fw.wait()
	if err != nil {
		return nil, err
	}
	next := 1
	alloc := func(n int) int { first := next; next += n; return first }
	var (
		catalog, pages, resources = alloc(1), alloc(1), alloc(1)
		info, metadata, icc       = alloc(1), alloc(1), alloc(1)
		structRoot, parentTree    = alloc(1), alloc(1)
		outlines                  int
	)
	if len(tr.Outline) > 0 {
		outlines = alloc(1)
	}
	firstPage := alloc(2 * len(tr.Pages)) // each page, then its content
	page := func(i int) int { return firstPage + 2*i }
	firstFont := alloc(fontObjects * len(fonts))
	firstItem := alloc(len(tr.Outline))
	firstElem := alloc(len(tr.Tags))

	// Room for the file: the compressed fonts are about 70% of the
	// subsets, and the rest of a report about 40 KB.
	size := 48 << 10
	for _, e := range fonts {
		size += len(e.sub.Data) * 3 / 4
	}
	w := newPDFWriter(next-1, size)

	kids := make([][]mcr, len(tr.Tags))
	parents := make([][]int, len(tr.Pages))
	contents := make([][]byte, len(tr.Pages))
	for i := range tr.Pages {
		if contents[i], parents[i], err = pageContent(getBuffer(16<<10), tr, i, fonts, kids); err != nil {
			fw.zipped()
			return nil, err
		}
		w.begin(page(i))
		w.s("<< /Type /Page /Parent ").ref(pages).s(" /Resources ").ref(resources)
		w.s(" /Contents ").ref(page(i) + 1).s(" /StructParents ").i(i).s(" >>")
		w.end()
	}
	// The content streams are deflated in the background while the rest of
	// the file is written.
	zippedPages := compressAll(contents)

	w.begin(pages)
	w.s("<< /Type /Pages /Kids [")
	for i := range tr.Pages {
		if i > 0 {
			w.s(" ")
		}
		w.ref(page(i))
	}
	w.s("] /Count ").i(len(tr.Pages))
	w.s(" /MediaBox [0 0 ").n(tr.PageWidth * ptPerMM).s(" ").n(tr.PageHeight * ptPerMM).s("] >>")
	w.end()

	w.begin(resources)
	w.s("<< /Font <<")
	for i, e := range fonts {
		w.s(" /").s(e.res).s(" ").ref(firstFont + fontObjects*i)
	}
	w.s(" >> >>")
	w.end()

	w.begin(catalog)
	w.s("<< /Type /Catalog /Pages ").ref(pages).s(" /Lang (").s(lang).s(")")
	w.s(" /MarkInfo << /Marked true >> /StructTreeRoot ").ref(structRoot)
	w.s(" /ViewerPreferences << /DisplayDocTitle true >> /Metadata ").ref(metadata)
	w.s(" /OutputIntents [<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1)")
	w.s(" /Info (sRGB IEC61966-2.1) /DestOutputProfile ").ref(icc).s(" >>]")
	if outlines > 0 {
		w.s(" /Outlines ").ref(outlines).s(" /PageMode /UseOutlines")
	}
	w.s(" >>")
	w.end()

	writeInfo(w, info, doc)
	w.stream(metadata, " /Type /Metadata /Subtype /XML", xmp(doc)) // PDF/A: never filtered
	w.stream(icc, " /N 3 /Filter /FlateDecode", iccStream())
	if outlines > 0 {
		writeOutline(w, tr, outlines, firstItem, page)
	}
	writeStructure(w, tr, structRoot, parentTree, firstElem, page, kids, parents)
	for i, z := range zippedPages() {
		w.streamParts(page(i)+1, " /Filter /FlateDecode", z)
		z.release()
		putBuffer(contents[i])
	}

	zipped := fw.zipped()
	for i, e := range fonts {
		e.zipped, e.zippedTou = zipped[i], zipped[len(fonts)+i]
		e.writeObjects(w, firstFont+fontObjects*i)
	}
	if n := w.missing(); n > 0 {
		return nil, fmt.Errorf("%w: object %d not written", ErrPDF, n)
	}
	return w.finish(catalog, info), nil
}

func writeInfo(w *pdfWriter, num int, doc *Document) {
	w.begin(num)
	w.s("<<")
	for _, f := range [...][2]string{
		{"Title", doc.Title}, {"Author", doc.Author}, {"Subject", doc.Subject},
		{"Keywords", keywords(doc)}, {"Producer", producer},
	} {
		if f[1] != "" {
			w.s(" /").s(f[0]).s(" ").text(f[1])
		}
	}
	d := pdfDate(doc.Date)
	w.s(" /CreationDate (").s(d).s(") /ModDate (").s(d).s(") >>")
	w.end()
}

// writeOutline writes the bookmarks: one level, each opening its heading's
// page at the heading.
func writeOutline(w *pdfWriter, tr *Trace, root, first int, page func(int) int) {
	n := len(tr.Outline)
	w.begin(root)
	w.s("<< /Type /Outlines /First ").ref(first).s(" /Last ").ref(first + n - 1).s(" /Count ").i(n).s(" >>")
	w.end()
	for i, m := range tr.Outline {
		w.begin(first + i)
		w.s("<< /Title ").text(m.Text).s(" /Parent ").ref(root)
		if i > 0 {
			w.s(" /Prev ").ref(first + i - 1)
		}
		if i < n-1 {
			w.s(" /Next ").ref(first + i + 1)
		}
		w.s(" /Dest [").ref(page(m.Page - 1)).s(" /XYZ 0 ").n((tr.PageHeight - m.Y) * ptPerMM).s(" null] >>")
		w.end()
	}
}
