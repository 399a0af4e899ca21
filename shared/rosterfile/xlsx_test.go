package rosterfile

import (
	"github.com/nianbao/nianbao/shared/roster"

	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/shared/source/xlsx"
)

// workbook builds an .xlsx whose first sheet holds rows from A1, leaving
// the rows listed in skip empty, as a clerk's spreadsheet might.
func workbook(t testing.TB, rows [][]any) []byte {
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
	// The code is read as the sheet shows it, so the problem named is the
	// one the clerk sees: a number in scientific notation.
	if msg := inv.Problems[0].Message; !strings.Contains(msg, "“1.14103E+17”") || !strings.Contains(msg, "科学计数法") {
		t.Errorf("the problem reads %q, want the code as shown (1.14103E+17) in scientific notation", msg)
	}
}

func TestDisplayed(t *testing.T) {
	for _, tc := range []struct {
		v    xlsx.Value
		want string
	}{
		{xlsx.Value{Text: "114103030000000000", Number: true}, "1.14103E+17"},
		{xlsx.Value{Text: "100000000000", Number: true}, "1E+11"},
		{xlsx.Value{Text: "-123456789012.5", Number: true}, "-1.23457E+11"},
		{xlsx.Value{Text: "99999999999", Number: true}, "99999999999"},
		{xlsx.Value{Text: "2024", Number: true}, "2024"},
		{xlsx.Value{Text: "114103030000000000"}, "114103030000000000"}, // text stays text
	} {
		if got := displayed(tc.v); got != tc.want {
			t.Errorf("displayed(%+v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

// The first sheet a person sees is the roster: a hidden sheet before it is
// passed over.
func TestParseXLSXSkipsHiddenSheets(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	idx, err := f.NewSheet("名册")
	if err != nil {
		t.Fatal(err)
	}
	f.SetActiveSheet(idx) // excelize hides no selected sheet
	for i, row := range [][]any{{"机关名称", "统一社会信用代码", "行政区划", "类别"}, {"甲局", code1, "某区", "部门"}} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("名册", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SetCellStr("Sheet1", "A1", "旧表"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetSheetVisible("Sheet1", false); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	r, err := Parse(b.Bytes(), 2024)
	if err != nil || len(r.Agencies) != 1 || r.Agencies[0].CreditCode != code1 {
		t.Fatalf("Parse = %+v, %v; want 甲局 from the visible sheet", r, err)
	}
}

func TestParseXLSXBounds(t *testing.T) {
	rows := [][]any{{"机关名称", "统一社会信用代码", "行政区划", "类别"}}
	for range MaxAgencies + maxLeadRows {
		rows = append(rows, []any{"甲局"})
	}
	_, err := Parse(workbook(t, rows), 2024)
	var inv *roster.InvalidError
	if !errors.As(err, &inv) || !strings.Contains(inv.Problems[0].Message, "行的上限") {
		t.Errorf("a sheet of %d rows: %v, want the row limit", len(rows), err)
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
