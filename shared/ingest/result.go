package ingest

import (
	"encoding/json"

	"github.com/nianbao/nianbao/shared/recognize"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/source"
)

// RuleRefused is the finding of a file that cannot be read as a report at
// all; its message is the refusal's reason.
const RuleRefused = "import-refused"

// Result is one file's import, as `nianbao import --json` prints it.
type Result struct {
	File string      `json:"file"`
	Kind source.Kind `json:"kind"`
	// Report is the draft in the contract, possibly incomplete; null when
	// the file was refused.
	Report json.RawMessage `json:"report"`
	// Findings are the import findings (rules import-*), then the
	// validator's on the draft, capped (see Options.MaxFindings).
	Findings []report.Finding `json:"findings"`
	// Provenance says, by path, how every value of the draft was found.
	Provenance map[string]recognize.Provenance `json:"provenance"`

	draft   *report.Report
	refusal *source.RefusedError
	valid   bool
}

// Refusal returns why the file could not be read as a report, nil when it
// could.
func (r *Result) Refusal() *source.RefusedError { return r.refusal }

// Valid reports whether the draft is a valid report as it stands: no error
// finding, the importer's or the validator's.
func (r *Result) Valid() bool { return r.valid }

// Draft returns the recognised report, nil when the file was refused.
func (r *Result) Draft() *report.Report { return r.draft }

// Refused returns the result of a file that could not be read as a report:
// no draft, one import-refused finding with the reason.
func Refused(file string, err *source.RefusedError) *Result { return refused(file, "", err) }

func refused(file string, kind source.Kind, err *source.RefusedError) *Result {
	return &Result{File: file, Kind: kind, Report: json.RawMessage("null"),
		Findings:   []report.Finding{{Rule: RuleRefused, Severity: report.Error, Got: err.Code, Message: err.Reason}},
		Provenance: map[string]recognize.Provenance{}, refusal: err}
}
