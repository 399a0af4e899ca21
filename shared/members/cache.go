package members

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/store"
)

// Cache keeps what Read learned of each filed version: its cells and the
// findings of checking it again. A version's ID names its content, so an
// entry never goes stale while the rules stay the same; the cache is tied
// to the program that wrote it (Build), so a new deployment, whose rules
// may differ, starts afresh.
type Cache interface {
	Load(ctx context.Context, year int) (map[string]Cached, error)
	Save(ctx context.Context, year int, entries map[string]Cached) error
}

// Cached is one version as Read left it, without its agency.
type Cached struct {
	Version      report.Version   `json:"v"`
	Year         int              `json:"y"`
	Cells        string           `json:"c"` // every cell in layout order, joined by ','; "" absent, "/" not applicable
	Errors       []report.Finding `json:"e,omitempty"`
	ErrorCount   int              `json:"ec,omitempty"`
	Warnings     []report.Finding `json:"w,omitempty"`
	WarningCount int              `json:"wc,omitempty"`
}

func cachedOf(m *Member) Cached {
	r := m.Report
	cells := make([]string, len(r.Layout().Cells()))
	for i := range cells {
		cells[i] = r.CellAt(i).String()
	}
	return Cached{Version: r.FormatVersion, Year: r.ReportYear, Cells: strings.Join(cells, ","),
		Errors: m.Errors, ErrorCount: m.ErrorCount, Warnings: m.Warnings, WarningCount: m.WarningCount}
}

// member rebuilds a Member for e; false when the entry does not fit.
func (c Cached) member(e Entry) (Member, bool) {
	r := report.New(c.Version, c.Year)
	if r == nil {
		return Member{}, false
	}
	l := r.Layout().Cells()
	cells := strings.Split(c.Cells, ",")
	if len(cells) != len(l) {
		return Member{}, false
	}
	for i, s := range cells {
		switch s {
		case "":
		case report.NAMarker:
			r.SetCell(l[i].Path, report.Cell{State: report.NotApplicable})
		default:
			v, err := report.ParseDecimal(s)
			if err != nil {
				return Member{}, false
			}
			r.SetCell(l[i].Path, report.Cell{State: report.Number, Value: v})
		}
	}
	r.Agency = report.Agency{Name: e.Name, CreditCode: e.CreditCode, Region: e.Region}
	return Member{Entry: e, Report: r, Errors: c.Errors, ErrorCount: c.ErrorCount, Warnings: c.Warnings, WarningCount: c.WarningCount}, true
}

// StoreCache keeps the cache in the bucket, one gzipped object per year at
// cache/{year}/members.json.gz holding the current versions it has seen:
// about 1 KB per agency before compression.
type StoreCache struct {
	Store interface {
		Put(ctx context.Context, key string, body []byte, opts store.PutOptions) (store.Info, error)
		Get(ctx context.Context, key string) (io.ReadCloser, store.Info, error)
	}
}

// maxCacheBytes bounds a cache object read back, compressed and not.
const maxCacheBytes = 64 << 20

type cacheFile struct {
	Build   string            `json:"build"`
	Members map[string]Cached `json:"members"`
}

func cacheKey(year int) string { return "cache/" + strconv.Itoa(year) + "/members.json.gz" }

// Load returns the year's cache; an empty one when there is none, when it
// was written by another build, or when it cannot be read back.
func (c StoreCache) Load(ctx context.Context, year int) (map[string]Cached, error) {
	build := Build()
	if build == "" {
		return map[string]Cached{}, nil
	}
	rc, _, err := c.Store.Get(ctx, cacheKey(year))
	if errors.Is(err, store.ErrNotFound) {
		return map[string]Cached{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the %d cache: %w", year, err)
	}
	defer rc.Close()
	zr, err := gzip.NewReader(io.LimitReader(rc, maxCacheBytes))
	if err != nil {
		return map[string]Cached{}, nil // damaged: rebuilt by the next Save
	}
	var f cacheFile
	if err := json.NewDecoder(io.LimitReader(zr, maxCacheBytes)).Decode(&f); err != nil || f.Build != build {
		return map[string]Cached{}, nil
	}
	return f.Members, nil
}

// Save replaces the year's cache.
func (c StoreCache) Save(ctx context.Context, year int, entries map[string]Cached) error {
	build := Build()
	if build == "" {
		return nil
	}
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if err := json.NewEncoder(zw).Encode(cacheFile{Build: build, Members: entries}); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if _, err := c.Store.Put(ctx, cacheKey(year), b.Bytes(), store.PutOptions{ContentType: "application/gzip"}); err != nil {
		return fmt.Errorf("write the %d cache: %w", year, err)
	}
	return nil
}

// Build names this program: the SHA-256 of its executable, so that a
// cache written under other rules is never read. "" (no caching) when the
// executable cannot be read.
var Build = sync.OnceValue(func() string {
	path, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
})
