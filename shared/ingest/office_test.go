//go:build integration

package ingest

import (
	"testing"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/template/templatetest"
)

// What LibreOffice (Debian's, installed by infra/deps.sh) makes of a report,
// as offices make it: a published page saved as Word or Excel, a filled
// template saved again, a Word document exported as PDF. Each producer
// runs LibreOffice once for all its documents.
func init() {
	filled := func(kind source.Kind) func(testing.TB, []*report.Report) [][]byte {
		return func(t testing.TB, rs []*report.Report) [][]byte {
			docs := make([][]byte, len(rs))
			for i, r := range rs {
				docs[i] = templatetest.Filled(t, r, kind)
			}
			return docs
		}
	}
	page := func(kind source.Kind) func(testing.TB, []*report.Report) [][]byte {
		return func(t testing.TB, rs []*report.Report) [][]byte { return templatetest.OfficeAll(t, rs, kind) }
	}
	slowProducers = append(slowProducers,
		producer{name: "office-docx", kind: source.DOCX, prints: everything, sections: sectionsExact, exact: true, make: page(source.DOCX)},
		producer{name: "office-xlsx", kind: source.XLSX, prints: everything, sections: sectionsExact, exact: true, make: page(source.XLSX)},
		// LibreOffice 7.4 keeps the cells of a filled template it saves
		// again but not their content-control tags, and it repeats the
		// first paragraph of each section's block content control: the
		// file it writes says so, and the import reads what it says.
		producer{name: "resaved-docx", kind: source.DOCX, prints: everything, exact: true,
			make: func(t testing.TB, rs []*report.Report) [][]byte {
				return templatetest.ResaveAll(t, filled(source.DOCX)(t, rs), source.DOCX)
			}},
		producer{name: "resaved-xlsx", kind: source.XLSX, prints: everything, sections: sectionsExact, exact: true,
			make: func(t testing.TB, rs []*report.Report) [][]byte {
				return templatetest.ResaveAll(t, filled(source.XLSX)(t, rs), source.XLSX)
			}},
		producer{name: "word-pdf", kind: source.PDF, prints: everything, sections: sectionsExact, exact: true,
			make: func(t testing.TB, rs []*report.Report) [][]byte {
				return templatetest.WordPDF(t, filled(source.DOCX)(t, rs))
			}},
		// A page saved as Word, then exported as PDF: LibreOffice keeps the
		// page's table widths, wider than A4, and 表三's and 表四's last
		// columns fall past the page's edge, outside the rulings. The
		// importer must flag what it cannot read there.
		producer{name: "office-docx-pdf", kind: source.PDF, prints: everything, sections: sectionsExact,
			make: func(t testing.TB, rs []*report.Report) [][]byte {
				return templatetest.WordPDF(t, templatetest.OfficeAll(t, rs, source.DOCX))
			}},
	)
}

// officeMutants is how many cells of each report are mutated through each
// LibreOffice producer, a different sample for each producer.
const officeMutants = 4

// TestOfficeRoundTrip publishes the repository's reports, a variant of
// each, a sample of single-cell mutants and the published errors through
// LibreOffice, and imports them back.
func TestOfficeRoundTrip(t *testing.T) {
	reports := repositoryReports(t)
	whole := append(append([]*report.Report(nil), reports...), variants(t, 1)...)
	var published []*report.Report
	for _, e := range publishedErrors {
		for _, r := range reports {
			published = append(published, e.apply(t, r))
		}
	}
	for i, p := range slowProducers {
		t.Run(p.name, func(t *testing.T) {
			// One LibreOffice run: the whole reports, the published errors,
			// then each report's mutants.
			all := append(append([]*report.Report(nil), whole...), published...)
			at := make([]int, len(reports))
			paths := make([][]string, len(reports))
			for k, base := range reports {
				paths[k] = cellPaths(base, len(base.Layout().Cells())/officeMutants, i)
				at[k] = len(all)
				all = append(all, withMutants(base, paths[k])[1:]...)
			}
			docs := p.make(t, all)
			for k, r := range whole {
				t.Run(name(r), func(t *testing.T) { checkRoundTrip(t, p, r, importDoc(t, docs[k], p.name)) })
			}
			for k, pub := range published {
				for _, d := range publishedDiffs(p, pub, importDoc(t, docs[len(whole)+k], p.name)) {
					t.Errorf("%s, %s: %s", publishedErrors[k/len(reports)].name, name(pub), d)
				}
			}
			for k, base := range reports {
				checkMutants(t, p, base, paths[k], append([][]byte{docs[k]}, docs[at[k]:at[k]+len(paths[k])]...))
			}
		})
	}
}
