package inbox

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/imports"
	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/roster"
	"github.com/nianbao/nianbao/shared/store"
)

// TestFilesKnownAgency: a published page and a published PDF of agencies
// on the list are filed with the list's credit code and region, their
// originals kept beside them.
func TestFilesKnownAgency(t *testing.T) {
	p, st := newProcessor(t)
	putObject(t, st, AgenciesKey(2020, "agencies.csv"), []byte(agenciesCSV))
	ctx := context.Background()
	for _, tc := range []struct {
		name, printed, code, ext string
		data                     []byte
	}{
		{"seed.html", "", seedCode, "html", page(t, published(t, "seed-2020.json", ""))},
		{"civil.pdf", civilName, civilCode, "pdf", pdf(t, published(t, "seed-2020.json", civilName))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := process(t, p, 2020, tc.name, tc.data)
			if e.State != imports.Filed || e.FiledBy != imports.ByImport || e.Reasons != nil {
				t.Fatalf("entry %s: state %s %v, want filed", tc.name, e.State, e.Reasons)
			}
			id, err := registry.ParseID(e.ID)
			if err != nil || id.CreditCode != tc.code || id.Year != 2020 {
				t.Fatalf("filed as %q (%v), want agency %s", e.ID, err, tc.code)
			}
			if e.Agency == nil || e.Agency.Source != AgenciesKey(2020, "agencies.csv") || e.Agency.Region != "河南省洛阳市西工区" {
				t.Errorf("agency %+v, want the list's", e.Agency)
			}
			if !slices.Equal(e.Filled, []string{pathCreditCode, pathRegion}) {
				t.Errorf("filled %v, want the credit code and the region", e.Filled)
			}
			m, err := p.reg.Manifest(ctx, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(tc.data)
			src := m.Files["source."+tc.ext]
			if src.SHA256 != hex.EncodeToString(sum[:]) || src.SHA256 != e.SHA256 || src.Size != int64(len(tc.data)) {
				t.Errorf("manifest's source.%s = %+v, want the original's SHA-256 %s", tc.ext, src, e.SHA256)
			}
			if m.Region != "河南省洛阳市西工区" {
				t.Errorf("filed region %q", m.Region)
			}
			got, _, err := p.queue.Get(ctx, 2020, e.SHA256)
			if err != nil || got.State != imports.Filed || got.ID != e.ID {
				t.Errorf("stored entry %+v, %v", got, err)
			}
		})
	}
}

// TestReview: what cannot be filed waits for a person with its draft, its
// findings, its original and why.
func TestReview(t *testing.T) {
	seed := published(t, "seed-2020.json", "")
	broken := published(t, "seed-2020.json", "")
	c, _ := broken.Cell("table3.newReceived.naturalPerson")
	c.Value += report.Int(5)
	broken.SetCell("table3.newReceived.naturalPerson", c)
	tests := []struct {
		name, list string
		year       int
		data       []byte
		reasons    []string
		message    string // in the first reason
		code       string // the draft's credit code
	}{
		{"not on the list", agenciesCSV, 2020, page(t, published(t, "seed-2020.json", "西工区文化和旅游局")),
			[]string{imports.AgencyUnknown}, "机关名单（inbox/2020/agencies.csv）中没有“西工区文化和旅游局”", ""},
		{"two on the list", agenciesCSV + "西工区教育体育局,11410303MB00000021,河南省洛阳市西工区\n", 2020, page(t, seed),
			[]string{imports.AgencyAmbiguous}, "都相符，无法确定是哪一个", ""},
		{"no list", "", 2020, page(t, seed),
			[]string{imports.AgencyUnknown}, "2020 年度还没有机关名单", ""},
		{"a broken list", "机关名称,统一社会信用代码,行政区划\n西工区教育体育局,11410303MB00000011,河南省洛阳市西工区\n", 2020, page(t, seed),
			[]string{imports.AgencyUnknown}, "机关名单 inbox/2020/agencies.csv 有 1 处错误", ""},
		{"another year's folder", agenciesCSV, 2021, page(t, seed),
			[]string{imports.YearMismatch}, "这是 2020 年度的年报，却放在 2021 年度的收件箱中", seedCode},
		{"a wrong total", agenciesCSV, 2020, page(t, broken),
			[]string{imports.Invalid}, "草稿还有", seedCode},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, st := newProcessor(t)
			if tt.list != "" {
				putObject(t, st, AgenciesKey(tt.year, "agencies.csv"), []byte(tt.list))
			}
			e := process(t, p, tt.year, "inbox/x/report.html", tt.data)
			if e.State != imports.Review || !slices.Equal(reasonCodes(e), tt.reasons) || !strings.Contains(e.Reasons[0].Message, tt.message) {
				t.Fatalf("entry: %s %+v; want review for %v, %q", e.State, e.Reasons, tt.reasons, tt.message)
			}
			d, _ := report.Decode(e.Report)
			if d == nil || d.Agency.CreditCode != tt.code || len(e.Findings) == 0 || len(e.Provenance) < 100 {
				t.Errorf("draft %s with %d findings, %d bytes of provenance; want credit code %q", e.Report, len(e.Findings), len(e.Provenance), tt.code)
			}
			rc, info, err := p.queue.OpenOriginal(context.Background(), e)
			if err != nil {
				t.Fatal(err)
			}
			rc.Close()
			if info.SHA256 != e.SHA256 || e.OriginalExt() != "html" {
				t.Errorf("kept original %+v (%s), want the file's SHA-256 %s", info, e.Original, e.SHA256)
			}
			if infos, _ := st.List(context.Background(), "reports/", "", 10); len(infos) != 0 {
				t.Errorf("a report in review left %d objects under reports/", len(infos))
			}
		})
	}
}

