package rosterfile

import (
	"bytes"

	"github.com/xuri/excelize/v2"
)

// Bounds on unpacking a workbook: a zip of a few megabytes can expand to
// gigabytes, so both the whole and each XML part are capped.
const (
	maxUnzipBytes    = 64 << 20
	maxUnzipXMLBytes = 16 << 20
)

// readXLSX reads the first worksheet of a workbook, row by row as the
// spreadsheet numbers them, with each cell as it is displayed.
func readXLSX(data []byte) ([]record, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: maxUnzipBytes, UnzipXMLSizeLimit: maxUnzipXMLBytes})
	if err != nil {
		return nil, whole("无法读取 .xlsx 工作簿（文件损坏、加密，或不是 Excel 工作簿）")
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, whole("工作簿中没有工作表")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return nil, whole("无法读取工作表“%s”", sheets[0])
	}
	defer rows.Close()
	var recs []record
	for n := 1; rows.Next(); n++ {
		if n > MaxAgencies+maxLeadRows {
			return nil, whole("名册超过 %d 行的上限", MaxAgencies)
		}
		cells, err := rows.Columns()
		if err != nil {
			return nil, whole("工作表“%s”第 %d 行无法读取", sheets[0], n)
		}
		recs = append(recs, record{row: n, cells: clip(cells)})
	}
	if rows.Error() != nil {
		return nil, whole("工作表“%s”无法读取", sheets[0])
	}
	return recs, nil
}
