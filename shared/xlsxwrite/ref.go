package xlsxwrite

import (
	"fmt"
	"strconv"
	"strings"
)

// A sheet's bounds in Excel.
const (
	MaxRows = 1 << 20 // 1,048,576
	MaxCols = 1 << 14 // 16,384: column XFD
)

// ColName returns the letters of column col (1-based): 1 → A, 27 → AA.
func ColName(col int) string {
	return string(appendCol(nil, col))
}

func appendCol(b []byte, col int) []byte {
	var tmp [3]byte // XFD is the last column
	i := len(tmp)
	for c := col; c > 0 && i > 0; c = (c - 1) / 26 {
		i--
		tmp[i] = byte('A' + (c-1)%26)
	}
	return append(b, tmp[i:]...)
}

// Ref returns the A1-style reference of the cell at row and col (1-based).
func Ref(row, col int) string {
	return string(appendRef(nil, row, col))
}

func appendRef(b []byte, row, col int) []byte {
	return strconv.AppendInt(appendCol(b, col), int64(row), 10)
}

// Absolute returns the absolute reference to one cell of a sheet, as a
// defined name refers to it: '表三'!$D$5. The sheet's name is always
// quoted, which is valid whatever it holds.
func Absolute(sheet string, row, col int) string {
	return "'" + strings.ReplaceAll(sheet, "'", "''") + "'!$" + ColName(col) + "$" + strconv.Itoa(row)
}

// Range is a rectangle of cells, 1-based and inclusive.
type Range struct{ Top, Left, Bottom, Right int }

// String returns the range as A1:B2.
func (r Range) String() string {
	return Ref(r.Top, r.Left) + ":" + Ref(r.Bottom, r.Right)
}

func (r Range) check() error {
	if r.Top < 1 || r.Left < 1 || r.Bottom > MaxRows || r.Right > MaxCols || r.Top > r.Bottom || r.Left > r.Right {
		return fmt.Errorf("range rows %d–%d, columns %d–%d: outside the sheet or reversed", r.Top, r.Bottom, r.Left, r.Right)
	}
	return nil
}

func (r Range) overlaps(o Range) bool {
	return r.Top <= o.Bottom && o.Top <= r.Bottom && r.Left <= o.Right && o.Left <= r.Right
}
