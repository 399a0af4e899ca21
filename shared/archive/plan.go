package archive

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync"
	"time"

	"github.com/nianbao/nianbao/shared/bag"
	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/store"
)

// Plan is one year's bag before it is written: which versions go in, and
// the bag's name, date and key, all derived from that set.
type Plan struct {
	Year    int
	Info    bag.Info
	Key     string // archives/{year}/{Info.Name}.zip
	reports []entry
}

// entry is what the bag needs of a version from the catalog; a year holds
// ten thousand of them, so the plan keeps no more. The files' sizes and
// checksums come from each version's manifest, read just before its files.
type entry struct {
	id, creditCode, agency, region, format string
	year, warnings                         int
	validatedAt                            time.Time
}

func entryOf(s registry.Summary) entry {
	return entry{id: s.ID, creditCode: s.CreditCode, agency: s.AgencyName, region: s.Region, format: string(s.FormatVersion),
		year: s.Year, warnings: s.Warnings, validatedAt: s.ValidatedAt}
}

// Len is the number of reports the bag will hold.
func (p *Plan) Len() int { return len(p.reports) }

// PlanYear lists the current version of every agency's report for year, from
// the year's catalog.
func PlanYear(ctx context.Context, reg *registry.Service, year int, organization string) (*Plan, error) {
	p := &Plan{Year: year}
	set := sha256.New()
	var latest time.Time
	err := reg.Current(ctx, year, func(sum registry.Summary) error {
		p.reports = append(p.reports, entryOf(sum))
		set.Write([]byte(sum.ID + "\n"))
		if sum.ValidatedAt.After(latest) {
			latest = sum.ValidatedAt
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(p.reports) == 0 {
		return nil, fmt.Errorf("archive %d: %w", year, ErrEmpty)
	}
	sum := hex.EncodeToString(set.Sum(nil))
	p.Info = bag.Info{
		Name:               fmt.Sprintf("nianbao-%d-%s", year, sum[:16]),
		SourceOrganization: organization,
		ExternalIdentifier: fmt.Sprintf("nianbao:%d:%s", year, sum),
		Description:        fmt.Sprintf("%d年度政府信息公开工作年度报告归档，共 %d 份", year, len(p.reports)),
		Date:               latest.UTC().Truncate(time.Second),
	}
	p.Key = "archives/" + strconv.Itoa(year) + "/" + p.Info.Name + ".zip"
	return p, nil
}

// prefetch is how many reports are read ahead of the one being written:
// enough to keep a local S3 server busy on every core, few enough (about
// 3 MB) to keep memory flat.
const prefetch = 16

// maxReportFile bounds one file read back for the bag (a report's PDF is
// about 150 KB, its JSON a tenth of that).
const maxReportFile = 32 << 20

type fetched struct {
	files [3][]byte                        // PDF, JSON, findings
	infos [len(bagFiles)]registry.FileInfo // as the manifest records them
	// The imported original (source.{ext}), when the manifest lists one:
	// read ahead when small, streamed from the store while the bag is
	// written when not (data nil).
	manifest registry.Manifest
	original string
	data     []byte
	err      error
}

// maxPrefetchedOriginal bounds an original read ahead: a published PDF is
// a few hundred kilobytes, but an original may be up to the import's cap
// (10 MB), and sixteen of those read ahead would not keep memory flat.
const maxPrefetchedOriginal = 1 << 20

// bagFiles are a report's files in the bag, in this order (PDF first, JSON second).
var bagFiles = [3]string{registry.FilePDF, registry.FileJSON, registry.FileFindings}

// Write streams the bag to w, reading each report's files from reg while
// earlier ones are written. progress (may be nil) hears after each report.
func (p *Plan) Write(ctx context.Context, reg *registry.Service, w io.Writer, progress func(done, total int)) (bag.Summary, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	queue := make(chan chan fetched, prefetch)
	go func() {
		defer close(queue)
		for _, m := range p.reports {
			ch := make(chan fetched, 1)
			select {
			case queue <- ch:
			case <-ctx.Done():
				return
			}
			go func() { ch <- fetch(ctx, reg, m.id) }()
		}
	}()
	bw := bag.NewWriter(w, p.Info)
	if progress != nil {
		progress(0, len(p.reports)) // planned: the total is known
	}
	i := 0
	for ch := range queue {
		e := p.reports[i]
		f := <-ch
		if f.err != nil {
			return bag.Summary{}, f.err
		}
		folder := e.creditCode + "/" + strconv.Itoa(e.year)
		for j, name := range bagFiles {
			if err := bw.Add(ctx, folder+"/"+name, int64(len(f.files[j])), bytes.NewReader(f.files[j])); err != nil {
				return bag.Summary{}, fmt.Errorf("archive %s: %w", e.id, err)
			}
		}
		if f.original != "" {
			if err := addOriginal(ctx, reg, bw, folder, f); err != nil {
				return bag.Summary{}, err
			}
		}
		err := bw.AddRecord(bag.Record{
			AgencyName: e.agency, CreditCode: e.creditCode, Region: e.region, Year: e.year, Folder: folder,
			PDFSHA256: f.infos[0].SHA256, PDFBytes: f.infos[0].Size, JSONSHA256: f.infos[1].SHA256, JSONBytes: f.infos[1].Size,
			ValidatedAt: e.validatedAt, Warnings: e.warnings, FormatVersion: e.format, Original: f.original,
		})
		if err != nil {
			return bag.Summary{}, fmt.Errorf("archive %s: %w", e.id, err)
		}
		i++
		if progress != nil {
			progress(i, len(p.reports))
		}
	}
	if i != len(p.reports) {
		return bag.Summary{}, fmt.Errorf("archive %d: %w", p.Year, context.Cause(ctx))
	}
	return bw.Close()
}

// fetch reads a version's manifest, then its three files at once; the
// store checks each against its SHA-256.
func fetch(ctx context.Context, reg *registry.Service, id string) fetched {
	var f fetched
	m, err := reg.Manifest(ctx, id)
	if err != nil {
		f.err = fmt.Errorf("archive %s: %w", id, err)
		return f
	}
	var errs [len(bagFiles)]error
	var wg sync.WaitGroup
	for j, name := range bagFiles {
		f.infos[j] = m.Files[name]
		wg.Go(func() { f.files[j], errs[j] = readFile(ctx, reg, m, name) })
	}
	var origErr error
	if name := registry.SourceFile(m); name != "" {
		f.manifest, f.original = m, name
		if m.Files[name].Size <= maxPrefetchedOriginal {
			wg.Go(func() { f.data, origErr = readFile(ctx, reg, m, name) })
		}
	}
	wg.Wait()
	f.err = errors.Join(append(errs[:], origErr)...)
	return f
}

// addOriginal adds a report's imported original beside its PDF and JSON,
// from memory or, when it was too big to read ahead, from the store; the
// store checks its SHA-256 as it is read to the end.
func addOriginal(ctx context.Context, reg *registry.Service, bw *bag.Writer, folder string, f fetched) error {
	size := f.manifest.Files[f.original].Size
	r := &errTrap{r: bytes.NewReader(f.data)}
	if f.data == nil {
		rc, _, err := reg.OpenFile(ctx, f.manifest, f.original)
		if err != nil {
			return fmt.Errorf("archive %s/%s: %w", f.manifest.ID, f.original, err)
		}
		defer rc.Close()
		r.r = rc
	}
	err := bw.Add(ctx, folder+"/"+f.original, size, r)
	if err == nil {
		err = r.err // the store's checksum, found at the end of the object
	}
	if err != nil {
		return fmt.Errorf("archive %s/%s: %w", f.manifest.ID, f.original, err)
	}
	return nil
}

// errTrap keeps the first error other than io.EOF its reader returns: the
// bag's writer stops reading at the declared size and would miss an error
// that comes with the end of the object.
type errTrap struct {
	r   io.Reader
	err error
}

func (t *errTrap) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) && t.err == nil {
		t.err = err
	}
	return n, err
}

func readFile(ctx context.Context, reg *registry.Service, m registry.Manifest, name string) ([]byte, error) {
	rc, info, err := reg.OpenFile(ctx, m, name)
	if err != nil {
		return nil, fmt.Errorf("archive %s/%s: %w", m.ID, name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxReportFile+1))
	if err != nil {
		return nil, fmt.Errorf("archive %s/%s: %w", m.ID, name, err)
	}
	if int64(len(data)) != info.Size {
		return nil, fmt.Errorf("archive %s/%s: %w: %d bytes, manifest says %d", m.ID, name, registry.ErrCorrupt, len(data), info.Size)
	}
	return data, nil
}

// result describes the stored bag.
type result struct {
	key     string
	bytes   int64
	sha256  string
	reports int
}

// build plans the year and writes its bag into the store, create-only: the
// same set archived before is found, not written twice.
func (a *Archiver) build(ctx context.Context, year int, progress func(done, total int)) (result, error) {
	p, err := PlanYear(ctx, a.reg, year, a.org)
	if err != nil {
		return result{}, err
	}
	if info, err := a.store.Head(ctx, p.Key); err == nil {
		return result{key: p.Key, bytes: info.Size, sha256: info.SHA256, reports: p.Len()}, nil
	}
	w, err := a.store.Create(ctx, p.Key, store.PutOptions{ContentType: "application/zip", IfNoneMatch: true})
	if err != nil {
		return result{}, fmt.Errorf("archive %d: %w", year, err)
	}
	defer w.Abort()
	sum, err := p.Write(ctx, a.reg, w, progress)
	if err != nil {
		return result{}, err
	}
	info, err := w.Close()
	if errors.Is(err, store.ErrPreconditionFailed) {
		// A concurrent run stored the same set first: same name, same bytes.
		info, err = a.store.Head(ctx, p.Key)
		if err == nil {
			return result{key: p.Key, bytes: info.Size, sha256: info.SHA256, reports: p.Len()}, nil
		}
	}
	if err != nil {
		return result{}, fmt.Errorf("archive %d: %w", year, err)
	}
	if info.SHA256 != sum.SHA256 {
		return result{}, fmt.Errorf("archive %d: %w: the store holds SHA-256 %s, the bag written was %s", year, registry.ErrCorrupt, info.SHA256, sum.SHA256)
	}
	return result{key: p.Key, bytes: sum.Bytes, sha256: sum.SHA256, reports: sum.Reports}, nil
}
