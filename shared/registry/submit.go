package registry

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/nianbao/nianbao/shared/render"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/reportpdf"
	"github.com/nianbao/nianbao/shared/store"
	"github.com/nianbao/nianbao/shared/validate"
)

// Receipt is the answer to a successful submission.
type Receipt struct {
	ID         string           `json:"id"`
	Year       int              `json:"year"`
	CreditCode string           `json:"creditCode"`
	SHA256     string           `json:"sha256"`
	Warnings   []report.Finding `json:"warnings"`
	Created    bool             `json:"-"` // false when the same content had been filed before
}

const contentTypeJSON = "application/json; charset=utf-8"

// Check validates a document against the format, the PDF's fonts and, when
// the store has it, the agency's report for the year before. Nothing is
// stored. The report is nil when the document is not usable JSON.
func (s *Service) Check(ctx context.Context, doc []byte) (*report.Report, []report.Finding, error) {
	return s.check(ctx, doc, nil)
}

// check is Check that first refuses, when mayFile is set, a document whose
// agency mayFile does not accept. A document without a valid credit code goes
// on to validation, which refuses it with findings.
func (s *Service) check(ctx context.Context, doc []byte, mayFile func(string) bool) (*report.Report, []report.Finding, error) {
	r, fs := report.Decode(doc)
	if r == nil {
		return nil, fs, nil
	}
	if cc := r.Agency.CreditCode; mayFile != nil && cc != "" && !mayFile(cc) {
		return nil, nil, &ForbiddenError{CreditCode: cc}
	}
	var prev *report.Report
	if !report.HasErrors(fs) {
		var err error
		if prev, err = s.previous(ctx, r); err != nil {
			return nil, nil, err
		}
	}
	var all report.Findings // decoding and validation are capped apart; so is their sum
	all.AddAll(fs)
	all.AddAll(validate.Check(r, validate.NewOptions(prev, s.now())))
	return r, all.List(), nil
}

// previous returns the agency's current report for the year before, or nil.
func (s *Service) previous(ctx context.Context, r *report.Report) (*report.Report, error) {
	l, _, err := s.readLatest(ctx, r.ReportYear-1, r.Agency.CreditCode)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("previous year's report: %w", err)
	}
	id, err := ParseID(l.Current.ID)
	if err != nil {
		return nil, fmt.Errorf("previous year's report: %w", err)
	}
	data, err := s.readAll(ctx, id.key(FileJSON), report.MaxDocumentBytes)
	if err != nil {
		return nil, fmt.Errorf("previous year's report: %w", err)
	}
	prev, _ := report.Decode(data)
	return prev, nil
}

// SubmitOption restricts or adds to a submission.
type SubmitOption func(*submitOptions)

type submitOptions struct {
	mayFile  func(creditCode string) bool
	original *original
}

// original is the document an imported report was read from.
type original struct {
	name, contentType string
	data              []byte
}

// OnlyFor lets the submission file only for agencies mayFile accepts (the
// token's own); another agency's report fails with a *ForbiddenError before
// it is validated or stored.
func OnlyFor(mayFile func(creditCode string) bool) SubmitOption {
	return func(o *submitOptions) { o.mayFile = mayFile }
}

// Submit validates a document and, when it has no error, renders its PDF and
// files the version: report, PDF and findings first, the manifest last and
// create-only, then the agency's latest pointer by compare-and-swap, then its
// entry in the year's catalog. It answers only once all of these are stored.
// Submitting the same content again files nothing new and answers with the
// same ID. A Service without a renderer refuses with ErrNoRenderer.
func (s *Service) Submit(ctx context.Context, doc []byte, opts ...SubmitOption) (Receipt, error) {
	if s.renderer == nil {
		return Receipt{}, ErrNoRenderer
	}
	var o submitOptions
	for _, opt := range opts {
		opt(&o)
	}
	if o.original != nil && !validExt(strings.TrimPrefix(o.original.name, SourcePrefix)) {
		return Receipt{}, fmt.Errorf("%w: original's extension %q", ErrBadRequest, o.original.name)
	}
	r, findings, err := s.check(ctx, doc, o.mayFile)
	if err != nil {
		return Receipt{}, err
	}
	if r == nil || report.HasErrors(findings) {
		return Receipt{}, &InvalidError{Findings: findings, Unusable: r == nil}
	}
	canonical := r.Canonical()
	sum := sha256.Sum256(canonical)
	id := ID{Year: r.ReportYear, CreditCode: r.Agency.CreditCode, SHA256: hex.EncodeToString(sum[:])}
	notes := slices.DeleteFunc(findings, func(f report.Finding) bool { return f.Severity == report.Error })
	m, created, err := s.fileVersion(ctx, id, r, canonical, notes, o.original)
	if err != nil {
		return Receipt{}, err
	}
	l, etag, err := s.makeLatest(ctx, m, created)
	if err != nil {
		return Receipt{}, err
	}
	// Only a manifest old enough for the check to remove can have been
	// removed meanwhile; the usual retry, minutes later, skips the request.
	if !created && s.now().Sub(m.ValidatedAt) > s.grace/2 {
		if err := s.keepManifest(ctx, id, m); err != nil {
			return Receipt{}, err
		}
	}
	if err := s.catalogUpdate(ctx, l.entry(etag)); err != nil {
		return Receipt{}, err
	}
	return Receipt{ID: m.ID, Year: m.Year, CreditCode: m.CreditCode, SHA256: m.SHA256, Warnings: notes, Created: created}, nil
}

