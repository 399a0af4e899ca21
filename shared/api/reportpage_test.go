package api

import (
	"context"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/ingest"
	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/report/reporttest"
	"github.com/nianbao/nianbao/shared/store"
	"github.com/nianbao/nianbao/shared/store/fsstore"
)

// clock is a registry clock that a test moves.
type clock struct{ now time.Time }

func (c *clock) Now() time.Time { return c.now }

// clockedStack is a stack whose registry stamps versions with c's time.
func clockedStack(t testing.TB, c *clock) stack {
	t.Helper()
	st := newFS(t)
	reg := newRegistry(t, st).WithClock(c.Now)
	return stack{upload: NewUpload(reg, ingest.Importer{}, quiet, OpenWrites()), index: NewIndex(reg, Supervision{Store: st}, quiet), store: st}
}

// file submits doc and returns its id.
func (s stack) file(t testing.TB, doc []byte) string {
	t.Helper()
	resp := call(t, s.upload, event("POST", "/reports", doc, "Content-Type", jsonType))
	if resp.StatusCode != 201 && resp.StatusCode != 200 {
		t.Fatalf("upload: %d %s", resp.StatusCode, resp.Body)
	}
	var r submitted
	decodeBody(t, resp, &r)
	return r.ID
}

// corrected is the seed as its agency corrects it: a figure in the prose
// and its cell, and a paragraph added.
func corrected(t testing.TB) []byte {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(readTestdata(t, "seed-2020.json"), &doc); err != nil {
		t.Fatal(err)
	}
	sections := doc["sections"].(map[string]any)
	sections["overview"] = strings.Replace(sections["overview"].(string), "共有行政许可268项", "共有行政许可270项", 1)
	sections["problemsAndImprovements"] = sections["problemsAndImprovements"].(string) + "\n下一步，我局将进一步规范依申请公开办理流程。"
	doc["table2"].(map[string]any)["art20_5"].(map[string]any)["licensing"].(map[string]any)["decisions"] = 270
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var tags = regexp.MustCompile(`<[^>]*>`)

// visible is the text of an HTML page a person reads: no tags, no attributes.
func visible(page string) string { return tags.ReplaceAllString(page, " ") }

func TestReportPage(t *testing.T) {
	c := &clock{time.Date(2021, 3, 20, 2, 0, 0, 0, time.UTC)}
	s := clockedStack(t, c)
	v1 := s.file(t, readTestdata(t, "seed-2020.json"))
	c.now = time.Date(2021, 3, 25, 17, 30, 0, 0, time.UTC) // 01:30 the next day in Beijing
	v2 := s.file(t, corrected(t))
	html := func(id string) string {
		resp := call(t, s.index, event("GET", "/reports/"+id, nil, "Accept", "text/html"))
		if resp.StatusCode != 200 || resp.Headers["Vary"] != "Accept" || resp.Headers["Content-Security-Policy"] != ContentSecurityPolicy {
			t.Fatalf("GET /reports/%s: %d %v", id, resp.StatusCode, resp.Headers)
		}
		return resp.Body
	}
	page := html(v2)
	text := visible(page)
	for _, want := range []string{
		// the report itself
		"<h1 id=\"report-title\">西工区教育体育局2020年政府信息公开工作年度报告</h1>",
		"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
		"四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
		"<p>（一）主动公开情况。2020年教体局共有行政许可270项",
		"<caption id=\"cap-t2\">表二 主动公开政府信息情况</caption>",
		"<caption id=\"cap-t3\">表三 收到和处理政府信息公开申请情况</caption>",
		"<caption id=\"cap-t4\">表四 政府信息公开行政复议、行政诉讼情况</caption>",
		`scope="rowgroup"`, `headers="t3-h`, ">270</td>",
		// beside it
		`href="/reports/` + v2 + `/pdf"`, `href="/reports/` + v2 + `/json"`,
		`href="/new?year=2021&amp;from=` + v2 + `"`, "以此为基础填报下一年度",
		"警告</span>（S4）",
		// versions, in Beijing time, said once per list
		"2021-03-26 01:30", "2021-03-20 10:00", "时间为北京时间", "第 2 版", "第 1 版", "现行版本",
		">268</td><td class=\"num\">270</td>", "<del><span class=\"visually-hidden\">［删去：</span>68",
		"新增第 7 段", `href="/reports/` + v1 + `"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the report page lacks %q", want)
		}
	}
	for _, word := range []string{"warning", "error", "not-assessable", "UTC"} {
		if strings.Contains(text, word) {
			t.Errorf("the page shows %q to its readers", word)
		}
	}
	if strings.Contains(page, "原件") {
		t.Error("a report filed as JSON offers an original")
	}
	if strings.Contains(page, "不是现行版本") {
		t.Error("the current version's page says it is not current")
	}
	home := call(t, s.index, event("GET", "/", nil)).Body
	if !strings.Contains(home, "提交时间（北京时间）") || !strings.Contains(home, ">2021-03-26 01:30</time>") {
		t.Error("the index does not show the filing time in Beijing time")
	}
	old := html(v1)
	if !strings.Contains(old, "不是现行版本") || !strings.Contains(old, `<a href="/reports/`+v2+`">查看现行版本</a>`) {
		t.Error("the first version's page does not point to the current one")
	}
	if !strings.Contains(old, ">268</td>") {
		t.Error("the first version's page does not show its own figures")
	}
}

// Every data cell of every table names, through its headers, exactly the
// headers the format prints above it and beside it.
func TestReadTableHeaders(t *testing.T) {
	for _, v := range report.Versions {
		l := report.LayoutOf(v)
		want := map[string][]string{} // path → the header texts that name it
		for _, st := range l.Table2 {
			for _, r := range st.Rows {
				for _, c := range st.Columns {
					want["table2."+st.Key+"."+r.Key+"."+c.Key] = []string{st.Caption, columnLabel(c), r.Label}
				}
			}
		}
		for _, r := range l.Table3.Rows {
			for _, c := range l.Table3.Columns {
				w := []string{"申请人情况", c.Group, c.Label, r.Level1, r.Level2, r.Level3}
				want[r.Path()+"."+c.Key] = slices.DeleteFunc(w, func(s string) bool { return s == "" })
			}
		}
		for _, g := range l.Table4.Groups {
			for _, c := range l.Table4.Columns {
				w := []string{g.Group, g.Label, c.Label}
				want["table4."+g.Key+"."+c.Key] = slices.DeleteFunc(w, func(s string) bool { return s == "" })
			}
		}
		seen := 0
		for n, tb := range readTables()[v] {
			ids := map[string]string{}
			for _, row := range slices.Concat(tb.Head, tb.Body) {
				for _, c := range row {
					if !c.Data && c.Input == nil {
						if c.ID == "" || ids[c.ID] != "" {
							t.Errorf("%s table %d: header %q has id %q (missing or repeated)", v, n, c.Text, c.ID)
						}
						ids[c.ID] = c.Text
					}
				}
			}
			for _, row := range tb.Body {
				for _, c := range row {
					if c.Input == nil {
						continue
					}
					seen++
					var got []string
					for _, id := range strings.Fields(c.Headers) {
						text, ok := ids[id]
						if !ok {
							t.Errorf("%s %s: headers names %q, no header of table %d", v, c.Input.Path, id, n)
						}
						got = append(got, text)
					}
					w := want[c.Input.Path]
					if !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(w))) {
						t.Errorf("%s %s: headers name %q, want %q", v, c.Input.Path, got, w)
					}
				}
			}
		}
		if seen != len(l.Cells()) {
			t.Errorf("%s: %d data cells in the read tables, want the layout's %d", v, seen, len(l.Cells()))
		}
	}
}

func TestChangesRoute(t *testing.T) {
	c := &clock{time.Date(2021, 3, 20, 2, 0, 0, 0, time.UTC)}
	s := clockedStack(t, c)
	v1 := s.file(t, readTestdata(t, "seed-2020.json"))
	c.now = c.now.Add(time.Hour)
	v2 := s.file(t, corrected(t))
	for _, id := range []string{v1, v2} {
		resp := call(t, s.index, event("GET", "/reports/"+id+"/changes", nil))
		var got struct {
			ID       string `json:"id"`
			Versions []struct {
				ID          string    `json:"id"`
				SHA256      string    `json:"sha256"`
				ValidatedAt time.Time `json:"validatedAt"`
				Current     bool      `json:"current"`
				Number      int       `json:"number"`
				Changes     *struct {
					Cells []struct {
						Path, Row, Column, Old, New string
					} `json:"cells"`
					Sections []struct {
						Path string `json:"path"`
					} `json:"sections"`
				} `json:"changes"`
			} `json:"versions"`
		}
		decodeBody(t, resp, &got)
		if resp.StatusCode != 200 || got.ID != id || len(got.Versions) != 2 {
			t.Fatalf("GET /reports/%s/changes: %d %s", id, resp.StatusCode, resp.Body)
		}
		first, second := got.Versions[0], got.Versions[1]
		if first.ID != v1 || first.Number != 1 || first.Changes != nil || first.Current || !first.ValidatedAt.Equal(time.Date(2021, 3, 20, 2, 0, 0, 0, time.UTC)) {
			t.Errorf("first version %+v", first)
		}
		if second.ID != v2 || second.Number != 2 || !second.Current || second.Changes == nil ||
			len(second.Changes.Cells) != 1 || second.Changes.Cells[0].Old != "268" || second.Changes.Cells[0].New != "270" ||
			second.Changes.Cells[0].Row != "表二 第二十条第（五）项 行政许可" || len(second.Changes.Sections) != 2 {
			t.Errorf("second version %+v, changes %+v", second, second.Changes)
		}
	}
	for _, tt := range []struct {
		path string
		want int
	}{
		{"/reports/2020-x/changes", 400},
		{"/reports/" + strings.Replace(v1, "906e", "0000", 1) + "/changes", 404},
	} {
		if resp := call(t, s.index, event("GET", tt.path, nil)); resp.StatusCode != tt.want {
			t.Errorf("GET %s: %d, want %d", tt.path, resp.StatusCode, tt.want)
		}
	}
}

func TestNextYearRoute(t *testing.T) {
	s := newStack(t, nil)
	id := s.file(t, readTestdata(t, "seed-2020.json"))
	resp := call(t, s.index, event("GET", "/reports/"+id+"/next-year", nil))
	var got nextYearDraft
	decodeBody(t, resp, &got)
	if resp.StatusCode != 200 || got.From != id || got.Year != 2021 || got.FormatVersion != report.Format2021 || len(got.Carried) != 7 {
		t.Fatalf("next-year: %d %+v", resp.StatusCode, got)
	}
	draft, fs := report.Decode(got.Draft)
	if draft == nil || draft.ReportYear != 2021 || draft.Title != "西工区教育体育局2021年政府信息公开工作年度报告" {
		t.Fatalf("the draft does not decode as the 2021 report: %v", fs)
	}
	for _, f := range fs {
		if f.Rule != report.RuleRequired {
			t.Errorf("the draft has a %s finding: %s", f.Rule, f.Message)
		}
	}
	c := got.Carried[0]
	if c.Path != "table3.carriedOverFromLastYear.naturalPerson" || c.Label != "表三“二、上年结转政府信息公开申请数量”行“自然人”列" ||
		c.Source != "2020 年度报告表三“四、结转下年度继续办理”行“自然人”列" {
		t.Errorf("carried cell %+v", c)
	}
	if v, _ := draft.Cell(c.Path); v.String() != "0" {
		t.Errorf("the draft's %s is %q, want the seed's 0", c.Path, v.String())
	}
	for path, want := range map[string]int{"/reports/2020-x/next-year": 400, "/reports/" + strings.Replace(id, "906e", "0000", 1) + "/next-year": 404} {
		if resp := call(t, s.index, event("GET", path, nil)); resp.StatusCode != want {
			t.Errorf("GET %s: %d, want %d", path, resp.StatusCode, want)
		}
	}
}

// An imported report's original, listed in its manifest as source.{ext},
// is offered on the page and served as a download that cannot run here.
func TestSourceDownload(t *testing.T) {
	s := newStack(t, nil)
	id := s.file(t, readTestdata(t, "seed-2020.json"))
	if resp := call(t, s.index, event("GET", "/reports/"+id+"/source", nil)); resp.StatusCode != 404 {
		t.Fatalf("source of a report filed as JSON: %d, want 404", resp.StatusCode)
	}
	// As the importer will file it: the original beside the report, listed in the manifest.
	ctx := context.Background()
	parsed, _ := registry.ParseID(id)
	prefix := "reports/2020/" + parsed.CreditCode + "/" + parsed.SHA256 + "/"
	original := []byte("<html><script>alert(1)</script></html>")
	info, err := s.store.Put(ctx, prefix+"source.html", original, store.PutOptions{ContentType: "text/html; charset=utf-8"})
	if err != nil {
		t.Fatal(err)
	}
	reg := registry.New(s.store, nil)
	m, err := reg.Manifest(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	m.Files["source.html"] = registry.FileInfo{Size: info.Size, SHA256: info.SHA256, ContentType: "text/html; charset=utf-8"}
	body, _ := json.Marshal(m)
	if _, err := s.store.Put(ctx, prefix+"manifest.json", body, store.PutOptions{ContentType: "application/json"}); err != nil {
		t.Fatal(err)
	}
	page := call(t, s.index, event("GET", "/reports/"+id, nil, "Accept", "text/html")).Body
	if !strings.Contains(page, `<a href="/reports/`+id+`/source">导入时的原件（HTML）</a>`) {
		t.Error("the page does not offer the original")
	}
	resp := call(t, s.index, event("GET", "/reports/"+id+"/source", nil))
	if resp.StatusCode != 200 || !strings.Contains(resp.Headers["Content-Disposition"], "attachment") ||
		!strings.Contains(resp.Headers["Content-Disposition"], "%EF%BC%88%E5%8E%9F%E4%BB%B6%EF%BC%89.html") ||
		!strings.Contains(resp.Headers["Content-Security-Policy"], "sandbox") {
		t.Errorf("source: %d %v", resp.StatusCode, resp.Headers)
	}
}

// Only the newest maxCompared versions are compared, and a version whose
// report cannot be read is marked, not fatal.
func TestHistoryBounds(t *testing.T) {
	c := &clock{time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)}
	s := clockedStack(t, c)
	example := readTestdata(t, "example-2021.json")
	var ids []string
	for v := range maxCompared + 2 {
		c.now = c.now.Add(time.Minute)
		ids = append(ids, s.file(t, reporttest.Variant(example, -1, v)))
	}
	// Lose the report of the version before the newest.
	parsed, err := registry.ParseID(ids[len(ids)-2])
	if err != nil {
		t.Fatal(err)
	}
	dir := s.store.(*fsstore.Store)
	if err := dir.Delete(context.Background(), "reports/2023/"+parsed.CreditCode+"/"+parsed.SHA256+"/report.json"); err != nil {
		t.Fatal(err)
	}
	ix := &index{reg: newRegistry(t, s.store), log: quiet}
	vs, err := ix.history(context.Background(), ids[0], nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != len(ids) {
		t.Fatalf("%d versions, want %d", len(vs), len(ids))
	}
	for i, v := range vs {
		compared := v.Changes != nil
		wantCompared := i >= len(ids)-maxCompared && i < len(ids)-2
		wantUnreadable := i >= len(ids)-2
		if compared != wantCompared || v.Unreadable != wantUnreadable || v.Number != i+1 || v.ID != ids[i] {
			t.Errorf("version %d: number %d compared %v unreadable %v; want compared %v unreadable %v", i, v.Number, compared, v.Unreadable, wantCompared, wantUnreadable)
		}
	}
	page := call(t, s.index, event("GET", "/reports/"+ids[len(ids)-1], nil, "Accept", "text/html"))
	if page.StatusCode != 200 || !strings.Contains(page.Body, "无法读取这一版或上一版") || !strings.Contains(page.Body, "较早的版本，未作比较") {
		t.Errorf("the page with an unreadable version: %d, says unreadable %v, says older not compared %v", page.StatusCode,
			strings.Contains(page.Body, "无法读取这一版或上一版"), strings.Contains(page.Body, "较早的版本，未作比较"))
	}
}
