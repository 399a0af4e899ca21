package recognize

import (
	"slices"

	"github.com/nianbao/nianbao/shared/report"
)

// readMode says how a run's candidates were found.
type readMode uint8

const (
	readExact readMode = iota // one value per cell, as printed
	readSplit                 // numbers run together, split at every place the format allows
	readLossy                 // fewer numbers than cells: values lost, their places unknown
	readNone                  // nothing fits the row's cells
)

// Bounds of the enumeration, whatever a hostile text holds: a row of 7
// cells printed as 40 digits has C(39, 6) ≈ 3.3 million splits.
const (
	maxSplitSteps  = 200_000
	maxCandidates  = 2_000
	maxLossyTokens = 15
)

// readRow returns the candidate readings of a row's values for cells of
// kinds: exactly one when the values stand one per cell, several when
// digits ran together or values were lost.
func readRow(vals []token, structured bool, kinds []report.Kind, unit string) ([][]cellVal, readMode) {
	n := len(kinds)
	if structured {
		if slots := slotsOf(vals, n); slots != nil {
			c := make([]cellVal, n)
			for i, t := range slots {
				c[i] = readOne(t, kinds[i], unit)
			}
			return [][]cellVal{c}, readExact
		}
	}
	var toks []token
	for _, t := range vals {
		if t.kind != tBlank {
			toks = append(toks, t)
		}
	}
	if len(toks) == 0 {
		return nil, readNone
	}
	if !structured {
		if variants := grouped(toks); len(variants) > 1 {
			// A space in running text may group a number's thousands
			// (2 290) or part two cells: every reading of each is a
			// candidate, and the identities choose.
			var all [][]cellVal
			for _, v := range variants {
				if cands, mode := readTokens(v, false, kinds, unit); mode != readNone {
					all = append(all, cands...)
				}
			}
			if all = distinct(all); len(all) > 0 {
				return all, readSplit
			}
			return nil, readNone
		}
	}
	return readTokens(toks, structured, kinds, unit)
}

// maxGroups bounds the spaces tried both ways in one row (2^maxGroups
// variants).
const maxGroups = 4

// grouped returns toks and, for each way of reading the spaces before a
// group of three digits (2 290) as part of the number, the tokens so
// joined; just toks when there is no such space or too many.
func grouped(toks []token) [][]token {
	var gaps []int
	for i := 1; i < len(toks); i++ {
		if _, ok := join(toks[i-1], toks[i]); ok && len(toks[i].digits) == 3 {
			gaps = append(gaps, i)
		}
	}
	if len(gaps) == 0 || len(gaps) > maxGroups {
		return [][]token{toks}
	}
	var out [][]token
	for mask := range 1 << len(gaps) {
		var v []token
		for i, t := range toks {
			if k := slices.Index(gaps, i); k >= 0 && mask&(1<<k) != 0 {
				j, _ := join(v[len(v)-1], t)
				v[len(v)-1] = j
				continue
			}
			v = append(v, t)
		}
		out = append(out, v)
	}
	return out
}

// readTokens reads a row's tokens, empty cells left out.
func readTokens(toks []token, structured bool, kinds []report.Kind, unit string) ([][]cellVal, readMode) {
	n := len(kinds)
	if len(toks) == n {
		c := make([]cellVal, n)
		for i, t := range toks {
			c[i] = readOne(t, kinds[i], unit)
		}
		return [][]cellVal{c}, readExact
	}
	if len(toks) < n {
		// A table's cells each hold a whole number: fewer of them than
		// columns means values were lost. Text runs numbers together.
		if structured {
			if cands := lossy(toks, kinds, unit); len(cands) > 0 {
				return cands, readLossy
			}
		}
		if cands := splits(toks, kinds, unit); len(cands) > 0 {
			return cands, readSplit
		}
		if cands := lossy(toks, kinds, unit); len(cands) > 0 {
			return cands, readLossy
		}
	}
	return nil, readNone
}

// byColumn reads a row of a table whose header names its columns: each
// value goes to the column above it, a column the header lacks is
// unknown. A value under no column, or two in one cell, reads nothing.
func byColumn(vals []token, cols []int, kinds []report.Kind, labels []string, unit string) ([][]cellVal, readMode) {
	slots := make([]*token, len(kinds))
	for i := range vals {
		tk := &vals[i]
		if tk.cell < 0 || tk.cell >= len(cols) || cols[tk.cell] < 0 {
			if tk.kind == tBlank {
				continue
			}
			return nil, readNone
		}
		j := cols[tk.cell]
		if slots[j] != nil {
			joined, ok := join(*slots[j], *tk)
			if !ok {
				return nil, readNone
			}
			slots[j] = &joined
			continue
		}
		slots[j] = tk
	}
	c := make([]cellVal, len(kinds))
	for j, tk := range slots {
		if tk == nil {
			c[j] = cellVal{why: "没有“" + labels[j] + "”列"}
			continue
		}
		c[j] = readOne(*tk, kinds[j], unit)
	}
	return [][]cellVal{c}, readExact
}

// readOne reads a token standing alone in its cell; a number that does not
// fit the cell is kept as unreadable.
func readOne(t token, k report.Kind, unit string) cellVal {
	c, ok := parseToken(t, k, unit)
	if !ok {
		return cellVal{raw: t.text, why: "为无法识别的“" + t.text + "”", loc: t.loc}
	}
	return c
}

