//go:build integration

package e2e

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/nianbao/nianbao/shared/report"
)

const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// TestCreditCodePort checks form.js's creditCodeCheck against the Go
// original on many prefixes, and the hint the field shows as a code is typed.
func TestCreditCodePort(t *testing.T) {
	b := newBrowser(t, startStack(t), 1280, 900)
	b.open("/new")

	rng := rand.New(rand.NewPCG(2015, 32100))
	prefixes := []string{"", "1141030", "11410303MB0000001", "11410303mb0000001", "11410303MB000000I", "11410303MB00000011"}
	for range 300 {
		p := make([]byte, 17)
		for i := range p {
			p[i] = alphabet[rng.IntN(len(alphabet))]
		}
		prefixes = append(prefixes, string(p))
	}
	var want []string
	for _, p := range prefixes {
		c, ok := report.CreditCodeCheck(p)
		if !ok {
			want = append(want, "")
			continue
		}
		want = append(want, string(c))
	}
	quoted := make([]string, len(prefixes))
	for i, p := range prefixes {
		quoted[i] = js(p)
	}
	got := eval[[]string](b, "["+strings.Join(quoted, ",")+`].map(p => window.nianbaoForm.creditCodeCheck(p) ?? "")`)
	for i := range prefixes {
		if got[i] != want[i] {
			t.Errorf("creditCodeCheck(%q) = %q in form.js, %q in Go", prefixes[i], got[i], want[i])
		}
	}

	field := cellJS("", "agency.creditCode")
	tests := []struct{ typed, value, state string }{
		{"11410303MB0000001X", "11410303MB0000001X", "ok"},
		{"11410303mb0000001x", "11410303MB0000001X", "ok"}, // upper-cased as typed
		{"11410303MB0000001Y", "11410303MB0000001Y", "bad"},
		{"11410303MB000000I", "11410303MB000000I", "bad"}, // I is not in the alphabet
		{"11410303MB0000001", "11410303MB0000001", "pending"},
		{"", "", "empty"},
	}
	for _, tt := range tests {
		b.do("type "+tt.typed, chromedp.Focus(cellSelector("", "agency.creditCode")),
			chromedp.Evaluate[chromedp.Void](field+`.value = ""`), chromedp.KeyEvent(tt.typed))
		if tt.typed == "" { // nothing typed: no input event; the form's first check stands
			b.do("clear", chromedp.Evaluate[chromedp.Void](field+`.dispatchEvent(new Event("input", {bubbles: true}))`))
		}
		value := eval[string](b, field+".value")
		state := eval[string](b, `document.getElementById("h-creditCode").dataset.state`)
		if value != tt.value || state != tt.state {
			t.Errorf("typing %q: field %q, hint state %q; want %q, %q (hint: %s)", tt.typed, value, state, tt.value, tt.state,
				eval[string](b, `document.getElementById("h-creditCode").textContent`))
		}
	}
	b.checkQuiet("credit code")
}

// TestVersionFollowsYear checks that the year picks the format and that the
// cells both formats share keep their values across the switch.
func TestVersionFollowsYear(t *testing.T) {
	b := newBrowser(t, startStack(t), 1280, 900)
	b.open("/new?year=2020")
	const shared = "table4.reconsideration.upheld"
	b.do("type a shared cell", chromedp.Focus(cellSelector(string(report.Trial2019), shared)), chromedp.KeyEvent("4"))
	b.do("change the year", chromedp.Focus(cellSelector("", "reportYear")),
		chromedp.Evaluate[chromedp.Void](cellJS("", "reportYear")+".select()"), chromedp.KeyEvent("2021"))
	tests := []struct{ what, expr, want string }{
		{"format", `document.getElementById("f-formatVersion").value`, string(report.Format2021)},
		{"2021 blocks shown", `String([...document.querySelectorAll('.version-block[data-version="2021"]')].every(b => !b.hidden))`, "true"},
		{"2019 blocks hidden", `String([...document.querySelectorAll('.version-block[data-version="2019-trial"]')].every(b => b.hidden))`, "true"},
		{"carried cell", cellJS(string(report.Format2021), shared) + ".value", "4"},
		{"document format", `window.nianbaoForm.buildDocument().formatVersion`, "2021"},
		{"document cell", `String(window.nianbaoForm.buildDocument().table4.reconsideration.upheld)`, "4"},
	}
	for _, tt := range tests {
		if got := eval[string](b, tt.expr); got != tt.want {
			t.Errorf("after typing 2021 as the year: %s = %q, want %q", tt.what, got, tt.want)
		}
	}
	b.checkQuiet("version switch")
}

