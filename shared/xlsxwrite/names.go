package xlsxwrite

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Name is a defined name: a name for a formula, usually a reference
// (Absolute). Excel shows names in its Name Box and Name Manager; nianbao's
// templates name each value cell by its contract path this way.
type Name struct {
	Name string
	// Sheet is the sheet the name belongs to, for a name that means
	// something on that sheet only; "" for one of the whole workbook.
	Sheet    string
	RefersTo string // a formula without its leading '=': '表三'!$D$5
}

const maxName = 255

// checkName applies Excel's rules for a defined name: a letter, '_' or '\'
// first, then letters, digits, '_', '.', '\' and '?'; not a cell reference
// (A1, XFD1048576, R1C1, R, C), which Excel would take it for.
func checkName(n string) error {
	if n == "" || utf8.RuneCountInString(n) > maxName {
		return fmt.Errorf("defined name %q: want 1–%d characters", n, maxName)
	}
	for i, r := range n {
		switch {
		case unicode.IsLetter(r) || r == '_' || r == '\\':
		case i > 0 && (unicode.IsDigit(r) || r == '.' || r == '?'):
		default:
			return fmt.Errorf("defined name %q: %q cannot stand there in a name", n, r)
		}
	}
	if looksLikeRef(n) {
		return fmt.Errorf("defined name %q: reads as a cell reference", n)
	}
	return nil
}

// looksLikeRef reports whether n is an A1 reference (1–3 letters, then
// digits) or an R1C1 one (R, C, Rn, Cn, RnCn), case folded.
func looksLikeRef(n string) bool {
	u := strings.ToUpper(n)
	letters := 0
	for letters < len(u) && 'A' <= u[letters] && u[letters] <= 'Z' {
		letters++
	}
	if letters >= 1 && letters <= 3 && letters < len(u) && allDigits(u[letters:]) {
		return true
	}
	rest, ok := strings.CutPrefix(u, "R")
	if ok {
		i := 0
		for i < len(rest) && '0' <= rest[i] && rest[i] <= '9' {
			i++
		}
		rest = rest[i:]
		if rest == "" {
			return true
		}
	}
	if rest, ok := strings.CutPrefix(rest, "C"); ok {
		return allDigits(rest) || rest == ""
	}
	return false
}

func allDigits(s string) bool {
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// DefineName adds a defined name. Names are unique within their scope,
// ignoring case as Excel does; a sheet-scoped name's sheet must exist by
// the time the workbook is closed.
func (wb *Workbook) DefineName(n Name) error {
	if wb.err != nil {
		return wb.err
	}
	if wb.closed {
		return ErrClosed
	}
	if err := checkName(n.Name); err != nil {
		return fmt.Errorf("xlsxwrite: %w", err)
	}
	if n.RefersTo == "" || strings.HasPrefix(n.RefersTo, "=") || len(n.RefersTo) > MaxFormula {
		return fmt.Errorf("xlsxwrite: defined name %s: refers to %.40q; want a formula without its leading '='", n.Name, n.RefersTo)
	}
	key := strings.ToLower(n.Name) + "\x00" + strings.ToLower(n.Sheet)
	if wb.nameKeys[key] {
		return fmt.Errorf("xlsxwrite: defined name %s: defined twice in the same scope", n.Name)
	}
	if wb.nameKeys == nil {
		wb.nameKeys = map[string]bool{}
	}
	wb.nameKeys[key] = true
	wb.names = append(wb.names, n)
	return nil
}
