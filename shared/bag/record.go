package bag

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Record is one row of data/index.csv: one agency's current report.
type Record struct {
	AgencyName string // 机关名称
	CreditCode string // 统一社会信用代码
	Region     string // 地区 (optional)
	Year       int
	// Folder is where the report's files are in the bag, relative to
	// data/, e.g. "11410303MB0000001X/2020" (optional).
	Folder        string
	PDFSHA256     string // lower-case hex
	PDFBytes      int64
	JSONSHA256    string // lower-case hex, of the canonical JSON
	JSONBytes     int64
	ValidatedAt   time.Time
	Warnings      int
	FormatVersion string
	// Original names the document an imported report was read from, a
	// file in Folder such as "source.pdf" (optional).
	Original string
}

// indexHeader names each column in Chinese and English, so the table is
// readable in both.
var indexHeader = []string{
	"机关名称 Agency", "统一社会信用代码 Credit code", "地区 Region", "年度 Year", "目录 Folder",
	"PDF SHA-256", "PDF 字节 PDF bytes", "JSON SHA-256", "JSON 字节 JSON bytes",
	"校验时间 Validated at", "警告数 Warnings", "格式版本 Format version", "原件 Original",
}

// utf8BOM makes Excel and WPS read the CSV as UTF-8 instead of GBK.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

func (r Record) validate() error {
	for _, f := range []struct{ label, value string }{
		{"AgencyName", r.AgencyName}, {"CreditCode", r.CreditCode}, {"FormatVersion", r.FormatVersion},
	} {
		if f.value == "" {
			return fmt.Errorf("%w: record %s is empty", ErrInvalidInfo, f.label)
		}
	}
	for _, f := range []struct{ label, value string }{
		{"AgencyName", r.AgencyName}, {"CreditCode", r.CreditCode}, {"Region", r.Region}, {"FormatVersion", r.FormatVersion},
	} {
		if err := validTagValue(f.value); err != nil {
			return fmt.Errorf("%w: record %s: %v", ErrInvalidInfo, f.label, err)
		}
	}
	if r.Folder != "" {
		if err := validName(r.Folder); err != nil {
			return fmt.Errorf("%w: record Folder %q: %v", ErrInvalidInfo, r.Folder, err)
		}
	}
	if r.Original != "" {
		if err := validName(r.Original); err != nil || strings.Contains(r.Original, "/") {
			return fmt.Errorf("%w: record Original %q is not a file name", ErrInvalidInfo, r.Original)
		}
	}
	for _, f := range []struct{ label, value string }{{"PDFSHA256", r.PDFSHA256}, {"JSONSHA256", r.JSONSHA256}} {
		if !isSHA256Hex(f.value) {
			return fmt.Errorf("%w: record %s %q is not 64 lower-case hex digits", ErrInvalidInfo, f.label, f.value)
		}
	}
	if r.PDFBytes < 0 || r.JSONBytes < 0 || r.Warnings < 0 || r.Year < 1 || r.Year > 9999 {
		return fmt.Errorf("%w: record %s: negative size or warnings, or year %d", ErrInvalidInfo, r.CreditCode, r.Year)
	}
	if r.ValidatedAt.IsZero() {
		return fmt.Errorf("%w: record %s: ValidatedAt is zero", ErrInvalidInfo, r.CreditCode)
	}
	return nil
}

func (r Record) row() []string {
	return []string{
		inertCell(r.AgencyName), r.CreditCode, inertCell(r.Region), strconv.Itoa(r.Year), r.Folder,
		r.PDFSHA256, strconv.FormatInt(r.PDFBytes, 10), r.JSONSHA256, strconv.FormatInt(r.JSONBytes, 10),
		r.ValidatedAt.UTC().Format(time.RFC3339), strconv.Itoa(r.Warnings), r.FormatVersion, r.Original,
	}
}

// inertCell keeps spreadsheet programs from reading free text as a formula:
// a cell starting with = + - @ (or a tab or CR) gets a leading apostrophe,
// which Excel and WPS show as text and do not display.
func inertCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// indexCSV renders data/index.csv: BOM, header, one row per record in the
// order added, CRLF line ends and RFC 4180 quoting.
func indexCSV(records []Record) ([]byte, error) {
	var buf bytes.Buffer
	buf.Write(utf8BOM)
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	if err := w.Write(indexHeader); err != nil {
		return nil, fmt.Errorf("index.csv: %w", err)
	}
	for _, r := range records {
		if err := w.Write(r.row()); err != nil {
			return nil, fmt.Errorf("index.csv: %w", err)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, fmt.Errorf("index.csv: %w", err)
	}
	return buf.Bytes(), nil
}

func isSHA256Hex(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
