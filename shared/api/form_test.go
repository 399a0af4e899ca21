package api

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/nianbao/nianbao/shared/report"
)

// parsePage parses an HTML response body.
func parsePage(t *testing.T, body string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatalf("parse the page: %v", err)
	}
	return doc
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// elements returns the elements under n, in document order, for which keep is true.
func elements(n *html.Node, keep func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && keep(d) {
			out = append(out, d)
		}
	}
	return out
}

func text(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

func TestFormPage(t *testing.T) {
	s := newStack(t, nil)
	for _, year := range []int{2019, 2020, 2021, 2024} {
		t.Run(strconv.Itoa(year), func(t *testing.T) {
			resp := call(t, s.index, event("GET", "/new?year="+strconv.Itoa(year), nil))
			if resp.StatusCode != 200 || resp.Headers["Content-Type"] != "text/html; charset=utf-8" {
				t.Fatalf("GET /new?year=%d: %d %q: %.300s", year, resp.StatusCode, resp.Headers["Content-Type"], resp.Body)
			}
			if got := resp.Headers["Content-Security-Policy"]; got != ContentSecurityPolicy {
				t.Errorf("Content-Security-Policy %q, want %q", got, ContentSecurityPolicy)
			}
			doc := parsePage(t, resp.Body)
			active := report.VersionForYear(year)
			checkVersionChoice(t, doc, active)
			for _, v := range report.Versions {
				checkVersionBlocks(t, doc, report.LayoutOf(v), v != active)
			}
			checkTextFields(t, doc)
			checkImportPanel(t, s, doc, active)
			checkNoInlineCode(t, doc)
			checkUniqueIDs(t, doc)
		})
	}
}

func checkVersionChoice(t *testing.T, doc *html.Node, want report.Version) {
	t.Helper()
	selected := elements(doc, func(n *html.Node) bool {
		_, sel := attr(n, "selected")
		return n.Data == "option" && sel
	})
	if len(selected) != 1 {
		t.Fatalf("%d selected format options, want 1", len(selected))
	}
	if v, _ := attr(selected[0], "value"); v != string(want) {
		t.Errorf("the format select defaults to %q, want %q", v, want)
	}
}

// checkVersionBlocks checks that version l's blocks hold exactly one input
// per cell of its layout, labelled in the table's own words, and that the
// blocks are hidden unless l is the year's format.
func checkVersionBlocks(t *testing.T, doc *html.Node, l *report.Layout, hidden bool) {
	t.Helper()
	blocks := elements(doc, func(n *html.Node) bool {
		v, _ := attr(n, "data-version")
		return v == string(l.Version)
	})
	if len(blocks) != 3 {
		t.Fatalf("%s: %d version blocks, want 3 (表二, 表三, 表四)", l.Version, len(blocks))
	}
	var got []string
	for _, b := range blocks {
		if _, h := attr(b, "hidden"); h != hidden {
			t.Errorf("%s: block hidden=%v, want %v", l.Version, h, hidden)
		}
		for _, in := range elements(b, func(n *html.Node) bool { return n.Data == "input" }) {
			path, _ := attr(in, "data-path")
			got = append(got, path)
			if label, _ := attr(in, "aria-label"); label != l.Describe(path) || label == path {
				t.Errorf("%s %s: aria-label %q, want %q", l.Version, path, label, l.Describe(path))
			}
			if kind, _ := attr(in, "data-kind"); kind != kindName[cellKind(l, path)] {
				t.Errorf("%s %s: data-kind %q, want %q", l.Version, path, kind, kindName[cellKind(l, path)])
			}
		}
	}
	var want []string
	for _, c := range l.Cells() {
		want = append(want, c.Path)
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s: the form's cells differ from the layout's (in order):\n got %d: %q\nwant %d: %q", l.Version, len(got), got, len(want), want)
	}
	checkTable3Heads(t, blocks[1], l)
	checkOperands(t, blocks, l)
}

func cellKind(l *report.Layout, path string) report.Kind {
	i, _ := l.Index(path)
	return l.Cells()[i].Kind
}

// checkTable3Heads checks the merged cells that make 表三 the official table.
func checkTable3Heads(t *testing.T, block *html.Node, l *report.Layout) {
	t.Helper()
	results := 0
	for _, r := range l.Table3.Rows {
		if r.Level1 == "三、本年度办理结果" {
			results++
		}
	}
	tests := []struct {
		text             string
		rowspan, colspan string
	}{
		{table3Corner, "3", "3"},
		{"申请人情况", "", "7"},
		{"法人或其他组织", "", "5"},
		{"三、本年度办理结果", strconv.Itoa(results), ""},
		{"（三）不予公开", "8", ""},
		{"一、本年新收政府信息公开申请数量", "", "3"},
	}
	ths := elements(block, func(n *html.Node) bool { return n.Data == "th" })
	for _, tt := range tests {
		i := slices.IndexFunc(ths, func(n *html.Node) bool { return text(n) == tt.text })
		if i < 0 {
			t.Errorf("%s 表三: no header cell %q", l.Version, tt.text)
			continue
		}
		rs, _ := attr(ths[i], "rowspan")
		cs, _ := attr(ths[i], "colspan")
		if rs != tt.rowspan || cs != tt.colspan {
			t.Errorf("%s 表三 %q: rowspan %q colspan %q, want %q %q", l.Version, tt.text, rs, cs, tt.rowspan, tt.colspan)
		}
	}
}

// checkOperands checks what the derived cells add up.
func checkOperands(t *testing.T, blocks []*html.Node, l *report.Layout) {
	t.Helper()
	var outcomes []string
	for _, r := range l.Table3.Rows {
		if r.Outcome {
			outcomes = append(outcomes, r.Path()+".otherOrg")
		}
	}
	tests := map[string]string{
		"table3.newReceived.total":             "table3.newReceived.naturalPerson table3.newReceived.commercialEnterprise table3.newReceived.researchInstitution table3.newReceived.publicInterestOrg table3.newReceived.legalServiceOrg table3.newReceived.otherOrg",
		"table3.results.resultsTotal.otherOrg": strings.Join(outcomes, " "),
		"table4.litigationDirect.total":        "table4.litigationDirect.upheld table4.litigationDirect.corrected table4.litigationDirect.otherOutcome table4.litigationDirect.pending",
		"table3.newReceived.naturalPerson":     "",
	}
	found := map[string]string{}
	for _, b := range blocks {
		for _, in := range elements(b, func(n *html.Node) bool { return n.Data == "input" }) {
			p, _ := attr(in, "data-path")
			found[p], _ = attr(in, "data-operands")
		}
	}
	derived := 0
	for _, ops := range found {
		if ops != "" {
			derived++
		}
	}
	// 表三: the 总计 column and the （七）总计 row, sharing one cell; 表四: three 总计.
	if want := len(l.Table3.Rows) + len(l.Table3.Columns) - 1 + len(l.Table4.Groups); derived != want {
		t.Errorf("%s: %d derived cells, want %d", l.Version, derived, want)
	}
	for path, want := range tests {
		if got := found[path]; got != want {
			t.Errorf("%s %s: data-operands %q, want %q", l.Version, path, got, want)
		}
	}
}

// checkTextFields checks that every field of the document outside the tables
// has an input with a label.
func checkTextFields(t *testing.T, doc *html.Node) {
	t.Helper()
	paths := []string{"reportYear", "formatVersion", "agency.creditCode", "publishedOn"}
	for _, f := range report.TextFields {
		paths = append(paths, f.Path)
	}
	labels := map[string]bool{}
	for _, l := range elements(doc, func(n *html.Node) bool { return n.Data == "label" }) {
		if f, ok := attr(l, "for"); ok {
			labels[f] = true
		}
	}
	for _, p := range paths {
		els := elements(doc, func(n *html.Node) bool {
			v, _ := attr(n, "data-path")
			id, _ := attr(n, "id")
			return v == p && id == "f-"+p
		})
		if len(els) != 1 {
			t.Errorf("%s: %d fields with id f-%s, want 1", p, len(els), p)
			continue
		}
		if !labels["f-"+p] {
			t.Errorf("%s: no <label for=f-%s>", p, p)
		}
	}
}

// checkNoInlineCode checks what the CSP would block: inline scripts, style
// attributes and event handler attributes.
func checkNoInlineCode(t *testing.T, doc *html.Node) {
	t.Helper()
	for _, n := range elements(doc, func(*html.Node) bool { return true }) {
		if _, ok := attr(n, "src"); n.Data == "script" && !ok {
			t.Errorf("inline <script>: %.80q", text(n))
		}
		if n.Data == "style" {
			t.Errorf("inline <style>: %.80q", text(n))
		}
		for _, a := range n.Attr {
			if a.Key == "style" || strings.HasPrefix(a.Key, "on") {
				t.Errorf("<%s %s=%q>: blocked by the CSP", n.Data, a.Key, a.Val)
			}
		}
	}
}

func checkUniqueIDs(t *testing.T, doc *html.Node) {
	t.Helper()
	seen := map[string]bool{}
	for _, n := range elements(doc, func(n *html.Node) bool { _, ok := attr(n, "id"); return ok }) {
		id, _ := attr(n, "id")
		if seen[id] {
			t.Errorf("id %q used twice", id)
		}
		seen[id] = true
	}
}

func TestFormPageRejectsBadYear(t *testing.T) {
	s := newStack(t, nil)
	for _, q := range []string{"year=2018", "year=twenty", "year=99999", "year=%zz"} {
		resp := call(t, s.index, event("GET", "/new?"+q, nil))
		if resp.StatusCode != 400 || !strings.Contains(resp.Body, "bad-request") {
			t.Errorf("GET /new?%s: %d %.200s; want 400 bad-request", q, resp.StatusCode, resp.Body)
		}
	}
	if resp := call(t, s.index, event("GET", "/new", nil)); resp.StatusCode != 200 {
		t.Errorf("GET /new without a year: %d, want 200", resp.StatusCode)
	}
}

func TestFormStaticFiles(t *testing.T) {
	s := newStack(t, nil)
	tests := []struct{ file, contentType, contains string }{
		{"form.js", "text/javascript; charset=utf-8", "/reports/validate"},
		{"form.css", "text/css; charset=utf-8", ".table-wrap"},
	}
	for _, tt := range tests {
		resp := call(t, s.index, event("GET", "/static/"+tt.file, nil))
		if resp.StatusCode != 200 || resp.Headers["Content-Type"] != tt.contentType || !strings.Contains(resp.Body, tt.contains) {
			t.Errorf("GET /static/%s: %d %q; want 200 %q containing %q", tt.file, resp.StatusCode, resp.Headers["Content-Type"], tt.contentType, tt.contains)
		}
	}
}

// BenchmarkFormPage measures GET /new: rendered (the first request for a
// year) and served from the cache (every later one).
func BenchmarkFormPage(b *testing.B) {
	s := newStack(b, nil)
	req := event("GET", "/new?year=2021", nil)
	for _, bb := range []struct {
		name  string
		clear bool
	}{{"render", true}, {"cached", false}} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			var size int
			for b.Loop() {
				if bb.clear {
					formPages.Clear()
				}
				resp, err := s.index(b.Context(), req)
				if err != nil || resp.StatusCode != 200 {
					b.Fatalf("GET /new: %d %v", resp.StatusCode, err)
				}
				size = len(resp.Body)
			}
			b.ReportMetric(float64(size), "bytes/page")
		})
	}
}