// TestRosterIsTheList: without an agencies file, the year's roster names
// the agencies.
func TestRosterIsTheList(t *testing.T) {
	p, st := newProcessor(t)
	ros := &roster.Roster{Year: 2020, Agencies: []roster.Agency{{Name: "西工区教育体育局", CreditCode: seedCode, Region: "河南省洛阳市西工区", Category: roster.Department}}}
	if _, err := roster.Save(context.Background(), st, ros, "", time.Now()); err != nil {
		t.Fatal(err)
	}
	e := process(t, p, 2020, "seed.html", page(t, published(t, "seed-2020.json", "")))
	if e.State != imports.Filed || e.Agency == nil || e.Agency.Source != roster.Key(2020) {
		t.Errorf("entry %s %+v %v, want filed by the roster", e.State, e.Agency, e.Reasons)
	}
}

// TestRefused: files that are no report are refused with the reason, and
// an oversized one is refused without being held in memory.
func TestRefused(t *testing.T) {
	p, _ := newProcessor(t)
	for _, tc := range []struct {
		name   string
		data   []byte
		reason string
	}{
		{"empty.txt", []byte(" \n"), "文件是空的"},
		{"old.doc", append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 600)...), ".docx"},
		{"menu.html", []byte("<html><body><p>首页</p><p>政务公开</p></body></html>"), ""},
	} {
		e := process(t, p, 2020, tc.name, tc.data)
		if e.State != imports.Refused || reasonCodes(e)[0] != imports.NotReadable || !strings.Contains(e.Reasons[0].Message, tc.reason) ||
			len(e.Findings) == 0 || e.Findings[0].Rule != "import-refused" {
			t.Errorf("%s: %s %+v %v, want refused for %q", tc.name, e.State, e.Reasons, e.Findings, tc.reason)
		}
	}
	big := io.MultiReader(strings.NewReader("%PDF-1.7\n"), zeros(11<<20))
	in, err := ReadInput(2020, "big.pdf", big)
	if err != nil {
		t.Fatal(err)
	}
	if in.Data != nil || in.Size != 11<<20+9 {
		t.Fatalf("ReadInput of 11 MB: %d bytes held, size %d", len(in.Data), in.Size)
	}
	e, err := p.Process(context.Background(), in)
	if err != nil || e.State != imports.Refused || !strings.Contains(e.Reasons[0].Message, "文件过大") {
		t.Errorf("an oversized file: %+v, %v", e, err)
	}
}

func zeros(n int64) io.Reader { return io.LimitReader(zeroReader{}, n) }

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// countPuts counts the writes that reach the store.
type countPuts struct {
	store.Store
	puts int
}

