package summary

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/members"
	"github.com/nianbao/nianbao/shared/members/memberstest"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/report/reporttest"
	"github.com/nianbao/nianbao/shared/roster"
	"github.com/nianbao/nianbao/shared/validate"
)

var (
	filedAt = time.Date(2024, 1, 20, 10, 0, 0, 0, roster.Beijing)
	now     = time.Date(2024, 4, 2, 9, 0, 0, 0, roster.Beijing)
	office  = Agency{Name: "湖州市人民政府", CreditCode: reporttest.CreditCode(900), Region: "浙江省湖州市"}
)

// year fills a source with three members of 浙江省湖州市 (the example times
// 1, 2 and 3) and one of another city, and a roster with one more member of
// 湖州 that has not filed.
type year struct {
	src      *memberstest.Source
	roster   *roster.Roster
	example  *report.Report
	agencies []members.Agency
}

func newYear(t *testing.T) *year {
	t.Helper()
	y := &year{src: memberstest.New(), example: memberstest.Example(t)}
	y.roster = &roster.Roster{Year: 2023}
	for i, name := range []string{"吴兴区人民政府", "南浔区人民政府", "湖州市教育局"} {
		r := memberstest.Agency(t, i+1, name, "浙江省湖州市", int64(i+1))
		y.src.File(t, r, filedAt)
		y.roster.Agencies = append(y.roster.Agencies, roster.Agency{Name: name, CreditCode: r.Agency.CreditCode, Region: "浙江省湖州市", Category: roster.Government})
	}
	y.roster.Agencies = append(y.roster.Agencies, roster.Agency{Name: "湖州市民政局", CreditCode: reporttest.CreditCode(4), Region: "浙江省湖州市", Category: roster.Department})
	y.src.File(t, memberstest.Agency(t, 5, "嘉兴市教育局", "浙江省嘉兴市", 7), filedAt)
	y.join(t)
	return y
}

func (y *year) join(t *testing.T) {
	t.Helper()
	entries, err := y.src.Entries(context.Background(), 2023)
	if err != nil {
		t.Fatal(err)
	}
	y.agencies = members.Join(y.roster, entries)
}

func (y *year) build(req Request) (*Result, error) {
	return Build(context.Background(), Input{Year: 2023, Request: req, Agencies: y.agencies, Reports: y.src, Now: now})
}

func TestBuildSumsEveryCellExactly(t *testing.T) {
	y := newYear(t)
	for _, req := range []Request{
		{Agency: office, Region: "浙江省湖州市"},
		{Agency: office, Members: []string{reporttest.CreditCode(1), reporttest.CreditCode(2), reporttest.CreditCode(3), reporttest.CreditCode(4)}},
	} {
		res, err := y.build(req)
		if err != nil {
			t.Fatalf("Build(%+v): %v", req, err)
		}
		draft := res.Report()
		for _, c := range draft.Layout().Cells() {
			ex, _ := y.example.Cell(c.Path)
			got, _ := draft.Cell(c.Path)
			want := report.Cell{State: report.Number, Value: ex.Value * 6} // 1 + 2 + 3
			if got != want {
				t.Errorf("%s: got %s, want %s (6 × %s)", c.Path, got, want, ex)
			}
		}
		if res.Members != (Counts{Requested: 4, Summed: 3, Missing: 1}) {
			t.Errorf("members: got %+v", res.Members)
		}
		if len(res.Findings) != 1 || res.Findings[0].Rule != RuleMissing || !strings.Contains(res.Findings[0].Message, "湖州市民政局") {
			t.Errorf("findings: got %+v, want the missing 湖州市民政局", res.Findings)
		}
		// The draft is a report in the contract: it decodes as it was built.
		back, fs := report.Decode(res.Draft)
		for _, f := range fs {
			if f.Rule != report.RuleRequired {
				t.Errorf("decoding the draft: %+v", f)
			}
		}
		if back == nil || string(back.Canonical()) != string(res.Draft) {
			t.Errorf("the draft does not decode to itself: %v", fs)
		}
	}
}

func TestDraftValidatesOnceTheProseIsWritten(t *testing.T) {
	y := newYear(t)
	res, err := y.build(Request{Agency: office, Region: "浙江省湖州市"})
	if err != nil {
		t.Fatal(err)
	}
	var missing []string
	for _, f := range res.Check {
		if f.Severity == report.Error {
			missing = append(missing, f.Path)
		}
	}
	if strings.Join(missing, ",") != "sections.problemsAndImprovements,sections.otherMatters" {
		t.Errorf("draft errors: got %v, want only the two sections the office writes", res.Check)
	}
	r, _ := report.Decode(res.Draft)
	r.Sections.ProblemsAndImprovements = "部分机关年报报送不够及时，下一步将加强督促指导。"
	r.Sections.OtherMatters = "本年度未收取信息处理费。"
	fs := validate.Check(r, validate.Options{Now: now})
	for _, f := range fs {
		if f.Severity != report.NotAssessable {
			t.Errorf("completed draft: %s %s %s", f.Rule, f.Path, f.Message)
		}
	}
}

