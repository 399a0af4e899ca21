package render

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// errLayout means fpdf's output was not laid out as finish expects; it
// would mean an fpdf upgrade changed its writer.
var errLayout = errors.New("unexpected fpdf output")

// finish rewrites fpdf's output into the final PDF/A file. It copies every
// object and writes a fresh cross-reference table rather than patching in
// place, because several objects change size:
//
//   - page content streams, written uncompressed by fpdf, are compressed
//     with a reused zlib writer;
//   - the font objects of the embedded subsets are added and listed in the
//     shared resource dictionary (object 2);
//   - the trailer's /Info, which fpdf points at the ICC stream when there
//     is an output intent, points at the Info dictionary again;
//   - Info is rewritten with UTF-16 strings and dates with a time zone,
//     matching the XMP packet exactly;
//   - the catalog's empty /EmbeddedFiles tree is dropped, or replaced by
//     the attachment as a PDF/A-3 associated file (/AF);
//   - the trailer gets a deterministic /ID (MD5 of the file body).
func finish(raw []byte, doc *Document, fonts []*embedded) ([]byte, error) {
	objs, root, err := splitObjects(raw)
	if err != nil {
		return nil, fmt.Errorf("finish pdf: %w", err)
	}
	info := root - 2 // fpdf writes Info, then the ICC stream, then the catalog
	if info < 1 || !bytes.Contains(objs[info], []byte("/CreationDate")) {
		return nil, fmt.Errorf("finish pdf: info dictionary not at object %d: %w", info, errLayout)
	}
	contents, err := contentStreams(objs)
	if err != nil {
		return nil, fmt.Errorf("finish pdf: %w", err)
	}

	n := len(objs) - 1
	next := n + 1
	fontObj := make([]int, len(fonts))
	for i := range fonts {
		fontObj[i] = next
		next += 5
	}
	var fileSpec int
	if doc.Attachment != nil {
		fileSpec = next + 1 // the embedded file stream is next
		next += 2
	}
	size := next
	offsets := make([]int, size)
	out := bytes.NewBuffer(make([]byte, 0, len(raw)+256<<10+attachmentSize(doc)))
	z := zippers.Get().(*zipper)
	defer zippers.Put(z)

	// The second line's bytes above 127 mark the file as binary (PDF/A).
	out.WriteString("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")
	for i := 1; i <= n; i++ {
		offsets[i] = out.Len()
		switch {
		case i == info:
			writeInfo(out, i, doc)
		case i == root:
			if err := writeCatalog(out, objs[i], doc, fileSpec); err != nil {
				return nil, fmt.Errorf("finish pdf: %w", err)
			}
		case i == 2:
			if err := writeResources(out, objs[i], fonts, fontObj); err != nil {
				return nil, fmt.Errorf("finish pdf: %w", err)
			}
		case contents[i]:
			if err := writeCompressed(out, i, objs[i], z); err != nil {
				return nil, fmt.Errorf("finish pdf: object %d: %w", i, err)
			}
		default:
			out.Write(objs[i])
		}
	}
	for i, e := range fonts {
		e.writeObjects(out, fontObj[i], offsets)
	}
	if doc.Attachment != nil {
		offsets[fileSpec-1] = out.Len()
		if err := writeEmbeddedFile(out, fileSpec-1, doc, z); err != nil {
			return nil, fmt.Errorf("finish pdf: %w", err)
		}
		offsets[fileSpec] = out.Len()
		writeFileSpec(out, fileSpec, fileSpec-1, doc.Attachment)
	}

	sum := md5.Sum(out.Bytes())
	id := strings.ToUpper(hex.EncodeToString(sum[:]))
	xref := out.Len()
	fmt.Fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", size)
	for _, off := range offsets[1:] {
		fmt.Fprintf(out, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(out, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n/ID [<%s> <%s>]\n>>\nstartxref\n%d\n%%%%EOF\n",
		size, root, info, id, id, xref)
	return out.Bytes(), nil
}

// splitObjects cuts fpdf's output into its numbered objects using the
// cross-reference table, and returns them (index = object number) with the
// catalog's number.
func splitObjects(raw []byte) ([][]byte, int, error) {
	sx := bytes.LastIndex(raw, []byte("startxref\n"))
	if sx < 0 {
		return nil, 0, fmt.Errorf("no startxref: %w", errLayout)
	}
	rest := raw[sx+len("startxref\n"):]
	xref, err := strconv.Atoi(string(bytes.TrimSpace(rest[:max(bytes.IndexByte(rest, '\n'), 0)])))
	if err != nil || xref <= 0 || xref >= sx {
		return nil, 0, fmt.Errorf("bad startxref: %w", errLayout)
	}
	lines := strings.Split(string(raw[xref:sx]), "\n")
	if len(lines) < 3 || lines[0] != "xref" {
		return nil, 0, fmt.Errorf("no xref table: %w", errLayout)
	}
	var first, count int
	if _, err := fmt.Sscanf(lines[1], "%d %d", &first, &count); err != nil || first != 0 || count < 2 || len(lines) < 3+count {
		return nil, 0, fmt.Errorf("bad xref subsection %q: %w", lines[1], errLayout)
	}
	type span struct{ num, off int }
	spans := make([]span, 0, count-1)
	for i := 1; i < count; i++ {
		off, err := strconv.Atoi(strings.Fields(lines[2+i])[0])
		if err != nil || off <= 0 || off >= xref {
			return nil, 0, fmt.Errorf("xref entry %d: %w", i, errLayout)
		}
		spans = append(spans, span{i, off})
	}
	trailer := strings.Join(lines[2+count:], "\n")
	var root int
	if i := strings.Index(trailer, "/Root "); i < 0 {
		return nil, 0, fmt.Errorf("no /Root: %w", errLayout)
	} else if _, err := fmt.Sscanf(trailer[i:], "/Root %d 0 R", &root); err != nil || root < 1 || root >= count {
		return nil, 0, fmt.Errorf("bad /Root: %w", errLayout)
	}
	slices.SortFunc(spans, func(a, b span) int { return a.off - b.off })
	objs := make([][]byte, count)
	for k, s := range spans {
		end := xref
		if k+1 < len(spans) {
			end = spans[k+1].off
		}
		obj := raw[s.off:end]
		if !bytes.HasPrefix(obj, []byte(strconv.Itoa(s.num)+" 0 obj")) {
			return nil, 0, fmt.Errorf("object %d not at its offset: %w", s.num, errLayout)
		}
		objs[s.num] = obj
	}
	return objs, root, nil
}

func writeInfo(out *bytes.Buffer, num int, doc *Document) {
	fmt.Fprintf(out, "%d 0 obj\n<<\n", num)
	for _, f := range [][2]string{
		{"Title", doc.Title}, {"Author", doc.Author}, {"Subject", doc.Subject},
		{"Keywords", keywords(doc)}, {"Producer", producer},
	} {
		if f[1] != "" {
			fmt.Fprintf(out, "/%s %s\n", f[0], pdfText(f[1]))
		}
	}
	d := pdfDate(doc.Date)
	fmt.Fprintf(out, "/CreationDate (%s)\n/ModDate (%s)\n>>\nendobj\n", d, d)
}

// writeCatalog copies fpdf's catalog up to its /Names entry, which fpdf
// always writes with an empty /EmbeddedFiles tree, and ends it with the
// attachment's name tree and /AF when there is one.
func writeCatalog(out *bytes.Buffer, obj []byte, doc *Document, fileSpec int) error {
	cut := bytes.Index(obj, []byte("/Names <<"))
	if cut < 0 {
		return fmt.Errorf("catalog without /Names: %w", errLayout)
	}
	out.Write(obj[:cut])
	out.WriteString("/ViewerPreferences << /DisplayDocTitle true >>\n")
	if fileSpec > 0 {
		fmt.Fprintf(out, "/Names << /EmbeddedFiles << /Names [%s %d 0 R] >> >>\n/AF [%d 0 R]\n",
			pdfText(doc.Attachment.Name), fileSpec, fileSpec)
	}
	out.WriteString(">>\nendobj\n")
	return nil
}

func attachmentSize(doc *Document) int {
	if doc.Attachment == nil {
		return 0
	}
	return len(doc.Attachment.Data)
}

func writeEmbeddedFile(out *bytes.Buffer, num int, doc *Document, zip *zipper) error {
	a := doc.Attachment
	data, err := zip.compress(a.Data)
	if err != nil {
		return fmt.Errorf("compress attachment: %w", err)
	}
	sum := md5.Sum(a.Data)
	mime := a.MIMEType
	if mime == "" {
		mime = "application/octet-stream"
	}
	fmt.Fprintf(out, "%d 0 obj\n<< /Type /EmbeddedFile /Subtype /%s /Filter /FlateDecode /Length %d /Params << /Size %d /ModDate (%s) /CheckSum <%s> >> >>\nstream\n",
		num, pdfName(mime), len(data), len(a.Data), pdfDate(doc.Date), strings.ToUpper(hex.EncodeToString(sum[:])))
	out.Write(data)
	out.WriteString("\nendstream\nendobj\n")
	return nil
}

func writeFileSpec(out *bytes.Buffer, num, stream int, a *Attachment) {
	name := pdfText(a.Name)
	fmt.Fprintf(out, "%d 0 obj\n<< /Type /Filespec /F %s /UF %s", num, name, name)
	if a.Description != "" {
		fmt.Fprintf(out, " /Desc %s", pdfText(a.Description))
	}
	fmt.Fprintf(out, " /AFRelationship /Data /EF << /F %d 0 R /UF %d 0 R >> >>\nendobj\n", stream, stream)
}

// pdfName escapes s as the body of a PDF name object (ISO 32000-1, 7.3.5).
func pdfName(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x21 || c > 0x7E || strings.IndexByte("#()<>[]{}/%", c) >= 0 {
			fmt.Fprintf(&b, "#%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// contentStreams returns the object numbers of the page content streams,
// read from the /Contents of each page object.
func contentStreams(objs [][]byte) (map[int]bool, error) {
	set := map[int]bool{}
	for i, obj := range objs {
		if !bytes.Contains(obj, []byte("/Type /Page\n")) {
			continue
		}
		k := bytes.Index(obj, []byte("/Contents "))
		var c int
		if k < 0 {
			return nil, fmt.Errorf("page object %d without /Contents: %w", i, errLayout)
		}
		if _, err := fmt.Sscanf(string(obj[k:]), "/Contents %d 0 R", &c); err != nil || c < 1 || c >= len(objs) {
			return nil, fmt.Errorf("page object %d: bad /Contents: %w", i, errLayout)
		}
		set[c] = true
	}
	return set, nil
}

// writeCompressed writes an uncompressed fpdf stream object compressed.
func writeCompressed(out *bytes.Buffer, num int, obj []byte, z *zipper) error {
	var length int
	head := fmt.Sprintf("%d 0 obj\n<</Length ", num)
	if !bytes.HasPrefix(obj, []byte(head)) {
		return fmt.Errorf("not a plain stream: %w", errLayout)
	}
	if _, err := fmt.Sscanf(string(obj[len(head):min(len(obj), len(head)+12)]), "%d", &length); err != nil {
		return fmt.Errorf("stream length: %w", errLayout)
	}
	const marker = ">>\nstream\n"
	start := bytes.Index(obj, []byte(marker))
	if start < 0 || start+len(marker)+length > len(obj) {
		return fmt.Errorf("stream data: %w", errLayout)
	}
	start += len(marker)
	data, err := z.compress(obj[start : start+length])
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%d 0 obj\n<< /Filter /FlateDecode /Length %d >>\nstream\n", num, len(data))
	out.Write(data)
	out.WriteString("\nendstream\nendobj\n")
	return nil
}

// writeResources adds the embedded fonts to fpdf's resource dictionary,
// which lists no fonts because none were given to fpdf.
func writeResources(out *bytes.Buffer, obj []byte, fonts []*embedded, nums []int) error {
	const empty = "/Font <<\n>>"
	k := bytes.Index(obj, []byte(empty))
	if k < 0 {
		return fmt.Errorf("resources without an empty font dictionary: %w", errLayout)
	}
	out.Write(obj[:k])
	out.WriteString("/Font <<")
	for i, e := range fonts {
		fmt.Fprintf(out, " /%s %d 0 R", e.res, nums[i])
	}
	out.WriteString(" >>")
	out.Write(obj[k+len(empty):])
	return nil
}
