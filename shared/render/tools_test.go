package render

import (
	"bytes"
	"flag"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/nianbao/nianbao/shared/testkit"
)

// Tests here check the PDF with poppler-utils and qpdf. Without the tools
// they skip, unless CI is set: in CI a missing tool is a failure
// (testkit.Tool).

var images = flag.Bool("images", false, "write page PNGs of the seed report to docs/images")

func command(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func writePDF(t *testing.T, doc *Document) (string, *Trace) {
	t.Helper()
	r := newRenderer(t)
	tr, err := r.Layout(doc)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, render(t, r, doc), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, tr
}

func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

type word struct {
	page           int
	lineY, x, y, w float64 // points, from the top-left corner
	text           string
}

var (
	pageRe = regexp.MustCompile(`<page `)
	lineRe = regexp.MustCompile(`<line xMin="[0-9.]+" yMin="([0-9.]+)"`)
	wordRe = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)
	tokRe  = regexp.MustCompile(`<page |<line [^>]*>|<word [^>]*>[^<]*</word>`)
)

// extractWords runs pdftotext -bbox-layout and returns every word with its
// page, position and the top of its line.
func extractWords(t *testing.T, path string) []word {
	t.Helper()
	out := filepath.Join(t.TempDir(), "bbox.html")
	command(t, "pdftotext", "-enc", "UTF-8", "-bbox-layout", path, out)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var words []word
	page, lineY := 0, 0.0
	f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
	for _, tok := range tokRe.FindAllString(string(b), -1) {
		switch {
		case pageRe.MatchString(tok):
			page++
		case lineRe.MatchString(tok):
			lineY = f(lineRe.FindStringSubmatch(tok)[1])
		default:
			m := wordRe.FindStringSubmatch(tok)
			if m == nil {
				continue
			}
			x0, y0, x1, y1 := f(m[1]), f(m[2]), f(m[3]), f(m[4])
			words = append(words, word{page, lineY, x0, (y0 + y1) / 2, x1 - x0, html.UnescapeString(m[5])})
		}
	}
	return words
}

// checkRoundTrip extracts the text of the PDF and finds in it every title,
// heading, caption and paragraph of doc, whitespace aside, and exactly the
// document's cell texts inside the table boxes.
func checkRoundTrip(t *testing.T, doc *Document) {
	path, tr := writePDF(t, doc)
	words := extractWords(t, path)
	k := ptPerMM
	cellText := map[[2]int][]word{} // (page, box) -> words
	var prose []word
	for _, w := range words {
		cx := w.x + w.w/2
		box := -1
		for i, b := range tr.Pages[w.page-1].Boxes {
			if cx > b.X*k && cx < (b.X+b.W)*k && w.y > b.Y*k && w.y < (b.Y+b.H)*k {
				box = i
				break
			}
		}
		switch {
		case box >= 0:
			cellText[[2]int{w.page, box}] = append(cellText[[2]int{w.page, box}], w)
		case w.y < bottom*k: // below the text block is the folio
			prose = append(prose, w)
		}
	}
	order := func(a, b word) int {
		if a.page != b.page {
			return a.page - b.page
		}
		if a.lineY != b.lineY {
			if a.lineY < b.lineY {
				return -1
			}
			return 1
		}
		if a.x < b.x {
			return -1
		}
		return 1
	}
	join := func(ws []word) string {
		slices.SortStableFunc(ws, order)
		var b strings.Builder
		for _, w := range ws {
			b.WriteString(w.text)
		}
		return squeeze(b.String())
	}

	body := join(prose)
	want := []string{doc.Title}
	cells := map[string]bool{}
	for _, b := range doc.Blocks {
		switch b := b.(type) {
		case Heading:
			want = append(want, b.Text)
		case Subheading:
			want = append(want, b.Text)
		case Paragraph:
			want = append(want, strings.Split(b.Text, "\n")...)
		case Table:
			for _, row := range append(slices.Clone(b.Header), b.Body...) {
				for _, c := range row {
					cells[squeeze(c.Text)] = true
				}
			}
		}
	}
	for _, s := range want {
		if !strings.Contains(body, squeeze(s)) {
			t.Errorf("text not found in pdftotext output: %q", s)
		}
	}
	found := map[string]bool{}
	for key, ws := range cellText {
		got := join(ws)
		found[got] = true
		if !cells[got] {
			t.Errorf("page %d box %d: extracted %q, which is no cell of the document", key[0], key[1], got)
		}
	}
	for c := range cells {
		if c != "" && !found[c] {
			t.Errorf("cell %q not found in any table box", c)
		}
	}
}

func TestPDFToTextRoundTrip(t *testing.T) {
	testkit.Tool(t, "pdftotext")
	t.Run("seed", func(t *testing.T) { checkRoundTrip(t, seedDocument(t)) })
	t.Run("long", func(t *testing.T) { checkRoundTrip(t, longDocument(t)) })
}