func (c *countPuts) Put(ctx context.Context, key string, body []byte, opts store.PutOptions) (store.Info, error) {
	c.puts++
	return c.Store.Put(ctx, key, body, opts)
}

// TestIdempotent: the same file again — under its name or another — comes
// to the same entry and writes nothing.
func TestIdempotent(t *testing.T) {
	_, fs := newProcessor(t)
	st := &countPuts{Store: fs}
	p := processorOn(t, st)
	putObject(t, st, AgenciesKey(2020, "agencies.csv"), []byte(agenciesCSV))
	files := map[string][]byte{
		"filed.html":  page(t, published(t, "seed-2020.json", "")),
		"review.html": page(t, published(t, "seed-2020.json", "西工区文化和旅游局")),
		"junk.txt":    []byte("这不是年报"),
	}
	first := map[string]imports.Entry{}
	for name, data := range files {
		first[name] = process(t, p, 2020, "inbox/2020/"+name, data)
	}
	before := st.puts
	for name, data := range files {
		again := process(t, p, 2020, "inbox/2020/copy-of-"+name, data)
		if again.State != first[name].State || again.ID != first[name].ID || again.UpdatedAt != first[name].UpdatedAt || again.Name != first[name].Name {
			t.Errorf("%s again: %+v, want the first entry %+v", name, again, first[name])
		}
	}
	if st.puts != before {
		t.Errorf("processing the same files again wrote %d objects", st.puts-before)
	}
}

// TestAgenciesLater: reports put before their agencies file wait for it,
// and the file files them — by Rematch (the file's own event), or when a
// report is put again.
func TestAgenciesLater(t *testing.T) {
	p, st := newProcessor(t)
	ctx := context.Background()
	seed := page(t, published(t, "seed-2020.json", ""))
	civil := page(t, published(t, "seed-2020.json", civilName))
	other := page(t, published(t, "seed-2020.json", "西工区文化和旅游局"))
	for name, data := range map[string][]byte{"seed.html": seed, "civil.html": civil, "other.html": other} {
		if e := process(t, p, 2020, name, data); e.State != imports.Review {
			t.Fatalf("%s without a list: %s", name, e.State)
		}
	}
	putObject(t, st, AgenciesKey(2020, "agencies.csv"), []byte(agenciesCSV))
	if e := process(t, p, 2020, "seed again.html", seed); e.State != imports.Filed {
		t.Errorf("the seed put again after the list: %s %v, want filed", e.State, e.Reasons)
	}
	done, err := p.Rematch(ctx, 2020)
	if err != nil {
		t.Fatal(err)
	}
	if done != (Rematched{Waiting: 2, Filed: 1, Review: 1}) {
		t.Errorf("Rematch = %+v, want the civil affairs bureau filed and the other still waiting", done)
	}
	l, err := p.queue.List(ctx, 2020)
	if err != nil {
		t.Fatal(err)
	}
	if l.Counts[imports.Filed] != 2 || l.Counts[imports.Review] != 1 {
		t.Errorf("counts after the list: %v", l.Counts)
	}
	for _, s := range l.Entries {
		if s.State == imports.Filed {
			m, err := p.reg.Manifest(ctx, s.ID)
			if err != nil || registry.SourceFile(m) != "source.html" {
				t.Errorf("%s filed without its original: %v %v", s.Name, m.Files, err)
			}
		}
	}
	if again, err := p.Rematch(ctx, 2020); err != nil || again != (Rematched{Waiting: 1, Review: 1}) {
		t.Errorf("a second Rematch = %+v, %v", again, err)
	}
}

// failingStore fails every write under a prefix while broken is set.
type failingStore struct {
	store.Store
	prefix string
	broken bool
}

func (f *failingStore) Put(ctx context.Context, key string, body []byte, opts store.PutOptions) (store.Info, error) {
	if f.broken && strings.HasPrefix(key, f.prefix) {
		return store.Info{}, fmt.Errorf("put %s: %w", key, store.ErrUnavailable)
	}
	return f.Store.Put(ctx, key, body, opts)
}

