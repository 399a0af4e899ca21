package summary

import (
	"context"
	"encoding/json"
	"time"

	"github.com/nianbao/nianbao/shared/members"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/validate"
)

// Input is what a summary is drawn from.
type Input struct {
	Year     int
	Request  Request
	Agencies []members.Agency // the year's agencies: members.Join of the roster and the catalog
	Reports  members.Reports
	Cache    members.Cache // nil reads every member's report
	Now      time.Time
}

// Result is the draft and what the office must know about it.
type Result struct {
	// Draft is the summary report in the contract (canonical JSON): the
	// tables summed, 总体情况 drafted, the other sections left to write.
	Draft json.RawMessage `json:"draft"`
	// Members counts the members: requested, summed, missing (nothing
	// filed) and unreadable (filed, but the stored report cannot be read).
	Members Counts `json:"members"`
	// Findings name the members that are missing, unreadable or in error,
	// and the cells some members marked "/", at most MaxFindings.
	Findings []report.Finding `json:"findings"`
	Omitted  int              `json:"omitted,omitempty"`
	// Check is the draft's own validation: what the office still has to
	// write (the required sections) before it can be filed.
	Check []report.Finding `json:"check"`

	report *report.Report
}

// Counts are the members of a summary by state.
type Counts struct {
	Requested  int `json:"requested"`
	Summed     int `json:"summed"`
	Missing    int `json:"missing"`
	Unreadable int `json:"unreadable"`
	WithErrors int `json:"withErrors"`
}

// MaxFindings caps the findings of one summary.
const MaxFindings = 500

// Report returns the draft as a decoded report.
func (r *Result) Report() *report.Report { return r.report }

// Build sums the members' current reports into a draft of the office's
// report. Refusals are *RefusedError: zero or unknown members, members in
// another format version, none filed, or a sum out of range. Other errors
// come from reading the store.
func Build(ctx context.Context, in Input) (*Result, error) {
	if err := in.Request.check(); err != nil {
		return nil, err
	}
	sc, err := resolve(in.Request, in.Year, in.Agencies)
	if err != nil {
		return nil, err
	}
	ms, err := members.ReadCached(ctx, in.Reports, in.Cache, in.Year, sc.filed, in.Now)
	if err != nil {
		return nil, err
	}
	v := report.VersionForYear(in.Year)
	l := report.LayoutOf(v)
	totals, err := add(l, ms)
	if err != nil {
		return nil, err
	}
	draft := report.New(v, in.Year)
	draft.Agency = report.Agency{Name: in.Request.Agency.Name, CreditCode: in.Request.Agency.CreditCode, Region: in.Request.Agency.Region}
	for i, c := range l.Cells() {
		draft.SetCell(c.Path, totals[i].cell())
	}
	res := &Result{report: draft, Findings: []report.Finding{}}
	res.Members.Requested = len(sc.filed) + len(sc.missing)
	f := findings{res: res}
	for _, a := range sc.missing {
		f.add(report.Finding{Rule: RuleMissing, Severity: report.Warning, Related: []string{a.CreditCode},
			Message: a.Name + "（" + a.CreditCode + "）尚未报送 " + itoa(in.Year) + " 年度年报，未计入汇总"})
	}
	for _, m := range ms {
		switch {
		case m.Report == nil:
			res.Members.Unreadable++
			f.add(report.Finding{Rule: RuleUnreadable, Severity: report.Error, Related: []string{m.CreditCode},
				Message: m.Name + "（" + m.CreditCode + "）的年报" + m.Unreadable + "，未计入汇总；请该机关重新报送"})
			continue
		case m.ErrorCount > 0:
			res.Members.WithErrors++
			f.add(report.Finding{Rule: RuleMemberErrors, Severity: report.Error, Path: m.Errors[0].Path, Related: []string{m.CreditCode},
				Got:     itoa(m.ErrorCount),
				Message: m.Name + "（" + m.CreditCode + "）的年报按现行规则有 " + itoa(m.ErrorCount) + " 处错误，已计入汇总，请核实：" + m.Errors[0].Message})
		}
		res.Members.Summed++
	}
	res.Members.Missing = len(sc.missing)
	if res.Members.Summed == 0 {
		return nil, refuse(ReasonNoneFiled, "所选成员已报送的年报都无法读取，无法汇总；请这些机关重新报送")
	}
	for i, c := range l.Cells() {
		t := &totals[i]
		if len(t.na) == 0 {
			continue
		}
		msg := l.Describe(c.Path) + "：" + listNames(t.na) + "填写“/”（不适用），"
		if t.numbers > 0 {
			msg += "未计入合计；合计只含其余 " + itoa(t.numbers) + " 个成员的数字"
		} else {
			msg += "所有成员都填写“/”，汇总也为“/”"
		}
		f.add(report.Finding{Rule: RuleNotApplicable, Severity: report.Warning, Path: c.Path, Got: itoa(len(t.na)), Message: msg})
	}
	draft.Sections.Overview = overview(draft, res.Members.Summed, res.Members.Missing+res.Members.Unreadable)
	res.Draft = draft.Canonical()
	_, res.Check = validate.Document(res.Draft, validate.Options{Now: in.Now})
	if res.Check == nil {
		res.Check = []report.Finding{}
	}
	return res, nil
}

// The findings' rule codes: they concern the summary's members, not a
// report's cells.
const (
	RuleMissing       = "member-missing"
	RuleUnreadable    = "member-unreadable"
	RuleMemberErrors  = "member-errors"
	RuleNotApplicable = "member-not-applicable"
)

type findings struct{ res *Result }

func (f findings) add(fd report.Finding) {
	if len(f.res.Findings) == MaxFindings {
		f.res.Omitted++
		return
	}
	f.res.Findings = append(f.res.Findings, fd)
}