func TestOverviewStatesTheMainFigures(t *testing.T) {
	y := newYear(t)
	res, err := y.build(Request{Agency: office, Members: []string{reporttest.CreditCode(1)}})
	if err != nil {
		t.Fatal(err)
	}
	want := "2023年，本地区纳入汇总的 1 个机关报送了政府信息公开工作年度报告，以下数字为各机关年报的合计。" +
		"全年新收政府信息公开申请116件，上年结转政府信息公开申请" + cellText(y.example, pathCarried) + "件。" +
		"办结" + cellText(y.example, pathDone) + "件，其中予以公开" + cellText(y.example, pathGranted) + "件，予以公开比例为"
	if got := res.Report().Sections.Overview; !strings.HasPrefix(got, want) {
		t.Errorf("overview:\ngot  %s\nwant %s…", got, want)
	}
	if got := res.Report().Sections.Overview; !strings.Contains(got, "因政府信息公开工作被申请行政复议5件，被提起行政诉讼4件。已审结的复议和诉讼案件中被纠错1件，被纠错率为14.3%。") {
		t.Errorf("overview lacks 表四's figures (1 corrected of 7 decided): %s", got)
	}
}

func cellText(r *report.Report, path string) string {
	c, _ := r.Cell(path)
	return c.String()
}

func TestNotApplicableCells(t *testing.T) {
	y := newYear(t)
	const path = "table2.art20_8.administrativeFees.feeAmountWanYuan"
	for _, n := range []int{1, 2} {
		r := memberstest.Agency(t, n, []string{"", "吴兴区人民政府", "南浔区人民政府"}[n], "浙江省湖州市", int64(n))
		r.SetCell(path, report.Cell{State: report.NotApplicable})
		y.src.File(t, r, filedAt)
	}
	y.join(t)
	res, err := y.build(Request{Agency: office, Members: []string{reporttest.CreditCode(1), reporttest.CreditCode(2), reporttest.CreditCode(3)}})
	if err != nil {
		t.Fatal(err)
	}
	ex, _ := y.example.Cell(path)
	if got, _ := res.Report().Cell(path); got.State != report.Number || got.Value != ex.Value*3 {
		t.Errorf("%s: got %s, want only the third member's %s", path, got, ex.Value*3)
	}
	if f := findRule(res, RuleNotApplicable); f == nil || f.Path != path || !strings.Contains(f.Message, "吴兴区人民政府、南浔区人民政府填写“/”") {
		t.Errorf("finding: got %+v", f)
	}
	res, err = y.build(Request{Agency: office, Members: []string{reporttest.CreditCode(1), reporttest.CreditCode(2)}})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := res.Report().Cell(path); got.State != report.NotApplicable {
		t.Errorf("every member wrote /: got %s, want /", got)
	}
}

func findRule(res *Result, rule string) *report.Finding {
	for i := range res.Findings {
		if res.Findings[i].Rule == rule {
			return &res.Findings[i]
		}
	}
	return nil
}

