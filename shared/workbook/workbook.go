// Package workbook is the spreadsheet side of the supervising office's
// work — reading roster files, writing the Excel export — behind the one
// interface the office function's handlers use (api.Workbooks), so that
// only the function that serves them links it. The files are read by
// shared/source/xlsx and written by shared/xlsxwrite, the project's own:
// no spreadsheet library is linked into any program.
package workbook

import (
	"context"
	"io"
	"time"

	"github.com/nianbao/nianbao/shared/export"
	"github.com/nianbao/nianbao/shared/members"
	"github.com/nianbao/nianbao/shared/roster"
	"github.com/nianbao/nianbao/shared/rosterfile"
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
