//go:build integration

package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/nianbao/nianbao/shared/imports"
	"github.com/nianbao/nianbao/shared/inbox"
	"github.com/nianbao/nianbao/shared/localstack"
	"github.com/nianbao/nianbao/shared/localstack/stacktest"
)

// TestReviewQueue: a published page the inbox could not file (its agency
// is on no list) is on the year's review list; a person opens it in the
// form, finds the draft filled in, adds the credit code and region, and
// files it; the list then shows it filed, and the report page links the
// original. axe-core finds nothing on the list.
func TestReviewQueue(t *testing.T) {
	stack := stacktest.Start(t, localstack.Options{Open: true})
	page, err := os.ReadFile(filepath.Join("..", "..", "testdata", "events", "import-review-page.html"))
	if err != nil {
		t.Fatal(err)
	}
	p := inbox.New(stack.App.Registry, stack.App.Store)
	e, err := p.Process(context.Background(), inbox.NewInput(2020, "inbox/2020/西工区文化和旅游局2020年报.html", page))
	if err != nil || e.State != imports.Review {
		t.Fatalf("the page in the inbox: %+v, %v; want it waiting for review", e, err)
	}
	b := newBrowser(t, stack.URL, 1280, 900)

	b.open("/imports/2020")
	checkAxe(t, b, axeScript(t), "/imports/2020")
	open := `document.querySelector('a[href="/new?import=2020/` + e.SHA256 + `"]')`
	if !eval[bool](b, "!!"+open) {
		t.Fatalf("the review list has no link to open the draft: %s", eval[string](b, "document.querySelector('main').textContent"))
	}
	b.follow("open the draft in the form", chromedp.Click(chromedp.CSS(`a[href="/new?import=2020/`+e.SHA256+`"]`)))
	b.waitFor("the draft to load", `document.getElementById("f-agency.name").value === "西工区文化和旅游局" && document.getElementById("status").textContent.includes("已载入导入的草稿")`,
		`document.getElementById("status").textContent`)
	if v := eval[string](b, cellJS("2019-trial", "table3.newReceived.naturalPerson")+".value"); v != "0" {
		t.Errorf("表三 自然人 新收 shows %q, want the draft's 0", v)
	}
	b.do("add the credit code", chromedp.Focus(cellSelector("", "agency.creditCode")), chromedp.KeyEvent("11410303MB0000010U"))
	b.do("add the region", chromedp.Focus(cellSelector("", "agency.region")), chromedp.KeyEvent("河南省洛阳市西工区"))
	b.waitFor("the live check to pass", `document.getElementById("check-summary").dataset.state === "ok"`,
		`document.getElementById("check-summary").textContent + " " + [...document.querySelectorAll("#findings li")].map(li => li.textContent).join(" | ")`)
	b.do("submit", chromedp.Click(chromedp.ID("submit")))
	b.waitFor("the report filed", `!document.getElementById("result").hidden && document.querySelector('#result-body a[href$="/pdf"]')`,
		`document.getElementById("result-body").textContent + document.getElementById("status").textContent`)
	id := strings.TrimSuffix(strings.TrimPrefix(eval[string](b, `document.querySelector('#result-body a[href$="/pdf"]').getAttribute("href")`), "/reports/"), "/pdf")

	b.open("/imports/2020?state=filed")
	if text := eval[string](b, "document.querySelector('table.imports').textContent"); !strings.Contains(text, "已由人工补全后归档") {
		t.Errorf("the list after filing: %q", text)
	}
	b.open("/reports/" + id)
	if !eval[bool](b, `!!document.querySelector('a[href="/reports/`+id+`/source"]')`) {
		t.Errorf("the report page does not link the original")
	}
	b.checkQuiet("the review queue")
}
