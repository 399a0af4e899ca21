//go:build integration

package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestHostileTextInert files a report whose name and prose carry markup and
// javascript: links, through the form's import, and checks that the form,
// the index and the report page show the text literally and run none of it.
func TestHostileTextInert(t *testing.T) {
	const (
		name     = `西工区<img src=x onerror=alert(1)>"'javascript:alert(2)`
		region   = `<script>alert(3)</script>`
		overview = "\n<a href=\"javascript:alert(4)\">点此</a><svg onload=alert(5)>"
	)
	doc := readSeed(t)
	agency := doc["agency"].(map[string]any)
	agency["name"], agency["region"] = name, region
	delete(doc, "title") // the default title repeats the name, in <title> and <h1>
	sections := doc["sections"].(map[string]any)
	sections["overview"] = sections["overview"].(string) + overview
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "hostile.json")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}

	b := newBrowser(t, startStack(t), 1280, 900)
	b.open("/new")
	b.do("import", chromedp.SetUploadFiles(chromedp.ID("import"), []string{file}))
	b.waitFor("the import", cellJS("", "agency.name")+".value === "+js(name), `document.getElementById("status").textContent`)
	b.do("submit", chromedp.Click(chromedp.ID("submit")))
	b.waitFor("the result", `document.querySelector('#result-body a[href$="/pdf"]')`, `document.getElementById("result-body").textContent`)
	self := eval[string](b, `document.querySelector('#result-body a:not([href$="/pdf"]):not([href$="/json"])').getAttribute("href")`)
	if !strings.HasPrefix(self, "/reports/") {
		t.Fatalf("the result links the report as %q", self)
	}

	pages := []struct {
		path, selector, want string
	}{
		{"/", "table.list td a", name},
		{"/", "table.list .muted", region},
		{self, "h1", name + "2020年政府信息公开工作年度报告"},
		{self, "p.byline", name + " · " + region + " · 2020 年度 · 2019年试行格式"},
		{self, "section.part p:last-of-type", strings.TrimPrefix(overview, "\n")},
	}
	for _, p := range pages {
		b.open(p.path)
		got := eval[string](b, "document.querySelector("+js(p.selector)+")?.textContent ?? ''")
		if got != p.want {
			t.Errorf("%s %s shows %q, want the text literally: %q", p.path, p.selector, got, p.want)
		}
		if n := eval[int](b, `document.querySelectorAll("main img, main script, main svg, main a[href^='javascript:']").length`); n != 0 {
			t.Errorf("%s: %d elements came out of the report's text", p.path, n)
		}
	}
	// An onerror or onload handler would have run by now; give a timer a moment too.
	time.Sleep(200 * time.Millisecond)
	b.checkQuiet("hostile text")
}
