package rosterfile

import (
	"context"
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/xlsx"
)

// limits bound unpacking a workbook: a zip of a few megabytes can expand to
// gigabytes, so the whole (64 MiB), each XML part (16 MiB, ooxml.MaxPart)
// and the distinct strings are capped.
var limits = func() source.Limits {
	lim := source.DefaultLimits
	lim.MaxBytes = MaxBytes
	lim.MaxInflated = 64 << 20
	lim.MaxCells = 100_000 // up to a million distinct strings
	return lim
}()

// errTooLong stops reading a sheet longer than a roster may be.
var errTooLong = errors.New("too many rows")

// readXLSX reads the first sheet a person sees, row by row as the
// spreadsheet numbers them, with each cell as it is displayed.
func readXLSX(data []byte) ([]record, error) {
	var recs []record
	err := xlsx.Rows(context.Background(), data, limits, maxColumns, func(row int, cells []xlsx.Value) error {
		if len(recs) >= MaxAgencies+maxLeadRows {
			return errTooLong
		}
		rec := record{row: row, cells: make([]string, len(cells))}
		for i, c := range cells {
			rec.cells[i] = displayed(c)
		}
		recs = append(recs, rec)
		return nil
	})
	var refused *source.RefusedError
	switch {
	case err == nil:
		return recs, nil
	case errors.Is(err, errTooLong):
		return nil, whole("名册超过 %d 行的上限", MaxAgencies)
	case errors.As(err, &refused) && (refused.Code == source.TooComplex || refused.Code == source.InflateLimit || refused.Code == source.TooLarge):
		return nil, whole("工作簿内容过多，超出名册文件的上限（解压后 64 MB）")
	}
	return nil, whole("无法读取 .xlsx 工作簿（文件损坏、加密，或不是 Excel 工作簿）")
}

// displayed is a cell's text as a spreadsheet shows it in a column of the
// default width: a whole number of more than 11 digits in scientific
// notation with six significant digits (1.14103E+17), as Excel and WPS
// show a credit code typed as a number — which check recognises.
func displayed(v xlsx.Value) string {
	if !v.Number {
		return v.Text
	}
	f, err := strconv.ParseFloat(v.Text, 64)
	if err != nil || math.Abs(f) < 1e11 || math.IsInf(f, 0) {
		return v.Text
	}
	mant, exp, _ := strings.Cut(strconv.FormatFloat(f, 'E', 5, 64), "E")
	if strings.Contains(mant, ".") {
		mant = strings.TrimSuffix(strings.TrimRight(mant, "0"), ".")
	}
	return mant + "E" + exp
}
