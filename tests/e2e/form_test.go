//go:build integration

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/testkit"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/nianbao/nianbao/shared/report"
)

// readSeed returns testdata/seed-2020.json decoded as generic JSON.
func readSeed(t *testing.T) map[string]any {
	t.Helper()
	data := testkit.Testdata(t, "seed-2020.json")
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("seed: %v", err)
	}
	return doc
}

// flatten maps each leaf of a JSON document to its dotted path.
func flatten(prefix string, v any, out map[string]any) map[string]any {
	if out == nil {
		out = map[string]any{}
	}
	if m, ok := v.(map[string]any); ok {
		for k, child := range m {
			p := k
			if prefix != "" {
				p = prefix + "." + k
			}
			flatten(p, child, out)
		}
		return out
	}
	out[prefix] = v
	return out
}

// diffDocs lists the paths where got and want differ, or "" when they agree.
func diffDocs(got, want map[string]any) string {
	g, w := flatten("", got, nil), flatten("", want, nil)
	var lines []string
	for p, wv := range w {
		if gv, ok := g[p]; !ok || !reflect.DeepEqual(gv, wv) {
			lines = append(lines, fmt.Sprintf("%s: got %#v, want %#v", p, gv, wv))
		}
	}
	for p, gv := range g {
		if _, ok := w[p]; !ok {
			lines = append(lines, fmt.Sprintf("%s: got %#v, want nothing", p, gv))
		}
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// typed is a leaf of the seed as a clerk types it.
func typed(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprint(v)
}

// checkDocument compares the document the form builds with want.
func checkDocument(t *testing.T, b *browser, want map[string]any) {
	t.Helper()
	got := eval[map[string]any](b, "window.nianbaoForm.buildDocument()")
	if d := diffDocs(got, want); d != "" {
		t.Fatalf("the form builds a different document than the seed:\n%s", d)
	}
}

// typeText focuses a text field and enters text as an input method commits
// it (Input.insertText), which is how Chinese reaches a page.
func typeText(b *browser, path, text string) {
	b.t.Helper()
	b.do("type into "+path,
		chromedp.Focus(cellSelector("", path)),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, input.InsertText, input.InsertTextParams{Text: text})
			return err
		}))
}

// typeTable types version v's cells of one table, in layout order, moving
// with Tab only: it proves that the tab order follows the table.
func typeTable(b *browser, v report.Version, table int, values map[string]any) {
	b.t.Helper()
	var cells []report.CellSpec
	for _, c := range report.LayoutOf(v).Cells() {
		if c.Table == table {
			cells = append(cells, c)
		}
	}
	b.do(fmt.Sprintf("focus the first cell of table %d", table), chromedp.Focus(cellSelector(string(v), cells[0].Path)))
	for _, c := range cells {
		if at := eval[string](b, "document.activeElement.dataset.path || document.activeElement.id"); at != c.Path {
			b.t.Fatalf("tab order: focus is on %q, want %q (%s)", at, c.Path, c.Row+" / "+c.Column)
		}
		val, ok := values[c.Path]
		if !ok {
			b.t.Fatalf("the seed has no value for %s", c.Path)
		}
		b.do("type "+c.Path, chromedp.KeyEvent(typed(val)+"\t"))
	}
}

