package api

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/shared/dashboard"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/report/reporttest"
	"github.com/nianbao/nianbao/shared/roster"
	"github.com/nianbao/nianbao/shared/stats"
	"github.com/nianbao/nianbao/shared/summary"
	"github.com/nianbao/nianbao/shared/workbook"
)

// officeStack is a stack with the seed filed and the 2020 roster
// (testdata/roster-2020.csv: the seed's agency, one that has not filed, and
// the government itself) loaded.
func officeStack(t *testing.T) stack {
	t.Helper()
	s := newStack(t, nil)
	if r := call(t, s.upload, event("POST", "/reports", readTestdata(t, "seed-2020.json"), "Content-Type", jsonType)); r.StatusCode != 201 {
		t.Fatalf("file the seed: %d %s", r.StatusCode, r.Body)
	}
	if r := call(t, s.office, event("PUT", "/rosters/2020", readTestdata(t, "roster-2020.csv"), "Content-Type", "text/csv")); r.StatusCode != 200 {
		t.Fatalf("load the roster: %d %s", r.StatusCode, r.Body)
	}
	return s
}

func rosterXLSX(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range [][]any{{"机关名称", "统一社会信用代码", "行政区划", "类别"}, {"西工区教育体育局", seedCode, "河南省洛阳市西工区", "部门"}} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestPutRoster(t *testing.T) {
	s := newStack(t, nil)
	deployed := NewOffice(newRegistry(t, s.store), Supervision{Store: s.store.(Store), Files: workbook.Files{}}, quiet) // claims required
	csv := readTestdata(t, "roster-2020.csv")
	xlsx := func() Request {
		r := event("PUT", "/rosters/2020", []byte(base64.StdEncoding.EncodeToString(rosterXLSX(t))), "Content-Type", xlsxType)
		r.IsBase64Encoded = true
		return r
	}
	put := func(body []byte, ct string) Request { return event("PUT", "/rosters/2020", body, "Content-Type", ct) }
	for _, tc := range []struct {
		name     string
		h        HandlerFunc
		req      Request
		want     int
		contains string
	}{
		{"csv", s.office, put(csv, "text/csv; charset=utf-8"), 200, `"agencies":3`},
		{"xlsx, base64 as API Gateway sends it", s.office, xlsx(), 200, `"agencies":1`},
		{"admin token", deployed, withClaims(put(csv, "text/csv"), admin), 200, `"agencies":3`},
		{"agency token", deployed, withClaims(put(csv, "text/csv"), agency(seedCode)), 403, "nianbao/admin"},
		{"no token", deployed, put(csv, "text/csv"), 401, "unauthorized"},
		{"bad rows", s.office, put([]byte("机关名称,统一社会信用代码,行政区划,类别\n甲局,123,某区,单位\n"), "text/csv"), 422,
			`"problems":[{"row":2,"column":"统一社会信用代码","message":"第 2 行“统一社会信用代码”列：“123”不是 18 位（有 3 位）"},{"row":2,"column":"类别"`},
		{"year mismatch", s.office, put(append([]byte("2019年度报送名册\n"), csv[len("2020年度政府信息公开工作年度报告报送名册\n"):]...), "text/csv"), 422, "标题写明 2019 年度"},
		{"json", s.office, put([]byte("{}"), jsonType), 415, "unsupported-media-type"},
		{"too large", s.office, put(bytes.Repeat([]byte("a"), roster.MaxFileBytes+1), "text/csv"), 413, "too-large"},
		{"bad year", s.office, event("PUT", "/rosters/20x0", csv, "Content-Type", "text/csv"), 400, "四位年份"},
		{"stale If-Match", s.office, put(csv, "text/csv"), 412, "precondition-failed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "stale If-Match" {
				tc.req.Headers["if-match"] = `"stale"`
			}
			resp := call(t, tc.h, tc.req)
			if resp.StatusCode != tc.want || !strings.Contains(resp.Body, tc.contains) {
				t.Errorf("%d %.400s; want %d containing %s", resp.StatusCode, resp.Body, tc.want, tc.contains)
			}
		})
	}
	resp := call(t, s.index, event("GET", "/rosters/2020", nil))
	var got roster.Roster
	decodeBody(t, resp, &got)
	if resp.StatusCode != 200 || len(got.Agencies) != 3 || got.Agencies[1].Name != "西工区民政局" || resp.Headers["ETag"] == "" {
		t.Errorf("GET /rosters/2020: %d %+v, ETag %q", resp.StatusCode, got, resp.Headers["ETag"])
	}
	if resp := call(t, s.index, event("GET", "/rosters/2021", nil)); resp.StatusCode != 404 {
		t.Errorf("GET /rosters/2021 with none loaded: %d %s", resp.StatusCode, resp.Body)
	}
}

