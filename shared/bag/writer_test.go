package bag

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

func TestWriteThenVerify(t *testing.T) {
	reports := fakeReports(5, 3000, 800)
	zipped, sum := buildBag(t, testInfo(), reports)

	wantFiles := int64(1) // index.csv
	for _, r := range reports {
		wantFiles += 3
		if r.original != nil {
			wantFiles++
		}
	}
	if sum.Bytes != int64(len(zipped)) || sum.SHA256 != hexSum(zipped) {
		t.Errorf("Summary says %d bytes sha256 %s; the zip is %d bytes sha256 %s", sum.Bytes, sum.SHA256, len(zipped), hexSum(zipped))
	}
	if sum.PayloadFiles != wantFiles || sum.Reports != len(reports) || sum.PayloadOxum != fmt.Sprintf("%d.%d", sum.PayloadBytes, wantFiles) {
		t.Errorf("Summary = %+v, want %d payload files and %d reports", sum, wantFiles, len(reports))
	}
	rep, err := Verify(bytes.NewReader(zipped), int64(len(zipped)))
	if err != nil {
		t.Fatalf("Verify of a fresh bag: %v\n%v", err, rep.Problems)
	}
	if rep.Name != testInfo().Name || rep.PayloadFiles != wantFiles || rep.PayloadBytes != sum.PayloadBytes {
		t.Errorf("Verify report = %+v, want name %s, %d files, %d bytes", rep, testInfo().Name, wantFiles, sum.PayloadBytes)
	}
}

// TestManifestsMatchExtractedFiles unpacks a bag to disk and compares the
// manifests with sha256sum-style lines computed here, then lets the
// sha256sum tool check them, as an archivist without this software would.
func TestManifestsMatchExtractedFiles(t *testing.T) {
	reports := fakeReports(3, 2000, 500)
	zipped, _ := buildBag(t, testInfo(), reports)
	dir := t.TempDir()
	base := filepath.Join(dir, testInfo().Name)
	var payload, tags []string
	for _, e := range unzip(t, zipped) {
		rel, ok := strings.CutPrefix(e.name, testInfo().Name+"/")
		if !ok {
			t.Fatalf("entry %s outside the bag directory", e.name)
		}
		p := filepath.Join(base, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, e.body, 0o644); err != nil {
			t.Fatal(err)
		}
		line := hexSum(e.body) + "  " + rel + "\n"
		switch {
		case strings.HasPrefix(rel, "data/"):
			payload = append(payload, line)
		case rel != tagManifestName:
			tags = append(tags, line)
		}
	}
	for _, m := range []struct {
		name  string
		lines []string
	}{{manifestName, payload}, {tagManifestName, tags}} {
		// Manifests are sorted by path, which starts after the hash and
		// two spaces.
		slices.SortFunc(m.lines, func(a, b string) int { return strings.Compare(a[66:], b[66:]) })
		got, err := os.ReadFile(filepath.Join(base, m.name))
		if err != nil {
			t.Fatal(err)
		}
		if want := strings.Join(m.lines, ""); string(got) != want {
			t.Errorf("%s =\n%s\nwant\n%s", m.name, got, want)
		}
	}

	tool, err := exec.LookPath("sha256sum")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("sha256sum not found under CI (Debian coreutils): %v", err)
		}
		t.Skipf("sha256sum not found (Debian coreutils); manifests were compared in Go only")
	}
	for _, m := range []string{manifestName, tagManifestName} {
		cmd := exec.Command(tool, "--check", "--strict", "--quiet", m)
		cmd.Dir = base
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("sha256sum -c %s: %v\n%s", m, err, out)
		}
	}
}

func TestDeterministic(t *testing.T) {
	reports := fakeReports(4, 5000, 1500)
	first, s1 := buildBag(t, testInfo(), reports)
	second, s2 := buildBag(t, testInfo(), reports)
	if !bytes.Equal(first, second) || s1 != s2 {
		t.Errorf("two builds differ: %s and %s", s1.SHA256, s2.SHA256)
	}
	later := testInfo()
	later.Date = later.Date.AddDate(0, 0, 1)
	if third, _ := buildBag(t, later, reports); bytes.Equal(first, third) {
		t.Error("a different Date gave the same bytes; the date is not used")
	}
}

