package recognize

import (
	"github.com/nianbao/nianbao/shared/report"
)

// Method says how a value was found.
type Method string

// The methods, as `nianbao import --json` names them.
const (
	// Exact: the file names the cell by its contract path (nianbao's own
	// templates); nothing was guessed.
	Exact Method = "exact"
	// LabelMatched: the row and column were found by the labels printed
	// beside the value.
	LabelMatched Method = "label-matched"
	// ByPosition: the row's label was lost or unreadable and the row was
	// placed by its position between rows found by label.
	ByPosition Method = "by-position"
	// Converted: the value was printed in another unit (元) and converted
	// to the contract's 万元.
	Converted Method = "converted"
	// Inferred: the value was recovered through the format's identities:
	// digits run together split the one way that satisfies them, or a
	// blank or lost cell that they determine.
	Inferred Method = "inferred"
)

// Provenance says where a value came from: how it was found, where in the
// source (source.Location's words: “第3页 表2 第4行第5列”, “第120行”) and
// the text printed there.
type Provenance struct {
	Method Method `json:"method"`
	Source string `json:"source"`
	Text   string `json:"text,omitempty"`
}

// Draft is a recognised report, possibly incomplete: cells that could not
// be read with certainty are absent from Report and named by Findings.
type Draft struct {
	Report *report.Report
	// Provenance of every value set in Report, by path: cells, metadata
	// fields and sections.
	Provenance map[string]Provenance
	// Findings are the import findings (rules import-*), in the order of
	// the document: metadata, 表二, 表三, 表四, sections.
	Findings []report.Finding
}

// The import findings' rules.
const (
	// RuleMissing: a cell or field not found, blank, or unreadable.
	RuleMissing = "import-missing"
	// RuleAmbiguous: printed values that can be read several ways; the
	// finding lists them.
	RuleAmbiguous = "import-ambiguous"
	// RuleInferred: a value recovered through the identities.
	RuleInferred = "import-inferred"
	// RuleUnit: an amount converted to 万元.
	RuleUnit = "import-unit"
	// RuleLabel: a row found through another wording, a typo, a fragment
	// or its position; a heading missing or misnumbered.
	RuleLabel = "import-label"
	// RuleAnnotation: a note printed in a cell beside the number.
	RuleAnnotation = "import-annotation"
	// RuleText: prose left out or moved (preamble, signature, a repeated
	// heading or title).
	RuleText = "import-text"
)