// slotsOf returns one token per cell when a table row gives each value a
// cell of its own (empty cells included), nil otherwise. Trailing empty
// cells past the row's width are padding. Numbers split by a line break in
// one cell (a PDF's narrow column wraps “1326” as “132” over “6”) are one
// token marked joined: a reading the identities must confirm.
func slotsOf(vals []token, n int) []token {
	var out []token
	for _, t := range vals {
		if t.cell < 0 {
			return nil // running text
		}
		if k := len(out) - 1; k >= 0 && out[k].cell == t.cell {
			j, ok := join(out[k], t)
			if !ok {
				return nil // two values in one cell
			}
			out[k] = j
			continue
		}
		out = append(out, t)
	}
	vals = out
	for len(vals) > n && vals[len(vals)-1].kind == tBlank {
		vals = vals[:len(vals)-1]
	}
	if len(vals) != n {
		return nil
	}
	return vals
}

// join reads two numbers of one cell as the digits of one, wrapped or
// grouped by a space (1 346): plain whole numbers, the first bare, the
// second no longer than the first or a group of three.
func join(a, b token) (token, bool) {
	if a.kind != tNum || b.kind != tNum || a.frac != "" || a.unit != "" || a.note != "" || b.sign != 0 ||
		a.numDot || len(b.digits) > len(a.digits) && len(b.digits) != 3 {
		return token{}, false
	}
	j := b
	j.sign, j.digits, j.text, j.joined = a.sign, a.digits+b.digits, a.text+" "+b.text, true
	return j, true
}

// splits enumerates the ways numbers run together fill the cells: each
// token covers one or more consecutive cells, its sign going to the first
// and its decimals, unit and note to the last; no cell has leading zeros.
func splits(toks []token, kinds []report.Kind, unit string) [][]cellVal {
	for _, t := range toks {
		if t.kind != tNum {
			return nil
		}
	}
	total := 0
	for _, t := range toks {
		total += len(t.digits)
	}
	if total > len(kinds)*maxAmountDigits || total < len(kinds) {
		return nil
	}
	var (
		out   [][]cellVal
		cur   = make([]cellVal, len(kinds))
		steps int
	)
	var cover func(ti, ci int) bool
	// part fills cells ci.. from token t's digits starting at pos, k cells
	// in all; it returns false when the bounds stop the enumeration.
	var part func(t token, ti, pos, ci, k int) bool
	part = func(t token, ti, pos, ci, k int) bool {
		steps++
		if steps > maxSplitSteps || len(out) > maxCandidates {
			return false
		}
		first, last := pos == 0, k == 1
		if last {
			sign, frac, u, note := "", t.frac, t.unit, t.note
			if first {
				sign = t.signText()
			}
			raw := sign + t.digits[pos:]
			if frac != "" {
				raw += "." + frac
			}
			c, ok := parseNumber(sign, t.digits[pos:], frac, u, kinds[ci], unit, raw+u, note)
			if !ok {
				return true
			}
			c.loc = t.loc
			cur[ci] = c
			return cover(ti+1, ci+1)
		}
		for end := pos + 1; end <= len(t.digits)-(k-1); end++ {
			sign := ""
			if first {
				sign = t.signText()
			}
			c, ok := parseNumber(sign, t.digits[pos:end], "", "", kinds[ci], unit, sign+t.digits[pos:end], "")
			if !ok {
				continue
			}
			c.loc = t.loc
			cur[ci] = c
			if !part(t, ti, end, ci+1, k-1) {
				return false
			}
		}
		return true
	}
	cover = func(ti, ci int) bool {
		if ti == len(toks) {
			if ci == len(kinds) {
				out = append(out, append([]cellVal(nil), cur...))
			}
			return true
		}
		left := len(toks) - ti - 1 // tokens after this one need a cell each
		for k := 1; k <= len(kinds)-ci-left && k <= len(toks[ti].digits); k++ {
			if !part(toks[ti], ti, 0, ci, k) {
				return false
			}
		}
		return true
	}
	if !cover(0, 0) {
		return nil // too many ways: none is trusted
	}
	return out
}

// lossy places fewer values than cells in order, in every way: the cells
// between stay unknown for the identities to decide.
func lossy(toks []token, kinds []report.Kind, unit string) [][]cellVal {
	if len(toks) > maxLossyTokens {
		return nil
	}
	var out [][]cellVal
	cur := make([]cellVal, len(kinds))
	var place func(ti, ci int)
	place = func(ti, ci int) {
		if len(out) > maxCandidates {
			return
		}
		if ti == len(toks) {
			for k := ci; k < len(kinds); k++ {
				cur[k] = cellVal{why: whyLost}
			}
			out = append(out, append([]cellVal(nil), cur...))
			return
		}
		for k := ci; k <= len(kinds)-(len(toks)-ti); k++ {
			c, ok := parseToken(toks[ti], kinds[k], unit)
			if !ok {
				continue
			}
			for m := ci; m < k; m++ {
				cur[m] = cellVal{why: whyLost}
			}
			cur[k] = c
			place(ti+1, k+1)
		}
	}
	place(0, 0)
	if len(out) > maxCandidates {
		return nil
	}
	return out
}
