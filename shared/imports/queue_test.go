package imports

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/store"
	"github.com/nianbao/nianbao/shared/store/fsstore"
)

func testQueue(t *testing.T) (*Queue, *fsstore.Store) {
	t.Helper()
	st, err := fsstore.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	clock := time.Date(2021, 3, 2, 8, 0, 0, 0, time.UTC)
	return New(st).WithClock(func() time.Time { return clock }), st
}

func shaOf(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func reviewEntry(name string) Entry {
	return Entry{Year: 2020, SHA256: shaOf(name), Name: "inbox/2020/" + name, Size: 10, Kind: "html", State: Review,
		Reasons: []Reason{{Code: AgencyUnknown, Message: "机关名单中没有“西工区民政局”"}},
		Report:  json.RawMessage(`{"agency":{"name":"西工区民政局"}}`),
		Findings: []report.Finding{{Rule: "required", Severity: report.Error, Path: "agency.creditCode"},
			{Rule: "S7", Severity: report.Warning}}}
}

func TestSaveAndGet(t *testing.T) {
	q, _ := testQueue(t)
	ctx := context.Background()
	e := reviewEntry("a.html")
	etag, err := q.Save(ctx, &e, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := q.Save(ctx, &e, ""); !errors.Is(err, ErrConflict) {
		t.Errorf("a second create: %v, want ErrConflict", err)
	}
	got, gotTag, err := q.Get(ctx, 2020, e.SHA256)
	if err != nil || gotTag != etag || got.Name != e.Name || got.State != Review || got.Created.IsZero() || got.Created != got.UpdatedAt {
		t.Fatalf("Get = %+v, %q, %v", got, gotTag, err)
	}
	got.State = Filed
	if _, err := q.Save(ctx, &got, "stale"); !errors.Is(err, ErrConflict) {
		t.Errorf("save over a stale ETag: %v, want ErrConflict", err)
	}
	if _, err := q.Save(ctx, &got, etag); err != nil {
		t.Errorf("save over the current ETag: %v", err)
	}
	if _, _, err := q.Get(ctx, 2021, e.SHA256); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get of another year: %v, want ErrNotFound", err)
	}
	bad := Entry{Year: 2020, SHA256: "x", State: Review}
	if _, err := q.Save(ctx, &bad, ""); err == nil {
		t.Error("Save accepts a bad sha256")
	}
}

// TestGetRefusesMisplacedEntries: an object that is not the entry its key
// names is corrupt, never shown as that entry.
func TestGetRefusesMisplacedEntries(t *testing.T) {
	q, st := testQueue(t)
	ctx := context.Background()
	sha := shaOf("x")
	for _, body := range []string{`{"year":2020,"sha256":"` + shaOf("y") + `","state":"review"}`, `{"year":2021,"sha256":"` + sha + `","state":"review"}`,
		`{"year":2020,"sha256":"` + sha + `","state":"done"}`, `not json`} {
		if _, err := st.Put(ctx, Key(2020, sha), []byte(body), store.PutOptions{}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := q.Get(ctx, 2020, sha); !errors.Is(err, ErrCorrupt) {
			t.Errorf("Get of %s: %v, want ErrCorrupt", body, err)
		}
	}
}

func TestOriginals(t *testing.T) {
	q, _ := testQueue(t)
	ctx := context.Background()
	e := reviewEntry("b.html")
	if _, _, err := q.OpenOriginal(ctx, e); !errors.Is(err, ErrNotFound) {
		t.Errorf("OpenOriginal without one: %v", err)
	}
	for range 2 { // kept once; the second is the same bytes
		key, err := q.KeepOriginal(ctx, 2020, e.SHA256, "html", "text/html", []byte("<p>b</p>"))
		if err != nil || key != OriginalKey(2020, e.SHA256, "html") {
			t.Fatalf("KeepOriginal = %q, %v", key, err)
		}
		e.Original = key
	}
	rc, _, err := q.OpenOriginal(ctx, e)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(rc)
	rc.Close()
	if string(data) != "<p>b</p>" || e.OriginalExt() != "html" {
		t.Errorf("original = %q, ext %q", data, e.OriginalExt())
	}
	e.Original = "reports/2020/x/source.html" // an entry may only open its own original
	if _, _, err := q.OpenOriginal(ctx, e); !errors.Is(err, ErrNotFound) {
		t.Errorf("OpenOriginal of a foreign key: %v, want ErrNotFound", err)
	}
}

func TestMarkFiled(t *testing.T) {
	q, _ := testQueue(t)
	ctx := context.Background()
	e := reviewEntry("c.html")
	if _, err := q.Save(ctx, &e, ""); err != nil {
		t.Fatal(err)
	}
	const id = "2020-11410303MB0000009N-" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	// Concurrent marks (a double click): one writes, the others find it done.
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() { _, errs[i] = q.MarkFiled(ctx, 2020, e.SHA256, id) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Errorf("MarkFiled: %v", err)
		}
	}
	got, _, _ := q.Get(ctx, 2020, e.SHA256)
	if got.State != Filed || got.ID != id || got.FiledBy != ByForm || got.Reasons != nil {
		t.Errorf("entry after MarkFiled = %+v", got)
	}
	if _, err := q.MarkFiled(ctx, 2020, e.SHA256, "another"); !errors.Is(err, ErrNotInReview) {
		t.Errorf("marking a filed entry with another version: %v, want ErrNotInReview", err)
	}
	refused := Entry{Year: 2020, SHA256: shaOf("d"), Name: "d.pdf", State: Refused}
	if _, err := q.Save(ctx, &refused, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := q.MarkFiled(ctx, 2020, refused.SHA256, id); !errors.Is(err, ErrNotInReview) {
		t.Errorf("marking a refused entry: %v, want ErrNotInReview", err)
	}
	if _, err := q.MarkFiled(ctx, 2020, shaOf("none"), id); !errors.Is(err, ErrNotFound) {
		t.Errorf("marking a missing entry: %v, want ErrNotFound", err)
	}
}

func TestList(t *testing.T) {
	q, st := testQueue(t)
	ctx := context.Background()
	entries := []Entry{
		{Year: 2020, SHA256: shaOf("1"), Name: "z.pdf", State: Filed, ID: "x", FiledBy: ByImport,
			Agency: &Agency{Name: "西工区教育体育局", CreditCode: "11410303MB0000001X", Source: "roster"}},
		reviewEntry("b.html"),
		{Year: 2020, SHA256: shaOf("3"), Name: "junk.bin", State: Refused, Reasons: []Reason{{Code: NotReadable, Message: "不是年报"}}},
		reviewEntry("a.html"),
		{Year: 2021, SHA256: shaOf("4"), Name: "other-year.pdf", State: Review},
	}
	for i := range entries {
		if _, err := q.Save(ctx, &entries[i], ""); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := q.KeepOriginal(ctx, 2020, shaOf("a.html"), "html", "text/html", []byte("a")); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Put(ctx, Key(2020, shaOf("broken")), []byte("{"), store.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	l, err := q.List(ctx, 2020)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range l.Entries {
		names = append(names, s.Name)
	}
	if want := []string{"inbox/2020/a.html", "inbox/2020/b.html", "junk.bin", "z.pdf"}; !slices.Equal(names, want) {
		t.Errorf("listed %q, want %q", names, want)
	}
	if l.Counts[Review] != 2 || l.Counts[Refused] != 1 || l.Counts[Filed] != 1 || l.Unreadable != 1 {
		t.Errorf("counts %v, unreadable %d", l.Counts, l.Unreadable)
	}
	first, last := l.Entries[0], l.Entries[3]
	if first.AgencyName != "西工区民政局" || first.Errors != 1 || first.Warnings != 1 || !first.HasDraft {
		t.Errorf("review summary %+v: want the printed name and the finding counts", first)
	}
	if last.AgencyName != "西工区教育体育局" || last.CreditCode != "11410303MB0000001X" || last.HasDraft {
		t.Errorf("filed summary %+v: want the matched agency", last)
	}
}

func TestParseRef(t *testing.T) {
	sha := shaOf("x")
	tests := []struct {
		ref  string
		year int
		ok   bool
	}{
		{"2020/" + sha, 2020, true},
		{"2020/" + sha[:63], 0, false},
		{"2020/" + sha + "/x", 0, false},
		{"2018/" + sha, 0, false},
		{"02020/" + sha, 0, false},
		{"2020-" + sha, 0, false},
		{"2020/" + "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		year, got, err := ParseRef(tt.ref)
		if (err == nil) != tt.ok || (err != nil && !errors.Is(err, ErrBadRef)) || year != tt.year {
			t.Errorf("ParseRef(%q) = %d, %v; want ok=%v", tt.ref, year, err, tt.ok)
		}
		if err == nil && Ref(year, got) != tt.ref {
			t.Errorf("Ref(ParseRef(%q)) = %q", tt.ref, Ref(year, got))
		}
	}
}

func FuzzParseRef(f *testing.F) {
	f.Add("2020/" + shaOf("x"))
	f.Fuzz(func(t *testing.T, ref string) {
		year, sha, err := ParseRef(ref)
		if err == nil && (Ref(year, sha) != ref || Key(year, sha) != "imports/"+ref+".json") {
			t.Fatalf("ParseRef(%q) = %d, %q: does not round-trip", ref, year, sha)
		}
	})
}
