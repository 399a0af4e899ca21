package report

// Severity grades a finding.
type Severity string

const (
	// Error blocks storing and rendering.
	Error Severity = "error"
	// Warning is stored with the report and shown.
	Warning Severity = "warning"
	// NotAssessable records an identity skipped because an operand is "/".
	NotAssessable Severity = "not-assessable"
)

// Structural rule codes (docs/report-json.md, "Structural rules"), and H5, the
// one identity the decoder checks. The other identities and audit checks
// have their IDs in package validate, whose catalogue lists every rule.
const (
	RuleSyntax        = "syntax"
	RuleRequired      = "required"
	RuleUnknownField  = "unknown-field"
	RuleDuplicateKey  = "duplicate-key"
	RuleType          = "type"
	RuleRange         = "range"
	RuleCreditCode    = "credit-code"
	RuleFormatVersion = "format-version"
	RuleTextLength    = "text-length"
	RuleGlyph         = "glyph"
	RuleNonNegative   = "H5"
)

// Finding is one result of decoding or validating a report, as the contract
// describes it: the path names the exact cell or field, the message says in
// Chinese, in the table's own words, what is wrong.
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Path     string   `json:"path,omitempty"`
	Related  []string `json:"related,omitempty"`
	Got      string   `json:"got,omitempty"`
	Want     string   `json:"want,omitempty"`
	Message  string   `json:"message"`
}

// HasErrors reports whether any finding is an error, i.e. the document is not valid.
func HasErrors(fs []Finding) bool {
	for _, f := range fs {
		if f.Severity == Error {
			return true
		}
	}
	return false
}
