// Package template writes the workbooks (.xlsx) and Word documents (.docx)
// people fill in: the official 表二/表三/表四 of a format version laid out as
// the format prints them, with the agency, year and credit-code fields, the
// six sections and instructions in Chinese. Everything is built from the
// layouts in shared/report; nothing of the format is restated here.
//
// Each value cell carries its contract path, hidden from the person filling
// it — a defined name in the workbook, a content-control tag in the document
// — and the file declares its format version as the custom property
// VersionProperty. The readers (source/xlsx, source/docx) return the path as
// source.Cell.Key and the property in source.Document.Meta, so a filled
// template imports exactly, with no guessing.
//
// The same input always gives the same bytes.
package template

import "github.com/nianbao/nianbao/shared/report"

// The files' media types, for serving them.
const (
	XLSXType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	DOCXType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)

// VersionProperty is the custom document property that names the format
// version of a template (“2019-trial”, “2021”).
const VersionProperty = "nianbao.formatVersion"

// Version returns the format version a read document declares, if any.
func Version(meta map[string]string) (report.Version, bool) {
	v := report.Version(meta[VersionProperty])
	return v, report.LayoutOf(v) != nil
}
