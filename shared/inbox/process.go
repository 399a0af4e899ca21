package inbox

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/nianbao/nianbao/shared/imports"
	"github.com/nianbao/nianbao/shared/ingest"
	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/store"
)

// Processor imports files and files them or queues them for review. It is
// safe for concurrent use: the CLI runs one per core.
type Processor struct {
	reg   *registry.Service
	st    store.Store
	queue *imports.Queue
	log   *slog.Logger
	lists lists
}

// Option configures a Processor.
type Option func(*Processor)

// WithLog makes the processor log what it files, queues and refuses.
func WithLog(l *slog.Logger) Option { return func(p *Processor) { p.log = l } }

// New returns a processor filing into reg and keeping entries and
// originals in st, the registry's store. reg must have a renderer.
func New(reg *registry.Service, st store.Store, opts ...Option) *Processor {
	p := &Processor{reg: reg, st: st, queue: imports.New(st), log: slog.New(slog.DiscardHandler)}
	for _, o := range opts {
		o(p)
	}
	return p
}

// Queue is the review queue the processor writes.
func (p *Processor) Queue() *imports.Queue { return p.queue }

// Input is one file to import.
type Input struct {
	Year int
	// Name is the file as it arrived: its inbox key, or its path.
	Name string
	// Data is the whole file, at most the import's size cap; nil for a
	// file past the cap, which is refused.
	Data []byte
	// SHA256 and Size describe the whole file, Data or not.
	SHA256 string
	Size   int64
}

// ReadInput reads a file for import: all of it up to the import's size
// cap (source.DefaultLimits.MaxBytes); past the cap only its SHA-256 is
// computed, as it streams by, so that memory stays bounded whatever size
// arrives and the same oversized file still has one entry.
func ReadInput(year int, name string, r io.Reader) (Input, error) {
	h := sha256.New()
	capped := source.DefaultLimits.MaxBytes
	data, err := io.ReadAll(io.LimitReader(io.TeeReader(r, h), capped+1))
	if err != nil {
		return Input{}, fmt.Errorf("read %s: %w", name, err)
	}
	in := Input{Year: year, Name: name, Data: data, Size: int64(len(data))}
	if in.Size > capped {
		n, err := io.Copy(h, r)
		if err != nil {
			return Input{}, fmt.Errorf("read %s: %w", name, err)
		}
		in.Data, in.Size = nil, in.Size+n
	}
	in.SHA256 = hex.EncodeToString(h.Sum(nil))
	return in, nil
}

// NewInput describes a file held in memory.
func NewInput(year int, name string, data []byte) Input {
	sum := sha256.Sum256(data)
	return Input{Year: year, Name: name, Data: data, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data))}
}

// Process imports one file and files it or queues it, and returns its
// entry. An error means the store failed (the caller retries; the entry
// says failed meanwhile) or the context ended; anything about the file
// itself is in the entry.
func (p *Processor) Process(ctx context.Context, in Input) (imports.Entry, error) {
	prev, etag, err := p.queue.Get(ctx, in.Year, in.SHA256)
	switch {
	case err == nil && (prev.State == imports.Filed || prev.State == imports.Refused):
		return prev, nil // the same file again: the same outcome
	case err == nil && prev.State == imports.Review:
		return p.settle(ctx, prev, etag, in.Data) // waiting for a list that may have come
	case errors.Is(err, imports.ErrCorrupt):
		p.log.WarnContext(ctx, "import entry damaged: processing the file again", slog.String("name", in.Name), slog.Any("error", err))
		info, herr := p.st.Head(ctx, imports.Key(in.Year, in.SHA256))
		if herr != nil {
			return imports.Entry{}, fmt.Errorf("import %s: %w", in.Name, herr)
		}
		prev, etag = imports.Entry{}, info.ETag
	case err != nil && !errors.Is(err, imports.ErrNotFound):
		return imports.Entry{}, fmt.Errorf("import %s: %w", in.Name, err)
	}
	// New, failed before, or damaged: the whole way.
	e := imports.Entry{Year: in.Year, SHA256: in.SHA256, Name: in.Name, Size: in.Size, Created: prev.Created, Attempts: prev.Attempts}
	if err := p.importFile(ctx, &e, in); err != nil {
		p.recordFailure(ctx, e, etag, err)
		return imports.Entry{}, err
	}
	e, etag, err = p.save(ctx, e, etag)
	if err != nil {
		return imports.Entry{}, err
	}
	return p.settle(ctx, e, etag, in.Data)
}

// settle makes sure a report queued for want of its agency did not miss a
// list put meanwhile: the list's own Rematch may have listed the queue
// before this entry was in it. The list is looked for again, past the
// cache; a newer one than the entry was matched against decides again.
func (p *Processor) settle(ctx context.Context, e imports.Entry, etag string, data []byte) (imports.Entry, error) {
	if e.State != imports.Review || !waitsForAgency(e) {
		return e, nil
	}
	l, err := p.agencies(ctx, e.Year, true)
	if err != nil || l.version == e.List {
		return e, err
	}
	return p.redecide(ctx, e, etag, data)
}

