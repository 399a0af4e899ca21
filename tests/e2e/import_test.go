//go:build integration

package e2e

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/nianbao/nianbao/shared/ingest"
	"github.com/nianbao/nianbao/shared/recognize"
	"github.com/nianbao/nianbao/shared/render"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/reportpdf"
	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/template/templatetest"
	"github.com/nianbao/nianbao/shared/testkit"
)

// The clerk's way from a document to a filed report: choose the file with
// 导入文件… (or drop it), check the marked cells against the original, type
// what the file did not hold, file. Each test ends with the report listed on
// the index and its PDF downloaded.

const statusJS = `document.getElementById("status").textContent`

// writeFile puts data in a temporary file for the browser to upload.
func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// newImportBrowser is a browser whose page behaves as focused, as a
// clerk's window is: headless, focus() alone fires no focus events, and the
// bar under the form shows a cell's origin on focusin.
func newImportBrowser(t *testing.T, base string) *browser {
	t.Helper()
	b := newBrowser(t, base, 1280, 900)
	b.do("emulate a focused window", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
		return err
	}))
	return b
}

// importDocument imports file with 导入文件… and waits until the form is
// filled and the live check has looked at the draft.
func importDocument(b *browser, file string) {
	b.t.Helper()
	b.do("import "+filepath.Base(file), chromedp.SetUploadFiles(chromedp.ID("import-doc"), []string{file}))
	b.waitFor("the import", statusJS+`.startsWith("已导入")`, statusJS)
	b.waitFor("the check of the draft", `["error", "ok"].includes(document.getElementById("check-summary").dataset.state)`,
		`document.getElementById("check-summary").textContent`)
}

// provenance imports data as the server does, for what the form should show.
func provenance(t *testing.T, data []byte) *ingest.Result {
	t.Helper()
	res, err := ingest.Import(context.Background(), data, ingest.Options{Name: "test"})
	if err != nil || res.Draft() == nil {
		t.Fatalf("import: %v, refused: %v", err, res.Refusal())
	}
	return res
}

// flagged lists the cells the importer guessed: placed by position,
// converted or inferred.
func flagged(res *ingest.Result) []string {
	var paths []string
	for _, c := range res.Draft().Layout().Cells() {
		switch res.Provenance[c.Path].Method {
		case recognize.ByPosition, recognize.Converted, recognize.Inferred:
			paths = append(paths, c.Path)
		}
	}
	return paths
}

// checkMarks checks that exactly the guessed cells are marked visibly —
// a class on the input, the corner mark on its cell, a description naming
// where the value came from — and that every other imported cell is
// marked quietly, for the detail bar only.
func checkMarks(t *testing.T, b *browser, res *ingest.Result) {
	t.Helper()
	v := string(res.Draft().FormatVersion)
	want := map[string]bool{}
	for _, p := range flagged(res) {
		want[p] = true
	}
	got := eval[struct {
		Flagged []string
		Quiet   int
		Corners int
	}](b, `(() => {
		const block = `+js(`.version-block[data-version="`+v+`"]`)+`;
		const cells = [...document.querySelectorAll(block + " input.cell")];
		return {
			Flagged: cells.filter(el => el.classList.contains("imported")).map(el => el.dataset.path),
			Quiet: cells.filter(el => el.dataset.mark && !el.classList.contains("imported")).length,
			Corners: document.querySelectorAll(block + " td.import-flag").length,
		};
	})()`)
	if len(got.Flagged) != len(want) || got.Corners != len(want) {
		t.Errorf("%d cells marked, %d corners; the import guessed %d: %q", len(got.Flagged), got.Corners, len(want), flagged(res))
	}
	for _, p := range got.Flagged {
		if !want[p] {
			t.Errorf("%s is marked but was %s", p, res.Provenance[p].Method)
		}
	}
	read := 0
	for _, c := range res.Draft().Layout().Cells() {
		if cell, _ := res.Draft().Cell(c.Path); cell.State != report.Absent {
			read++
		}
	}
	if got.Quiet+len(got.Flagged) != read {
		t.Errorf("%d quiet and %d visible marks for %d cells read", got.Quiet, len(got.Flagged), read)
	}
	if len(want) > 0 {
		legend := eval[bool](b, `!document.getElementById("import-legend").hidden`)
		p := flagged(res)[0]
		prov := res.Provenance[p]
		desc := eval[string](b, `(() => { const el = `+cellJS(v, p)+`;
			return el.getAttribute("aria-describedby").split(" ").map(id => document.getElementById(id).textContent).join(" | "); })()`)
		if !legend || !strings.Contains(desc, prov.Source) || !strings.Contains(desc, "请与原件核对") {
			t.Errorf("legend shown %v; %s is described as %q, want its source %q and a request to check it", legend, p, desc, prov.Source)
		}
	}
}