// TestKeyboardAndLabels checks that Enter moves on instead of submitting,
// that the focused field shows a focus ring, and that every field has a
// name for screen readers.
func TestKeyboardAndLabels(t *testing.T) {
	b := newBrowser(t, startStack(t), 1280, 900)
	b.open("/new?year=2021")
	b.do("press Enter in the agency name", chromedp.Focus(cellSelector("", "agency.name")), chromedp.KeyEvent("某某局"), pressEnter())
	if at := eval[string](b, "document.activeElement.id"); at != "f-agency.creditCode" {
		t.Errorf("Enter in 行政机关名称 moved focus to %q, want the credit code", at)
	}
	b.do("press Enter in a cell", chromedp.Focus(cellSelector("2021", "table3.newReceived.total")), chromedp.KeyEvent("1"), pressEnter())
	if at := eval[string](b, "document.activeElement.dataset.path"); at != "table3.carriedOverFromLastYear.naturalPerson" {
		t.Errorf("Enter in a 总计 cell moved focus to %q, want the next row's first cell", at)
	}
	if !eval[bool](b, `document.getElementById("result").hidden && !document.getElementById("status").textContent.includes("提交")`) {
		t.Errorf("Enter submitted the form: %s", eval[string](b, `document.getElementById("status").textContent + " / " + document.getElementById("result").hidden + " / " + document.hasFocus()`))
	}
	if w := eval[string](b, "getComputedStyle(document.activeElement).outlineStyle + ' ' + getComputedStyle(document.activeElement).outlineWidth"); !strings.HasPrefix(w, "solid") || w == "solid 0px" {
		t.Errorf("the focused cell's outline is %q; keyboard users need a visible focus", w)
	}
	unnamed := eval[[]string](b, `[...document.querySelectorAll("input, select, textarea, button")]
		.filter(el => el.type !== "file" && !(el.getAttribute("aria-label") || el.getAttribute("aria-labelledby") || (el.labels && el.labels.length) || el.textContent.trim()))
		.map(el => el.id || el.outerHTML.slice(0, 80))`)
	if len(unnamed) > 0 {
		t.Errorf("fields without an accessible name: %q", unnamed)
	}
	b.checkQuiet("keyboard")
}

// TestLayoutWidths checks that the page never scrolls sideways: at phone
// width the tables scroll inside their boxes instead.
func TestLayoutWidths(t *testing.T) {
	tests := []struct {
		width, height int
		tablesScroll  bool
	}{
		{1280, 900, false},
		{390, 844, true},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.width), func(t *testing.T) {
			b := newBrowser(t, startStack(t), tt.width, tt.height)
			b.open("/new?year=2021")
			page := eval[[]int](b, "[document.documentElement.scrollWidth, window.innerWidth]")
			if page[0] > page[1] {
				t.Errorf("at %d px the page is %d px wide: it scrolls sideways", tt.width, page[0])
			}
			scrolling := eval[[]bool](b, `[...document.querySelectorAll(".version-block:not([hidden]) .table-wrap")].map(w => w.scrollWidth > w.clientWidth)`)
			if len(scrolling) != 3 {
				t.Fatalf("%d visible tables, want 3", len(scrolling))
			}
			if tt.tablesScroll && slices.Contains(scrolling, false) || !tt.tablesScroll && slices.Contains(scrolling, true) {
				t.Errorf("at %d px the tables scroll inside their boxes: %v, want all %v", tt.width, scrolling, tt.tablesScroll)
			}
			b.checkQuiet("layout")
		})
	}
}

// TestCellValues checks how typed cells reach the JSON document: counts as
// numbers, amounts as exact decimal strings, "/" as itself, a blank as nothing.
func TestCellValues(t *testing.T) {
	b := newBrowser(t, startStack(t), 1280, 900)
	b.open("/new?year=2020")
	const (
		count  = "table4.reconsideration.upheld"
		signed = "table2.art20_5.licensing.itemCountChange"
		amount = "table2.art20_9.centralizedProcurement.procurementTotalAmount"
	)
	tests := []struct {
		path, typed, want string // want: the JSON of the cell in the document, "" for absent
	}{
		{count, "12", "12"},
		{count, "１２", "12"}, // full-width digits from an input method
		{count, "1,234", "1234"},
		{count, "/", `"/"`},
		{count, "", ""},
		{count, "1.5", `"1.5"`}, // not a count: sent as typed, so the server names the cell
		{signed, "-8", "-8"},
		{amount, "24252.311082", `"24252.311082"`},
		{amount, "768", `"768"`},
	}
	for _, tt := range tests {
		cell := cellJS(string(report.Trial2019), tt.path)
		b.do("type "+tt.typed, chromedp.Focus(cellSelector(string(report.Trial2019), tt.path)),
			chromedp.Evaluate[chromedp.Void](cell+".select()"), chromedp.KeyEvent(tt.typed))
		if tt.typed == "" {
			b.do("clear", chromedp.Evaluate[chromedp.Void](cell+`.value = ""`))
		}
		got := eval[string](b, `(() => {
			let v = window.nianbaoForm.buildDocument();
			for (const k of `+js(tt.path)+`.split(".")) v = v === undefined ? undefined : v[k];
			return v === undefined ? "" : JSON.stringify(v);
		})()`)
		if got != tt.want {
			t.Errorf("typing %q into %s puts %s in the document, want %s", tt.typed, tt.path, got, tt.want)
		}
	}
	b.checkQuiet("cell values")
}