func TestIndexCSV(t *testing.T) {
	r := fakeReports(1, 10, 10)[0]
	rec := r.record()
	rec.AgencyName = `洛阳市"西工区",教育体育局`
	var buf bytes.Buffer
	w := NewWriter(&buf, testInfo())
	if err := w.AddRecord(rec); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Close(); err != nil {
		t.Fatal(err)
	}
	index := bodyOf(t, unzip(t, buf.Bytes()), testInfo().Name+"/data/index.csv")
	body, ok := bytes.CutPrefix(index, utf8BOM)
	if !ok {
		t.Fatalf("index.csv does not start with a UTF-8 BOM: % x", index[:min(3, len(index))])
	}
	wantLine := `"洛阳市""西工区"",教育体育局",` + rec.CreditCode + `,河南省洛阳市,2020,` + rec.Folder + `,` +
		rec.PDFSHA256 + ",10," + rec.JSONSHA256 + ",10,2021-01-15T08:00:00Z," + fmt.Sprint(rec.Warnings) + ",2020,\r\n"
	if lines := strings.SplitAfter(string(body), "\r\n"); len(lines) != 3 || lines[1] != wantLine {
		t.Errorf("index.csv lines = %q, want header, %q and nothing after", lines, wantLine)
	}
	rows, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil || len(rows) != 2 || !slices.Equal(rows[0], indexHeader) || rows[1][0] != rec.AgencyName {
		t.Errorf("index.csv reads back as %q (%v), want the header and a row for %q", rows, err, rec.AgencyName)
	}
}

func TestAddRejects(t *testing.T) {
	body := []byte("content")
	tests := []struct {
		name    string
		add     string
		wantErr error
	}{
		{"empty", "", ErrInvalidName},
		{"climbs out", "../x", ErrInvalidName},
		{"climbs inside", "a/../../x", ErrInvalidName},
		{"absolute", "/etc/passwd", ErrInvalidName},
		{"empty segment", "a//b", ErrInvalidName},
		{"backslash", `a\b`, ErrInvalidName},
		{"NUL", "a\x00b", ErrInvalidName},
		{"bad UTF-8", "a\xff", ErrInvalidName},
		{"the index", "index.csv", ErrInvalidName},
		{"the index in capitals", "INDEX.CSV", ErrInvalidName},
		{"index as a directory", "index.csv/x", ErrInvalidName},
		{"taken", "taken/report.pdf", ErrInvalidName},
		{"taken but for case", "TAKEN/report.pdf", ErrInvalidName},
		{"file used as directory", "taken/report.pdf/x", ErrInvalidName},
		{"directory used as file", "taken", ErrInvalidName},
	}
	var buf bytes.Buffer
	w := NewWriter(&buf, testInfo())
	if err := w.Add(t.Context(), "taken/report.pdf", int64(len(body)), bytes.NewReader(body)); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		err := w.Add(t.Context(), tt.add, int64(len(body)), bytes.NewReader(body))
		if !errors.Is(err, tt.wantErr) {
			t.Errorf("%s: Add(%q) error = %v, want %v", tt.name, tt.add, err, tt.wantErr)
		}
	}
	// Refused names leave the Writer usable.
	canceled, cancel := context.WithCancel(t.Context())
	cancel()
	if err := w.Add(canceled, "later/x.pdf", 1, strings.NewReader("x")); !errors.Is(err, context.Canceled) {
		t.Errorf("Add with a canceled context error = %v, want context.Canceled", err)
	}
	if err := w.Add(t.Context(), "later/x.pdf", 1, strings.NewReader("x")); err != nil {
		t.Errorf("Add after refused names: %v", err)
	}
	if _, err := w.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if rep, err := Verify(bytes.NewReader(buf.Bytes()), int64(buf.Len())); err != nil {
		t.Errorf("Verify after refused names: %v\n%v", err, rep.Problems)
	}
}

