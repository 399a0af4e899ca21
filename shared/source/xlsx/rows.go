package xlsx

import (
	"context"
	"fmt"
	"strconv"

	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/ooxml"
)

// Value is a cell's content as the file holds it.
type Value struct {
	// Text is the cell's text; a number's shortest decimal (Excel may
	// store 326.58 as 326.57999999999998); TRUE or FALSE; an error such
	// as #N/A; a formula's cached value.
	Text string
	// Number is set for a number, which a spreadsheet shows in the
	// cell's number format rather than as Text.
	Number bool
}

// Rows reads the first sheet a person sees (the first worksheet that is not
// hidden) row by row in the file's order, for tables that are lists, such
// as a roster: fn gets each row element's number (1-based, as the sheet
// shows it) and its cells from column A, empty positions as zero Values,
// cells past column width left out. The slice is reused from one row to the
// next. Merged ranges are not resolved: a merge's value is in its top-left
// cell. An error from fn stops the reading and is returned as it is; bytes
// that are no workbook, or that pass lim, are refused with a
// *source.RefusedError.
func Rows(ctx context.Context, data []byte, lim source.Limits, width int, fn func(row int, cells []Value) error) error {
	b, err := open(data, lim)
	if err != nil {
		return err
	}
	for _, sh := range b.wb.sheets {
		if part, ok := b.worksheet(sh); ok {
			return readRows(ctx, b.pkg, part, b.shared, width, fn)
		}
	}
	return source.Refuse(source.Malformed, "工作簿中没有可以看到的工作表", nil)
}

// rowsPerCheck is how often Rows looks at its context.
const rowsPerCheck = 256

func readRows(ctx context.Context, pkg *ooxml.Package, part string, shared []string, width int, fn func(int, []Value) error) error {
	d, err := pkg.Decoder(part)
	if err != nil {
		return err
	}
	if _, err := d.Root(); err != nil {
		return err
	}
	cells := make([]Value, 0, min(width, 64))
	row := 0
	return d.Children(func(se ooxml.Elem) error {
		if se.Local != "sheetData" {
			return d.Skip()
		}
		return d.Children(func(se ooxml.Elem) error {
			if se.Local != "row" {
				return d.Skip()
			}
			row++
			if n, err := strconv.Atoi(se.Attr("r")); err == nil && n >= 1 && n <= maxRows {
				row = n
			}
			if row%rowsPerCheck == 0 {
				if err := ctx.Err(); err != nil {
					return fmt.Errorf("read xlsx: %w", err)
				}
			}
			cells = cells[:0]
			col := 0
			err := d.Children(func(se ooxml.Elem) error {
				if se.Local != "c" {
					return d.Skip()
				}
				col++
				if p, ok := parseRef(se.Attr("r")); ok {
					col = p.col
				}
				typ := se.Attr("t")
				text, err := cellText(d, typ, shared)
				if err != nil || text == "" || col > width {
					return err
				}
				for len(cells) < col {
					cells = append(cells, Value{})
				}
				cells[col-1] = Value{Text: text, Number: typ == "" || typ == "n"}
				return nil
			})
			if err != nil {
				return err
			}
			return fn(row, cells)
		})
	})
}
