package recognize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nianbao/nianbao/shared/source"
)

// tokKind says what a token is.
type tokKind uint8

const (
	tLabel tokKind = iota + 1 // words: a label, a header, a caption or prose
	tNum                      // a number, possibly signed, with a unit or a note
	tMark                     // a cell marker: “/” (not applicable) or “—”, “-”, “无”
	tBlank                    // an empty table cell
)

// token is a piece of a line: a table row or a paragraph.
type token struct {
	kind tokKind
	text string // as printed
	cell int    // the grid column of a table cell, -1 in running text
	loc  *source.Location

	// Numbers.
	sign   byte   // '+', '-' or 0
	digits string // the integer digits, without thousands separators
	frac   string // the decimal digits
	unit   string // 元, 万元, 亿元, 万, %, or a count word (件, 项, 个 …)
	note   string // an annotation in brackets after the number
	numDot bool   // “.” or “、” and a label follow: the last digits may be that label's number
	joined bool   // the digits of numbers a line break split in one cell (slotsOf)
}

func (t token) signText() string {
	if t.sign == 0 {
		return ""
	}
	return string(rune(t.sign))
}

// countUnits follow counts in cells (“1个”, “16件”) without changing them.
var countUnits = []string{"件", "项", "个", "条", "次", "家", "人", "宗", "份"}

// amountUnits are the money units a cell may carry; 万元 is the contract's.
var amountUnits = []string{"万元", "亿元", "元", "万"}

// markerCells are whole-cell texts that stand for no number.
var markerCells = map[string]bool{"/": true, "／": true, "\\": true, "-": true, "－": true, "—": true, "——": true, "–": true, "无": true, "空": true, "/ ": true}

// lexCell lexes one table cell; a cell holding only a marker is one tMark
// and an empty cell one tBlank.
func lexCell(s string, cell int, loc *source.Location) []token {
	t := strings.TrimSpace(s)
	switch {
	case t == "":
		return []token{{kind: tBlank, cell: cell, loc: loc}}
	case markerCells[t]:
		return []token{{kind: tMark, text: t, cell: cell, loc: loc}}
	}
	return lex(s, cell, loc)
}

// lex splits text into labels and numbers. Digits that number a label
// (“1.属于国家秘密”, “（1）”) stay in the label; a bracketed note after a
// number (“22（其中修订 16 件）”) is the number's; a bracketed note inside a
// label (“采购总金额(单位:万元,保留4位小数)”) is the label's, digits and all.
// It works on the string's bytes: a flattened page may be megabytes long.
func lex(s string, cell int, loc *source.Location) []token {
	var toks []token
	start := -1 // where the pending label starts
	flush := func(end int) {
		if start >= 0 {
			if t := strings.Join(strings.Fields(s[start:end]), " "); t != "" {
				toks = append(toks, token{kind: tLabel, text: t, cell: cell, loc: loc})
			}
			start = -1
		}
	}
	label := func(i int) {
		if start < 0 {
			start = i
		}
	}
	for i := 0; i < len(s); {
		c, w := utf8.DecodeRuneInString(s[i:])
		r := narrow(c)
		switch {
		case unicode.IsSpace(r):
			i += w
		case r == '(':
			end := closeParen(s, i+w)
			if end < 0 {
				label(i)
				i += w
				continue
			}
			_, cw := utf8.DecodeRuneInString(s[end:])
			inner := strings.TrimSpace(s[i+w : end])
			if n := len(toks); n > 0 && toks[n-1].kind == tNum && (start < 0 || strings.TrimSpace(s[start:i]) == "") && isNote(inner) {
				toks[n-1].note = inner
				toks[n-1].text += s[i : end+cw]
				start = -1
			} else {
				label(i)
			}
			i = end + cw
		case isDigit(r) || (r == '+' || r == '-') && digitAt(s, i+w):
			if n, ok := labelNumber(s, i); ok {
				label(i)
				i += n
				continue
			}
			// 无 run between a row's label and its numbers (行政强制无130) is
			// the first cell's, not the label's: no label ends in 无.
			if start >= 0 && i-start > len("无") && strings.HasSuffix(s[start:i], "无") {
				flush(i - len("无"))
				toks = append(toks, token{kind: tMark, text: "无", cell: cell, loc: loc})
			}
			flush(i)
			tok, n := number(s, i)
			tok.cell, tok.loc = cell, loc
			toks = append(toks, tok)
			i += n
		case r == '/' || r == '\\' || r == '-' || r == '—' || r == '–':
			j := i + w
			if next, nw := utf8.DecodeRuneInString(s[j:]); next == c && (r == '—' || r == '-') {
				j += nw // —— and --
			}
			if !standalone(s, i, j) {
				label(i)
				i += w
				continue
			}
			flush(i)
			toks = append(toks, token{kind: tMark, text: s[i:j], cell: cell, loc: loc})
			i = j
		case c == '无' && start < 0 && len(toks) > 0 && toks[len(toks)-1].kind == tNum && markerNext(s, i+w):
			// 无 run after a row's numbers (013无第二十条…) is the last
			// cell's: no label starts with 无 and then a new row.
			toks = append(toks, token{kind: tMark, text: "无", cell: cell, loc: loc})
			i += w
		default:
			label(i)
			i += w
		}
	}
	flush(len(s))
	return toks
}

// markerNext is true when what follows a 无 at byte i ends a cell: the
// text's end, a space, a digit, a bracket or a new label's numbering
// (第二十条, 三、).
func markerNext(s string, i int) bool {
	r, w := utf8.DecodeRuneInString(s[i:])
	switch {
	case w == 0, unicode.IsSpace(r), isDigit(narrow(r)), narrow(r) == '(', r == '第':
		return true
	case strings.ContainsRune("一二三四五六七八九十", r):
		next, _ := utf8.DecodeRuneInString(s[i+w:])
		return isNumDot(next)
	}
	return false
}

