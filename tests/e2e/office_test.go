//go:build integration

package e2e

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/nianbao/nianbao/shared/report/reporttest"
	"github.com/nianbao/nianbao/shared/testkit"
)

// send makes one request to the stack and fails the test unless it answers want.
func send(t *testing.T, method, url, contentType string, body []byte, want int) {
	t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		t.Fatalf("%s %s: %d %.300s, want %d", method, url, resp.StatusCode, got, want)
	}
}

// noOverflow fails when the page scrolls sideways: everything must fit a phone.
func noOverflow(t *testing.T, b *browser, where string) {
	t.Helper()
	if w := eval[float64](b, `document.documentElement.scrollWidth - window.innerWidth`); w > 1 {
		t.Errorf("%s: the page is %.0f px wider than the phone's screen", where, w)
	}
}

// TestDashboard loads the 2020 roster, files the seed, and reads the
// dashboard on a phone: the counts, the filter, the link to the report.
func TestDashboard(t *testing.T) {
	base := startStack(t)
	send(t, "PUT", base+"/rosters/2020", "text/csv", testkit.Testdata(t, "roster-2020.csv"), 200)
	send(t, "POST", base+"/reports", "application/json", testkit.Testdata(t, "seed-2020.json"), 201)

	b := newBrowser(t, base, 390, 844)
	b.open("/dashboard/2020")
	if got := eval[string](b, `document.querySelector("label[for=total-progress]").textContent`); got != "应报 3 个，已报 1 个（33%）" {
		t.Errorf("progress: %q", got)
	}
	if got := eval[[]string](b, `[...document.querySelectorAll("table.agencies .badge")].map(e => e.textContent)`); strings.Join(got, ",") != "逾期报送,逾期未报,逾期未报" {
		t.Errorf("statuses: %q", got)
	}
	noOverflow(t, b, "dashboard")
	b.screenshot("dashboard")

	b.do("choose overdue", chromedp.SetValue(chromedp.ID("status"), "overdue"))
	b.follow("filter", chromedp.Click(chromedp.CSS(`form.search button`)))
	if got := eval[string](b, `location.search`); got != "?region=&status=overdue" {
		t.Errorf("filter query: %q", got)
	}
	if got := eval[[]string](b, `[...document.querySelectorAll("table.agencies td:first-child")].map(e => e.firstChild.textContent)`); strings.Join(got, ",") != "西工区民政局,洛阳市西工区人民政府" {
		t.Errorf("overdue agencies: %q", got)
	}
	b.open("/dashboard/2020")
	b.follow("open the seed", chromedp.Click(chromedp.CSS(`table.agencies a`)))
	if got := eval[string](b, `document.querySelector("h1").textContent`); got != "西工区教育体育局2020年政府信息公开工作年度报告" {
		t.Errorf("the link leads to %q", got)
	}
	b.checkQuiet("dashboard")
}

// TestStatsPage files three agencies' 2023 reports and reads the statistics
// on a phone: four charts that fit the screen, each named for assistive
// technology, with their tables.
func TestStatsPage(t *testing.T) {
	base := startStack(t)
	example := testkit.Testdata(t, "example-2021.json")
	for i := range 3 {
		send(t, "POST", base+"/reports", "application/json", reporttest.Variant(example, i, 0), 201)
	}
	b := newBrowser(t, base, 390, 844)
	b.open("/stats/2023")
	charts := eval[[]map[string]any](b, `[...document.querySelectorAll("section.chart svg")].map(s => ({
		width: s.getBoundingClientRect().width,
		name: s.getAttribute("aria-labelledby").split(" ").map(id => document.getElementById(id).textContent).join(" / "),
		role: s.getAttribute("role")}))`)
	if len(charts) != 4 {
		t.Fatalf("got %d charts, want 4", len(charts))
	}
	for _, c := range charts {
		if c["role"] != "img" || c["name"] == "" || c["width"].(float64) > 390 {
			t.Errorf("chart %v: want role img, a name, and no wider than the phone", c)
		}
	}
	if got := eval[int](b, `document.querySelectorAll("section.chart table").length`); got != 4 {
		t.Errorf("got %d tables for 4 charts", got)
	}
	b.do("open the requests table", chromedp.Click(chromedp.CSS(`#requests summary`)))
	if got := eval[int](b, `document.querySelectorAll("#requests tbody tr").length`); got != 3 {
		t.Errorf("requests table: %d rows, want 3", got)
	}
	if got := eval[string](b, `document.querySelector("#review strong").textContent`); got != "被纠错率 14.3%" {
		t.Errorf("review: %q", got)
	}
	if got := eval[int](b, `document.scripts.length`); got != 0 {
		t.Errorf("the statistics page runs %d scripts", got)
	}
	noOverflow(t, b, "stats")
	b.screenshot("stats")
	b.checkQuiet("stats")
}
