//go:build integration

package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/nianbao/nianbao/shared/template/templatetest"
)

// fileReport submits doc to the stack at base and returns its id.
func fileReport(t *testing.T, base string, doc []byte) string {
	t.Helper()
	resp, err := http.Post(base+"/reports", "application/json", bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	var r struct{ ID string }
	if resp.StatusCode != 201 && resp.StatusCode != 200 || json.Unmarshal(body, &r) != nil {
		t.Fatalf("POST /reports: %d %s", resp.StatusCode, body)
	}
	return r.ID
}

func seedBytes(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seed-2020.json"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// correctedSeed is the seed with one figure corrected in a table and in the prose.
func correctedSeed(t *testing.T) []byte {
	t.Helper()
	doc := readSeed(t)
	sections := doc["sections"].(map[string]any)
	sections["overview"] = strings.Replace(sections["overview"].(string), "共有行政许可268项", "共有行政许可270项", 1)
	doc["table2"].(map[string]any)["art20_5"].(map[string]any)["licensing"].(map[string]any)["decisions"] = 270
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestAccessibility runs axe-core on the index, the form, the form showing
// its findings, and a report page with two versions: no violations.
func TestAccessibility(t *testing.T) {
	script := axeScript(t)
	base := startStack(t)
	fileReport(t, base, seedBytes(t))
	id := fileReport(t, base, correctedSeed(t))
	b := newBrowser(t, base, 1280, 900)
	for _, path := range []string{"/", "/new", "/new?year=2020", "/reports/" + id} {
		b.open(path)
		checkAxe(t, b, script, path)
	}
	// The form with its findings on show: required, errors and warnings at their cells.
	b.open("/new?year=2020")
	b.do("type a wrong total", chromedp.Focus(cellSelector("2019-trial", "table4.reconsideration.total")), chromedp.KeyEvent("3"))
	b.waitFor("findings", `document.getElementById("check-summary").dataset.state === "error" && document.querySelector(".finding-required")`,
		`document.getElementById("check-summary").textContent`)
	checkAxe(t, b, script, "/new with findings")
	// The form after an import: the guessed cells marked, the legend, the import's findings at their cells.
	// A fresh form, so that the import replaces no draft (which it would ask about).
	eval[bool](b, "localStorage.clear(), true")
	b.open("/new")
	importDocument(b, writeFile(t, "seed.pdf", ownPDF(t, templatetest.Load(t, "seed-2020.json"))))
	b.waitFor("marked cells", `document.querySelector("td.import-flag") && !document.getElementById("import-legend").hidden`, statusJS)
	checkAxe(t, b, script, "/new after importing a PDF")
	b.checkQuiet("accessibility")
}

// TestLiveRegionsQuiet: moving through the cells announces nothing, and a
// check after every pause is announced only when its outcome changes.
func TestLiveRegionsQuiet(t *testing.T) {
	b := newBrowser(t, startStack(t), 1280, 900)
	b.open("/new?year=2021")
	// Record every text a live region takes.
	eval[bool](b, `(() => {
		window.announced = [];
		const regions = [...document.querySelectorAll('[aria-live], [role="status"], [role="alert"], [role="log"]')]
			.filter(el => el.getAttribute('aria-live') !== 'off' && !el.closest('[aria-hidden="true"]'));
		window.liveRegions = regions.map(el => el.id);
		const last = new Map(regions.map(el => [el, el.textContent]));
		new MutationObserver(() => {
			for (const el of regions) {
				if (el.textContent !== last.get(el)) {
					last.set(el, el.textContent);
					window.announced.push(el.id + ": " + el.textContent);
				}
			}
		}).observe(document.body, {subtree: true, childList: true, characterData: true});
		return true;
	})()`)
	if ids := eval[[]string](b, "window.liveRegions"); strings.Contains(strings.Join(ids, " "), "cell-detail") {
		t.Errorf("#cell-detail is a live region (%q): every focus would be read out", ids)
	}
	b.do("focus the first cell", chromedp.Focus(cellSelector("2021", "table3.newReceived.naturalPerson")))
	for range 12 {
		b.do("tab", chromedp.KeyEvent("\t"))
	}
	if got := eval[[]string](b, "window.announced"); len(got) > 0 {
		t.Errorf("moving through 12 cells announced %q", got)
	}
	if detail := eval[string](b, `document.getElementById("cell-detail").textContent`); !strings.Contains(detail, "表三") {
		t.Errorf("the bar shows %q for the focused cell; sighted users still need it", detail)
	}
	// Two pauses in typing, each followed by a check with the same outcome.
	settled := `document.getElementById("check-summary").dataset.state !== "checking" && document.getElementById("check-summary").dataset.state`
	for i, text := range []string{"某", "局"} {
		b.do("type into the title", chromedp.Focus(cellSelector("", "title")), chromedp.KeyEvent(text))
		b.waitFor(fmt.Sprintf("check %d", i+1), `(window.checks = (window.checks || 0)) >= 0 && `+settled, `document.getElementById("check-summary").dataset.state`)
		b.do("pause", chromedp.Sleep(600*1e6))
		b.waitFor(fmt.Sprintf("check %d to settle", i+1), settled, `document.getElementById("check-summary").dataset.state`)
	}
	got := eval[[]string](b, "window.announced")
	var summaries []string
	for _, a := range got {
		if strings.HasPrefix(a, "check-summary:") {
			summaries = append(summaries, a)
		}
		if strings.Contains(a, "正在校验") {
			t.Errorf("a live region announced %q", a)
		}
	}
	if len(summaries) != 1 {
		t.Errorf("two checks with the same outcome announced %d summaries, want 1: %q", len(summaries), got)
	}
	b.checkQuiet("live regions")
}

// TestSkipLinks: every page starts with a link past the site's header, and
// the form with one past its some 400 inputs to the check and the buttons.
func TestSkipLinks(t *testing.T) {
	b := newBrowser(t, startStack(t), 1280, 900)
	b.open("/new?year=2021")
	b.do("first tab", chromedp.KeyEvent("\t"))
	if got := eval[string](b, "document.activeElement.textContent"); got != "跳到正文" {
		t.Errorf("the first Tab reaches %q, want the skip link 跳到正文", got)
	}
	if !eval[bool](b, `getComputedStyle(document.activeElement).top !== "" && document.activeElement.getBoundingClientRect().top >= 0`) {
		t.Error("the focused skip link is not on screen")
	}
	b.do("focus the form's skip link", chromedp.Focus(chromedp.CSS("a.skip-inline")), pressEnter())
	b.waitFor("focus on the check", `document.activeElement && document.activeElement.id === "check"`, "document.activeElement.id + location.hash")
	b.do("tab on", chromedp.KeyEvent("\t"))
	if at := eval[string](b, "document.activeElement.id"); at != "submit" && !strings.HasPrefix(at, "n-") {
		// The next stop after the check is the findings list, if any, then the bar's buttons.
		if !eval[bool](b, `!!document.activeElement.closest("#check, .form-bar")`) {
			t.Errorf("after the skip, Tab reaches %q, not the check or the buttons", at)
		}
	}
	b.checkQuiet("skip links")
}

var rgb = regexp.MustCompile(`rgba?\((\d+), (\d+), (\d+)`)

// luminance is WCAG 2's relative luminance of a CSS rgb() colour.
func luminance(t *testing.T, css string) float64 {
	t.Helper()
	m := rgb.FindStringSubmatch(css)
	if m == nil {
		t.Fatalf("colour %q is not rgb()", css)
	}
	var l [3]float64
	for i := range l {
		v, _ := strconv.Atoi(m[i+1])
		c := float64(v) / 255
		if c <= 0.03928 {
			l[i] = c / 12.92
		} else {
			l[i] = math.Pow((c+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
}

func contrast(a, b float64) float64 { return (max(a, b) + 0.05) / (min(a, b) + 0.05) }

// TestRequiredBorderContrast: the border that marks a blank required cell
// reaches 3:1 against the cell's own background and against the page
// (WCAG 2.1 SC 1.4.11, non-text contrast).
func TestRequiredBorderContrast(t *testing.T) {
	b := newBrowser(t, startStack(t), 1280, 900)
	b.open("/new?year=2021")
	b.do("type a title", chromedp.Focus(cellSelector("", "title")), chromedp.KeyEvent("某局"))
	b.waitFor("blank cells marked", `!!document.querySelector("input.cell.finding-required")`, `document.getElementById("check-summary").textContent`)
	c := eval[[]string](b, `(() => { const s = getComputedStyle(document.querySelector("input.cell.finding-required"));
		return [s.borderTopColor, s.backgroundColor, getComputedStyle(document.body).backgroundColor]; })()`)
	border := luminance(t, c[0])
	for i, against := range []string{"the cell", "the page"} {
		if r := contrast(border, luminance(t, c[i+1])); r < 3 {
			t.Errorf("the required border %s has %.2f:1 against %s (%s); want ≥ 3:1", c[0], r, against, c[i+1])
		}
	}
	b.checkQuiet("required border")
}

// TestReportPageWidths: the report page never scrolls sideways; on a phone
// 表三 and 表四 scroll inside their boxes. The screenshots are the README's.
func TestReportPageWidths(t *testing.T) {
	base := startStack(t)
	fileReport(t, base, seedBytes(t))
	id := fileReport(t, base, correctedSeed(t))
	tests := []struct {
		width, height int
		scrolls       map[string]bool // table class → scrolls inside its box
		shot          string
	}{
		{1280, 900, map[string]bool{"t2": false, "t3": false, "t4": false}, "report-page"},
		{390, 844, map[string]bool{"t2": true, "t3": true, "t4": true}, "report-phone"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.width), func(t *testing.T) {
			b := newBrowser(t, base, tt.width, tt.height)
			b.open("/reports/" + id)
			page := eval[[]int](b, "[document.documentElement.scrollWidth, window.innerWidth]")
			if page[0] > page[1] {
				t.Errorf("at %d px the report page is %d px wide: it scrolls sideways", tt.width, page[0])
			}
			for class, want := range tt.scrolls {
				got := eval[bool](b, `(() => { const w = document.querySelector("table.`+class+`").closest(".table-wrap"); return w.scrollWidth > w.clientWidth; })()`)
				if got != want {
					t.Errorf("at %d px table.%s scrolls inside its box: %v, want %v", tt.width, class, got, want)
				}
			}
			if tt.width < 600 {
				// Keyboard users scroll the box: it takes focus and has a name.
				if !eval[bool](b, `(() => { const w = document.querySelector("table.t3").closest(".table-wrap"); w.focus(); w.scrollLeft = 400;
					return document.activeElement === w && w.scrollLeft > 0 && w.getAttribute("aria-labelledby") === "cap-t3"; })()`) {
					t.Error("表三's box does not take focus and scroll")
				}
				b.do("show 表三", chromedp.Evaluate[chromedp.Void](`document.querySelector("table.t3").closest(".table-wrap").scrollLeft = 0;
					document.querySelector("table.t3").scrollIntoView({block: "start"})`))
			}
			b.screenshot(tt.shot)
			b.checkQuiet("report page")
		})
	}
}

// TestNextYearFromReport follows 以此为基础填报下一年度 from a 2020 report's
// page: the form opens for 2021 in the 2021 format with the prose, 上年结转
// carried and marked, and a carried cell changed by the clerk loses its mark.
func TestNextYearFromReport(t *testing.T) {
	base := startStack(t)
	id := fileReport(t, base, seedBytes(t))
	b := newBrowser(t, base, 1280, 900)
	b.open("/reports/" + id)
	b.follow("follow the next-year link", chromedp.Click(chromedp.CSS(`a[href^="/new?year=2021&from="]`)))
	b.waitFor("the draft", `document.querySelectorAll("input.cell.carried").length === 7`, `document.getElementById("status").textContent`)
	seed := readSeed(t)
	const cell = "table3.carriedOverFromLastYear.naturalPerson"
	checks := []struct{ what, expr, want string }{
		{"year", `document.getElementById("f-reportYear").value`, "2021"},
		{"format", `document.getElementById("f-formatVersion").value`, "2021"},
		{"title", `document.getElementById("f-title").value`, "西工区教育体育局2021年政府信息公开工作年度报告"},
		{"prose", `document.getElementById("f-sections.overview").value`, seed["sections"].(map[string]any)["overview"].(string)},
		{"carried value", cellJS("2021", cell) + ".value", "0"},
		{"legend", `String(document.getElementById("carried-legend").hidden)`, "false"},
		{"url", "location.search", "?year=2021"},
		{"described", `document.getElementById(` + cellJS("2021", cell) + `.getAttribute("aria-describedby").split(" ").find(id => id.startsWith("p-"))).textContent`,
			"上年带入：2020 年度报告表三“四、结转下年度继续办理”行“自然人”列"},
	}
	for _, c := range checks {
		if got := eval[string](b, c.expr); got != c.want {
			t.Errorf("%s: %q, want %q", c.what, got, c.want)
		}
	}
	if status := eval[string](b, `document.getElementById("status").textContent`); !strings.Contains(status, "7 个单元格从上年带入") {
		t.Errorf("status %q", status)
	}
	b.do("show the carried row", chromedp.Evaluate[chromedp.Void](cellJS("2021", cell)+`.closest("tr").scrollIntoView({block: "center"})`))
	b.screenshot("form-next-year")
	b.do("change a carried cell", chromedp.Focus(cellSelector("2021", cell)),
		chromedp.Evaluate[chromedp.Void](cellJS("2021", cell)+".select()"), chromedp.KeyEvent("4"))
	if eval[bool](b, cellJS("2021", cell)+`.classList.contains("carried")`) {
		t.Error("a carried cell the clerk changed is still marked as last year's")
	}
	// The draft, and which cells are still last year's, survive a reload.
	b.waitFor("the draft saved", `JSON.parse(localStorage.getItem("nianbao.draft.v1")).table3.carriedOverFromLastYear.naturalPerson === 4`,
		`localStorage.getItem("nianbao.draft.v1").length`)
	b.do("reload", chromedp.Reload())
	b.waitFor("the draft back", `document.querySelectorAll("input.cell.carried").length === 6`, `document.querySelectorAll("input.cell.carried").length`)
	if v := eval[string](b, cellJS("2021", cell)+".value"); v != "4" {
		t.Errorf("after a reload the changed cell holds %q, want 4", v)
	}
	b.checkQuiet("next year")
}
