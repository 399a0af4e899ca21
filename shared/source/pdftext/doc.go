// Package pdftext reads a PDF's text layer into the neutral document of
// package source: headings, paragraphs and tables in reading order, each
// with its page and position.
//
// The file's objects (cross-reference tables and streams, object streams,
// filters, decryption with the empty password, repair of broken offsets)
// are parsed by pdfcpu; the content streams are interpreted here, because
// no pure-Go library gives both character positions and ruling lines (see
// docs/import.md for the comparison).
//
// Structure is rebuilt from coordinates only, as a viewer shows the page:
//   - glyphs become lines by their baselines; Chinese has no spaces, so
//     glyphs join by position, and a space is put only between Latin words
//     or numbers that stand apart;
//   - tables come from ruling lines (stroked lines, thin filled rectangles,
//     rectangle borders): the lines' positions make a grid, and neighbouring
//     slots no line separates are one merged cell; the text inside a cell is
//     joined over its lines (labels that wrap);
//   - runs of lines cut into three or more aligned chunks are tables too,
//     without rulings;
//   - a table cut by a page break is joined with its continuation when the
//     columns line up and the header repeats or the first part filled its
//     page; a merged label cell cut by the break goes on into the empty or
//     repeated cell below it;
//   - headings are lines larger than the body text, bold, or centred;
//     paragraphs start at an indented line or after a short one, and go on
//     over a page break;
//   - page numbers (-1-, — 3 —, 第3页) and heads or footers repeated on
//     several pages are dropped.
//
// Nothing here depends on how nianbao's own renderer writes PDFs: tagged
// structure, marked content and the order of drawing are ignored.
package pdftext
