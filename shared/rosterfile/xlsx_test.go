package rosterfile

import (
	"github.com/nianbao/nianbao/shared/roster"

	"bytes"
	"errors"
	"testing"

	"github.com/xuri/excelize/v2"
)

// workbook builds an .xlsx whose first sheet holds rows from A1, leaving
// the rows listed in skip empty, as a clerk's spreadsheet might.
func workbook(t *testing.T, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range rows {
		if row == nil {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestParseXLSX(t *testing.T) {
	data := workbook(t, [][]any{
		{"2024年度报送名册"},
		{"机关名称", "统一社会信用代码", "行政区划", "类别"},
		{"西工区教育体育局", code1, "河南省洛阳市西工区", "部门"},
		nil, // an empty row between agencies
		{"西工区人民政府", code2, "河南省洛阳市西工区", "政府"},
	})
	r, err := Parse(data, 2024)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if len(r.Agencies) != 2 || r.Agencies[1].CreditCode != code2 || r.Agencies[1].Category != roster.Government {
		t.Errorf("got %+v", r.Agencies)
	}
}

func TestParseXLSXNamesRowsAsTheSheetDoes(t *testing.T) {
	data := workbook(t, [][]any{
		{"机关名称", "统一社会信用代码", "行政区划", "类别"},
		{"甲局", code1, "某区", "部门"},
		nil,
		{"乙局", 114103030000000000, "某区", "部门"}, // a code Excel stored as a number
	})
	_, err := Parse(data, 2024)
	var inv *roster.InvalidError
	if !errors.As(err, &inv) || len(inv.Problems) != 1 || inv.Problems[0].Row != 4 || inv.Problems[0].Column != colCode {
		t.Fatalf("got %v, want one problem at row 4, %s", err, colCode)
	}
}

func TestParseRefusesBrokenWorkbooks(t *testing.T) {
	data := workbook(t, [][]any{{"机关名称"}})
	for name, d := range map[string][]byte{
		"truncated":   data[:len(data)/2],
		"not a sheet": append([]byte("PK\x03\x04"), bytes.Repeat([]byte{0}, 64)...),
	} {
		if _, err := Parse(d, 2024); !errors.Is(err, roster.ErrInvalid) {
			t.Errorf("%s: got %v, want ErrInvalid", name, err)
		}
	}
}
