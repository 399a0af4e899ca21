// Package render typesets Chinese official documents as tagged PDF
// (PDF/A-2a and PDF/UA-1): a centred title, section headings, justified
// paragraphs and ruled tables with merged cells, on A4 pages in the spirit
// of GB/T 9704, with a structure tree a screen reader can follow.
//
// It is report-agnostic: callers build a Document of blocks. The fonts
// (Noto Serif SC and Noto Sans SC Bold, trimmed to the BMP blocks a report
// needs) are embedded and parsed once per Renderer; each document embeds a
// subset of only the glyphs it uses. Output is deterministic: the same
// Document gives the same bytes.
//
// It writes the PDF objects itself: no PDF library is involved.
package render

import (
	"context"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Version identifies the renderer and its fonts. It is stored in manifests
// and in the PDF's Producer; bump it whenever output bytes change.
const Version = "nianbao-render/3"

// Renderer holds the parsed fonts. It is immutable and safe for concurrent
// use; keep one per process.
type Renderer struct {
	serif, sans *face
}

// New parses the embedded fonts. It takes a few milliseconds; call it once.
func New() (*Renderer, error) {
	serif, err := newFace(faceSerif, serifTTF)
	if err != nil {
		return nil, err
	}
	sans, err := newFace(faceSans, sansTTF)
	if err != nil {
		return nil, err
	}
	return &Renderer{serif: serif, sans: sans}, nil
}

// HasGlyph reports whether every face can draw c. Runes outside the Basic
// Multilingual Plane are always false.
func (r *Renderer) HasGlyph(c rune) bool {
	return r.serif.font.HasRune(c) && r.sans.font.HasRune(c)
}

// Render typesets doc as a tagged PDF (PDF/A-2a and PDF/UA-1) and writes
// it to w. The context is checked between stages; rendering a report takes
// a few milliseconds.
//
// The fonts are subset and compressed in the background from the
// document's characters while the document is laid out and written; only
// the font objects at the end of the file wait for them.
func (r *Renderer) Render(ctx context.Context, w io.Writer, doc *Document) error {
	if doc == nil {
		return fmt.Errorf("render: layout: %w", ErrNilDocument)
	}
	if err := r.checkGlyphs(doc); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	if strings.TrimSpace(doc.Title) == "" {
		// PDF/UA: the title is the document's name in the XMP and in the
		// viewer's title bar (DisplayDocTitle), and its H1.
		return ErrNoTitle
	}
	fw := r.startFonts(doc)
	tr, err := r.layout(doc)
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		fw.drain()
		return fmt.Errorf("render: %w", err)
	}
	out, err := buildPDF(tr, doc, fw)
	fw.release()
	if err != nil {
		return fmt.Errorf("render: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	_, err = w.Write(out)
	putBuffer(out) // Write must not keep it (io.Writer)
	if err != nil {
		return fmt.Errorf("render: write pdf: %w", err)
	}
	return nil
}

// checkGlyphs rejects a document with a character its face cannot draw,
// before any layout: it would be drawn as .notdef (tofu), and the
// ToUnicode map and subsets address the BMP only.
func (r *Renderer) checkGlyphs(doc *Document) error {
	return r.eachText(doc, func(f *face, s string, newlines bool, at place) error {
		for i, c := range s {
			if c == utf8.RuneError && !validAt(s, i) {
				return &GlyphError{Rune: c, Face: f.key, Where: at.String() + " (invalid UTF-8)"}
			}
			if (c == '\n' && newlines) || f.font.HasRune(c) {
				continue
			}
			return &GlyphError{Rune: c, Face: f.key, Where: at.String()}
		}
		return nil
	})
}

// place is where a text is in a document, for messages: formatted only
// when one is needed.
type place struct {
	block     int    // -1 for the title
	kind      string // heading, subheading, paragraph or a table section
	row, cell int    // in a table section, from 1
}

func (p place) String() string {
	switch {
	case p.block < 0:
		return "title"
	case p.row > 0:
		return fmt.Sprintf("block %d %s row %d cell %d", p.block, p.kind, p.row, p.cell)
	}
	return fmt.Sprintf("block %d (%s)", p.block, p.kind)
}

// eachText calls fn with every text of doc and the face it is set in, in
// document order, until fn returns an error. newlines says whether '\n'
// breaks lines there.
func (r *Renderer) eachText(doc *Document, fn func(f *face, s string, newlines bool, at place) error) error {
	if err := fn(r.serif, doc.Title, false, place{block: -1}); err != nil {
		return err
	}
	for i, b := range doc.Blocks {
		var err error
		switch b := b.(type) {
		case Heading:
			err = fn(r.sans, b.Text, false, place{block: i, kind: "heading"})
		case *Heading:
			err = fn(r.sans, b.Text, false, place{block: i, kind: "heading"})
		case Subheading:
			err = fn(r.serif, b.Text, false, place{block: i, kind: "subheading"})
		case *Subheading:
			err = fn(r.serif, b.Text, false, place{block: i, kind: "subheading"})
		case Paragraph:
			err = fn(r.serif, b.Text, true, place{block: i, kind: "paragraph"})
		case *Paragraph:
			err = fn(r.serif, b.Text, true, place{block: i, kind: "paragraph"})
		case Table:
			err = r.eachCell(&b, i, fn)
		case *Table:
			err = r.eachCell(b, i, fn)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (r *Renderer) eachCell(t *Table, block int, fn func(f *face, s string, newlines bool, at place) error) error {
	if t == nil {
		return nil
	}
	for _, sec := range [...]struct {
		name string
		rows [][]Cell
	}{{"header", t.Header}, {"body", t.Body}} {
		for ri, row := range sec.rows {
			for ci, c := range row {
				if err := fn(r.serif, c.Text, true, place{block, sec.name, ri + 1, ci + 1}); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// validAt reports whether the U+FFFD decoded at s[i] was really in s.
func validAt(s string, i int) bool {
	_, n := utf8.DecodeRuneInString(s[i:])
	return n == 3
}