// importFile reads the file and decides its fate into e.
func (p *Processor) importFile(ctx context.Context, e *imports.Entry, in Input) error {
	if in.Data == nil {
		lim := source.DefaultLimits
		refuse(e, source.Refuse(source.TooLarge, fmt.Sprintf("文件过大（%.1f MB）：导入的文件不能超过 %d MB", float64(in.Size)/(1<<20), lim.MaxBytes>>20), nil), nil)
		return nil
	}
	res, err := ingest.Import(ctx, in.Data, ingest.Options{Name: in.Name})
	if err != nil {
		return err
	}
	e.Kind = string(res.Kind)
	if r := res.Refusal(); r != nil {
		refuse(e, r, res.Findings)
		return nil
	}
	prov, err := json.Marshal(res.Provenance)
	if err != nil {
		return fmt.Errorf("import %s: provenance: %w", in.Name, err)
	}
	e.Provenance = prov
	return p.decide(ctx, e, res.Draft(), importFindings(res.Findings), in.Data)
}

func refuse(e *imports.Entry, r *source.RefusedError, findings []report.Finding) {
	e.State = imports.Refused
	e.Reasons = []imports.Reason{{Code: imports.NotReadable, Message: "无法导入：" + r.Reason}}
	e.Findings = findings
	if e.Findings == nil {
		e.Findings = ingest.Refused(e.Name, r).Findings
	}
}

// importFindings keeps the importer's own findings (import-*): the
// validator's are made again on the completed draft.
func importFindings(fs []report.Finding) []report.Finding {
	var out []report.Finding
	for _, f := range fs {
		if strings.HasPrefix(f.Rule, "import-") {
			out = append(out, f)
		}
	}
	return out
}

// decide completes the draft with its agency, checks it, and either files
// it with its original or keeps the original for review.
func (p *Processor) decide(ctx context.Context, e *imports.Entry, draft *report.Report, found []report.Finding, data []byte) error {
	l, err := p.agencies(ctx, e.Year, false)
	if err != nil {
		return err
	}
	d := draft.Clone()
	e.Reasons, e.Agency, e.Filled, e.List = nil, nil, nil, l.version
	switch {
	case d.ReportYear == 0:
		e.Reasons = append(e.Reasons, imports.Reason{Code: imports.YearMissing,
			Message: "未能从文件中读出报告年度：请在表单中补填"})
	case d.ReportYear != e.Year:
		e.Reasons = append(e.Reasons, imports.Reason{Code: imports.YearMismatch,
			Message: fmt.Sprintf("这是 %d 年度的年报，却放在 %d 年度的收件箱中：请核对后放入正确的年度，或在表单中改正", d.ReportYear, e.Year)})
	}
	agency, why := match(d, l, e.Year)
	if why != nil {
		e.Reasons = append(e.Reasons, *why)
	}
	if agency != nil {
		e.Agency = agency
		e.Filled = complete(d, *agency)
	}
	doc := draftJSON(d)
	e.Report = doc
	found = withoutFilled(found, e.Filled)
	if len(e.Reasons) > 0 || errorCount(found) > 0 {
		_, checked, err := p.reg.Check(ctx, doc)
		if err != nil {
			return err
		}
		e.Findings = merged(found, checked)
		if n := errorCount(e.Findings); n > 0 && len(e.Reasons) == 0 {
			e.Reasons = append(e.Reasons, invalidReason(n))
		}
		return p.queueForReview(ctx, e, data)
	}
	// A known agency and a clean import: Submit validates, and files when
	// nothing is wrong.
	kind := originals[source.Kind(e.Kind)]
	receipt, err := p.reg.Submit(ctx, doc, registry.WithOriginal(kind.ext, kind.contentType, data))
	var invalid *registry.InvalidError
	if errors.As(err, &invalid) {
		e.Findings = merged(found, invalid.Findings)
		e.Reasons = append(e.Reasons, invalidReason(errorCount(invalid.Findings)))
		return p.queueForReview(ctx, e, data)
	}
	if err != nil {
		return err
	}
	e.Findings = merged(found, receipt.Warnings)
	e.State, e.ID, e.FiledBy, e.Original, e.OriginalType = imports.Filed, receipt.ID, imports.ByImport, "", ""
	return nil
}

// merged is the importer's findings, then the validator's, capped together.
func merged(found, checked []report.Finding) []report.Finding {
	var all report.Findings
	all.AddAll(found)
	all.AddAll(checked)
	return all.List()
}

func invalidReason(errors int) imports.Reason {
	return imports.Reason{Code: imports.Invalid,
		Message: fmt.Sprintf("草稿还有 %d 个错误（见各项发现）：请在表单中改正后提交", errors)}
}