// fileVersion stores a version's files and then its manifest, unless the
// manifest exists already.
func (s *Service) fileVersion(ctx context.Context, id ID, r *report.Report, canonical []byte, notes []report.Finding, orig *original) (Manifest, bool, error) {
	if m, err := s.readManifest(ctx, id); err == nil {
		return m, false, nil
	} else if !errors.Is(err, ErrNotFound) {
		return Manifest{}, false, err
	}
	var pdf bytes.Buffer
	if err := s.renderer.Render(ctx, &pdf, reportpdf.Document(r)); err != nil {
		return Manifest{}, false, fmt.Errorf("render %s: %w", id, err)
	}
	findingsJSON, err := marshal(notes)
	if err != nil {
		return Manifest{}, false, err
	}
	m := Manifest{
		ID: id.String(), Year: id.Year, CreditCode: id.CreditCode, AgencyName: r.Agency.Name, Region: r.Agency.Region,
		Title: r.DisplayTitle(), FormatVersion: r.FormatVersion, SHA256: id.SHA256, ValidatedAt: s.now().UTC(),
		Warnings: countSeverity(notes, report.Warning), Errors: countSeverity(notes, report.Error), RendererVersion: render.Version, Files: map[string]FileInfo{},
	}
	files := []original{
		{FileJSON, contentTypeJSON, canonical},
		{FilePDF, "application/pdf", pdf.Bytes()},
		{FileFindings, contentTypeJSON, findingsJSON},
	}
	if orig != nil {
		files = append(files, *orig)
	}
	for _, f := range files {
		info, err := s.putOnce(ctx, id.key(f.name), f.data, f.contentType)
		if err != nil {
			return Manifest{}, false, err
		}
		m.Files[f.name] = FileInfo{Size: info.Size, SHA256: info.SHA256, ContentType: f.contentType}
	}
	body, err := marshal(m)
	if err != nil {
		return Manifest{}, false, err
	}
	_, err = s.store.Put(ctx, id.key(fileManifest), body, store.PutOptions{ContentType: contentTypeJSON, IfNoneMatch: true})
	if errors.Is(err, store.ErrPreconditionFailed) {
		// A concurrent or retried submission of the same content finished first.
		existing, rerr := s.readManifest(ctx, id)
		return existing, false, rerr
	}
	if err != nil {
		return Manifest{}, false, fmt.Errorf("file %s: %w", id, err)
	}
	return m, true, nil
}

// keepManifest makes sure the manifest of a version filed before is still
// there now that the pointer names it: the scheduled check removes manifests
// that no pointer names (an acknowledgement lost in a crash), and a late
// retry of the same content can meet it half-way.
func (s *Service) keepManifest(ctx context.Context, id ID, m Manifest) error {
	_, err := s.store.Head(ctx, id.key(fileManifest))
	if err == nil {
		return nil
	}
	if !errors.Is(err, store.ErrNotFound) {
		return s.storeErr(id.key(fileManifest), err)
	}
	body, err := marshal(m)
	if err != nil {
		return err
	}
	_, err = s.store.Put(ctx, id.key(fileManifest), body, store.PutOptions{ContentType: contentTypeJSON, IfNoneMatch: true})
	if err != nil && !errors.Is(err, store.ErrPreconditionFailed) {
		return fmt.Errorf("restore %s: %w", id.key(fileManifest), err)
	}
	return nil
}

// putOnce writes an object that is the same for every submission of the same
// content. If it exists (an earlier attempt died before its manifest), what is
// there is kept: the manifest records its size and checksum.
func (s *Service) putOnce(ctx context.Context, key string, body []byte, contentType string) (store.Info, error) {
	info, err := s.store.Put(ctx, key, body, store.PutOptions{ContentType: contentType, IfNoneMatch: true})
	if errors.Is(err, store.ErrPreconditionFailed) {
		info, err = s.store.Head(ctx, key)
	}
	if err != nil {
		return store.Info{}, fmt.Errorf("store %s: %w", key, err)
	}
	return info, nil
}

func countSeverity(fs []report.Finding, sev report.Severity) int {
	n := 0
	for _, f := range fs {
		if f.Severity == sev {
			n++
		}
	}
	return n
}

// marshal encodes v as JSON with Chinese text left readable.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encode %T: %w", v, err)
	}
	return b.Bytes(), nil
}
