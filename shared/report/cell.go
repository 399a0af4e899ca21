package report

// Kind says what a table cell may hold.
type Kind uint8

const (
	// Count is a whole number ≥ 0 (件 or 项).
	Count Kind = iota + 1
	// SignedCount is a whole number that may be negative: only 2019 本年增/减.
	SignedCount
	// Amount is a decimal ≥ 0 in 万元 with at most six decimals.
	Amount
)

// MaxCount bounds every count cell: no body handles a billion applications, and
// the bound keeps every sum of a table row far from overflow.
const MaxCount = 1_000_000_000

// State says whether a cell holds a value.
type State uint8

const (
	// Absent marks a cell that was missing or malformed; the decoder has already
	// reported it, so identities that need it are silently skipped.
	Absent State = iota
	// Number marks a cell holding Value.
	Number
	// NotApplicable marks the "/" marker: identities that need the cell are
	// reported as not assessable, never as passed or failed.
	NotApplicable
)

// NAMarker is the contract's "not applicable" cell text.
const NAMarker = "/"

// Cell is one table cell.
type Cell struct {
	State State
	Value Decimal
}

// Num returns a cell holding the whole number n.
func Num(n int64) Cell { return Cell{State: Number, Value: Int(n)} }

// String renders the cell as a person reads it: the number, "/" or "".
func (c Cell) String() string {
	switch c.State {
	case Number:
		return c.Value.String()
	case NotApplicable:
		return NAMarker
	}
	return ""
}
