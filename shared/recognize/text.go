package recognize

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// narrow maps full-width ASCII forms and the ideographic space to ASCII, so
// that ０１２ and （１） lex like 012 and (1). It leaves Chinese punctuation
// such as 、 and 。 alone.
func narrow(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	case r == 0x3000:
		return ' '
	case r == '−' || r == '－':
		return '-'
	}
	return r
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// variants maps characters OCR and old fonts use for the format's own: 増
// (U+5897) for 增 in 本年增/减.
var variants = strings.NewReplacer("増", "增")

// skeleton keeps the Chinese characters of s, the part of a label that
// survives OCR, line breaks, numbering styles and punctuation.
func skeleton(s string) string {
	s = variants.Replace(s)
	var b strings.Builder
	for _, r := range s {
		if isHan(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// numbering matches a label's leading number in any of the styles reports
// print: 一、 （一） (一) 1. 1、 1． （1） (1) ①, with spaces around.
var numbering = regexp.MustCompile(`^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d{1,2}\s*[.．、]|[①②③④⑤⑥⑦⑧⑨⑩])\s*`)

// splitNumbering returns s's leading number (normalised to its digits or
// Chinese numerals) and the rest.
func splitNumbering(s string) (num, rest string) {
	if first, _ := utf8.DecodeRuneInString(strings.TrimLeft(s, " ")); !startsNumbering(first) {
		return "", s
	}
	loc := numbering.FindStringIndex(s)
	if loc == nil {
		return "", s
	}
	var b strings.Builder
	for _, r := range s[:loc[1]] {
		switch {
		case r >= '0' && r <= '9', strings.ContainsRune("一二三四五六七八九十", r):
			b.WriteRune(r)
		case r >= '①' && r <= '⑩':
			b.WriteRune('1' + (r - '①'))
		}
	}
	return b.String(), s[loc[1]:]
}

// startsNumbering is true for the characters a label's number starts with.
func startsNumbering(r rune) bool {
	return isDigit(narrow(r)) || r == '(' || r == '（' || r >= '①' && r <= '⑩' || strings.ContainsRune("一二三四五六七八九十", r)
}

// stripNotes removes parenthesised notes of more than a few characters, such
// as （区分处理的，只计这一情形，不计其他情形） or （单位：万元）, which
// reports print inside labels or leave out; numbering such as （一） stays.
func stripNotes(s string) string {
	var b strings.Builder
	for {
		open := strings.IndexAny(s, "(（")
		if open < 0 {
			break
		}
		_, w := utf8.DecodeRuneInString(s[open:])
		close := strings.IndexAny(s[open+w:], ")）")
		if close < 0 {
			break
		}
		inner := s[open+w : open+w+close]
		_, cw := utf8.DecodeRuneInString(s[open+w+close:])
		end := open + w + close + cw
		b.WriteString(s[:open])
		if utf8.RuneCountInString(skeleton(inner)) <= 3 {
			b.WriteString(s[open:end])
		}
		s = s[end:]
	}
	b.WriteString(s)
	return b.String()
}

// isCJK is true for Chinese characters and the full-width punctuation set
// with them.
func isCJK(r rune) bool {
	return isHan(r) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF || strings.ContainsRune("“”‘’…—·", r)
}

// fullWidth is the full-width form of the ASCII punctuation that OCR and
// re-typing put into Chinese prose.
var fullWidth = map[rune]rune{',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）'}

// tidyProse gives a paragraph the typography of the format: full-width
// punctuation next to Chinese text, straight quotes as curly ones, and no
// spaces beside Chinese characters (PDF and OCR text put them around every
// number). Latin words keep their spaces.
func tidyProse(s string) string {
	s = strings.Join(strings.Fields(s), " ") // runs of spaces are one: each rune looks one space away at most
	var b strings.Builder
	b.Grow(len(s))
	openQuote := true
	var last rune // the last rune written
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		prev, next := around(s, i, w)
		switch {
		case r == ' ':
			if isCJK(last) || isCJK(next) || next == 0 {
				i += w
				continue
			}
		case fullWidth[r] != 0 && (isCJK(prev) || isCJK(next)) && !(r == ',' && isDigit(prev) && isDigit(next)):
			r = fullWidth[r]
		case r == '"' && (isCJK(prev) || isCJK(next)):
			if openQuote {
				r = '“'
			} else {
				r = '”'
			}
			openQuote = !openQuote
		}
		b.WriteRune(r)
		last = r
		i += w
	}
	return variants.Replace(b.String())
}

// around returns the nearest runes before and after s[i:i+w] that are not
// a space (the text has single spaces), 0 at the ends.
func around(s string, i, w int) (prev, next rune) {
	prev, pw := utf8.DecodeLastRuneInString(s[:i])
	if prev == ' ' {
		prev, _ = utf8.DecodeLastRuneInString(s[:i-pw])
	}
	next, nw := utf8.DecodeRuneInString(s[i+w:])
	if next == ' ' {
		next, _ = utf8.DecodeRuneInString(s[i+w+nw:])
	}
	if prev == utf8.RuneError && i == 0 {
		prev = 0
	}
	if next == utf8.RuneError && i+w >= len(s) {
		next = 0
	}
	return prev, next
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// squeeze removes spaces beside Chinese characters, for titles and names
// that OCR spaced out (“沐阳县人民政府 2025 年 政府信息公开工作年度报告”).
func squeeze(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	var b strings.Builder
	var last rune
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if _, next := around(s, i, w); r == ' ' && (isCJK(last) || isCJK(next)) {
			i += w
			continue
		}
		b.WriteRune(r)
		last = r
		i += w
	}
	return b.String()
}

// clip shortens s to at most n runes for messages and snippets.
func clip(s string, n int) string {
	i := 0
	for k := 0; k < n; k++ {
		if i >= len(s) {
			return s
		}
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
	}
	if i >= len(s) {
		return s
	}
	return s[:i] + "…"
}
