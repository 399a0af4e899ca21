package check

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// MaxDocumentBytes bounds the documents Validate reads. Six sections of
// 100,000 characters, each character sent as a six-byte \uXXXX escape, come to
// 3.6 MB; the tables add a few kilobytes.
const MaxDocumentBytes = 4 << 20

var (
	// ErrInvalid is matched by every *Error.
	ErrInvalid = errors.New("document does not match the report schema")
	// ErrSyntax means the input is not exactly one JSON value in UTF-8.
	ErrSyntax = errors.New("document is not a single JSON value")
	// ErrTooLarge means the input exceeds MaxDocumentBytes.
	ErrTooLarge = errors.New("document too large")
)

// Validate checks doc against the report schema. It returns nil for a
// conforming document, an *Error listing every violation for a document that
// does not conform, and an error matching ErrSyntax or ErrTooLarge for input
// that cannot be checked at all.
func Validate(doc []byte) error {
	if len(doc) > MaxDocumentBytes {
		return fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(doc), MaxDocumentBytes)
	}
	// encoding/json would quietly turn bad bytes into U+FFFD; RFC 8259
	// requires UTF-8 and the decoder rejects anything else.
	if !utf8.Valid(doc) {
		return fmt.Errorf("%w: not UTF-8", ErrSyntax)
	}
	sch, err := compiled()
	if err != nil {
		return fmt.Errorf("load report schema: %w", err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return fmt.Errorf("%w: %w", ErrSyntax, err)
	}
	var outOfRange [][]string
	v = normalizeNumbers(v, nil, &outOfRange)
	err = sch.Validate(v)
	var verr *jsonschema.ValidationError
	if err != nil && !errors.As(err, &verr) {
		return fmt.Errorf("validate document: %w", err)
	}
	if err == nil && len(outOfRange) == 0 {
		return nil
	}
	return &Error{Violations: violations(verr, outOfRange)}
}

// Error lists every schema violation in a document, ordered by location.
type Error struct {
	Violations []Violation
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "report schema: %d violation", len(e.Violations))
	if len(e.Violations) != 1 {
		b.WriteByte('s')
	}
	for i, v := range e.Violations {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(v.String())
	}
	return b.String()
}

// Unwrap lets errors.Is(err, ErrInvalid) recognise every schema failure.
func (e *Error) Unwrap() error { return ErrInvalid }
