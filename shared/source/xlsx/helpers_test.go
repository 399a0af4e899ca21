package xlsx_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/source"
)

// book zips a workbook: sheets maps a sheet's name to its worksheet XML
// (sheetData and mergeCells); names are defined names (name → target);
// hidden lists hidden sheets.
type book struct {
	sheets []string // names, in order
	xml    map[string]string
	shared []string
	names  map[string]string
	hidden map[string]bool
}

func (b book) bytes(t testing.TB) []byte {
	t.Helper()
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	write := func(name, body string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	write("_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	var wb, rels strings.Builder
	wb.WriteString(`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>`)
	rels.WriteString(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i, name := range b.sheets {
		state := ""
		if b.hidden[name] {
			state = ` state="hidden"`
		}
		fmt.Fprintf(&wb, `<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>`, name, i+1, state, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
		write(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`+b.xml[name]+`</worksheet>`)
	}
	wb.WriteString(`</sheets><definedNames>`)
	for name, target := range b.names {
		fmt.Fprintf(&wb, `<definedName name="%s">%s</definedName>`, name, target)
	}
	wb.WriteString(`</definedNames></workbook>`)
	if b.shared != nil {
		rels.WriteString(`<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`)
		var ss strings.Builder
		ss.WriteString(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
		for _, s := range b.shared {
			ss.WriteString(`<si>` + s + `</si>`)
		}
		write("xl/sharedStrings.xml", ss.String()+`</sst>`)
	}
	write("xl/workbook.xml", wb.String())
	write("xl/_rels/workbook.xml.rels", rels.String()+`</Relationships>`)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// grids renders a document's tables: "sheet!ref:" then rows, cells
// separated by "|", covered cells "^", keys after "#".
func grids(doc *source.Document) []string {
	var out []string
	for _, b := range doc.Blocks {
		var rows []string
		for r := range b.Table.Grid {
			var cells []string
			for _, c := range b.Table.Grid[r] {
				s := c.Text
				if c.Covered {
					s = "^"
				}
				if c.Key != "" {
					s += "#" + c.Key
				}
				cells = append(cells, s)
			}
			rows = append(rows, strings.Join(cells, "|"))
		}
		out = append(out, b.Loc.Sheet+"!"+b.Table.Grid[0][0].Loc.Ref+":"+strings.Join(rows, "/"))
	}
	return out
}

func c(ref, attrs, inner string) string { return `<c r="` + ref + `"` + attrs + `>` + inner + `</c>` }

func row(n string, cells ...string) string {
	return `<row r="` + n + `">` + strings.Join(cells, "") + `</row>`
}

func sheetData(rows ...string) string { return `<sheetData>` + strings.Join(rows, "") + `</sheetData>` }
