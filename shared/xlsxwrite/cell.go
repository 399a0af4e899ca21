package xlsxwrite

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
)

type kind uint8

const (
	empty kind = iota
	text
	number
	integer
	boolean
	formula
)

// Cell is one cell's content and style. The zero Cell is an empty position:
// nothing is written for it.
type Cell struct {
	kind   kind
	s      string // the text, the number as written, or the formula
	n      int64  // an integer
	cached *Cell  // a formula's value when last computed
	style  StyleID
}

// Text is a cell holding s as text; Text("") is an empty position, as a
// spreadsheet keeps no empty text.
func Text(s string) Cell {
	if s == "" {
		return Cell{}
	}
	return Cell{kind: text, s: s}
}

// Number is a cell holding the decimal number s as written: an optional
// minus sign, digits, and optionally a point and more digits, with an
// optional exponent ("326.58", "-12", "1E+20"). It is written as given, so
// a report's exact decimal reaches the file unchanged; a spreadsheet reads
// it as the nearest double. A malformed number fails the row it is in.
func Number(s string) Cell { return Cell{kind: number, s: s} }

// Int is a cell holding the whole number n.
func Int(n int64) Cell { return Cell{kind: integer, n: n} }

// Bool is a cell holding TRUE or FALSE.
func Bool(v bool) Cell {
	if v {
		return Cell{kind: boolean, s: "1"}
	}
	return Cell{kind: boolean, s: "0"}
}

// Formula is a cell computing expr, written as Excel stores it: without
// the leading '=' ("SUM(D4:I4)"). cached is its value when last computed —
// a Number, Int, Text or Bool — or the zero Cell for none, which a
// spreadsheet computes when it opens the file (Options.CalcOnLoad).
func Formula(expr string, cached Cell) Cell {
	c := Cell{kind: formula, s: expr}
	if cached.kind != empty {
		v := cached
		v.style = 0
		c.cached = &v
	}
	return c
}

// With returns c in style s; the zero Cell with a style is a styled blank
// (the borders of a merged range's other cells, an empty value cell).
func (c Cell) With(s StyleID) Cell {
	c.style = s
	return c
}

// Excel's bounds on a cell.
const (
	MaxText    = 32767 // characters (UTF-16 code units) of a cell's text
	MaxFormula = 8192  // characters of a formula
)

var errBlank = errors.New("nothing to write")

// appendCell appends the c element of c at row, col.
func appendCell(b []byte, row, col int, c Cell) ([]byte, error) {
	if c.kind == empty && c.style == 0 {
		return b, errBlank
	}
	b = append(b, `<c r="`...)
	b = appendRef(b, row, col)
	b = append(b, '"')
	if c.style != 0 {
		b = append(b, ` s="`...)
		b = strconv.AppendUint(b, uint64(c.style), 10)
		b = append(b, '"')
	}
	switch c.kind {
	case empty:
		return append(b, "/>"...), nil
	case text:
		if err := checkText(c.s); err != nil {
			return b, err
		}
		b = append(b, ` t="inlineStr"><is><t`...)
		if needsPreserve(c.s) {
			b = append(b, ` xml:space="preserve"`...)
		}
		b = append(b, '>')
		b = appendXstring(b, c.s)
		return append(b, "</t></is></c>"...), nil
	case number:
		if !validNumber(c.s) {
			return b, fmt.Errorf("%q is not a number", c.s)
		}
		b = append(b, "><v>"...)
		b = append(b, c.s...)
		return append(b, "</v></c>"...), nil
	case integer:
		b = append(b, "><v>"...)
		b = strconv.AppendInt(b, c.n, 10)
		return append(b, "</v></c>"...), nil
	case boolean:
		b = append(b, ` t="b"><v>`...)
		b = append(b, c.s...)
		return append(b, "</v></c>"...), nil
	}
	// A formula: its cached value's type on the cell, the value after it.
	if c.s == "" || strings.HasPrefix(c.s, "=") || len(c.s) > MaxFormula {
		return b, fmt.Errorf("formula %.40q: want an expression without its leading '=', at most %d characters", c.s, MaxFormula)
	}
	v := c.cached
	switch {
	case v == nil:
	case v.kind == text:
		if err := checkText(v.s); err != nil {
			return b, err
		}
		b = append(b, ` t="str"`...)
	case v.kind == boolean:
		b = append(b, ` t="b"`...)
	case v.kind == number:
		if !validNumber(v.s) {
			return b, fmt.Errorf("cached value %q is not a number", v.s)
		}
	case v.kind == integer:
	default:
		return b, errors.New("a formula's cached value is a number, text or boolean")
	}
	b = append(b, "><f>"...)
	b = appendText(b, c.s)
	b = append(b, "</f>"...)
	if v != nil {
		// (No xml:space here: Excel writes none on a value, and an XML
		// reader keeps its white space anyway.)
		b = append(b, "<v>"...)
		if v.kind == integer {
			b = strconv.AppendInt(b, v.n, 10)
		} else {
			b = appendXstring(b, v.s)
		}
		b = append(b, "</v>"...)
	}
	return append(b, "</c>"...), nil
}

func checkText(s string) error {
	if len(s) <= MaxText {
		return nil
	}
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	if n > MaxText {
		return fmt.Errorf("text of %d characters: a cell holds at most %d", n, MaxText)
	}
	return nil
}

// validNumber accepts -?digits[.digits][(e|E)[+-]digits].
func validNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := func() int {
		start := i
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
		return i - start
	}
	if digits() == 0 {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
		// Only an exponent takes a number of at most 64 characters out
		// of a double's range.
		if f, err := strconv.ParseFloat(s, 64); err != nil || math.IsInf(f, 0) {
			return false
		}
	}
	return i == len(s) && len(s) <= 64
}