// draftDocument is the import's draft as generic JSON: what the form must
// show once the file is imported.
func draftDocument(t *testing.T, res *ingest.Result) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(res.Report, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// complete types what the draft lacks of the agency — published reports
// print neither the credit code nor the region — as the clerk must.
func complete(t *testing.T, b *browser, res *ingest.Result, code, region string) {
	t.Helper()
	a := res.Draft().Agency
	if a.CreditCode == "" {
		typeText(b, "agency.creditCode", code)
	}
	if a.Region == "" && region != "" {
		typeText(b, "agency.region", region)
	}
}

// confirmFlagged retypes the value of the first guessed cell, as a clerk
// who checked it against the original does: the mark goes, the value stays.
func confirmFlagged(t *testing.T, b *browser, res *ingest.Result) {
	t.Helper()
	v := string(res.Draft().FormatVersion)
	p := flagged(res)[0]
	el := cellJS(v, p)
	value := eval[string](b, el+".value")
	b.do("focus a flagged cell", chromedp.Focus(cellSelector(v, p)))
	if detail := eval[string](b, `document.getElementById("cell-detail").textContent`); !strings.Contains(detail, res.Provenance[p].Source) {
		t.Errorf("with %s focused the bar shows %q, want where the value came from (%s)", p, detail, res.Provenance[p].Source)
	}
	b.do("retype it", chromedp.Evaluate[chromedp.Void](el+".select()"), chromedp.KeyEvent(value))
	if eval[bool](b, el+`.classList.contains("imported") || `+el+`.closest("td").classList.contains("import-flag")`) {
		t.Errorf("%s keeps its mark after the clerk retyped it", p)
	}
	if got := eval[string](b, el+".value"); got != value {
		t.Errorf("%s holds %q after retyping, want %q", p, got, value)
	}
}

// fileIt submits the form once the check passes and returns the report's
// id, after finding it on the index and downloading its PDF.
func fileIt(t *testing.T, b *browser) string {
	t.Helper()
	b.waitFor("the check to pass", `document.getElementById("check-summary").dataset.state === "ok"`,
		`document.getElementById("check-summary").textContent + " " + [...document.querySelectorAll("#findings li")].map(li => li.textContent).join(" | ")`)
	b.do("submit", chromedp.Click(chromedp.ID("submit")))
	b.waitFor("the result", `document.querySelector('#result-body a[href$="/pdf"]')`,
		`document.getElementById("result-body").textContent + document.getElementById("status").textContent`)
	pdf := eval[string](b, `document.querySelector('#result-body a[href$="/pdf"]').getAttribute("href")`)
	head := eval[string](b, `fetch(`+js(pdf)+`).then(r => r.arrayBuffer()).then(b => String.fromCharCode(...new Uint8Array(b.slice(0, 5))))`)
	if head != "%PDF-" {
		t.Errorf("GET %s starts with %q, want %%PDF-", pdf, head)
	}
	id := strings.TrimSuffix(strings.TrimPrefix(pdf, "/reports/"), "/pdf")
	b.open("/")
	if !eval[bool](b, `!!document.querySelector('table.list a[href="/reports/`+id+`"]')`) {
		t.Errorf("the index does not list the filed report %s", id)
	}
	return id
}

// validCode is a credit code with the right check character.
func validCode(t *testing.T, first17 string) string {
	t.Helper()
	c, ok := report.CreditCodeCheck(first17)
	if !ok {
		t.Fatalf("%q is not 17 characters of a credit code", first17)
	}
	return first17 + string(c)
}

// TestImportFilledTemplate: the seed typed into its Word template, all but
// the credit code, imported into a form opened for another year's format.
// Every cell is read exactly, so nothing is flagged; the marks and the
// import's findings survive a reload; typing the code files the report.
func TestImportFilledTemplate(t *testing.T) {
	seed := templatetest.Load(t, "seed-2020.json")
	code := seed.Agency.CreditCode
	draft := seed.Clone()
	draft.Agency.CreditCode = ""
	data := templatetest.Filled(t, draft, source.DOCX)
	res := provenance(t, data)

	b := newImportBrowser(t, startStack(t))
	b.open("/new?year=2024")
	importDocument(b, writeFile(t, "西工区教育体育局2020年报.docx", data))
	want := readSeed(t)
	delete(want["agency"].(map[string]any), "creditCode")
	checkDocument(t, b, want)
	if v := eval[string](b, `document.getElementById("f-formatVersion").value`); v != string(report.Trial2019) {
		t.Errorf("the form shows the %s format for a 2019-trial draft", v)
	}
	if !eval[bool](b, `!document.querySelector('[data-format="2019-trial"]').hidden && document.querySelector('[data-format="2021"]').hidden`) {
		t.Error("the template links do not follow the draft's format")
	}
	checkMarks(t, b, res)
	b.do("focus a cell", chromedp.Focus(cellSelector(string(report.Trial2019), "table3.newReceived.total")))
	if detail := eval[string](b, `document.getElementById("cell-detail").textContent`); !strings.Contains(detail, "导入：按模板单元格读出") {
		t.Errorf("the bar shows %q for an exactly read cell, want where it came from", detail)
	}
	if !eval[bool](b, cellJS("", "agency.creditCode")+`.classList.contains("finding-required")`) {
		t.Error("the missing credit code is not marked at its field")
	}
	b.waitFor("the draft saved", `localStorage.getItem("nianbao.marks.v1") !== null`, `localStorage.length`)
	b.do("reload", chromedp.Reload())
	b.waitFor("the draft back", `document.querySelectorAll("[data-mark]").length > 0 && document.getElementById("check-summary").dataset.state === "error"`, statusJS)
	checkMarks(t, b, res)

	typeText(b, "agency.creditCode", code)
	fileIt(t, b)
	b.checkQuiet("importing a filled template")
}

// TestImportByDropping drops the filled template on the page: the overlay
// shows while a file is over it, and the drop imports it.
func TestImportByDropping(t *testing.T) {
	data := templatetest.Filled(t, templatetest.Load(t, "example-2021.json"), source.DOCX)
	b := newBrowser(t, startStack(t), 1280, 900)
	b.open("/new")
	eval[bool](b, `(() => {
		const bytes = Uint8Array.from(atob(`+js(base64.StdEncoding.EncodeToString(data))+`), c => c.charCodeAt(0));
		const dt = new DataTransfer();
		dt.items.add(new File([bytes], "年报.docx", {type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}));
		window.dropped = dt;
		document.body.dispatchEvent(new DragEvent("dragenter", {dataTransfer: dt, bubbles: true}));
		return true;
	})()`)
	if !eval[bool](b, `document.body.classList.contains("dropping")`) {
		t.Error("no drop overlay while a file is dragged over the page")
	}
	eval[bool](b, `document.getElementById("f-sections.overview").dispatchEvent(new DragEvent("drop", {dataTransfer: window.dropped, bubbles: true, cancelable: true})), true`)
	b.waitFor("the import", statusJS+`.startsWith("已导入 年报.docx")`, statusJS)
	if eval[bool](b, `document.body.classList.contains("dropping")`) {
		t.Error("the drop overlay stays after the drop")
	}
	if v := eval[string](b, cellJS("", "agency.creditCode")+".value"); v != templatetest.Load(t, "example-2021.json").Agency.CreditCode {
		t.Errorf("the dropped file did not fill the form: credit code %q", v)
	}
	b.checkQuiet("dropping a file")
}

// TestImportOfficeDocx imports what LibreOffice makes of the 2021
// example's web page when a clerk saves it as Word: found by labels, no
// credit code or region (the page prints neither).
func TestImportOfficeDocx(t *testing.T) {
	r := templatetest.Load(t, "example-2021.json")
	data := templatetest.Office(t, r, source.DOCX)
	res := provenance(t, data)
	for _, c := range r.Layout().Cells() {
		got, _ := res.Draft().Cell(c.Path)
		if want, _ := r.Cell(c.Path); got != want {
			t.Errorf("%s: imported %s, the report has %s", c.Path, got, want)
		}
	}
	b := newImportBrowser(t, startStack(t))
	b.open("/new")
	importDocument(b, writeFile(t, "年报（另存为）.docx", data))
	checkDocument(t, b, draftDocument(t, res))
	checkMarks(t, b, res)
	complete(t, b, res, r.Agency.CreditCode, r.Agency.Region)
	fileIt(t, b)
	b.checkQuiet("importing a LibreOffice document")
}

// TestImportPDF imports nianbao's own PDF of the seed, whose 表四 the
// importer places by position, and a real published PDF whose 表三 splits
// （六）其他处理 by inference; the guessed cells are marked, one is
// confirmed, the credit code typed, the report filed.
func TestImportPDF(t *testing.T) {
	seed := templatetest.Load(t, "seed-2020.json")
	tests := []struct {
		name, file string
		data       func(t *testing.T) []byte
		code       string
		screenshot string
	}{
		{"own PDF", "西工区教育体育局2020年报.pdf", func(t *testing.T) []byte { return ownPDF(t, seed) }, seed.Agency.CreditCode, ""},
		{"hongze-2024", "洪泽区2024年报.pdf", func(t *testing.T) []byte { return testkit.Shared(t, "corpus/pdf/hongze-2024.pdf") },
			validCode(t, "11320829014162583"), "form-import"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.data(t)
			res := provenance(t, data)
			if len(flagged(res)) == 0 {
				t.Fatalf("the import guessed no cell of %s: nothing to mark", tt.name)
			}
			b := newImportBrowser(t, startStack(t))
			b.open("/new")
			importDocument(b, writeFile(t, tt.file, data))
			checkDocument(t, b, draftDocument(t, res))
			checkMarks(t, b, res)
			if status := eval[string](b, statusJS); !strings.Contains(status, "请与原件核对") {
				t.Errorf("the status %q does not ask to check the guessed cells", status)
			}
			if tt.screenshot != "" {
				v := string(res.Draft().FormatVersion)
				b.do("show the flagged cells", chromedp.Evaluate[chromedp.Void](cellJS(v, flagged(res)[0])+`.closest("tr").scrollIntoView({block: "center"})`),
					chromedp.Focus(cellSelector(v, flagged(res)[0])))
				b.screenshot(tt.screenshot)
			}
			confirmFlagged(t, b, res)
			complete(t, b, res, tt.code, "")
			fileIt(t, b)
			b.checkQuiet("importing " + tt.name)
		})
	}
}

