package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"strconv"
)

// pdfWriter writes a PDF file of numbered objects. Dictionaries and arrays
// (begin … end) go into one compressed object stream; streams go into the
// file directly; a cross-reference stream ends the file (ISO 32000-1,
// 7.5.7 and 7.5.8). The structure tree is hundreds of small dictionaries
// that would otherwise add about 30 KB to a report of 150 KB.
//
// Objects may be written in any order; numbers are assigned beforehand so
// that objects can refer to objects written later.
type pdfWriter struct {
	b     []byte       // where the helpers append: the file, or stm inside begin … end
	file  []byte       // the file while an object is being written into stm
	stm   []byte       // bodies of the objects in the object stream
	index []int        // object number and offset in stm, for each object in stm
	off   []int        // offset in the file of each stream object by number
	stmAt []int        // position in the object stream, plus one, by number
	count int          // objects numbered 1…n, besides the two finish adds
	z     bytes.Buffer // where streams are compressed, one after another
	// id hashes the file for its /ID, but for the font programs: they
	// follow from the characters, which the rest of the file holds, and
	// hashing them would be a tenth of the writing.
	id     hash.Hash
	hashed int // w.b[:hashed] is in id
}

func newPDFWriter(objects, sizeHint int) *pdfWriter {
	w := &pdfWriter{
		b:     getBuffer(sizeHint),
		stm:   getBuffer(64 << 10),
		off:   make([]int, objects+3),
		stmAt: make([]int, objects+3),
		count: objects,
	}
	// The second line's bytes above 127 mark the file as binary (PDF/A).
	w.z = *bytes.NewBuffer(getBuffer(64 << 10))
	w.id = sha256.New()
	w.s("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")
	return w
}

// begin starts object num, a dictionary or array, in the object stream.
func (w *pdfWriter) begin(num int) {
	w.index = append(w.index, num, len(w.stm))
	w.stmAt[num] = len(w.index) / 2
	w.file, w.b = w.b, w.stm
}

// end closes the object begun last.
func (w *pdfWriter) end() {
	w.b = append(w.b, '\n')
	w.stm, w.b = w.b, w.file
}

// stream writes object num as a stream in the file: dict is the
// dictionary's entries without /Length, which is added.
func (w *pdfWriter) stream(num int, dict string, data []byte) {
	w.off[num] = len(w.b)
	w.i(num).s(" 0 obj\n<<").s(dict).s(" /Length ").i(len(data)).s(" >>\nstream\n")
	w.b = append(w.b, data...)
	w.s("\nendstream\nendobj\n")
}

// streamParts writes object num as a stream of pieces, one after another.
func (w *pdfWriter) streamParts(num int, dict string, data zlibParts) {
	w.off[num] = len(w.b)
	w.i(num).s(" 0 obj\n<<").s(dict).s(" /Length ").i(data.len()).s(" >>\nstream\n")
	for _, p := range data {
		w.b = append(w.b, p...)
	}
	w.s("\nendstream\nendobj\n")
}

// fontStream writes a font program as a stream of compressed pieces,
// left out of the /ID's hash.
func (w *pdfWriter) fontStream(num int, dict string, data zlibParts) {
	w.off[num] = len(w.b)
	w.i(num).s(" 0 obj\n<<").s(dict).s(" /Length ").i(data.len()).s(" >>\nstream\n")
	w.id.Write(w.b[w.hashed:])
	for _, p := range data {
		w.b = append(w.b, p...)
	}
	w.hashed = len(w.b)
	w.s("\nendstream\nendobj\n")
}

// zstream writes object num as a stream compressed with FlateDecode.
func (w *pdfWriter) zstream(num int, dict string, data []byte) {
	w.stream(num, dict+" /Filter /FlateDecode", zlibTo(&w.z, data))
}

func (w *pdfWriter) s(s string) *pdfWriter { w.b = append(w.b, s...); return w }

func (w *pdfWriter) i(n int) *pdfWriter { w.b = strconv.AppendInt(w.b, int64(n), 10); return w }

// ref writes an indirect reference to object num.
func (w *pdfWriter) ref(num int) *pdfWriter { return w.i(num).s(" 0 R") }

// n writes a number with two decimals, as page coordinates are written.
func (w *pdfWriter) n(v float64) *pdfWriter { w.b = appendNum(w.b, v); return w }

// text writes s as a PDF text string (UTF-16BE in hex).
func (w *pdfWriter) text(s string) *pdfWriter { w.b = appendPDFText(w.b, s); return w }

// missing returns the number of an object that was never written, or 0.
func (w *pdfWriter) missing() int {
	for n := 1; n <= w.count; n++ {
		if w.off[n] == 0 && w.stmAt[n] == 0 {
			return n
		}
	}
	return 0
}

// finish writes the object stream, then the cross-reference stream, which
// carries the trailer entries; its /ID is a hash of everything before it,
// so that equal documents have equal IDs. It returns the file.
func (w *pdfWriter) finish(root, info int) []byte {
	objStm, xref := w.count+1, w.count+2
	head := make([]byte, 0, len(w.index)*5)
	for k := 0; k < len(w.index); k += 2 {
		head = strconv.AppendInt(head, int64(w.index[k]), 10)
		head = append(head, ' ')
		head = strconv.AppendInt(head, int64(w.index[k+1]), 10)
		head = append(head, ' ')
	}
	w.zstream(objStm, " /Type /ObjStm /N "+strconv.Itoa(len(w.index)/2)+" /First "+strconv.Itoa(len(head)),
		append(head, w.stm...))

	// The first 16 bytes of a SHA-256, which the CPU computes faster than
	// an MD5.
	w.id.Write(w.b[w.hashed:])
	id := hex.EncodeToString(w.id.Sum(nil)[:16])
	// Entries of 1 + 4 + 2 bytes: type, offset or object stream, index.
	rows := make([]byte, 0, 7*(xref+1))
	rows = append(rows, 0, 0, 0, 0, 0, 0xFF, 0xFF) // object 0: free, generation 65535
	entry := func(typ byte, field2, field3 int) {
		rows = append(rows, typ)
		rows = binary.BigEndian.AppendUint32(rows, uint32(field2))
		rows = binary.BigEndian.AppendUint16(rows, uint16(field3))
	}
	w.off[xref] = len(w.b)
	for n := 1; n <= xref; n++ {
		if at := w.stmAt[n]; at > 0 {
			entry(2, objStm, at-1)
		} else {
			entry(1, w.off[n], 0)
		}
	}
	xrefAt := w.off[xref]
	dict := " /Type /XRef /Size " + strconv.Itoa(xref+1) + " /W [1 4 2] /Root " + strconv.Itoa(root) + " 0 R /Info " +
		strconv.Itoa(info) + " 0 R /ID [<" + id + "> <" + id + ">]"
	w.zstream(xref, dict, rows)
	w.s("startxref\n").i(xrefAt).s("\n%%EOF\n")
	putBuffer(w.stm)
	putBuffer(w.z.Bytes())
	w.stm, w.z = nil, bytes.Buffer{}
	return w.b
}
