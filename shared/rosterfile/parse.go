// Package rosterfile reads a roster as offices keep it in Excel or WPS:
// CSV (UTF-8 with or without BOM, GB18030, UTF-16 "Unicode 文本") or XLSX,
// every row checked and every problem named by row and column.
package rosterfile

import (
	"bytes"

	"github.com/nianbao/nianbao/shared/roster"
)

// Limits on what Parse reads.
const (
	// MaxBytes bounds a roster file (roster.MaxFileBytes).
	MaxBytes = roster.MaxFileBytes
	// maxLeadRows bounds the title rows searched for the header.
	maxLeadRows = 20
	// maxColumns bounds the cells of one row kept for checking.
	maxColumns = 64
)

// record is one row of the file with its row number as a spreadsheet shows it.
type record struct {
	row   int
	cells []string
}

// MaxAgencies is roster.MaxAgencies: the rows read after the header.
const MaxAgencies = roster.MaxAgencies

// Parse reads a roster file for year: XLSX (recognised by its content) or
// CSV. Every problem is named by row and column in an *InvalidError (up to
// MaxProblems of them); nothing is returned unless every row is right.
func Parse(data []byte, year int) (*roster.Roster, error) {
	return parse(data, year, rosterColumns)
}

// ParseAgencies reads an agencies file, the list that comes with a batch
// of published reports to say which 统一社会信用代码 and 行政区划 each
// 机关名称 has: a roster whose 类别 column may be missing or empty. It is
// checked as a roster is.
func ParseAgencies(data []byte, year int) (*roster.Roster, error) {
	return parse(data, year, agencyColumns)
}

func parse(data []byte, year int, cols columns) (*roster.Roster, error) {
	if len(data) > MaxBytes {
		return nil, whole("文件大小 %d 字节，超过 %d 字节（4 MiB）的上限", len(data), MaxBytes)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, whole("文件是空的")
	}
	var recs []record
	var err error
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		recs, err = readXLSX(data)
	case bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0")):
		return nil, whole("这是旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV（逗号分隔）后再上传")
	default:
		recs, err = readCSV(data)
	}
	if err != nil {
		return nil, err
	}
	return check(recs, year, cols)
}