// ownPDF is r as nianbao renders it.
func ownPDF(t *testing.T, r *report.Report) []byte {
	t.Helper()
	rnd, err := render.New()
	if err != nil {
		t.Fatal(err)
	}
	var pdf bytes.Buffer
	if err := rnd.Render(context.Background(), &pdf, reportpdf.Document(r)); err != nil {
		t.Fatal(err)
	}
	return pdf.Bytes()
}

// TestImportAsksBeforeReplacing: importing into a form that holds the
// clerk's work asks first; declined, nothing changes.
func TestImportAsksBeforeReplacing(t *testing.T) {
	data := templatetest.Filled(t, templatetest.Load(t, "example-2021.json"), source.DOCX)
	b := newImportBrowser(t, startStack(t))
	b.open("/new")
	typeText(b, "title", "我们自己写的标题")
	b.do("import", chromedp.SetUploadFiles(chromedp.ID("import-doc"), []string{writeFile(t, "年报.docx", data)}))
	var dialogs []string
	for deadline := time.Now().Add(actionTimeout); len(dialogs) == 0 && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		b.mu.Lock()
		dialogs = b.dialogs
		b.mu.Unlock()
	}
	b.mu.Lock()
	b.dialogs = nil // declined on purpose: the browser dismisses every dialog
	b.mu.Unlock()
	if len(dialogs) != 1 || !strings.HasPrefix(dialogs[0], "confirm: 导入 年报.docx 会替换") {
		t.Errorf("dialogs %q, want one confirm naming the file", dialogs)
	}
	if title := eval[string](b, cellJS("", "title")+".value"); title != "我们自己写的标题" {
		t.Errorf("a declined import changed the title to %q", title)
	}
	if n := eval[int](b, `document.querySelectorAll("[data-mark]").length`); n != 0 {
		t.Errorf("a declined import left %d marks", n)
	}
	b.checkQuiet("a declined import")
}