// TestAddFailsWriter: a failure in the middle of a copy leaves a partial
// entry, so the Writer refuses everything after it.
func TestAddFailsWriter(t *testing.T) {
	tests := []struct {
		name    string
		size    int64
		r       func(ctx context.Context) *readerCtx
		wantErr error
	}{
		{"short", 10, func(context.Context) *readerCtx { return &readerCtx{r: strings.NewReader("12345")} }, ErrSizeMismatch},
		{"long", 3, func(context.Context) *readerCtx { return &readerCtx{r: strings.NewReader("12345")} }, ErrSizeMismatch},
		{"read error", 20, func(context.Context) *readerCtx {
			return &readerCtx{r: iotest.TimeoutReader(strings.NewReader("1234567890"))}
		}, iotest.ErrTimeout},
		{"canceled mid-copy", 1 << 20, func(ctx context.Context) *readerCtx {
			return &readerCtx{r: bytes.NewReader(make([]byte, 1<<20)), cancelAfterFirst: true}
		}, context.Canceled},
	}
	for _, tt := range tests {
		ctx, cancel := context.WithCancel(t.Context())
		r := tt.r(ctx)
		r.cancel = cancel
		var buf bytes.Buffer
		w := NewWriter(&buf, testInfo())
		if err := w.Add(ctx, "a/b.pdf", tt.size, r); !errors.Is(err, tt.wantErr) {
			t.Errorf("%s: Add error = %v, want %v", tt.name, err, tt.wantErr)
		}
		if err := w.Add(t.Context(), "a/c.pdf", 1, strings.NewReader("x")); !errors.Is(err, tt.wantErr) {
			t.Errorf("%s: Add after the failure error = %v, want the same failure", tt.name, err)
		}
		if _, err := w.Close(); !errors.Is(err, tt.wantErr) {
			t.Errorf("%s: Close after the failure error = %v, want the same failure", tt.name, err)
		}
		cancel()
	}
}

// readerCtx reads r, optionally canceling its context after the first
// read, to cancel a copy in its middle.
type readerCtx struct {
	r                interface{ Read([]byte) (int, error) }
	cancel           context.CancelFunc
	cancelAfterFirst bool
}

func (r *readerCtx) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if r.cancelAfterFirst {
		r.cancel()
	}
	return n, err
}

func TestInfoRejected(t *testing.T) {
	tests := []struct {
		name   string
		modify func(*Info)
	}{
		{"no name", func(in *Info) { in.Name = "" }},
		{"name with a slash", func(in *Info) { in.Name = "a/b" }},
		{"name ..", func(in *Info) { in.Name = ".." }},
		{"no organization", func(in *Info) { in.SourceOrganization = "" }},
		{"no identifier", func(in *Info) { in.ExternalIdentifier = "" }},
		{"newline in a value", func(in *Info) { in.Description = "a\nPayload-Oxum: 1.1" }},
		{"date before zip time", func(in *Info) { in.Date = in.Date.AddDate(-50, 0, 0) }},
		{"zero date", func(in *Info) { in.Date = in.Date.AddDate(-2020, 0, 0) }},
	}
	for _, tt := range tests {
		info := testInfo()
		tt.modify(&info)
		var buf bytes.Buffer
		w := NewWriter(&buf, info)
		if _, err := w.Close(); !errors.Is(err, ErrInvalidInfo) {
			t.Errorf("%s: Close error = %v, want ErrInvalidInfo", tt.name, err)
		}
		if buf.Len() != 0 {
			t.Errorf("%s: %d bytes written for an invalid Info", tt.name, buf.Len())
		}
	}
}

