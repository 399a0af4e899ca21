package recognize

import (
	"strings"
	"unicode"

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
	loc  source.Location

	// Numbers.
	sign   byte   // '+', '-' or 0
	digits string // the integer digits, without thousands separators
	frac   string // the decimal digits
	unit   string // 元, 万元, 亿元, 万, %, or a count word (件, 项, 个 …)
	note   string // an annotation in brackets after the number
	numDot bool   // “.” or “、” and a label follow: the last digits may be that label's number
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
func lexCell(s string, cell int, loc source.Location) []token {
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
func lex(s string, cell int, loc source.Location) []token {
	rs := []rune(s)
	var (
		toks  []token
		label []rune
	)
	flush := func() {
		if t := strings.Join(strings.Fields(string(label)), " "); t != "" {
			toks = append(toks, token{kind: tLabel, text: t, cell: cell, loc: loc})
		}
		label = label[:0]
	}
	for i := 0; i < len(rs); {
		r := narrow(rs[i])
		switch {
		case unicode.IsSpace(r):
			if len(label) > 0 {
				label = append(label, ' ')
			}
			i++
		case r == '(':
			end := closeParen(rs, i)
			if end < 0 {
				label = append(label, rs[i])
				i++
				continue
			}
			inner := strings.TrimSpace(string(rs[i+1 : end]))
			if len(toks) > 0 && toks[len(toks)-1].kind == tNum && strings.TrimSpace(string(label)) == "" && isNote(inner) {
				toks[len(toks)-1].note = inner
				toks[len(toks)-1].text += string(rs[i : end+1])
				label = label[:0]
			} else {
				label = append(label, rs[i:end+1]...)
			}
			i = end + 1
		case isDigit(r) || (r == '+' || r == '-') && i+1 < len(rs) && isDigit(narrow(rs[i+1])):
			if n, ok := labelNumber(rs, i); ok {
				label = append(label, rs[i:i+n]...)
				i += n
				continue
			}
			flush()
			tok, n := number(rs, i)
			tok.cell, tok.loc = cell, loc
			toks = append(toks, tok)
			i += n
		case (r == '/' || r == '\\' || r == '-' || r == '—' || r == '–') && standalone(rs, i):
			flush()
			j := i + 1
			if j < len(rs) && rs[j] == rs[i] && (r == '—' || r == '-') {
				j++ // —— and --
			}
			toks = append(toks, token{kind: tMark, text: string(rs[i:j]), cell: cell, loc: loc})
			i = j
		default:
			label = append(label, rs[i])
			i++
		}
	}
	flush()
	return toks
}

// closeParen returns the index of the bracket closing the one at i, or −1
// when none closes it within a note's length.
func closeParen(rs []rune, i int) int {
	const maxNote = 80
	for j := i + 1; j < len(rs) && j <= i+maxNote; j++ {
		switch narrow(rs[j]) {
		case ')':
			return j
		case '(':
			return -1
		}
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
func labelNumber(rs []rune, i int) (n int, ok bool) {
	if narrow(rs[i]) == '+' || narrow(rs[i]) == '-' || i > 0 && isDigit(narrow(rs[i-1])) {
		return 0, false
	}
	j := i
	for j < len(rs) && isDigit(narrow(rs[j])) {
		j++
	}
	if j-i > 2 || j+1 >= len(rs) || !isNumDot(rs[j]) || !startsLabel(rs[j+1]) {
		return 0, false
	}
	return j + 1 - i, true
}

func isNumDot(r rune) bool { return r == '.' || r == '．' || r == '、' }

// startsLabel is true for the first character of a label: Chinese, a
// quote or a bracket.
func startsLabel(r rune) bool {
	return isHan(r) || strings.ContainsRune("“\"‘（(《", r)
}

// number scans a number at i: sign, digits with thousands separators, a
// decimal part, a unit.
func number(rs []rune, i int) (token, int) {
	start := i
	var t token
	if c := narrow(rs[i]); c == '+' || c == '-' {
		t.sign = byte(c)
		i++
	}
	var digits strings.Builder
	for i < len(rs) {
		c := narrow(rs[i])
		switch {
		case isDigit(c):
			digits.WriteRune(c)
			i++
			continue
		case c == ',' && thousands(rs, i):
			i++
			continue
		}
		break
	}
	t.digits = digits.String()
	if i+1 < len(rs) && narrow(rs[i]) == '.' && isDigit(narrow(rs[i+1])) {
		j := i + 1
		for j < len(rs) && isDigit(narrow(rs[j])) {
			j++
		}
		t.frac = string(rs[i+1 : j])
		i = j
	}
	if i+1 < len(rs) && isNumDot(rs[i]) && startsLabel(rs[i+1]) {
		t.numDot = true
	}
	j := i
	for j < len(rs) && rs[j] == ' ' {
		j++
	}
	for _, u := range append(amountUnits, append(countUnits, "%")...) {
		if strings.HasPrefix(string(rs[j:min(len(rs), j+2)]), u) {
			t.unit = u
			i = j + len([]rune(u))
			break
		}
	}
	t.kind = tNum
	t.text = string(rs[start:i])
	return t, i - start
}

// thousands is true when the comma at i separates thousands: three digits
// follow, then no digit.
func thousands(rs []rune, i int) bool {
	if i == 0 || !isDigit(narrow(rs[i-1])) {
		return false
	}
	for k := 1; k <= 3; k++ {
		if i+k >= len(rs) || !isDigit(narrow(rs[i+k])) {
			return false
		}
	}
	return i+4 >= len(rs) || !isDigit(narrow(rs[i+4]))
}

// standalone is true for a marker with nothing but spaces, digits or the
// text's ends beside it: the “/” of a not-applicable cell in a row of
// numbers, not the one in 本年增/减 nor OCR debris such as “#/ ///##”.
func standalone(rs []rune, i int) bool {
	j := i + 1
	if j < len(rs) && rs[j] == rs[i] && (rs[i] == '—' || narrow(rs[i]) == '-') {
		j++
	}
	if narrow(rs[i]) == '-' && j < len(rs) && isDigit(narrow(rs[j])) {
		return false // a sign
	}
	free := func(r rune) bool { return unicode.IsSpace(r) || isDigit(narrow(r)) }
	return (i == 0 || free(rs[i-1])) && (j == len(rs) || free(rs[j]))
}
