package registry

import (
	"errors"
	"fmt"

	"github.com/nianbao/nianbao/shared/report"
)

var (
	// ErrInvalid: the document has error findings; nothing was stored. The
	// error is an *InvalidError carrying them.
	ErrInvalid = errors.New("report is not valid")
	// ErrNotFound: no such report, or no such file of a report.
	ErrNotFound = errors.New("report not found")
	// ErrBadRequest: a malformed report ID, listing filter or page token.
	ErrBadRequest = errors.New("malformed id, filter or page token")
	// ErrBusy: compare-and-swap kept losing to concurrent writers; retry later.
	ErrBusy = errors.New("too many concurrent updates")
	// ErrCorrupt: a stored object does not match what its manifest records.
	ErrCorrupt = errors.New("stored report is corrupt")
	// ErrNoRenderer: the service was made without a renderer (a read-only
	// function) and cannot file.
	ErrNoRenderer = errors.New("this service cannot file reports: no renderer")
	// ErrForbidden: the submitter may not file for the report's agency. The
	// error is a *ForbiddenError.
	ErrForbidden = errors.New("not allowed to file for this agency")
)

// RequestError is an ErrBadRequest with what to tell the person who sent
// the request: Public is Chinese and names what is wrong; Detail is for logs.
type RequestError struct {
	Public string
	Detail string
}

func (e *RequestError) Error() string { return ErrBadRequest.Error() + ": " + e.Detail }

// Unwrap makes errors.Is(err, ErrBadRequest) true.
func (e *RequestError) Unwrap() error { return ErrBadRequest }

// The requests' faults, as their senders read them.
var (
	errBadID        = &RequestError{"报告编号格式不对：应为“年度-统一社会信用代码-SHA-256”", "want {year}-{creditCode}-{sha256}"}
	errBadYear      = &RequestError{"年度应为 2019 年至今年之间的四位年份", "bad year"}
	errBadCode      = &RequestError{"统一社会信用代码无效：应为 18 位，末位校验码正确", "bad credit code"}
	errBadSHA       = &RequestError{"报告编号中的 SHA-256 无效：应为 64 位小写十六进制", "bad sha256"}
	errBadPageToken = &RequestError{"翻页令牌无效：请从第一页重新开始", "bad page token"}
	errBadPageSize  = &RequestError{fmt.Sprintf("每页条数应为 1–%d", MaxPageSize), fmt.Sprintf("page size must be 1–%d", MaxPageSize)}
)

// ForbiddenError names the agency a submitter may not file for.
type ForbiddenError struct{ CreditCode string }

func (e *ForbiddenError) Error() string { return "not allowed to file for agency " + e.CreditCode }

// Unwrap makes errors.Is(err, ErrForbidden) true.
func (e *ForbiddenError) Unwrap() error { return ErrForbidden }

// InvalidError carries the findings of a document that cannot be filed.
type InvalidError struct {
	Findings []report.Finding
	Unusable bool // the document is not JSON at all
}

func (e *InvalidError) Error() string {
	n := 0
	for _, f := range e.Findings {
		if f.Severity == report.Error {
			n++
		}
	}
	return fmt.Sprintf("report is not valid: %d error findings", n)
}

// Unwrap makes errors.Is(err, ErrInvalid) true.
func (e *InvalidError) Unwrap() error { return ErrInvalid }