func TestRecordRejected(t *testing.T) {
	tests := []struct {
		name   string
		modify func(*Record)
	}{
		{"no agency", func(r *Record) { r.AgencyName = "" }},
		{"no credit code", func(r *Record) { r.CreditCode = "" }},
		{"short sha256", func(r *Record) { r.PDFSHA256 = "abc" }},
		{"upper-case sha256", func(r *Record) { r.JSONSHA256 = strings.ToUpper(r.JSONSHA256) }},
		{"negative bytes", func(r *Record) { r.PDFBytes = -1 }},
		{"zero time", func(r *Record) { r.ValidatedAt = time.Time{} }},
		{"newline in region", func(r *Record) { r.Region = "a\r\nb" }},
		{"unsafe folder", func(r *Record) { r.Folder = "../x" }},
		{"original in another folder", func(r *Record) { r.Original = "x/source.pdf" }},
		{"unsafe original", func(r *Record) { r.Original = ".." }},
		{"year 0", func(r *Record) { r.Year = 0 }},
	}
	for _, tt := range tests {
		rec := fakeReports(1, 10, 10)[0].record()
		tt.modify(&rec)
		w := NewWriter(&bytes.Buffer{}, testInfo())
		if err := w.AddRecord(rec); !errors.Is(err, ErrInvalidInfo) {
			t.Errorf("%s: AddRecord error = %v, want ErrInvalidInfo", tt.name, err)
		}
	}
}

// TestPercentEncodedNames: names with CR, LF and % are encoded in the
// manifest (RFC 8493 §2.1.3) and verify.
func TestPercentEncodedNames(t *testing.T) {
	names := []string{"a%b/report.pdf", "line\nbreak.json", "carriage\rreturn.txt", "年报/西工区.pdf"}
	var buf bytes.Buffer
	w := NewWriter(&buf, testInfo())
	for _, n := range names {
		if err := w.Add(t.Context(), n, int64(len(n)), strings.NewReader(n)); err != nil {
			t.Fatalf("Add(%q): %v", n, err)
		}
	}
	if _, err := w.Close(); err != nil {
		t.Fatal(err)
	}
	manifest := string(bodyOf(t, unzip(t, buf.Bytes()), testInfo().Name+"/"+manifestName))
	for _, want := range []string{"  data/a%25b/report.pdf\n", "  data/line%0Abreak.json\n", "  data/carriage%0Dreturn.txt\n", "  data/年报/西工区.pdf\n"} {
		if !strings.Contains(manifest, want) {
			t.Errorf("manifest lacks %q:\n%s", want, manifest)
		}
	}
	if rep, err := Verify(bytes.NewReader(buf.Bytes()), int64(buf.Len())); err != nil {
		t.Errorf("Verify: %v\n%v", err, rep.Problems)
	}
}

func TestPathCoding(t *testing.T) {
	tests := []struct{ raw, encoded string }{
		{"data/a.pdf", "data/a.pdf"},
		{"data/100%", "data/100%25"},
		{"data/a\r\nb", "data/a%0D%0Ab"},
		{"data/%0A", "data/%250A"},
	}
	for _, tt := range tests {
		if got := encodePath(tt.raw); got != tt.encoded {
			t.Errorf("encodePath(%q) = %q, want %q", tt.raw, got, tt.encoded)
		}
		if got := decodePath(tt.encoded); got != tt.raw {
			t.Errorf("decodePath(%q) = %q, want %q", tt.encoded, got, tt.raw)
		}
	}
	// Lower-case escapes and a stray % are read the way a lenient writer
	// meant them.
	for in, want := range map[string]string{"data/a%0ab": "data/a\nb", "data/50%": "data/50%", "data/%zz": "data/%zz"} {
		if got := decodePath(in); got != want {
			t.Errorf("decodePath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHumanSize(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{0, "0 bytes"}, {999, "999 bytes"}, {1000, "1.0 KB"}, {1_660_000_000, "1.7 GB"},
		{999_960, "1.0 MB"}, {260_000_000_000, "260.0 GB"},
	}
	for _, tt := range tests {
		if got := humanSize(tt.n); got != tt.want {
			t.Errorf("humanSize(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestIndexCSVCellsAreInert(t *testing.T) {
	for in, want := range map[string]string{"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")", "+1": "'+1", "@sum": "'@sum", "-2": "'-2", "西工区教育体育局": "西工区教育体育局", "": ""} {
		if got := inertCell(in); got != want {
			t.Errorf("inertCell(%q) = %q, want %q", in, got, want)
		}
	}
}