// TestStorageFailure: a store failing mid-way is an error to retry, the
// entry says failed meanwhile, nothing is listed half filed, and the retry
// files the report.
func TestStorageFailure(t *testing.T) {
	_, fs := newProcessor(t)
	st := &failingStore{Store: fs, prefix: "reports/", broken: true}
	p := processorOn(t, st)
	putObject(t, st, AgenciesKey(2020, "agencies.csv"), []byte(agenciesCSV))
	data := page(t, published(t, "seed-2020.json", ""))
	ctx := context.Background()
	if _, err := p.Process(ctx, NewInput(2020, "seed.html", data)); !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("Process on a failing store: %v, want ErrUnavailable", err)
	}
	sum := sha256.Sum256(data)
	e, _, err := p.queue.Get(ctx, 2020, hex.EncodeToString(sum[:]))
	if err != nil || e.State != imports.Failed || e.Attempts != 1 || reasonCodes(e)[0] != imports.StorageFailed {
		t.Fatalf("entry after the failure: %+v, %v", e, err)
	}
	if page, err := p.reg.List(ctx, registry.Filter{Year: 2020}); err != nil || len(page.Items) != 0 {
		t.Errorf("listed after a failed filing: %+v, %v", page.Items, err)
	}
	st.broken = false
	if e := process(t, p, 2020, "seed.html", data); e.State != imports.Filed || e.Attempts != 1 {
		t.Errorf("the retry: %s (attempts %d), want filed", e.State, e.Attempts)
	}
}

func TestParseKey(t *testing.T) {
	tests := []struct {
		key  string
		want Key
		ok   bool
	}{
		{"inbox/2020/a.pdf", Key{Year: 2020, Name: "a.pdf"}, true},
		{"inbox/2020/区县/西工区 年报.html", Key{Year: 2020, Name: "区县/西工区 年报.html"}, true},
		{"inbox/2020/agencies.csv", Key{Year: 2020, Name: "agencies.csv", Agencies: true}, true},
		{"inbox/2020/Agencies.XLSX", Key{Year: 2020, Name: "Agencies.XLSX", Agencies: true}, true},
		{"inbox/2020/sub/agencies.csv", Key{Year: 2020, Name: "sub/agencies.csv"}, true},
		{"inbox/2020/", Key{}, false},
		{"inbox/2020/dir/", Key{}, false},
		{"inbox/2018/a.pdf", Key{}, false},
		{"inbox/20x0/a.pdf", Key{}, false},
		{"inbox/a.pdf", Key{}, false},
		{"reports/2020/a.pdf", Key{}, false},
	}
	for _, tt := range tests {
		got, err := ParseKey(tt.key)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseKey(%q) = %+v, %v; want %+v ok=%v", tt.key, got, err, tt.want, tt.ok)
		}
	}
}

func FuzzParseKey(f *testing.F) {
	f.Add("inbox/2020/a.pdf")
	f.Add("inbox/2020/agencies.csv")
	f.Fuzz(func(t *testing.T, key string) {
		k, err := ParseKey(key)
		if err == nil && (fmt.Sprintf("%s%d/%s", Prefix, k.Year, k.Name) != key || k.Name == "") {
			t.Fatalf("ParseKey(%q) = %+v: not the key", key, k)
		}
	})
}

// listArrives puts the agencies file just before the first entry is
// written: the list comes while a report is being matched without it.
type listArrives struct {
	store.Store
	done bool
}

func (l *listArrives) Put(ctx context.Context, key string, body []byte, opts store.PutOptions) (store.Info, error) {
	if !l.done && strings.HasPrefix(key, "imports/") && strings.HasSuffix(key, ".json") {
		l.done = true
		if _, err := l.Store.Put(ctx, AgenciesKey(2020, "agencies.csv"), []byte(agenciesCSV), store.PutOptions{}); err != nil {
			return store.Info{}, err
		}
	}
	return l.Store.Put(ctx, key, body, opts)
}

// TestListArrivesMidway: a report matched without a list that arrives
// before its entry is written would miss the list's Rematch (which may
// have run first); the report looks for the list again and is filed.
func TestListArrivesMidway(t *testing.T) {
	_, fs := newProcessor(t)
	p := processorOn(t, &listArrives{Store: fs})
	e := process(t, p, 2020, "seed.html", page(t, published(t, "seed-2020.json", "")))
	if e.State != imports.Filed || e.List == "" {
		t.Errorf("entry %s %v (list %q), want filed against the list that arrived", e.State, e.Reasons, e.List)
	}
}