func TestDashboardRoute(t *testing.T) {
	s := officeStack(t)
	var b dashboard.Board
	resp := call(t, s.index, event("GET", "/dashboard/2020", nil))
	decodeBody(t, resp, &b)
	// The seed is filed now, years after its deadline.
	if resp.StatusCode != 200 || b.Totals != (dashboard.Counts{Total: 3, FiledLate: 1, Overdue: 2, Percent: 33}) {
		t.Fatalf("dashboard: %d %+v", resp.StatusCode, b.Totals)
	}
	if r := b.Agencies[0]; r.Name != "西工区教育体育局" || r.Status != dashboard.FiledLate || r.Link() == "" {
		t.Errorf("first agency: %+v", r)
	}
	decodeBody(t, call(t, s.index, event("GET", "/dashboard/2020?status=overdue&region="+"河南省洛阳市西工区", nil)), &b)
	if len(b.Agencies) != 2 || b.Agencies[0].Status != dashboard.Overdue {
		t.Errorf("filtered: %+v", b.Agencies)
	}
	html := call(t, s.index, event("GET", "/dashboard/2020", nil, "Accept", "text/html"))
	for _, want := range []string{"<progress", "逾期未报", "西工区民政局", `href="/reports/2020-` + seedCode, "/stats/2020", "/exports/2020.xlsx"} {
		if !strings.Contains(html.Body, want) {
			t.Errorf("dashboard page lacks %q", want)
		}
	}
	if html.Headers["Content-Security-Policy"] == "" || html.Headers["Vary"] != "Accept" {
		t.Errorf("dashboard page headers: %v", html.Headers)
	}
	for _, q := range []string{"?status=late", "?region=" + strings.Repeat("区", 65), "?region=%01"} {
		if r := call(t, s.index, event("GET", "/dashboard/2020"+q, nil)); r.StatusCode != 400 {
			t.Errorf("GET /dashboard/2020%s: %d, want 400", q, r.StatusCode)
		}
	}
	if r := call(t, s.index, event("GET", "/dashboard/2018", nil)); r.StatusCode != 400 {
		t.Errorf("GET /dashboard/2018: %d, want 400", r.StatusCode)
	}
}

// fileVariants files the 2021 example for test agencies 0..n-1.
func fileVariants(t *testing.T, s stack, n int) []string {
	t.Helper()
	example := readTestdata(t, "example-2021.json")
	var codes []string
	for i := range n {
		if r := call(t, s.upload, event("POST", "/reports", reporttest.Variant(example, i, 0), "Content-Type", jsonType)); r.StatusCode != 201 {
			t.Fatalf("file variant %d: %d %s", i, r.StatusCode, r.Body)
		}
		codes = append(codes, reporttest.CreditCode(i))
	}
	return codes
}

// The office asks for its summary, writes its prose and files it like any
// report.
func TestSummaryIsFiledOnceTheProseIsWritten(t *testing.T) {
	s := newStack(t, nil)
	codes := fileVariants(t, s, 3)
	office := reporttest.CreditCode(500)
	body, _ := json.Marshal(summary.Request{Agency: summary.Agency{Name: "湖州市人民政府", CreditCode: office, Region: "浙江省湖州市"}, Members: codes})
	resp := call(t, s.office, event("POST", "/summaries/2023", body, "Content-Type", jsonType))
	var res summary.Result
	decodeBody(t, resp, &res)
	if resp.StatusCode != 200 || res.Members.Summed != 3 {
		t.Fatalf("summary: %d %.300s", resp.StatusCode, resp.Body)
	}
	draft, _ := report.Decode(res.Draft)
	nr, _ := draft.Cell("table3.newReceived.total")
	if nr.Value != report.Int(3*116) {
		t.Errorf("新收 summed to %s, want %d", nr, 3*116)
	}
	draft.Sections.ProblemsAndImprovements = "个别机关年报发布不够及时，将加强督促。"
	draft.Sections.OtherMatters = "无其他需要报告的事项。本年度未收取信息处理费。"
	filed := call(t, s.upload, event("POST", "/reports", draft.Canonical(), "Content-Type", jsonType))
	if filed.StatusCode != 201 {
		t.Fatalf("filing the completed summary: %d %s", filed.StatusCode, filed.Body)
	}
	if strings.Contains(filed.Body, `"severity":"error"`) {
		t.Errorf("the filed summary has errors: %s", filed.Body)
	}
}

