package ingest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/testkit"
	"github.com/nianbao/nianbao/shared/validate"
)

func loadReport(t testing.TB, name string) *report.Report {
	t.Helper()
	r, fs := report.Decode(testkit.Testdata(t, name))
	if r == nil || report.HasErrors(fs) {
		t.Fatalf("%s does not decode: %v", name, fs)
	}
	return r
}

// importDoc imports a produced document, which must not be refused.
func importDoc(t testing.TB, data []byte, name string) *Result {
	t.Helper()
	res, err := Import(context.Background(), data, Options{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	if r := res.Refusal(); r != nil {
		t.Fatalf("%s refused: %v", name, r)
	}
	return res
}

// repositoryReports are the seed and the 2021 example.
func repositoryReports(t testing.TB) []*report.Report {
	return []*report.Report{loadReport(t, "seed-2020.json"), loadReport(t, "example-2021.json")}
}

// name names a report in subtests: its year, agency and the first cells.
func name(r *report.Report) string {
	c, _ := r.Cell("table3.newReceived.total")
	return fmt.Sprintf("%d-%s-%s", r.ReportYear, r.Agency.Name, c)
}

// TestRoundTrip publishes the repository's reports and generated variants
// through every producer and imports them back: the metadata each prints,
// every cell and every section come back equal.
func TestRoundTrip(t *testing.T) {
	rs := append(repositoryReports(t), variants(t, 3)...)
	for _, p := range fastProducers {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			for i, data := range p.make(t, rs) {
				res := importDoc(t, data, p.name)
				t.Run(name(rs[i]), func(t *testing.T) { checkRoundTrip(t, p, rs[i], res) })
			}
		})
	}
}

// checkRoundTrip compares an import with the report the document was made
// from.
func checkRoundTrip(t *testing.T, p producer, want *report.Report, res *Result) {
	t.Helper()
	got := res.Draft()
	if res.Kind != p.kind {
		t.Errorf("kind %q, want %q", res.Kind, p.kind)
	}
	if got.FormatVersion != want.FormatVersion || got.ReportYear != want.ReportYear || got.Agency.Name != want.Agency.Name || got.DisplayTitle() != want.DisplayTitle() {
		t.Errorf("metadata %s, %d, %q, %q; want %s, %d, %q, %q", got.FormatVersion, got.ReportYear, got.Agency.Name, got.DisplayTitle(),
			want.FormatVersion, want.ReportYear, want.Agency.Name, want.DisplayTitle())
	}
	for _, f := range []struct {
		path      string
		got, want string
		printed   bool
	}{
		{"agency.creditCode", got.Agency.CreditCode, want.Agency.CreditCode, p.prints.creditCode},
		{"agency.region", got.Agency.Region, want.Agency.Region, p.prints.region},
		{"publishedOn", got.PublishedOn, want.PublishedOn, p.prints.publishedOn},
	} {
		switch {
		case f.printed && f.got != f.want:
			t.Errorf("%s = %q (%+v), want %q", f.path, f.got, res.Provenance[f.path], f.want)
		case !f.printed && f.got != "":
			t.Errorf("%s = %q (%+v), which the document does not print", f.path, f.got, res.Provenance[f.path])
		}
	}
	fl := importFlags(res)
	for _, spec := range want.Layout().Cells() {
		w, _ := want.Cell(spec.Path)
		g, _ := got.Cell(spec.Path)
		prov := res.Provenance[spec.Path]
		where := want.Layout().Describe(spec.Path)
		switch {
		case p.exact && g != w:
			t.Errorf("%s = %q, want %q (%s from %s: %q)", where, g, w, prov.Method, prov.Source, prov.Text)
		case p.exact && fl.of(spec.Path) == report.Error:
			t.Errorf("%s = %q but carries an import error", where, g)
		case !p.exact:
			if msg := rightOrFlagged(g, w, fl.of(spec.Path)); msg != "" {
				t.Errorf("%s: %s (%s from %s: %q)", where, msg, prov.Method, prov.Source, prov.Text)
			}
		}
	}
	switch p.sections {
	case sectionsExact:
		checkSections(t, got.Sections.InOrder(), want.Sections.InOrder())
	case sectionsJoined:
		joined := func(s [6]string) [6]string {
			for i := range s {
				s[i] = strings.ReplaceAll(s[i], "\n", "")
			}
			return s
		}
		checkSections(t, joined(got.Sections.InOrder()), joined(want.Sections.InOrder()))
	}
}

// rightOrFlagged is the importer's promise for one cell: set to what the
// source printed, or carrying an import finding — an error when it is left
// unset. It returns what is wrong, "" when nothing is.
func rightOrFlagged(got, want report.Cell, flag report.Severity) string {
	switch {
	case got == want:
		return ""
	case got.State == report.Absent && flag != report.Error:
		return fmt.Sprintf("left unset (the source has %q) without an import error", want)
	case got.State != report.Absent && flag == "":
		return fmt.Sprintf("silently wrong: %q, the source has %q", got, want)
	}
	return ""
}

// flags maps each path an import finding names (as its path or a related
// one) to the gravest severity naming it.
type flags map[string]report.Severity

func importFlags(res *Result) flags {
	fl := flags{}
	for _, f := range res.Findings {
		if !strings.HasPrefix(f.Rule, "import-") {
			continue
		}
		for _, p := range append([]string{f.Path}, f.Related...) {
			if fl[p] != report.Error {
				fl[p] = f.Severity
			}
		}
	}
	return fl
}

// of is the gravest severity flagging a cell: a finding at the cell, or at
// its table (“表三 not found”).
func (fl flags) of(path string) report.Severity {
	sev := fl[path]
	for p := path; strings.Contains(p, "."); {
		p = p[:strings.LastIndexByte(p, '.')]
		if s, ok := fl[p]; ok && sev != report.Error {
			sev = s
		}
	}
	return sev
}

// checkSections compares the six sections, naming where they part.
func checkSections(t *testing.T, g, w [6]string) {
	t.Helper()
	for i := range w {
		if g[i] == w[i] {
			continue
		}
		gr, wr := []rune(g[i]), []rune(w[i])
		k := 0
		for k < len(gr) && k < len(wr) && gr[k] == wr[k] {
			k++
		}
		around := func(r []rune) string { return string(r[max(0, k-10):min(len(r), k+30)]) }
		t.Errorf("%s parts at character %d:\n got …%q\nwant …%q", report.SectionHeadings[i], k, around(gr), around(wr))
	}
}

// identityFindings are the H1–H4 findings of a report, as "rule severity
// path" lines.
func identityFindings(fs []report.Finding) []string {
	var out []string
	for _, f := range fs {
		if slices.Contains([]string{validate.RuleH1, validate.RuleH2, validate.RuleH3, validate.RuleH4}, f.Rule) {
			out = append(out, f.Rule+" "+string(f.Severity)+" "+f.Path)
		}
	}
	slices.Sort(out)
	return out
}

// importFindings are an import's own findings as "rule severity path"
// lines.
func importFindings(res *Result) []string {
	var out []string
	for _, f := range res.Findings {
		if strings.HasPrefix(f.Rule, "import-") {
			out = append(out, f.Rule+" "+string(f.Severity)+" "+f.Path)
		}
	}
	slices.Sort(out)
	return out
}