func TestFileSeedByTyping(t *testing.T) {
	b := newBrowser(t, startStack(t), 1280, 900)
	seed := readSeed(t)
	leaves := flatten("", seed, nil)

	b.open("/new?year=2020")
	if v := eval[string](b, `document.getElementById("f-formatVersion").value`); v != string(report.Trial2019) {
		t.Fatalf("/new?year=2020 selects format %q, want %q", v, report.Trial2019)
	}
	b.screenshot("form-empty")

	// Each step runs as a subtest on the same page; b reports to the step.
	step := func(name string, f func(t *testing.T)) bool {
		return t.Run(name, func(st *testing.T) {
			b.t = st
			defer func() { b.t = t }()
			f(st)
		})
	}

	step("type the seed", func(t *testing.T) {
		for _, f := range report.TextFields {
			if v, ok := leaves[f.Path]; ok {
				typeText(b, f.Path, v.(string))
			}
		}
		b.do("type the credit code", chromedp.Focus(cellSelector("", "agency.creditCode")),
			chromedp.KeyEvent(leaves["agency.creditCode"].(string)))
		for _, table := range []int{2, 3, 4} {
			typeTable(b, report.Trial2019, table, leaves)
		}
		checkDocument(t, b, seed)
		b.waitFor("the live check to pass", `document.getElementById("check-summary").dataset.state === "ok"`,
			`document.getElementById("check-summary").textContent + " " + [...document.querySelectorAll("#findings li")].map(li => li.textContent).join(" | ")`)
	})
	if t.Failed() {
		return // every later step needs the typed seed
	}

	step("draft survives a reload", func(t *testing.T) {
		b.do("reload", chromedp.Reload())
		b.waitFor("the draft to come back", `document.getElementById("f-agency.name").value === `+js(leaves["agency.name"].(string)), `document.getElementById("status").textContent`)
		checkDocument(t, b, seed)
	})

	step("live error at the cell", func(t *testing.T) {
		const path = "table4.reconsideration.total"
		cell := cellJS(string(report.Trial2019), path)
		b.do("type a wrong total", chromedp.Focus(cellSelector(string(report.Trial2019), path)),
			chromedp.Evaluate[chromedp.Void](cell+".select()"), chromedp.KeyEvent("3"))
		b.waitFor("an H4 error at "+path,
			cell+`.classList.contains("finding-error") && `+cell+`.getAttribute("aria-invalid") === "true"`, cell+".className")
		if note := eval[string](b, `document.getElementById("n-" + `+cell+`.id).textContent`); !strings.Contains(note, "表四") {
			t.Errorf("the message at the cell is %q; want it to name 表四", note)
		}
		if sum := eval[string](b, `document.getElementById("d-" + `+cell+`.id).textContent`); sum != "合计应为 0" {
			t.Errorf("the computed total shows %q, want %q", sum, "合计应为 0")
		}
		b.do("jump from the summary", chromedp.Click(chromedp.CSS(`#findings button[data-path="`+path+`"]`)))
		if at := eval[string](b, "document.activeElement.dataset.path"); at != path {
			t.Errorf("the summary entry focused %q, want %q", at, path)
		}
		b.screenshot("form-errors")
		b.do("fix the total", chromedp.Evaluate[chromedp.Void](cell+".select()"), chromedp.KeyEvent("0"))
		b.waitFor("the error to go", `!`+cell+`.classList.contains("finding-error") && document.getElementById("check-summary").dataset.state === "ok"`,
			cell+`.className + " " + document.getElementById("check-summary").textContent`)
	})

	step("paste rows", func(t *testing.T) {
		testPaste(t, b)
		checkDocument(t, b, seed)
	})

	step("export", func(t *testing.T) {
		// The download itself is the browser's; the test reads the blob the button hands it.
		text := eval[string](b, `new Promise(resolve => {
			const orig = URL.createObjectURL;
			URL.createObjectURL = (blob) => { URL.createObjectURL = orig; blob.text().then(resolve); return orig(blob); };
			document.getElementById("export").click();
		})`)
		var got map[string]any
		if err := json.Unmarshal([]byte(text), &got); err != nil {
			t.Fatalf("exported %.200q: %v", text, err)
		}
		if d := diffDocs(got, seed); d != "" {
			t.Errorf("the export differs from the seed:\n%s", d)
		}
	})

	var pdfHref string
	step("submit", func(t *testing.T) {
		b.do("submit", chromedp.Click(chromedp.ID("submit")))
		b.waitFor("the result", `!document.getElementById("result").hidden && document.querySelector('#result-body a[href$="/pdf"]')`,
			`document.getElementById("result-body").textContent + document.getElementById("status").textContent`)
		pdfHref = eval[string](b, `document.querySelector('#result-body a[href$="/pdf"]').getAttribute("href")`)
		head := eval[string](b, `fetch(`+js(pdfHref)+`).then(r => r.arrayBuffer()).then(b => String.fromCharCode(...new Uint8Array(b.slice(0, 5))))`)
		if head != "%PDF-" {
			t.Errorf("GET %s starts with %q, want %%PDF-", pdfHref, head)
		}
	})
	if pdfHref == "" {
		return
	}
	id := strings.TrimSuffix(strings.TrimPrefix(pdfHref, "/reports/"), "/pdf")

	step("index finds it", func(t *testing.T) {
		name := leaves["agency.name"].(string)
		b.open("/")
		if !eval[bool](b, `!!document.querySelector('main a[href="/new"]')`) {
			t.Error("the index page has no link to the filing form /new")
		}
		b.do("type a search", chromedp.Focus(chromedp.ID("q")), chromedp.KeyEvent("教育体育"))
		b.follow("search", pressEnter())
		b.waitFor("the search result", `location.search.includes("q=") && document.querySelector('table.list a[href="/reports/`+id+`"]')`, "location.href")
		if got := eval[string](b, `document.querySelector('table.list a[href="/reports/`+id+`"]').textContent`); got != name {
			t.Errorf("the index links the report as %q, want %q", got, name)
		}
		b.screenshot("index")
		b.open("/?q=" + "%E4%B8%8D%E5%AD%98%E5%9C%A8") // 不存在
		if n := eval[int](b, `document.querySelectorAll("table.list tbody tr").length`); n != 0 {
			t.Errorf("a search for an unknown name lists %d reports", n)
		}
		b.open("/")
		b.follow("open the report", chromedp.Click(chromedp.CSS(`table.list a[href="/reports/`+id+`"]`)))
		b.waitFor("the report page", `location.pathname === "/reports/`+id+`" && document.querySelector("h1")`, "location.href")
		if h1 := eval[string](b, `document.querySelector("h1").textContent`); h1 != leaves["title"].(string) {
			t.Errorf("the report page's heading is %q, want %q", h1, leaves["title"])
		}
	})
	b.checkQuiet("filing the seed")
}

