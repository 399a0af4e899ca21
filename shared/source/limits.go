package source

import (
	"errors"
	"fmt"
)

// Limits bound what a reader may spend on one document, whatever arrives.
type Limits struct {
	MaxBytes    int64 // the file itself
	MaxInflated int64 // all entries of a zip container (docx, xlsx) together, decompressed
	MaxEntries  int   // entries of a zip container
	MaxDepth    int   // nesting of HTML or XML elements
	MaxPages    int   // pages of a PDF
	MaxCells    int   // positions of one table's grid
	MaxSpan     int   // a cell's row or column span
	MaxBlocks   int   // blocks of a document
}

// DefaultLimits suit a 年报: a few pages, a few hundred cells, and room for
// pictures and fonts inside the containers.
var DefaultLimits = Limits{
	MaxBytes:    10 << 20,
	MaxInflated: 64 << 20,
	MaxEntries:  2000,
	MaxDepth:    256,
	MaxPages:    200,
	MaxCells:    20_000,
	MaxSpan:     64,
	MaxBlocks:   20_000,
}

// ErrRefused is matched by every *RefusedError.
var ErrRefused = errors.New("document refused")

// Reasons a document is refused, as stable codes for clients and tests.
const (
	TooLarge     = "too-large"     // over MaxBytes
	InflateLimit = "inflate-limit" // a container inflates past MaxInflated or has too many entries
	Legacy       = "legacy-binary" // .doc, .xls, .wps, .et
	Encrypted    = "encrypted"     // a password-protected file
	MacroEnabled = "macro-enabled" // .docm, .xlsm
	Scanned      = "scanned-pdf"   // a PDF without a text layer
	Malformed    = "malformed"     // damaged or not what it claims to be
	Unsupported  = "unsupported"   // a kind no reader understands
	TooComplex   = "too-complex"   // nesting, pages, cells past the limits
	NotReport    = "not-a-report"  // read, but holds nothing of a 年报 (the recogniser's refusal)
)

// RefusedError says why a document cannot be read as a report: Reason is a
// sentence in Chinese for the person who sent it, saying what to do; Err
// keeps the cause for logs.
type RefusedError struct {
	Code   string
	Reason string
	Err    error
}

// Refuse returns a *RefusedError.
func Refuse(code, reason string, cause error) *RefusedError {
	return &RefusedError{Code: code, Reason: reason, Err: cause}
}

func (e *RefusedError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Reason, e.Err)
	}
	return e.Code + ": " + e.Reason
}

// Is makes errors.Is(err, ErrRefused) true.
func (e *RefusedError) Is(target error) bool { return target == ErrRefused }

// Unwrap returns the cause.
func (e *RefusedError) Unwrap() error { return e.Err }

// CheckSize refuses data larger than lim.MaxBytes.
func (lim Limits) CheckSize(data []byte) error {
	if int64(len(data)) > lim.MaxBytes {
		return Refuse(TooLarge, fmt.Sprintf("文件过大（%.1f MB）：导入的文件不能超过 %d MB", float64(len(data))/(1<<20), lim.MaxBytes>>20), nil)
	}
	return nil
}
