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
