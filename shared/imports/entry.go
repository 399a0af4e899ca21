package imports

import (
	"encoding/json"
	"time"

	"github.com/nianbao/nianbao/shared/report"
)

// State is where an imported file stands.
type State string

// The states, in the order the review page lists them.
const (
	Review  State = "review"  // a person must complete the draft and file it
	Failed  State = "failed"  // storage failed while it was processed; the inbox retries
	Refused State = "refused" // not a report that can be read
	Filed   State = "filed"   // in the registry
)

// States lists every state in the review page's order.
var States = []State{Review, Failed, Refused, Filed}

// Label is the state as people read it.
func (s State) Label() string {
	switch s {
	case Review:
		return "待人工处理"
	case Failed:
		return "处理失败"
	case Refused:
		return "无法导入"
	case Filed:
		return "已归档"
	}
	return string(s)
}

// Valid reports whether s is one of States.
func (s State) Valid() bool {
	for _, v := range States {
		if s == v {
			return true
		}
	}
	return false
}

// Why a file needs a person, as stable codes.
const (
	AgencyUnknown   = "agency-unknown"   // the printed name is on no list, or there is no list
	AgencyAmbiguous = "agency-ambiguous" // the printed name fits several agencies
	YearMissing     = "year-missing"     // no report year could be read
	YearMismatch    = "year-mismatch"    // the report is for another year than its inbox folder
	Invalid         = "invalid"          // the draft has error findings
	NotReadable     = "not-readable"     // refused: not a report that can be read
	StorageFailed   = "storage-failed"   // failed: the store could not be read or written
)

// Reason is one reason a file is not filed: a code and a Chinese sentence
// saying what a person should do.
type Reason struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Agency is who the report was matched to, and from which list.
type Agency struct {
	Name       string `json:"name"`
	CreditCode string `json:"creditCode"`
	Region     string `json:"region,omitempty"`
	// Source names the list: inbox/{year}/agencies.csv, the roster
	// (rosters/{year}/roster.json), or "report" when the report printed
	// its own credit code.
	Source string `json:"source"`
}

// Filed-by values.
const (
	ByImport = "import" // the inbox filed it
	ByForm   = "form"   // a person filed it from the review queue
)

// Entry is the record of one imported original.
type Entry struct {
	Year   int    `json:"year"`
	SHA256 string `json:"sha256"` // of the original
	// Name is the file as it arrived: its inbox key or its path.
	Name  string `json:"name"`
	Size  int64  `json:"size"`
	Kind  string `json:"kind,omitempty"` // pdf, html, docx, xlsx, text
	State State  `json:"state"`
	// Reasons say why the file is not filed (review, refused, failed).
	Reasons []Reason `json:"reasons,omitempty"`
	Agency  *Agency  `json:"agency,omitempty"`
	// List is the version of the agencies list the entry was matched
	// against (its key and ETag), "" when the year had none.
	List string `json:"list,omitempty"`
	// Filled are the draft's paths completed from Agency (agency.creditCode,
	// agency.region, agency.name): the file did not print them.
	Filled []string `json:"filled,omitempty"`
	// Report is the draft in the contract, completed with the matched
	// agency's credit code and region; absent when the file was refused.
	Report     json.RawMessage  `json:"report,omitempty"`
	Findings   []report.Finding `json:"findings,omitempty"`
	Provenance json.RawMessage  `json:"provenance,omitempty"`
	// Original is the key of the kept original of a report in review
	// (imports/{year}/{sha256}.{ext}); a filed report's is in the registry.
	Original     string `json:"original,omitempty"`
	OriginalType string `json:"originalType,omitempty"`
	// ID is the filed version; FiledBy says who filed it.
	ID       string `json:"id,omitempty"`
	FiledBy  string `json:"filedBy,omitempty"`
	Attempts int    `json:"attempts,omitempty"` // processing attempts that failed
	// Created is when the file was first processed, UpdatedAt when the
	// entry last changed.
	Created   time.Time `json:"created"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// Ref names the entry in the form's address: {year}/{sha256}.
func (e *Entry) Ref() string { return Ref(e.Year, e.SHA256) }

// Counts of an entry's findings by severity.
func (e *Entry) Counts() (errors, warnings int) {
	for _, f := range e.Findings {
		switch f.Severity {
		case report.Error:
			errors++
		case report.Warning:
			warnings++
		}
	}
	return errors, warnings
}
