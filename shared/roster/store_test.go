package roster

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/report/reporttest"
	"github.com/nianbao/nianbao/shared/store/fsstore"
)

var code1, code2 = reporttest.CreditCode(1), reporttest.CreditCode(2)

func TestSaveLoadReplace(t *testing.T) {
	ctx := context.Background()
	st, err := fsstore.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := Load(ctx, st, 2024); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Load of nothing: got %v, want ErrNotFound", err)
	}
	now := time.Date(2025, 1, 5, 9, 0, 0, 0, Beijing)
	r := &Roster{Year: 2024, Agencies: []Agency{{Name: "甲局", CreditCode: code1, Region: "某区", Category: Department}}}
	etag, err := Save(ctx, st, r, "", now)
	if err != nil {
		t.Fatalf("Save: %v", err)
	}
	got, gotTag, err := Load(ctx, st, 2024)
	if err != nil || gotTag != etag || len(got.Agencies) != 1 || !got.UpdatedAt.Equal(now) {
		t.Fatalf("Load: got %+v, %q, %v; want the saved roster, %q", got, gotTag, err, etag)
	}
	r.Agencies = append(r.Agencies, Agency{Name: "乙局", CreditCode: code2, Region: "某区", Category: Government})
	if _, err := Save(ctx, st, r, "", now); err != nil {
		t.Fatalf("replace: %v", err)
	}
	// A client that read the first version may not overwrite the second.
	if _, err := Save(ctx, st, r, etag, now); !errors.Is(err, ErrConflict) {
		t.Errorf("Save with a stale ETag: got %v, want ErrConflict", err)
	}
	if _, _, err := Load(ctx, st, 2023); !errors.Is(err, ErrNotFound) {
		t.Errorf("another year: got %v, want ErrNotFound", err)
	}
}

func TestDeadlines(t *testing.T) {
	for _, tc := range []struct {
		c    Category
		due  string
		last time.Time // the last instant that is on time
	}{
		{Department, "2025-01-31", time.Date(2025, 1, 31, 23, 59, 59, 0, Beijing)},
		{Government, "2025-03-31", time.Date(2025, 3, 31, 23, 59, 59, 0, Beijing)},
	} {
		d := tc.c.Deadline(2024)
		if got := tc.c.DueDate(2024); got != tc.due {
			t.Errorf("%s: DueDate = %s, want %s", tc.c, got, tc.due)
		}
		if !tc.last.Before(d) || d.Add(-time.Nanosecond).Before(tc.last) {
			t.Errorf("%s: deadline %v does not follow %v directly", tc.c, d, tc.last)
		}
		// 16:00 UTC on the due day is midnight in Beijing: already late.
		if utc := d.UTC(); utc.Hour() != 16 {
			t.Errorf("%s: deadline %v is not midnight in Beijing", tc.c, utc)
		}
	}
}
