// Package workbook is the spreadsheet side of the supervising office's
// work — reading roster files, writing the Excel export and the templates
// people fill — behind the one interface the office function's handlers
// use. The files are read by shared/source/xlsx and written by
// shared/xlsxwrite and shared/template, the project's own: no spreadsheet
// library is linked into any program.
package workbook

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/nianbao/nianbao/shared/export"
	"github.com/nianbao/nianbao/shared/members"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/roster"
	"github.com/nianbao/nianbao/shared/rosterfile"
	"github.com/nianbao/nianbao/shared/template"
)

// Files reads and writes the office's spreadsheets.
type Files struct{}

// ParseRoster reads a CSV or XLSX roster file for year (rosterfile.Parse).
func (Files) ParseRoster(data []byte, year int) (*roster.Roster, error) {
	return rosterfile.Parse(data, year)
}

// WriteExport writes the year's tables for region as an .xlsx workbook
// (export.Write).
func (Files) WriteExport(ctx context.Context, w io.Writer, year int, region string, ms []members.Member, now time.Time) error {
	return export.Write(ctx, w, export.Input{Year: year, Region: region, Members: ms, Now: now})
}

// WriteTemplate writes the blank template of format version v as ext,
// "xlsx" (template.XLSX) or "docx" (template.DOCX), and returns the name a
// person saves it under.
func (Files) WriteTemplate(w io.Writer, v report.Version, ext string) (string, error) {
	var err error
	switch ext {
	case "xlsx":
		err = template.XLSX(w, v)
	case "docx":
		err = template.DOCX(w, v)
	default:
		return "", fmt.Errorf("workbook: no template of kind %q", ext)
	}
	if err != nil {
		return "", err
	}
	return template.FileName(v, ext), nil
}
