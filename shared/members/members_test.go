package members_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/members"
	"github.com/nianbao/nianbao/shared/members/memberstest"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/report/reporttest"
	"github.com/nianbao/nianbao/shared/roster"
)

var filedAt = time.Date(2024, 1, 20, 10, 0, 0, 0, roster.Beijing)

func TestJoinKeepsRosterOrderThenOffRosterFilers(t *testing.T) {
	entries := []members.Entry{
		{CreditCode: reporttest.CreditCode(3), Name: "丙", Region: "乙市"},
		{CreditCode: reporttest.CreditCode(1), Name: "甲", Region: "甲市"},
		{CreditCode: reporttest.CreditCode(9), Name: "壬", Region: "甲市某区"},
	}
	ros := &roster.Roster{Year: 2023, Agencies: []roster.Agency{
		{Name: "丁（名册）", CreditCode: reporttest.CreditCode(4), Region: "甲市", Category: roster.Department},
		{Name: "甲（名册）", CreditCode: reporttest.CreditCode(1), Region: "甲市", Category: roster.Government},
	}}
	got := members.Join(ros, entries)
	want := []struct {
		code     string
		name     string
		onRoster bool
		filed    bool
	}{
		{reporttest.CreditCode(4), "丁（名册）", true, false},
		{reporttest.CreditCode(1), "甲（名册）", true, true},
		{reporttest.CreditCode(3), "丙", false, true},
		{reporttest.CreditCode(9), "壬", false, true},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d agencies, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.CreditCode != w.code || g.Name != w.name || g.OnRoster != w.onRoster || (g.Entry != nil) != w.filed {
			t.Errorf("agency %d: got %+v, want %+v", i, g, w)
		}
	}
	if in := members.InRegion(got, "甲市"); len(in) != 3 {
		t.Errorf("InRegion(甲市): got %d agencies, want 3 (甲市 and 甲市某区)", len(in))
	}
	if none := members.Join(nil, entries); len(none) != 3 || none[0].CreditCode != reporttest.CreditCode(1) {
		t.Errorf("Join without a roster: got %+v", none)
	}
}

func TestReadDecodesInOrderAndReportsWhatItCannotRead(t *testing.T) {
	src := memberstest.New()
	var entries []members.Entry
	for i := range 20 {
		entries = append(entries, src.File(t, memberstest.Agency(t, i, "机关", "某市", int64(i+1)), filedAt))
	}
	src.Corrupt(entries[7].ID, []byte("[]"))
	ms, err := members.Read(context.Background(), src, entries, filedAt)
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range ms {
		if m.CreditCode != entries[i].CreditCode {
			t.Fatalf("member %d is %s, want %s", i, m.CreditCode, entries[i].CreditCode)
		}
		if i == 7 {
			if m.Report != nil || m.Unreadable == "" {
				t.Errorf("member 7: got %+v, want unreadable", m)
			}
			continue
		}
		c, _ := m.Report.Cell("table3.newReceived.total")
		if c.Value != report.Int(116*int64(i+1)) || m.ErrorCount != 0 || m.Report.Sections.ProblemsAndImprovements != "" {
			t.Errorf("member %d: 新收 %s, %d errors, prose kept %v", i, c, m.ErrorCount, m.Report.Sections.ProblemsAndImprovements != "")
		}
	}
	src.Fail = errors.New("store down")
	if _, err := members.Read(context.Background(), src, entries, filedAt); err == nil {
		t.Error("Read over a failing store: got no error")
	}
}

func TestFiledJudgesTheFirstFiling(t *testing.T) {
	e := members.Entry{FiledAt: filedAt}
	if !e.Filed().Equal(filedAt) {
		t.Errorf("without FirstFiledAt: got %v", e.Filed())
	}
	e.FirstFiledAt = filedAt.Add(-time.Hour)
	if !e.Filed().Equal(e.FirstFiledAt) {
		t.Errorf("with FirstFiledAt: got %v", e.Filed())
	}
}
