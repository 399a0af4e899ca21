package rosterfile

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// decodeText returns a CSV file's text as Excel and WPS save it: UTF-8 with
// or without a byte-order mark, UTF-16 ("Unicode 文本"), or GB18030 (the
// Chinese Windows default, a superset of GBK and GB2312).
func decodeText(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
	case bytes.HasPrefix(data, []byte("\xff\xfe")), bytes.HasPrefix(data, []byte("\xfe\xff")):
		out, err := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil || !utf8.Valid(out) {
			return "", whole("文件以 UTF-16 标记开头，但内容无法按 UTF-16 读取")
		}
		data = out
	case !utf8.Valid(data):
		out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
			return "", whole("无法识别文件编码：请以 UTF-8 或 GB18030（GBK）编码的 CSV，或 .xlsx 格式上传")
		}
		data = out
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", whole("文件不是 CSV 文本，也不是 .xlsx 工作簿")
	}
	return string(data), nil
}

// readCSV reads every record of a CSV file, comma- or tab-separated (Excel's
// "Unicode 文本" is tab-separated).
func readCSV(data []byte) ([]record, error) {
	text, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = delimiter(text)
	r.FieldsPerRecord = -1 // rows may be ragged: trailing empty cells are often left out
	var recs []record
	for {
		cells, err := r.Read()
		if errors.Is(err, io.EOF) {
			return recs, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, whole("第 %d 行起：CSV 格式错误（%s），请检查引号", pe.StartLine, csvReason(pe.Err))
			}
			return nil, whole("CSV 无法读取")
		}
		line, _ := r.FieldPos(0)
		if len(recs) > MaxAgencies+maxLeadRows {
			return nil, whole("名册超过 %d 行的上限", MaxAgencies)
		}
		recs = append(recs, record{row: line, cells: clip(cells)})
	}
}

func csvReason(err error) string {
	switch {
	case errors.Is(err, csv.ErrQuote), errors.Is(err, csv.ErrBareQuote):
		return "引号不成对"
	case errors.Is(err, csv.ErrFieldCount):
		return "列数不一致"
	}
	return "无法解析"
}

// delimiter guesses the separator from the first line: a tab when it has
// more tabs than commas.
func delimiter(text string) rune {
	first, _, _ := strings.Cut(text, "\n")
	if strings.Count(first, "\t") > strings.Count(first, ",") {
		return '\t'
	}
	return ','
}

// clip keeps the first maxColumns cells of a row.
func clip(cells []string) []string {
	if len(cells) > maxColumns {
		return cells[:maxColumns]
	}
	return cells
}
