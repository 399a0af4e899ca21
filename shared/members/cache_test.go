package members_test

import (
	"context"
	"io"
	"sync/atomic"
	"testing"

	"github.com/nianbao/nianbao/shared/members"
	"github.com/nianbao/nianbao/shared/members/memberstest"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/store/fsstore"
)

// counting counts the reports a source opens.
type counting struct {
	*memberstest.Source
	opens atomic.Int32
}

func (c *counting) OpenJSON(ctx context.Context, id string) (io.ReadCloser, error) {
	c.opens.Add(1)
	return c.Source.OpenJSON(ctx, id)
}

func TestReadCachedReadsEachVersionOnce(t *testing.T) {
	ctx := context.Background()
	st, err := fsstore.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cache := members.StoreCache{Store: st}
	src := &counting{Source: memberstest.New()}
	var entries []members.Entry
	for i := range 5 {
		r := memberstest.Agency(t, i, "机关", "某市", int64(i+1))
		if i == 2 {
			r.SetCell("table2.art20_8.administrativeFees.feeAmountWanYuan", report.Cell{State: report.NotApplicable})
		}
		entries = append(entries, src.File(t, r, filedAt))
	}
	first, err := members.ReadCached(ctx, src, cache, 2023, entries, filedAt)
	if err != nil || src.opens.Load() != 5 {
		t.Fatalf("first read: %v, %d opens", err, src.opens.Load())
	}
	// A new version of one agency: only it is fetched again.
	entries[4] = src.File(t, memberstest.Agency(t, 4, "机关", "某市", 50), filedAt)
	second, err := members.ReadCached(ctx, src, cache, 2023, entries, filedAt)
	if err != nil || src.opens.Load() != 6 {
		t.Fatalf("second read: %v, %d opens, want 6", err, src.opens.Load())
	}
	for i := range 4 {
		a, b := first[i].Report, second[i].Report
		for j := range a.Layout().Cells() {
			if a.CellAt(j) != b.CellAt(j) {
				t.Fatalf("member %d cell %d: cached %v, read %v", i, j, b.CellAt(j), a.CellAt(j))
			}
		}
		if second[i].Report.Agency.CreditCode != entries[i].CreditCode || second[i].WarningCount != first[i].WarningCount {
			t.Errorf("member %d from the cache: %+v", i, second[i])
		}
	}
	if c, _ := second[4].Report.Cell("table3.newReceived.total"); c.Value != report.Int(50*116) {
		t.Errorf("the new version: 新收 %s", c)
	}
}

func TestReadCachedWithoutCache(t *testing.T) {
	src := &counting{Source: memberstest.New()}
	e := src.File(t, memberstest.Agency(t, 1, "机关", "某市", 1), filedAt)
	for range 2 {
		if _, err := members.ReadCached(context.Background(), src, nil, 2023, []members.Entry{e}, filedAt); err != nil {
			t.Fatal(err)
		}
	}
	if src.opens.Load() != 2 {
		t.Errorf("%d opens, want 2", src.opens.Load())
	}
}
