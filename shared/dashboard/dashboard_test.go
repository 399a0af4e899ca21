package dashboard

import (
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/members"
	"github.com/nianbao/nianbao/shared/report/reporttest"
	"github.com/nianbao/nianbao/shared/roster"
)

func at(month time.Month, day, hour, minute int) time.Time {
	return time.Date(2025, month, day, hour, minute, 0, 0, roster.Beijing)
}

func code(n int) string { return reporttest.CreditCode(n) }

// fixture: five departments and a government of 甲市 and 乙市, on the roster;
// one filer not on it.
func fixture() (*roster.Roster, []members.Entry) {
	ros := &roster.Roster{Year: 2024, Agencies: []roster.Agency{
		{Name: "甲市教育局", CreditCode: code(1), Region: "甲市", Category: roster.Department},
		{Name: "甲市民政局", CreditCode: code(2), Region: "甲市", Category: roster.Department},
		{Name: "甲市财政局", CreditCode: code(3), Region: "甲市", Category: roster.Department},
		{Name: "甲市人民政府", CreditCode: code(4), Region: "甲市", Category: roster.Government},
		{Name: "乙市教育局", CreditCode: code(5), Region: "乙市", Category: roster.Department},
	}}
	entries := []members.Entry{
		{ID: "a", CreditCode: code(1), Name: "甲市教育局", FiledAt: at(time.January, 20, 10, 0), Warnings: 2, Versions: 1},
		// Filed at 23:59 on the last day, corrected on 3 February: on time.
		{ID: "b", CreditCode: code(2), Name: "甲市民政局", FirstFiledAt: at(time.January, 31, 23, 59), FiledAt: at(time.February, 3, 9, 0), Versions: 2},
		// Midnight is the next day: late.
		{ID: "c", CreditCode: code(3), Name: "甲市财政局", FiledAt: at(time.February, 1, 0, 0), Versions: 1},
		{ID: "z", CreditCode: code(9), Name: "丙县文旅局", Region: "甲市丙县", FiledAt: at(time.January, 5, 8, 30), Versions: 1},
	}
	return ros, entries
}

func TestStatusAgainstTheDeadlines(t *testing.T) {
	ros, entries := fixture()
	for _, tc := range []struct {
		name string
		now  time.Time
		want map[string]Status // by credit code
	}{
		{"in February", at(time.February, 10, 12, 0), map[string]Status{
			code(1): Filed, code(2): Filed, code(3): FiledLate, code(4): Missing, code(5): Overdue}},
		{"in April", at(time.April, 1, 0, 0), map[string]Status{
			code(1): Filed, code(2): Filed, code(3): FiledLate, code(4): Overdue, code(5): Overdue}},
		{"in January", at(time.January, 10, 0, 0), map[string]Status{
			code(1): Filed, code(2): Filed, code(3): FiledLate, code(4): Missing, code(5): Missing}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := Build(2024, ros, entries, tc.now, Filter{})
			if len(b.Agencies) != 5 {
				t.Fatalf("got %d agencies, want 5", len(b.Agencies))
			}
			for _, r := range b.Agencies {
				if r.Status != tc.want[r.CreditCode] {
					t.Errorf("%s: got %s, want %s", r.Name, r.Status, tc.want[r.CreditCode])
				}
			}
			if len(b.OffRoster) != 1 || b.OffRoster[0].Name != "丙县文旅局" || b.OffRoster[0].Status != Filed {
				t.Errorf("off roster: got %+v", b.OffRoster)
			}
		})
	}
}

func TestCountsAndFilters(t *testing.T) {
	ros, entries := fixture()
	now := at(time.February, 10, 12, 0)
	b := Build(2024, ros, entries, now, Filter{})
	if want := (Counts{Total: 5, Filed: 2, FiledLate: 1, Missing: 1, Overdue: 1, Percent: 60}); b.Totals != want {
		t.Errorf("totals: got %+v, want %+v", b.Totals, want)
	}
	wantGroups := []Group{
		{Region: "甲市", Category: roster.Department, Counts: Counts{Total: 3, Filed: 2, FiledLate: 1, Percent: 100}},
		{Region: "甲市", Category: roster.Government, Counts: Counts{Total: 1, Missing: 1}},
		{Region: "乙市", Category: roster.Department, Counts: Counts{Total: 1, Overdue: 1}},
	}
	// 乙 (U+4E59) sorts before 甲 (U+7532).
	wantGroups = append(wantGroups[2:], wantGroups[:2]...)
	if len(b.Groups) != len(wantGroups) {
		t.Fatalf("groups: got %+v", b.Groups)
	}
	for i := range wantGroups {
		if b.Groups[i] != wantGroups[i] {
			t.Errorf("group %d: got %+v, want %+v", i, b.Groups[i], wantGroups[i])
		}
	}
	f := Build(2024, ros, entries, now, Filter{Region: "甲市", Status: Missing})
	if len(f.Agencies) != 1 || f.Agencies[0].Name != "甲市人民政府" || f.Totals.Total != 4 {
		t.Errorf("甲市, missing: got %+v, totals %+v", f.Agencies, f.Totals)
	}
	if len(f.OffRoster) != 0 {
		t.Errorf("甲市, missing: off-roster filers are filed, got %+v", f.OffRoster)
	}
	if got := Build(2024, ros, entries, now, Filter{Region: "甲市"}).OffRoster; len(got) != 1 {
		t.Errorf("甲市 holds 甲市丙县: got %+v", got)
	}
	if r := b.Agencies[1]; r.Name != "甲市教育局" || r.FiledAt != "2025-01-20 10:00" || r.Due != "2025-01-31" || r.Warnings != 2 || r.Link() != "/reports/a" {
		t.Errorf("row: got %+v", r)
	}
}

func TestNoRoster(t *testing.T) {
	_, entries := fixture()
	b := Build(2024, nil, entries, at(time.February, 10, 12, 0), Filter{})
	if b.HasRoster || len(b.Agencies) != 0 || len(b.OffRoster) != 4 || b.Totals.Total != 0 {
		t.Errorf("got %+v", b)
	}
}

func TestParseStatus(t *testing.T) {
	for _, s := range []string{"", "missing", "overdue", "filed", "filed-late"} {
		if _, ok := ParseStatus(s); !ok {
			t.Errorf("ParseStatus(%q) refused", s)
		}
	}
	if _, ok := ParseStatus("late"); ok {
		t.Error("ParseStatus(late) accepted")
	}
}
