package source

import (
	"archive/zip"
	"bytes"
	"errors"
	"testing"
)

func zipOf(t *testing.T, names ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write([]byte("<x/>"))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestDetect(t *testing.T) {
	cfb := func(stream string) []byte {
		return append(append(bytes.Clone(cfbMagic), make([]byte, 100)...), utf16le(stream)...)
	}
	tests := []struct {
		name string
		data []byte
		kind Kind
		code string // refusal code, "" when accepted
	}{
		{"pdf", []byte("%PDF-1.7\n..."), PDF, ""},
		{"pdf after junk", append(bytes.Repeat([]byte{' '}, 100), "%PDF-1.4"...), PDF, ""},
		{"docx", zipOf(t, "[Content_Types].xml", "word/document.xml"), DOCX, ""},
		{"xlsx", zipOf(t, "[Content_Types].xml", "xl/workbook.xml"), XLSX, ""},
		{"docm", zipOf(t, "word/document.xml", "word/vbaProject.bin"), "", MacroEnabled},
		{"plain zip", zipOf(t, "a.txt"), "", Unsupported},
		{"odt", zipOf(t, "mimetype", "content.xml"), "", Unsupported},
		{"doc", cfb("WordDocument"), "", Legacy},
		{"xls", cfb("Workbook"), "", Legacy},
		{"encrypted docx", cfb("EncryptedPackage"), "", Encrypted},
		{"encryption info only", cfb("EncryptionInfo"), "", Encrypted},
		{"rights-managed", cfb("\x06DataSpaces"), "", Encrypted},
		{"xlsb", zipOf(t, "[Content_Types].xml", "xl/workbook.bin"), "", Unsupported},
		{"pptx", zipOf(t, "[Content_Types].xml", "ppt/presentation.xml"), "", Unsupported},
		{"xlsm", zipOf(t, "xl/workbook.xml", "xl/vbaProject.bin"), "", MacroEnabled},
		{"word 2003 xml", []byte(`<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument>`), "", Unsupported},
		{"flat opc", []byte("\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<pkg:package xmlns:pkg=\"x\">"), "", Unsupported},
		{"excel 2003 xml", []byte(`<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">`), "", Unsupported},
		{"mht", []byte("MIME-Version: 1.0\r\nContent-Type: multipart/related;"), "", Unsupported},
		{"xhtml page", []byte(`<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><body></body></html>`), HTML, ""},
		{"html", []byte("\xEF\xBB\xBF<!DOCTYPE html><html><body><table></table></body></html>"), HTML, ""},
		{"html fragment", []byte("  <table><tr><td>1</td></tr></table>"), HTML, ""},
		{"markdown", []byte("# 2024年政府信息公开工作年度报告\n\n| a | b |\n"), Text, ""},
		{"text", []byte("一、总体情况\n本机关……"), Text, ""},
		{"gbk text", []byte{0xD2, 0xBB, 0xA1, 0xA2, 0xD7, 0xDC}, Text, ""},
		{"png", []byte("\x89PNG\r\n\x1a\n...."), "", Scanned},
		{"binary", []byte("abc\x00\x01\x02"), "", Unsupported},
		{"empty", []byte(" \n"), "", Malformed},
		{"broken zip", []byte("PK\x03\x04garbage"), "", Malformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kind, err := Detect(tt.data, DefaultLimits)
			var refused *RefusedError
			switch {
			case tt.code == "" && err != nil:
				t.Fatalf("Detect = %v, want kind %s", err, tt.kind)
			case tt.code != "" && !errors.As(err, &refused):
				t.Fatalf("Detect = %q, %v; want refusal %s", kind, err, tt.code)
			case tt.code != "" && refused.Code != tt.code:
				t.Fatalf("refusal %s (%s), want %s", refused.Code, refused.Reason, tt.code)
			case tt.code == "" && kind != tt.kind:
				t.Fatalf("kind %q, want %q", kind, tt.kind)
			}
			if err != nil && !errors.Is(err, ErrRefused) {
				t.Errorf("%v does not match ErrRefused", err)
			}
		})
	}
}

func TestDetectTooLarge(t *testing.T) {
	lim := DefaultLimits
	lim.MaxBytes = 10
	_, err := Detect([]byte("0123456789abc"), lim)
	var refused *RefusedError
	if !errors.As(err, &refused) || refused.Code != TooLarge {
		t.Fatalf("got %v, want %s", err, TooLarge)
	}
}

func TestLayoutSpans(t *testing.T) {
	// ┌───┬───────┐
	// │ A │   B   │  A spans two rows, B two columns
	// │   ├───┬───┤
	// │   │ C │ D │
	// └───┴───┴───┘
	rows := [][]SourceCell{
		{{Text: "A", RowSpan: 2}, {Text: "B", ColSpan: 2}},
		{{Text: "C"}, {Text: "D"}},
	}
	tb, ok := Layout(rows, 3, 64, 100)
	if !ok {
		t.Fatal("layout refused a small table")
	}
	want := [][]string{{"A", "B", "B"}, {"A", "C", "D"}}
	for r := range want {
		if got := tb.Texts(r); !equal(got, want[r]) {
			t.Errorf("row %d = %q, want %q", r, got, want[r])
		}
	}
	if c := tb.Grid[1][0]; !c.Covered || c.OriginRow != 0 || c.OriginCol != 0 {
		t.Errorf("A's lower position = %+v, want covered by (0,0)", c)
	}
	if c := tb.Grid[0][1]; c.Covered || c.ColSpan != 2 || c.RowSpan != 1 {
		t.Errorf("B's origin = %+v, want a 1×2 origin", c)
	}
	if loc := tb.Grid[1][2].Loc; loc.Table != 3 || loc.Row != 2 || loc.Col != 3 {
		t.Errorf("D's location = %+v", loc)
	}
}

func TestLayoutBounds(t *testing.T) {
	rows := [][]SourceCell{{{Text: "x", RowSpan: 1 << 30, ColSpan: 1 << 30}}, {{Text: "y"}}}
	tb, _ := Layout(rows, 1, 64, 10_000)
	if tb.Rows() != 2 || tb.Cols() > 65 { // 64 clipped columns, then y beside them
		t.Fatalf("hostile spans gave a %d×%d grid", tb.Rows(), tb.Cols())
	}
	wide := [][]SourceCell{make([]SourceCell, 500), make([]SourceCell, 500)}
	tb, ok := Layout(wide, 1, 64, 600)
	if ok || tb.Rows()*tb.Cols() > 600 {
		t.Fatalf("a grid past the cell bound: ok=%v, %d×%d", ok, tb.Rows(), tb.Cols())
	}
}

func TestLocationString(t *testing.T) {
	for _, tt := range []struct {
		loc  Location
		want string
	}{
		{Location{Page: 3, Table: 2, Row: 4, Col: 5}, "第3页 表2 第4行第5列"},
		{Location{Line: 120}, "第120行"},
		{Location{Sheet: "表三", Ref: "C7"}, "工作表“表三” C7"},
		{Location{}, ""},
	} {
		if got := tt.loc.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.loc, got, tt.want)
		}
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestLayoutPaddingBound(t *testing.T) {
	rows := make([][]SourceCell, 300)
	for i := range rows {
		rows[i] = []SourceCell{{Text: "x"}}
	}
	rows = append(rows, make([]SourceCell, 250))
	tb, ok := Layout(rows, 1, 64, 1000)
	if ok || tb.Rows()*tb.Cols() > 1000 {
		t.Fatalf("padded grid past the bound: ok=%v, %d×%d", ok, tb.Rows(), tb.Cols())
	}
}
