package roster

import (
	"errors"
	"fmt"
	"strings"
)

var (
	// ErrInvalid: the file cannot be used as a roster. The error is an
	// *InvalidError naming every problem by row and column.
	ErrInvalid = errors.New("roster is not valid")
	// ErrNotFound: no roster is stored for the year.
	ErrNotFound = errors.New("no roster for this year")
	// ErrConflict: the stored roster changed while it was being replaced.
	ErrConflict = errors.New("roster changed concurrently")
)

// Problem is one thing wrong with a roster file, in a clerk's words.
type Problem struct {
	Row     int    `json:"row,omitempty"`    // the row as the spreadsheet numbers it (1-based); 0 for the whole file
	Column  string `json:"column,omitempty"` // the column's heading, e.g. 统一社会信用代码
	Message string `json:"message"`          // Chinese, naming the row and column
}

// MaxProblems caps the problems reported for one file: enough to fix a
// spreadsheet in one pass, not a response of megabytes for a wrong file.
const MaxProblems = 100

// InvalidError carries every problem of a refused roster file.
type InvalidError struct {
	Problems []Problem
	Omitted  int // problems beyond MaxProblems, counted but not listed
}

func (e *InvalidError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "roster is not valid: %d problems", len(e.Problems)+e.Omitted)
	if len(e.Problems) > 0 {
		b.WriteString(" (first: " + e.Problems[0].Message + ")")
	}
	return b.String()
}

// Unwrap makes errors.Is(err, ErrInvalid) true.
func (e *InvalidError) Unwrap() error { return ErrInvalid }