func TestUnreadableAndErroneousMembers(t *testing.T) {
	y := newYear(t)
	entries, _ := y.src.Entries(context.Background(), 2023)
	y.src.Corrupt(entries[0].ID, []byte("{not json"))
	bad := memberstest.Agency(t, 2, "南浔区人民政府", "浙江省湖州市", 2)
	bad.SetCell("table3.newReceived.total", report.Num(1)) // H3 now fails
	y.src.Corrupt(entries[1].ID, bad.Canonical())
	res, err := y.build(Request{Agency: office, Members: []string{entries[0].CreditCode, entries[1].CreditCode, entries[2].CreditCode}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Members != (Counts{Requested: 3, Summed: 2, Unreadable: 1, WithErrors: 1}) {
		t.Errorf("members: got %+v", res.Members)
	}
	if f := findRule(res, RuleUnreadable); f == nil || f.Related[0] != entries[0].CreditCode {
		t.Errorf("unreadable: got %+v", res.Findings)
	}
	if f := findRule(res, RuleMemberErrors); f == nil || f.Related[0] != entries[1].CreditCode || f.Got != "2" || !strings.HasPrefix(f.Path, "table3.") {
		t.Errorf("errors: got %+v", res.Findings)
	}
}

func TestRefusals(t *testing.T) {
	y := newYear(t)
	old := memberstest.Example(t)
	old.FormatVersion = report.Trial2019 // a member that filed in the trial format
	trial := report.New(report.Trial2019, 2023)
	trial.Agency = report.Agency{Name: "安吉县人民政府", CreditCode: reporttest.CreditCode(6), Region: "浙江省湖州市安吉县"}
	for _, c := range trial.Layout().Cells() {
		trial.SetCell(c.Path, report.Num(0))
	}
	y.src.File(t, trial, filedAt)
	y.join(t)
	for _, tc := range []struct {
		name, reason string
		req          Request
		members      []string
	}{
		{"zero members", ReasonNoMembers, Request{Agency: office, Members: []string{}}, nil},
		{"empty region", ReasonNoMembers, Request{Agency: office, Region: "浙江省杭州市"}, nil},
		{"unknown member", ReasonUnknown, Request{Agency: office, Members: []string{reporttest.CreditCode(1), reporttest.CreditCode(77)}}, []string{reporttest.CreditCode(77)}},
		{"mixed formats", ReasonMixedFormat, Request{Agency: office, Members: []string{reporttest.CreditCode(1), reporttest.CreditCode(6)}}, []string{reporttest.CreditCode(6)}},
		{"mixed formats in a region", ReasonMixedFormat, Request{Agency: office, Region: "浙江省湖州市"}, []string{reporttest.CreditCode(6)}},
		{"none filed", ReasonNoneFiled, Request{Agency: office, Members: []string{reporttest.CreditCode(4)}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := y.build(tc.req)
			var re *RefusedError
			if !errors.As(err, &re) || !errors.Is(err, ErrRefused) {
				t.Fatalf("got %v, want a refusal %s", err, tc.reason)
			}
			if re.Reason != tc.reason || strings.Join(re.Members, ",") != strings.Join(tc.members, ",") || re.Message == "" {
				t.Errorf("got %s %q %v, want %s %v", re.Reason, re.Message, re.Members, tc.reason, tc.members)
			}
		})
	}
}

func TestStoreFailureIsNotARefusal(t *testing.T) {
	y := newYear(t)
	y.src.Fail = errors.New("connection refused")
	_, err := y.build(Request{Agency: office, Region: "浙江省湖州市"})
	if err == nil || errors.Is(err, ErrRefused) {
		t.Fatalf("got %v, want the store's error", err)
	}
}

func TestDecodeRequest(t *testing.T) {
	cc := reporttest.CreditCode(1)
	agency := `"agency":{"name":"湖州市人民政府","creditCode":"` + office.CreditCode + `"}`
	for _, tc := range []struct {
		body string
		ok   bool
		want string // part of the message
	}{
		{`{` + agency + `,"members":["` + cc + `"]}`, true, ""},
		{`{` + agency + `,"region":"浙江省湖州市"}`, true, ""},
		{`{` + agency + `}`, false, "请给出 members"},
		{`{` + agency + `,"members":[]}`, false, "members 为空"},
		{`{` + agency + `,"members":["` + cc + `"],"region":"x"}`, false, "只能给出其一"},
		{`{` + agency + `,"members":["` + cc + `","` + cc + `"]}`, false, "第 2 项与第 1 项重复"},
		{`{` + agency + `,"members":["123"]}`, false, "第 1 项“123”不是有效的统一社会信用代码"},
		{`{` + agency + `,"members":["` + office.CreditCode + `"]}`, false, "含有本机关自己"},
		{`{"agency":{"name":"湖","creditCode":"` + office.CreditCode + `"},"region":"x"}`, false, "agency.name"},
		{`{` + agency + `,"region":"x","extra":1}`, false, "未知字段"},
		{`{` + agency + `,"members":"x"}`, false, "类型不对"},
		{`{` + agency + `,"region":"x"} {}`, false, "多余内容"},
	} {
		_, err := DecodeRequest([]byte(tc.body))
		if tc.ok != (err == nil) || (err != nil && !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("DecodeRequest(%s): got %v, want ok=%v %q", tc.body, err, tc.ok, tc.want)
		}
	}
}

func FuzzDecodeRequest(f *testing.F) {
	f.Add([]byte(`{"agency":{"name":"湖州市人民政府","creditCode":"` + office.CreditCode + `"},"members":["` + reporttest.CreditCode(1) + `"]}`))
	f.Add([]byte(`{"agency":{},"region":""}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		req, err := DecodeRequest(data)
		if err != nil {
			if !errors.Is(err, ErrRefused) {
				t.Fatalf("a refusal that is not ErrRefused: %v", err)
			}
			return
		}
		if !report.ValidCreditCode(req.Agency.CreditCode) || (len(req.Members) == 0) == (req.Region == "") {
			t.Fatalf("accepted %+v", req)
		}
	})
}