// digitAt reports whether s has a digit at byte i.
func digitAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[min(i, len(s)):])
	return isDigit(narrow(r))
}

// closeParen returns the byte index of the bracket closing one opened just
// before i, or −1 when none closes it within a note's length.
func closeParen(s string, i int) int {
	const maxNote = 80
	for n := 0; i < len(s) && n < maxNote; n++ {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch narrow(r) {
		case ')':
			return i
		case '(':
			return -1
		}
		i += w
	}
	return -1
}

// isNote is true for bracketed words that annotate a number, not for a
// label's number such as （七）.
func isNote(inner string) bool {
	if strings.Trim(inner, "一二三四五六七八九十0123456789 ") == "" {
		return false
	}
	for _, r := range inner {
		if isHan(r) {
			return true
		}
	}
	return false
}

// labelNumber reports whether the digits at i number the label after them
// (“1.属于”, “2、重复申请”) rather than being a value: one or two digits not
// glued to other digits, then “.” or “、”, then a label's first character.
// n is the bytes they take with their dot.
func labelNumber(s string, i int) (n int, ok bool) {
	if prev, _ := utf8.DecodeLastRuneInString(s[:i]); isDigit(narrow(prev)) {
		return 0, false
	}
	j, digits := i, 0
	for j < len(s) {
		r, w := utf8.DecodeRuneInString(s[j:])
		if !isDigit(narrow(r)) {
			break
		}
		j += w
		digits++
	}
	if digits == 0 || digits > 2 {
		return 0, false
	}
	dot, dw := utf8.DecodeRuneInString(s[j:])
	next, _ := utf8.DecodeRuneInString(s[min(len(s), j+dw):])
	if !isNumDot(dot) || !startsLabel(next) {
		return 0, false
	}
	return j + dw - i, true
}

func isNumDot(r rune) bool { return r == '.' || r == '．' || r == '、' }

// startsLabel is true for the first character of a label: Chinese, a
// quote or a bracket.
func startsLabel(r rune) bool {
	return isHan(r) || strings.ContainsRune("“\"‘（(《", r)
}

// number scans a number at i: sign, digits with thousands separators, a
// decimal part, a unit. n is the bytes it takes.
func number(s string, i int) (t token, n int) {
	start := i
	if c, w := utf8.DecodeRuneInString(s[i:]); narrow(c) == '+' || narrow(c) == '-' {
		t.sign = byte(narrow(c))
		i += w
	}
	digitsFrom, plain := i, true
	var digits strings.Builder
	for i < len(s) {
		c, w := utf8.DecodeRuneInString(s[i:])
		switch r := narrow(c); {
		case isDigit(r):
			if w > 1 {
				plain = false
			}
			digits.WriteRune(r)
			i += w
			continue
		case r == ',' && thousands(s, i):
			plain = false
			i += w
			continue
		}
		break
	}
	t.digits = digits.String()
	if plain {
		t.digits = s[digitsFrom:i] // no copy of a long run of plain digits
	}
	if c, w := utf8.DecodeRuneInString(s[i:]); narrow(c) == '.' && digitAt(s, i+w) {
		j := i + w
		var frac strings.Builder
		for j < len(s) {
			r, fw := utf8.DecodeRuneInString(s[j:])
			if !isDigit(narrow(r)) {
				break
			}
			frac.WriteRune(narrow(r))
			j += fw
		}
		t.frac, i = frac.String(), j
	}
	if c, w := utf8.DecodeRuneInString(s[i:]); isNumDot(c) {
		if next, _ := utf8.DecodeRuneInString(s[min(len(s), i+w):]); startsLabel(next) {
			t.numDot = true
		}
	}
	j := i
	for j < len(s) && s[j] == ' ' {
		j++
	}
	for _, u := range unitWords {
		if strings.HasPrefix(s[j:], u) {
			t.unit = u
			i = j + len(u)
			break
		}
	}
	t.kind = tNum
	t.text = s[start:i]
	return t, i - start
}

// unitWords are the units a number may carry, longest first.
var unitWords = append(append(append([]string(nil), amountUnits...), countUnits...), "%")

// thousands is true when the comma at i separates thousands: three digits
// follow, then no digit.
func thousands(s string, i int) bool {
	if prev, _ := utf8.DecodeLastRuneInString(s[:i]); !isDigit(narrow(prev)) {
		return false
	}
	j := i + 1
	for k := 0; k < 3; k++ {
		r, w := utf8.DecodeRuneInString(s[min(len(s), j):])
		if !isDigit(narrow(r)) {
			return false
		}
		j += w
	}
	return !digitAt(s, j)
}

// standalone is true for a marker (s[i:j]) with nothing but spaces, digits,
// the text's ends or, on one side only, a label beside it: the “/” of a
// not-applicable cell in a row of numbers, or run between a row's label and
// its numbers by a dump (收费/3, 17/行政强制); not the one in 本年增/减 nor
// OCR debris such as “#/ ///##”. A dash before a digit is a sign.
func standalone(s string, i, j int) bool {
	if c, _ := utf8.DecodeRuneInString(s[i:]); narrow(c) == '-' && digitAt(s, j) {
		return false
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	next, _ := utf8.DecodeRuneInString(s[j:])
	side := func(r rune, end bool) bool { return end || unicode.IsSpace(r) || isDigit(narrow(r)) || isHan(r) }
	return side(prev, i == 0) && side(next, j == len(s)) && !(isHan(prev) && isHan(next))
}