func TestSummaryRefusals(t *testing.T) {
	s := newStack(t, nil)
	codes := fileVariants(t, s, 1)
	st := s.store.(Store)
	deployed := NewOffice(newRegistry(t, s.store), Supervision{Store: st, Files: workbook.Files{}}, quiet)
	agencyJSON := `"agency":{"name":"湖州市人民政府","creditCode":"` + reporttest.CreditCode(500) + `"}`
	post := func(body string) Request {
		return event("POST", "/summaries/2023", []byte(body), "Content-Type", jsonType)
	}
	for _, tc := range []struct {
		name     string
		h        HandlerFunc
		req      Request
		want     int
		contains string
	}{
		{"unknown member", s.office, post(`{` + agencyJSON + `,"members":["` + codes[0] + `","` + reporttest.CreditCode(77) + `"]}`), 422, `"code":"unknown-members"`},
		{"zero members", s.office, post(`{` + agencyJSON + `,"members":[]}`), 422, `"code":"no-members"`},
		{"empty region", s.office, post(`{` + agencyJSON + `,"region":"北京市"}`), 422, `"code":"no-members"`},
		{"malformed", s.office, post(`{"agency":1}`), 400, `"code":"bad-request"`},
		{"not JSON content", s.office, event("POST", "/summaries/2023", []byte("{}"), "Content-Type", "text/plain"), 415, "unsupported-media-type"},
		{"agency token", deployed, withClaims(post(`{`+agencyJSON+`,"members":["`+codes[0]+`"]}`), agency(codes[0])), 403, "forbidden"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := call(t, tc.h, tc.req)
			if resp.StatusCode != tc.want || !strings.Contains(resp.Body, tc.contains) {
				t.Errorf("%d %.300s; want %d containing %s", resp.StatusCode, resp.Body, tc.want, tc.contains)
			}
		})
	}
}

func TestStatsRoute(t *testing.T) {
	s := newStack(t, nil)
	fileVariants(t, s, 2)
	var f stats.Figures
	resp := call(t, s.office, event("GET", "/stats/2023?region=浙江省湖州市", nil))
	decodeBody(t, resp, &f)
	if resp.StatusCode != 200 || f.Agencies != 2 || len(f.Requests) != 2 || f.CorrectedRate != "14.3%" {
		t.Fatalf("stats: %d %.300s", resp.StatusCode, resp.Body)
	}
	html := call(t, s.office, event("GET", "/stats/2023", nil, "Accept", "text/html"))
	for _, want := range []string{"<svg", `aria-labelledby="requests-t requests-d"`, "<caption>办理结果（件）</caption>", "被纠错率 14.3%", "<caption>历年主要数字（件）</caption>"} {
		if !strings.Contains(html.Body, want) {
			t.Errorf("stats page lacks %q", want)
		}
	}
	if strings.Contains(html.Body, "<script") || html.Headers["Content-Security-Policy"] == "" {
		t.Error("stats page has a script or no CSP")
	}
}

func TestExportRoute(t *testing.T) {
	s := newStack(t, nil)
	fileVariants(t, s, 2)
	resp := call(t, s.office, event("GET", "/exports/2023.xlsx", nil))
	if resp.StatusCode != 200 || resp.Headers["Content-Type"] != xlsxType || !resp.IsBase64Encoded ||
		!strings.Contains(resp.Headers["Content-Disposition"], "attachment") {
		t.Fatalf("export: %d %v", resp.StatusCode, resp.Headers)
	}
	data, err := base64.StdEncoding.DecodeString(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("open the export: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows("表三")
	if err != nil || len(rows) != 6+2 || rows[6][1] != reporttest.CreditCode(0) || rows[6][3] != "96" {
		t.Errorf("表三: %v rows, %v", len(rows), err)
	}
	for _, tc := range []struct {
		path string
		want int
	}{{"/exports/2023.csv", 404}, {"/exports/2018.xlsx", 400}, {"/exports/2023.xlsx?region=" + strings.Repeat("区", 65), 400}} {
		if r := call(t, s.office, event("GET", tc.path, nil)); r.StatusCode != tc.want {
			t.Errorf("GET %s: %d, want %d", tc.path, r.StatusCode, tc.want)
		}
	}
}