func TestPDFFonts(t *testing.T) {
	testkit.Tool(t, "pdffonts")
	path, _ := writePDF(t, seedDocument(t))
	out := command(t, "pdffonts", path)
	rows := strings.Split(strings.TrimSpace(out), "\n")[2:]
	if len(rows) != 2 {
		t.Fatalf("pdffonts lists %d fonts, want 2:\n%s", len(rows), out)
	}
	tagged := regexp.MustCompile(`^[A-Z]{6}\+Noto(Serif|Sans)SC-\S+ +CID TrueType +Identity-H +yes yes yes `)
	for _, row := range rows {
		if !tagged.MatchString(row) {
			t.Errorf("font not embedded as a tagged subset with Unicode map: %q", row)
		}
	}
}

func TestQPDFCheck(t *testing.T) {
	testkit.Tool(t, "qpdf")
	for name, doc := range map[string]*Document{"seed": seedDocument(t), "long": longDocument(t)} {
		path, _ := writePDF(t, doc)
		if out := command(t, "qpdf", "--check", path); strings.Contains(out, "WARNING") || !strings.Contains(out, "No syntax or stream encoding errors") {
			t.Errorf("%s: qpdf --check:\n%s", name, out)
		}
	}
}

func TestPDFInfoAndPDFA(t *testing.T) {
	testkit.Tool(t, "pdfinfo")
	testkit.Tool(t, "qpdf")
	doc := seedDocument(t)
	path, tr := writePDF(t, doc)
	info := command(t, "pdfinfo", path)
	for _, want := range []string{
		"Title:           " + doc.Title,
		"Author:          " + doc.Author,
		"Keywords:        政府信息公开; 年度报告; 2020",
		"Pages:           " + strconv.Itoa(len(tr.Pages)),
		"PDF version:     1.7",
		"Metadata Stream: yes",
	} {
		if !strings.Contains(info, want+"\n") {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	// The trailer's /Info is the Info dictionary, and there is an /ID.
	trailer := command(t, "qpdf", "--show-object=trailer", path)
	m := regexp.MustCompile(`/Info (\d+) 0 R`).FindStringSubmatch(trailer)
	if m == nil || !strings.Contains(trailer, "/ID [ <") {
		t.Fatalf("trailer lacks /Info or /ID: %s", trailer)
	}
	if obj := command(t, "qpdf", "--show-object="+m[1], path); !strings.Contains(obj, "/Title") || !strings.Contains(obj, "/CreationDate (D:20210129100000+08'00')") {
		t.Errorf("trailer /Info %s is not the Info dictionary: %s", m[1], obj)
	}
	// The XMP packet is never compressed (PDF/A); the catalog is read
	// from the object stream by qpdf.
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>A</pdfaid:conformance>", "<pdfuaid:part>1</pdfuaid:part>",
		"<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>",
		"<xmp:CreateDate>2021-01-29T10:00:00+08:00</xmp:CreateDate>",
		"<rdf:li xml:lang=\"x-default\">" + doc.Title + "</rdf:li>",
	} {
		if !bytes.Contains(raw, []byte(want)) {
			t.Errorf("PDF lacks %q", want)
		}
	}
	root := regexp.MustCompile(`/Root (\d+) 0 R`).FindStringSubmatch(trailer)
	if root == nil {
		t.Fatalf("trailer lacks /Root: %s", trailer)
	}
	catalog := command(t, "qpdf", "--show-object="+root[1], path)
	for _, want := range []string{
		"/OutputIntents [", "/S /GTS_PDFA1", "/Lang (zh-CN)", "/Metadata ", "/MarkInfo << /Marked true >>",
		"/StructTreeRoot ", "/ViewerPreferences << /DisplayDocTitle true >>", "/Outlines ",
	} {
		if !strings.Contains(catalog, want) {
			t.Errorf("catalog lacks %q: %s", want, catalog)
		}
	}
	if strings.Contains(catalog, "/Names") || strings.Contains(catalog, "/AF") {
		t.Errorf("catalog has embedded files (PDF/A-2 allows only PDF/A attachments): %s", catalog)
	}
}

// TestPageImages writes PNGs of page 1 and of the 表三 page to docs/images
// when run with -images, for a person to look at.
func TestPageImages(t *testing.T) {
	if !*images {
		t.Skip("run with -images to write docs/images")
	}
	testkit.Tool(t, "pdftoppm")
	path, tr := writePDF(t, seedDocument(t))
	dir := filepath.Join("..", "..", "docs", "images")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	table := pagesWith(tr, "申请人情况")[0]
	for name, page := range map[string]int{"render-page1": 1, "render-table3": table} {
		p := strconv.Itoa(page)
		command(t, "pdftoppm", "-r", "60", "-png", "-singlefile", "-f", p, "-l", p, path, filepath.Join(dir, name))
	}
}
