// Package reportpdf lays a 年报 out as a render.Document: the six sections with
// their prose, and 表二, 表三 and 表四 drawn as the national format draws them
// (both versions), with row labels marked as the headers of their rows so
// that the tagged PDF's tables read cell by cell.
//
// It knows the format and nothing of PDF; package render knows PDF and nothing
// of the format.
package reportpdf