func (p *Processor) queueForReview(ctx context.Context, e *imports.Entry, data []byte) error {
	kind := originals[source.Kind(e.Kind)]
	key := imports.OriginalKey(e.Year, e.SHA256, kind.ext)
	if e.Original != key { // kept already when the entry waited before
		var err error
		if key, err = p.queue.KeepOriginal(ctx, e.Year, e.SHA256, kind.ext, kind.contentType, data); err != nil {
			return err
		}
	}
	e.State, e.Original, e.OriginalType, e.ID, e.FiledBy = imports.Review, key, kind.contentType, "", ""
	return nil
}

// complete fills the draft's credit code, and the region and name it
// lacks, from the matched agency, and returns the paths it filled.
func complete(d *report.Report, a imports.Agency) []string {
	var filled []string
	if d.Agency.CreditCode != a.CreditCode {
		d.Agency.CreditCode = a.CreditCode
		filled = append(filled, pathCreditCode)
	}
	if d.Agency.Region == "" && a.Region != "" {
		d.Agency.Region = a.Region
		filled = append(filled, pathRegion)
	}
	if d.Agency.Name == "" && a.Name != "" {
		d.Agency.Name = a.Name
		filled = append(filled, pathName)
	}
	return filled
}

// The draft's agency fields the list may fill.
const (
	pathName       = "agency.name"
	pathCreditCode = "agency.creditCode"
	pathRegion     = "agency.region"
)

// withoutFilled drops the importer's findings on fields the list filled
// (import-missing for the region, most often).
func withoutFilled(fs []report.Finding, filled []string) []report.Finding {
	var out []report.Finding
	for _, f := range fs {
		drop := false
		for _, p := range filled {
			drop = drop || f.Path == p
		}
		if !drop {
			out = append(out, f)
		}
	}
	return out
}

func errorCount(fs []report.Finding) int {
	n := 0
	for _, f := range fs {
		if f.Severity == report.Error {
			n++
		}
	}
	return n
}

// draftJSON is the draft in the contract, without the report year when
// none was read (the canonical form would write 0, which reads as a year).
func draftJSON(d *report.Report) []byte {
	b := d.Canonical()
	if d.ReportYear == 0 {
		b = []byte(strings.Replace(string(b), `"reportYear":0,`, "", 1))
	}
	return b
}

// save writes the entry over what etag names (create-only when "") and
// returns it with its new ETag; when another writer got there first with a
// settled entry, that one stands.
func (p *Processor) save(ctx context.Context, e imports.Entry, etag string) (imports.Entry, string, error) {
	etag, err := p.queue.Save(ctx, &e, etag)
	if errors.Is(err, imports.ErrConflict) {
		other, otherTag, gerr := p.queue.Get(ctx, e.Year, e.SHA256)
		if gerr == nil && other.State != imports.Failed {
			return other, otherTag, nil
		}
	}
	if err != nil {
		return imports.Entry{}, "", fmt.Errorf("import %s: %w", e.Name, err)
	}
	p.logOutcome(ctx, e)
	return e, etag, nil
}

func (p *Processor) logOutcome(ctx context.Context, e imports.Entry) {
	attrs := []slog.Attr{slog.String("name", e.Name), slog.Int("year", e.Year), slog.String("sha256", e.SHA256), slog.String("state", string(e.State))}
	if e.ID != "" {
		attrs = append(attrs, slog.String("id", e.ID))
	}
	for _, r := range e.Reasons {
		attrs = append(attrs, slog.String("reason", r.Code))
	}
	p.log.LogAttrs(ctx, slog.LevelInfo, "import", attrs...)
}

// maxFailureWrite bounds recording a failure after the context that failed.
const maxFailureWrite = 10 * time.Second

// recordFailure keeps a failed attempt in the entry, so that the review
// page shows why a file is not there yet; the caller retries.
func (p *Processor) recordFailure(ctx context.Context, e imports.Entry, etag string, cause error) {
	if errors.Is(cause, context.Canceled) {
		return
	}
	e.Attempts++
	e.State = imports.Failed
	e.Reasons = []imports.Reason{{Code: imports.StorageFailed,
		Message: fmt.Sprintf("第 %d 次处理时存储服务不可用或超时，系统会自动重试；若一直如此，请把文件重新放入收件箱", e.Attempts)}}
	e.Report, e.Findings, e.Provenance, e.ID = nil, nil, nil, ""
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), maxFailureWrite)
	defer cancel()
	if _, err := p.queue.Save(wctx, &e, etag); err != nil {
		p.log.ErrorContext(ctx, "import failure not recorded", slog.String("name", e.Name), slog.Any("error", err), slog.Any("cause", cause))
		return
	}
	p.log.WarnContext(ctx, "import failed", slog.String("name", e.Name), slog.Int("attempts", e.Attempts), slog.Any("error", cause))
}