// checkImportPanel checks the form's import: the button and its file
// input, the size the page checks before sending (the route's own cap),
// and a link to each template the office function serves, the year's
// format shown.
func checkImportPanel(t *testing.T, s stack, doc *html.Node, active report.Version) {
	t.Helper()
	byID := func(id string) *html.Node {
		found := elements(doc, func(n *html.Node) bool { v, _ := attr(n, "id"); return v == id })
		if len(found) != 1 {
			t.Fatalf("%d elements with id %q, want 1", len(found), id)
		}
		return found[0]
	}
	if c, _ := attr(byID("import-doc-button"), "aria-controls"); c != "import-doc" {
		t.Errorf("the import button controls %q, want import-doc", c)
	}
	if typ, _ := attr(byID("import-doc"), "type"); typ != "file" {
		t.Errorf("#import-doc is an input of type %q", typ)
	}
	if limit, _ := attr(byID("report-form"), "data-max-import"); limit != strconv.Itoa(MaxImportBytes) {
		t.Errorf("the form checks files against %s bytes, the route takes %d", limit, MaxImportBytes)
	}
	spans := elements(doc, func(n *html.Node) bool { _, ok := attr(n, "data-format"); return ok })
	if len(spans) != len(report.Versions) {
		t.Fatalf("%d template link groups, want one per format version", len(spans))
	}
	for _, span := range spans {
		v, _ := attr(span, "data-format")
		if _, hidden := attr(span, "hidden"); hidden != (v != string(active)) {
			t.Errorf("the %s templates are hidden=%v with %s the year's format", v, hidden, active)
		}
		for _, a := range elements(span, func(n *html.Node) bool { return n.Data == "a" }) {
			href, _ := attr(a, "href")
			file, ok := strings.CutPrefix(href, "/templates/")
			if fv, _, valid := parseTemplateName(file); !ok || !valid || string(fv) != v {
				t.Errorf("the %s link %q is not one of its templates", v, href)
				continue
			}
			if resp := call(t, s.office, event("GET", href, nil)); resp.StatusCode != 200 {
				t.Errorf("GET %s: %d", href, resp.StatusCode)
			}
		}
	}
}
