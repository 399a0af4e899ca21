package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/nianbao/nianbao/shared/recognize"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/validate"
)

// Options are an import's optional inputs.
type Options struct {
	// Name is the file's name as the result reports it.
	Name string
	// Limits bound what reading may spend; the zero value is
	// source.DefaultLimits.
	Limits source.Limits
	// Validate is passed to the validator (the previous year's report,
	// the current time): validate.NewOptions builds it.
	Validate validate.Options
}

// Import reads data, whatever its kind (told from its content), recognises
// the report in it and validates the draft. A file that cannot be read as
// a report is a Result too, with one import-refused finding saying why; the
// error is only the context's, or an internal failure.
func Import(ctx context.Context, data []byte, opts Options) (*Result, error) {
	lim := opts.Limits
	if lim == (source.Limits{}) {
		lim = source.DefaultLimits
	}
	kind, err := source.Detect(data, lim)
	if err != nil {
		return refusal(opts.Name, kind, err)
	}
	read, ok := readers[kind]
	if !ok {
		return refused(opts.Name, kind, source.Refuse(source.Unsupported,
			fmt.Sprintf("不能导入%s文件：可以导入 .docx、.xlsx、网页（.html）、带文字层的 PDF 和文本文件（.txt、.md）", KindName(kind)), nil)), nil
	}
	doc, err := read(ctx, data, lim)
	if err != nil {
		return refusal(opts.Name, kind, err)
	}
	draft, err := recognize.Recognize(ctx, doc)
	if err != nil {
		return refusal(opts.Name, kind, err)
	}
	body := draftJSON(draft.Report)
	_, checked := validate.Document(body, opts.Validate)
	// Import findings first, then the validator's, capped together so that
	// a hostile file cannot make megabytes of them.
	var findings report.Findings
	findings.AddAll(draft.Findings)
	findings.AddAll(checked)
	res := &Result{File: opts.Name, Kind: kind, Report: body, Provenance: draft.Provenance,
		draft: draft.Report, Findings: findings.List()}
	res.valid = !report.HasErrors(res.Findings)
	return res, nil
}

// refusal turns a reader's or the recogniser's error into a refused result;
// the context's and unexpected errors are returned.
func refusal(file string, kind source.Kind, err error) (*Result, error) {
	var r *source.RefusedError
	switch {
	case errors.As(err, &r):
		return refused(file, kind, r), nil
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return nil, err
	}
	return nil, fmt.Errorf("import %s: %w", file, err)
}

// draftJSON is the draft in the contract: its canonical JSON, without the
// report year when none was found (the canonical form writes 0, which is
// not a year but reads as one).
func draftJSON(r *report.Report) []byte {
	b := r.Canonical()
	if r.ReportYear == 0 {
		b = bytes.Replace(b, []byte(`"reportYear":0,`), nil, 1)
	}
	return b
}

// DraftJSON is the draft a person completes and then validates or renders:
// the result's report, indented.
func (r *Result) DraftJSON() []byte {
	if r.draft == nil {
		return nil
	}
	var out bytes.Buffer
	if err := json.Indent(&out, r.Report, "", "  "); err != nil {
		return append([]byte(nil), r.Report...)
	}
	return out.Bytes()
}
