package validate

import (
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/shared/report"
)

// A claim is a figure that a section's prose states: a keyword, then within the
// same clause a number and its unit, e.g. 本年新收政府信息公开申请 120 件.
type claim struct {
	excerpt string         // from the keyword to the unit, as written
	lead    string         // the clause before the number, keyword included (for verbs)
	value   report.Decimal // the number, exactly
	unit    string
	rest    string // the clause after the unit, for follow-ups such as 较去年减少71项
}

// maxGapRunes bounds how far after its keyword a figure may stand.
const maxGapRunes = 40

// clauseEnd reports whether r ends the clause a figure must stand in.
func clauseEnd(r rune) bool {
	switch r {
	case '。', '；', ';', '！', '!', '？', '?', '\n':
		return true
	}
	return false
}

// claimAt reads the figure that follows the keyword at text[start:start+klen]
// with one of units (longest first: 万元 before 元). An occurrence whose gap
// holds another phrase's keyword (stops) is dropped: the figure may belong to
// that phrase instead.
func claimAt(text string, start, klen int, units []string, stops *keywordSet) (claim, bool) {
	if joined(text[:start]) {
		return claim{}, false // 新收及上年结转申请共121件: the figure totals several items
	}
	clauseStart := strings.LastIndexFunc(text[:start], clauseEnd) + 1
	if clauseStart > 0 {
		_, size := utf8.DecodeRuneInString(text[clauseStart-1:])
		clauseStart += size - 1
	}
	pos, runes := start+klen, 0
	for pos < len(text) && runes < maxGapRunes {
		r, size := utf8.DecodeRuneInString(text[pos:])
		if clauseEnd(r) {
			return claim{}, false
		}
		if stops.startsAt(text, pos, r) {
			return claim{}, false
		}
		if digitValue(r) < 0 {
			pos += size
			runes++
			continue
		}
		value, end, ok := readNumber(text, pos)
		if !ok {
			pos = end
			continue
		}
		unitStart := end
		for unitStart < len(text) && text[unitStart] == ' ' {
			unitStart++
		}
		for _, u := range units {
			if strings.HasPrefix(text[unitStart:], u) {
				after := unitStart + len(u)
				restEnd := strings.IndexFunc(text[after:], clauseEnd)
				if restEnd < 0 {
					restEnd = len(text) - after
				}
				return claim{excerpt: text[start:after], lead: text[clauseStart:pos], value: value, unit: u,
					rest: text[after : after+restEnd]}, true
			}
		}
		pos = end
	}
	return claim{}, false
}

// joined reports whether the text before a keyword ends with a conjunction.
func joined(before string) bool {
	for _, c := range []string{"及", "和", "与", "以及", "或"} {
		if strings.HasSuffix(before, c) {
			return true
		}
	}
	return false
}

// keywordSet answers "does a keyword start here?" quickly: most characters
// start none, and a table of first characters says so without comparing.
type keywordSet struct {
	first map[rune][]string
}

func newKeywordSet(keywords []string) *keywordSet {
	ks := &keywordSet{first: map[rune][]string{}}
	for _, k := range keywords {
		r, _ := utf8.DecodeRuneInString(k)
		ks.first[r] = append(ks.first[r], k)
	}
	return ks
}

// startsAt reports whether a keyword starts at text[pos:], whose first rune is r.
func (ks *keywordSet) startsAt(text string, pos int, r rune) bool {
	if ks == nil {
		return false
	}
	for _, k := range ks.first[r] {
		if strings.HasPrefix(text[pos:], k) {
			return true
		}
	}
	return false
}

// digitValue returns r's value for ASCII and full-width digits, else -1.
func digitValue(r rune) int {
	switch {
	case '0' <= r && r <= '9':
		return int(r - '0')
	case '０' <= r && r <= '９':
		return int(r - '０')
	}
	return -1
}

// readNumber reads digits at pos, with thousands separators and one decimal
// point, as written in prose: 1,234 件, ２６８项, 768.5 万元.
func readNumber(text string, pos int) (report.Decimal, int, bool) {
	var b strings.Builder
	seenPoint := false
	for pos < len(text) {
		r, size := utf8.DecodeRuneInString(text[pos:])
		if d := digitValue(r); d >= 0 {
			b.WriteByte(byte('0' + d))
			pos += size
			continue
		}
		next := pos + size
		nextIsDigit := false
		if next < len(text) {
			nr, _ := utf8.DecodeRuneInString(text[next:])
			nextIsDigit = digitValue(nr) >= 0
		}
		if r == ',' && nextIsDigit && !seenPoint && b.Len() > 0 {
			pos = next
			continue
		}
		if (r == '.' || r == '．') && nextIsDigit && !seenPoint {
			b.WriteByte('.')
			seenPoint = true
			pos = next
			continue
		}
		break
	}
	whole, frac, hasFrac := strings.Cut(b.String(), ".")
	if whole = strings.TrimLeft(whole, "0"); whole == "" {
		whole = "0"
	}
	if hasFrac {
		whole += "." + frac
	}
	v, err := report.ParseDecimal(whole)
	return v, pos, err == nil
}
