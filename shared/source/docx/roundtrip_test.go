package docx_test

import (
	"context"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/docx"
	"github.com/nianbao/nianbao/shared/template"
	"github.com/nianbao/nianbao/shared/template/templatetest"
)

// A filled template reads back with every label and value at its place,
// value cells keyed by their path, the version declared, and the six
// sections under their headings.
func TestReadFilledTemplate(t *testing.T) {
	for _, name := range templatetest.Reports {
		t.Run(name, func(t *testing.T) {
			r := templatetest.Load(t, name)
			doc, err := docx.Read(context.Background(), templatetest.Filled(t, r, source.DOCX), source.DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			if v, ok := template.Version(doc.Meta); !ok || v != r.FormatVersion {
				t.Errorf("declared version %q (%v), want %q", v, ok, r.FormatVersion)
			}
			if doc.Title != r.DisplayTitle() {
				t.Errorf("title %q, want %q", doc.Title, r.DisplayTitle())
			}
			want := templatetest.Expected(t, r, source.DOCX)
			got := templatetest.Tables(doc)
			if len(got) != len(want) {
				t.Fatalf("%d tables, want %d", len(got), len(want))
			}
			for i, w := range want {
				for _, d := range templatetest.CompareKeyed(got[i], w.Table) {
					t.Errorf("%s: %s", w.Name, d)
				}
			}
			checkSections(t, doc, r)
		})
	}
}

// checkSections finds each section heading and compares the paragraphs up
// to the next heading with the section's text.
func checkSections(t *testing.T, doc *source.Document, r *report.Report) {
	t.Helper()
	texts := r.Sections.InOrder()
	for i, h := range report.SectionHeadings {
		at := -1
		for j, b := range doc.Blocks {
			if b.Kind == source.Heading && b.Text == h {
				at = j
			}
		}
		if at < 0 {
			t.Errorf("no heading %q", h)
			continue
		}
		var paras []string
		for _, b := range doc.Blocks[at+1:] {
			if b.Kind != source.Paragraph {
				break
			}
			paras = append(paras, b.Text)
		}
		var want []string
		for p := range strings.SplitSeq(texts[i], "\n") {
			if p = strings.TrimSpace(p); p != "" {
				want = append(want, p)
			}
		}
		if strings.Join(paras, "\n") != strings.Join(want, "\n") {
			t.Errorf("section %s:\ngot  %q\nwant %q", h, paras, want)
		}
	}
}

// Changing one cell of a filled template changes exactly that cell of the
// read document.
func TestReadMutants(t *testing.T) {
	for _, name := range templatetest.Reports {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			r := templatetest.Load(t, name)
			base := read(t, templatetest.Filled(t, r, source.DOCX))
			for i, spec := range r.Layout().Cells() {
				if testing.Short() && i%10 != 0 {
					continue
				}
				m := templatetest.Mutant(r, spec.Path)
				got := read(t, templatetest.Filled(t, m, source.DOCX))
				for _, d := range templatetest.DiffMutant(base, got, spec.Path, templatetest.Value(m, spec.Path)) {
					t.Error(d)
				}
			}
		})
	}
}

func read(t *testing.T, data []byte) map[string]string {
	t.Helper()
	doc, err := docx.Read(context.Background(), data, source.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	return templatetest.Cells(doc)
}