// testPaste pastes rows as Excel and WPS put them on the clipboard, checks
// what landed where, and leaves the seed's zeros in place again.
func testPaste(t *testing.T, b *browser) {
	const v = string(report.Trial2019)
	cols := []string{"naturalPerson", "commercialEnterprise", "researchInstitution", "publicInterestOrg", "legalServiceOrg", "otherOrg", "total"}
	tests := []struct {
		name, at, text string
		want           map[string][]string // row path → the seven cells after the paste
		valid          bool
	}{
		{"two rows from Excel", "table3.newReceived.naturalPerson", "2\t0\t0\t1\t0\t0\t3\r\n0\t0\t0\t0\t0\t0\t0\r\n",
			map[string][]string{"table3.newReceived": {"2", "0", "0", "1", "0", "0", "3"}, "table3.carriedOverFromLastYear": {"0", "0", "0", "0", "0", "0", "0"}}, false},
		{"one row from the middle", "table3.results.granted.naturalPerson", "2\t0\t0\t1\t0\t0\t3",
			map[string][]string{"table3.results.granted": {"2", "0", "0", "1", "0", "0", "3"}}, false},
		{"full-width digits from WPS", "table3.results.resultsTotal.naturalPerson", "２\t０\t０\t１\t０\t０\t３\n",
			map[string][]string{"table3.results.resultsTotal": {"2", "0", "0", "1", "0", "0", "3"}}, true},
		{"from the second cell on", "table3.newReceived.commercialEnterprise", "0\t0\t0\t0\t0\t0",
			map[string][]string{"table3.newReceived": {"2", "0", "0", "0", "0", "0", "0"}}, false},
		{"restore", "table3.newReceived.naturalPerson", "0", map[string][]string{"table3.newReceived": {"0", "0", "0", "0", "0", "0", "0"}}, false},
		{"restore granted", "table3.results.granted.naturalPerson", "0\t0\t0\t0\t0\t0\t0", map[string][]string{"table3.results.granted": {"0", "0", "0", "0", "0", "0", "0"}}, false},
		{"restore total", "table3.results.resultsTotal.naturalPerson", "0\t0\t0\t0\t0\t0\t0", map[string][]string{"table3.results.resultsTotal": {"0", "0", "0", "0", "0", "0", "0"}}, true},
	}
	for _, tt := range tests {
		cell := cellJS(v, tt.at)
		if !strings.ContainsAny(tt.text, "\t\n") {
			// One value is the browser's own paste; typing it is the same.
			b.do(tt.name, chromedp.Focus(cellSelector(v, tt.at)), chromedp.Evaluate[chromedp.Void](cell+".select()"), chromedp.KeyEvent(tt.text))
		} else {
			b.do(tt.name, chromedp.Evaluate[chromedp.Void](`(() => {
				const el = `+cell+`;
				el.focus();
				const dt = new DataTransfer();
				dt.setData("text/plain", `+js(tt.text)+`);
				el.dispatchEvent(new ClipboardEvent("paste", {clipboardData: dt, bubbles: true, cancelable: true}));
			})()`))
		}
		for row, want := range tt.want {
			var got []string
			for _, c := range cols {
				got = append(got, eval[string](b, cellJS(v, row+"."+c)+".value"))
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: pasting %q at %s left %s = %q, want %q", tt.name, tt.text, tt.at, row, got, want)
			}
		}
		if tt.valid {
			b.waitFor(tt.name+": the check to pass", `document.getElementById("check-summary").dataset.state === "ok"`,
				`[...document.querySelectorAll("#findings li")].map(li => li.textContent).join(" | ")`)
		}
	}
}
