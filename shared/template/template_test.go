package template_test

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/docx"
	"github.com/nianbao/nianbao/shared/source/xlsx"
	"github.com/nianbao/nianbao/shared/template"
	"github.com/nianbao/nianbao/shared/template/templatetest"
)

type writer struct {
	kind  source.Kind
	blank func(io.Writer, report.Version) error
	read  func(context.Context, []byte, source.Limits) (*source.Document, error)
}

var writers = []writer{
	{source.XLSX, template.XLSX, xlsx.Read},
	{source.DOCX, template.DOCX, docx.Read},
}

// A blank template declares its version and carries every cell's path, the
// report's fields' too, once each; nothing is filled in but the 总计
// formulas, which have no value until a spreadsheet computes them.
func TestBlank(t *testing.T) {
	for _, w := range writers {
		for _, v := range report.Versions {
			t.Run(string(w.kind)+"/"+string(v), func(t *testing.T) {
				var b bytes.Buffer
				if err := w.blank(&b, v); err != nil {
					t.Fatal(err)
				}
				if kind, err := source.Detect(b.Bytes(), source.DefaultLimits); err != nil || kind != w.kind {
					t.Fatalf("Detect = %q, %v; want %s", kind, err, w.kind)
				}
				doc, err := w.read(context.Background(), b.Bytes(), source.DefaultLimits)
				if err != nil {
					t.Fatal(err)
				}
				if got, ok := template.Version(doc.Meta); !ok || got != v {
					t.Errorf("declared version %q, want %q", got, v)
				}
				keys := map[string]int{}
				for _, tb := range templatetest.Tables(doc) {
					for _, row := range tb.Grid {
						for _, c := range row {
							if c.Key != "" && !c.Covered {
								keys[c.Key]++
								if c.Text != "" {
									t.Errorf("%s holds %q in a blank template", c.Key, c.Text)
								}
							}
						}
					}
				}
				want := []string{"agency.name", "agency.creditCode", "agency.region", "reportYear", "title", "publishedOn"}
				for _, c := range report.LayoutOf(v).Cells() {
					want = append(want, c.Path)
				}
				if w.kind == source.XLSX {
					for _, f := range report.TextFields {
						if strings.HasPrefix(f.Path, "sections.") {
							want = append(want, f.Path)
						}
					}
				}
				for _, p := range want {
					if keys[p] != 1 {
						t.Errorf("%s is keyed %d times, want once", p, keys[p])
					}
					delete(keys, p)
				}
				for k := range keys {
					t.Errorf("unexpected key %s", k)
				}
			})
		}
	}
}

// The same input gives the same bytes.
func TestDeterministic(t *testing.T) {
	r := templatetest.Load(t, "seed-2020.json")
	for _, w := range writers {
		a, b := templatetest.Filled(t, r, w.kind), templatetest.Filled(t, r, w.kind)
		if !bytes.Equal(a, b) {
			t.Errorf("two filled %s templates of the same report differ", w.kind)
		}
		var x, y bytes.Buffer
		if err := w.blank(&x, report.Format2021); err != nil {
			t.Fatal(err)
		}
		if err := w.blank(&y, report.Format2021); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x.Bytes(), y.Bytes()) {
			t.Errorf("two blank %s templates differ", w.kind)
		}
	}
}

// Excel names are case-insensitive: the contract's paths must stay
// distinct when folded, or two cells would share a defined name.
func TestPathsDistinctFolded(t *testing.T) {
	for _, v := range report.Versions {
		seen := map[string]string{}
		for _, c := range report.LayoutOf(v).Cells() {
			f := strings.ToLower(c.Path)
			if other, ok := seen[f]; ok {
				t.Errorf("%s and %s fold to the same name", c.Path, other)
			}
			seen[f] = c.Path
		}
	}
}

func TestUnknownVersion(t *testing.T) {
	for _, w := range writers {
		if err := w.blank(io.Discard, "2030"); err == nil {
			t.Errorf("%s template of version 2030 written", w.kind)
		}
	}
	if err := template.FilledXLSX(io.Discard, nil); err == nil {
		t.Error("FilledXLSX(nil) succeeded")
	}
}

// A section longer than a spreadsheet cell holds (a report allows 100,000
// characters, a cell 32,767) is refused by the workbook, naming it, rather
// than cut short; the Word document holds it.
func TestLongSection(t *testing.T) {
	r := templatetest.Load(t, "example-2021.json")
	r.Sections.Requests = strings.Repeat("依申请公开", 7000)
	err := template.FilledXLSX(io.Discard, r)
	if err == nil || !strings.Contains(err.Error(), "sections.requests has 35000 characters") {
		t.Errorf("FilledXLSX with a 35,000-character section: %v", err)
	}
	if err := template.FilledDOCX(io.Discard, r); err != nil {
		t.Errorf("FilledDOCX with a 35,000-character section: %v", err)
	}
}

// Every 表三 总计 and 表四 总计 is a formula adding its row or column (in the
// 2021 layout, 表三 rows 6–26 are the 21 outcomes, 27 is （七）总计); a
// total that does not add up is written as the typed number instead.
func TestFormulas(t *testing.T) {
	r := templatetest.Load(t, "example-2021.json")
	sheet := sheetXML(t, templatetest.Filled(t, r, source.XLSX), "xl/worksheets/sheet4.xml") // 表三
	for _, want := range []string{"<f>SUM(D4:I4)</f>", "<f>SUM(D6:D26)</f>", "<f>SUM(D27:I27)</f>"} {
		if !strings.Contains(sheet, want) {
			t.Errorf("表三 has no %s", want)
		}
	}
	m := templatetest.Mutant(r, "table3.newReceived.total")
	sheet = sheetXML(t, templatetest.Filled(t, m, source.XLSX), "xl/worksheets/sheet4.xml")
	if strings.Contains(sheet, "<f>SUM(D4:I4)</f>") {
		t.Error("a 总计 that does not add up is still a formula")
	}
	t4 := sheetXML(t, templatetest.Filled(t, r, source.XLSX), "xl/worksheets/sheet5.xml")
	for _, want := range []string{"<f>SUM(A4:D4)</f>", "<f>SUM(F4:I4)</f>", "<f>SUM(K4:N4)</f>"} {
		if !strings.Contains(t4, want) {
			t.Errorf("表四 has no %s", want)
		}
	}
}
