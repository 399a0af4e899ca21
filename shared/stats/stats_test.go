package stats

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/members/memberstest"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/roster"
)

var (
	filedAt = time.Date(2024, 1, 20, 10, 0, 0, 0, roster.Beijing)
	now     = time.Date(2024, 4, 2, 9, 0, 0, 0, roster.Beijing)
)

func noRosters(context.Context, int) (*roster.Roster, error) { return nil, nil }

// source: 2023 has the example ×1 and ×2 in 湖州 and ×5 in 嘉兴; 2022 has
// the example (relabelled 2022) ×3 in 湖州.
func source(t *testing.T) *memberstest.Source {
	src := memberstest.New()
	src.File(t, memberstest.Agency(t, 1, "吴兴区人民政府", "浙江省湖州市吴兴区", 1), filedAt)
	src.File(t, memberstest.Agency(t, 2, "南浔区人民政府", "浙江省湖州市南浔区", 2), filedAt)
	src.File(t, memberstest.Agency(t, 3, "嘉兴市教育局", "浙江省嘉兴市", 5), filedAt)
	old := memberstest.Agency(t, 1, "吴兴区人民政府", "浙江省湖州市吴兴区", 3)
	old.ReportYear = 2022
	src.File(t, old, filedAt)
	return src
}

func TestCompute(t *testing.T) {
	src := source(t)
	ex := memberstest.Example(t)
	cell := func(path string) int64 { c, _ := ex.Cell(path); return int64(c.Value / report.Unit) }
	f, err := Compute(context.Background(), src, nil, noRosters, 2023, "浙江省湖州市", now)
	if err != nil {
		t.Fatal(err)
	}
	if f.Agencies != 2 || len(f.Requests) != 2 || f.Requests[0].Name != "南浔区人民政府" || f.Requests[0].NewReceived != 2*cell("table3.newReceived.total") {
		t.Errorf("requests: got %d agencies, %+v", f.Agencies, f.Requests)
	}
	if f.Done != 3*cell("table3.results.resultsTotal.total") {
		t.Errorf("done: got %d", f.Done)
	}
	var sum int64
	for _, o := range f.Outcomes {
		sum += o.Count
	}
	if sum != f.Done || len(f.Outcomes) != 6 || f.Outcomes[1].Label != "（二）部分公开" || f.Outcomes[2].Label != "（三）不予公开" {
		t.Errorf("outcomes: got %+v (sum %d, want %d)", f.Outcomes, sum, f.Done)
	}
	if want := 3 * cell("table3.results.refused.stateSecret.total"); want > f.Outcomes[2].Count {
		t.Errorf("不予公开 %d holds less than its first row %d", f.Outcomes[2].Count, want)
	}
	// 表四 of the example: 1 corrected of 7 decided, times three.
	if f.Corrected != 3 || f.Decided != 21 || f.CorrectedRate != "14.3%" || len(f.Review) != 3 || f.Review[1].Label != "行政诉讼—未经复议直接起诉" {
		t.Errorf("review: got %d of %d (%s), %+v", f.Corrected, f.Decided, f.CorrectedRate, f.Review)
	}
	if len(f.Trend) != 2 || f.Trend[0].Year != 2022 || f.Trend[0].NewReceived != 3*cell("table3.newReceived.total") ||
		f.Trend[1].Agencies != 2 || f.TrendFrom != 2022 {
		t.Errorf("trend: got %+v from %d", f.Trend, f.TrendFrom)
	}
	all, err := Compute(context.Background(), src, nil, noRosters, 2023, "", now)
	if err != nil || all.Agencies != 3 {
		t.Errorf("every region: got %+v, %v", all, err)
	}
}

func TestComputeWithARosterRegion(t *testing.T) {
	src := source(t)
	// The roster puts the 嘉兴 filer under 湖州 (its report says otherwise): the roster decides.
	rosters := func(_ context.Context, y int) (*roster.Roster, error) {
		if y != 2023 {
			return nil, nil
		}
		return &roster.Roster{Year: 2023, Agencies: []roster.Agency{{Name: "嘉兴市教育局", CreditCode: memberstest.Agency(t, 3, "", "", 1).Agency.CreditCode, Region: "浙江省湖州市", Category: roster.Department}}}, nil
	}
	f, err := Compute(context.Background(), src, nil, rosters, 2023, "浙江省湖州市", now)
	if err != nil || f.Agencies != 3 {
		t.Errorf("got %d agencies, %v; want 3", f.Agencies, err)
	}
}

func TestComputeEmptyYearAndFailures(t *testing.T) {
	src := source(t)
	f, err := Compute(context.Background(), src, nil, noRosters, 2025, "", now)
	if err != nil || f.Agencies != 0 || len(f.Outcomes) != 6 || f.CorrectedRate != "—" || len(f.Trend) != 2 {
		t.Errorf("a year nobody filed for: got %+v, %v", f, err)
	}
	src.Fail = errors.New("down")
	if _, err := Compute(context.Background(), src, nil, noRosters, 2023, "", now); err == nil {
		t.Error("a failing store gave no error")
	}
}

func TestCharts(t *testing.T) {
	f, err := Compute(context.Background(), source(t), nil, noRosters, 2023, "", now)
	if err != nil {
		t.Fatal(err)
	}
	charts := f.Charts()
	if len(charts) != 4 {
		t.Fatalf("got %d charts", len(charts))
	}
	for _, c := range charts {
		if !strings.HasPrefix(c.SVG, "<svg") || !strings.Contains(c.SVG, `aria-labelledby="`+c.ID+"-t") {
			t.Errorf("%s: not a labelled SVG: %.200s", c.ID, c.SVG)
		}
	}
	if !strings.Contains(charts[0].SVG, "嘉兴市教育局") {
		t.Error("the requests chart does not name the agencies")
	}
}

func TestPercent(t *testing.T) {
	for _, tc := range []struct {
		part, whole int64
		want        string
	}{{1, 7, "14.3%"}, {1, 8, "12.5%"}, {2, 3, "66.7%"}, {0, 5, "0.0%"}, {5, 5, "100.0%"}, {1, 0, "—"}} {
		if got := Percent(tc.part, tc.whole); got != tc.want {
			t.Errorf("Percent(%d, %d) = %s, want %s", tc.part, tc.whole, got, tc.want)
		}
	}
}
