// Package reportpdf lays a 年报 out as a render.Document: the six sections with
// their prose, and 表二, 表三 and 表四 drawn as the national format draws them
// (both versions), with the canonical report JSON attached to the PDF.
//
// It knows the format and nothing of PDF; package render knows PDF and nothing
// of the format.
package reportpdf
