package render

import (
	"slices"
	"unicode/utf8"
)

// Line breaking for Chinese text. The gofpdf family's line breakers
// (MultiCell, SplitText) drop a CJK character at every automatic break, so
// the renderer breaks lines itself: any two CJK characters may be
// separated, Latin words and numbers are kept whole, and the 避头尾
// (kinsoku) rules keep closing punctuation off the start of a line and
// opening punctuation off its end.

// Characters that must not start a line (避头) or end one (避尾).
const (
	noStartChars = "，。、；：？！）》」』】〕〗〙〛〉”’…—―–～·‧％‰℃°¢,.;:?!)]}％）］｝｠﹚﹜﹞〞"
	noEndChars   = "（《「『【〔〖〘〚〈“‘([{［｛｟﹙﹛﹝〝$£¥＄￥"
)

const (
	classNoStart uint8 = 1 << iota
	classNoEnd
	classWord    // part of a Latin word or number, never broken inside
	classMeasure // a measure word, kept after a number (see measureWords)
)

// runeClass is a lookup table over the BMP; a table beats a map or a
// string search on this hot path (every rune of every document).
var runeClass = func() *[0x10000]uint8 {
	var t [0x10000]uint8
	for r := rune(0x21); r <= 0x7E; r++ {
		t[r] |= classWord
	}
	for r := rune(0xC0); r <= 0xFF; r++ {
		if r != 0xD7 && r != 0xF7 { // × and ÷ are operators, not letters
			t[r] |= classWord
		}
	}
	for _, r := range noStartChars {
		t[r] |= classNoStart
	}
	for _, r := range noEndChars {
		t[r] |= classNoEnd
	}
	for _, r := range measureWords {
		t[r] |= classMeasure
	}
	return &t
}()

func classOf(r rune) uint8 {
	if r < 0 || r > 0xFFFF {
		return 0
	}
	return runeClass[r]
}

// unit is the smallest piece the breaker moves: one CJK character, one
// Latin word or number, or one breakable ASCII space. It holds no pointer
// (its text is src[off:off+n] of its line), so the garbage collector never
// scans the thousands a document has.
type unit struct {
	off, n int32   // byte offset and length of the text in the paragraph
	w      float64 // natural width in mm
	flags  uint8
}

// Unit flags. The break rules look at the first and last characters of
// units; their classes are noted when the unit is made.
const (
	unitSpace       uint8 = 1 << iota // a breakable ASCII space
	unitWord                          // a Latin word or number
	unitNoStart                       // starts with a character that may not start a line
	unitNoEnd                         // ends with a character that may not end a line
	unitDigitEnd                      // ends with a digit
	unitMeasureWord                   // starts with a measure word (年, 项, 件 …)
)

func (u unit) space() bool { return u.flags&unitSpace != 0 }
func (u unit) word() bool  { return u.flags&unitWord != 0 }

// text returns the unit's text, a substring of src.
func (u unit) text(src string) string { return src[u.off : u.off+u.n] }

// newUnit makes the unit for s[off:off+n], whose first and last runes are
// first and last.
func newUnit(off, n int, w float64, flags uint8, first, last rune) unit {
	cf := classOf(first)
	if cf&classNoStart != 0 {
		flags |= unitNoStart
	}
	if cf&classMeasure != 0 {
		flags |= unitMeasureWord
	}
	if classOf(last)&classNoEnd != 0 {
		flags |= unitNoEnd
	}
	if '0' <= last && last <= '9' {
		flags |= unitDigitEnd
	}
	return unit{off: int32(off), n: int32(n), w: w, flags: flags}
}

// line is one broken line. Break spaces are not in units.
type line struct {
	src   string // the paragraph the units point into
	units []unit
	width float64 // natural width of units, in mm
	end   bool    // last line of a paragraph or before a forced break: not justified
}

func (l line) text() string {
	n := 0
	for _, u := range l.units {
		n += int(u.n)
	}
	b := make([]byte, 0, n)
	for _, u := range l.units {
		b = append(b, u.text(l.src)...)
	}
	return string(b)
}

// measureFunc gives the advance of a rune in mm.
type measureFunc func(rune) float64

// splitUnits cuts s into units, appended to dst.
func splitUnits(dst []unit, s string, m measureFunc) []unit {
	us := slices.Grow(dst, utf8.RuneCountInString(s))
	wordStart, wordW := -1, 0.0
	var wordFirst, prev rune
	flush := func(end int) {
		if wordStart >= 0 {
			us = append(us, newUnit(wordStart, end-wordStart, wordW, unitWord, wordFirst, prev))
			wordStart, wordW = -1, 0
		}
	}
	for i, r := range s {
		switch {
		case r == ' ':
			flush(i)
			us = append(us, unit{off: int32(i), n: 1, w: m(r), flags: unitSpace})
		case classOf(r)&classWord != 0:
			if wordStart < 0 {
				wordStart, wordFirst = i, r
			}
			wordW += m(r)
		default:
			flush(i)
			n := utf8.RuneLen(r)
			if n < 0 {
				n = 1 // invalid UTF-8 decodes to one byte of U+FFFD
			}
			us = append(us, newUnit(i, n, m(r), 0, r, r))
		}
		prev = r
	}
	flush(len(s))
	return us
}

// measureWords follow a number without a break, as Chinese typesetting keeps
// 2023年, 268项, 768万元 together (GB/T 15835 writes them as one unit).
const measureWords = "年月日号时分秒件项个元万亿次人条篇份名家"

// canBreak reports whether a line may end after a and the next start at b.
func canBreak(a, b unit) bool {
	if (a.flags|b.flags)&unitSpace != 0 {
		return true
	}
	if a.flags&(unitWord|unitDigitEnd) == unitWord|unitDigitEnd && b.flags&unitMeasureWord != 0 {
		return false
	}
	return b.flags&unitNoStart == 0 && a.flags&unitNoEnd == 0
}

// breakText breaks one paragraph (no '\n') into lines: the first line is
// first mm wide, the others rest mm. Spaces at break points and at either
// end are dropped. Nothing else is lost or duplicated: the concatenated
// lines equal s minus those spaces.
func breakText(s string, m measureFunc, first, rest float64) []line {
	var scratch []unit
	return breakTextScratch(&scratch, s, m, first, rest)
}

// breakTextScratch is breakText cutting s into units in *scratch, which
// it keeps for the next call: the lines do not refer to it.
func breakTextScratch(scratch *[]unit, s string, m measureFunc, first, rest float64) []line {
	const eps = 1e-9
	us := splitUnits((*scratch)[:0], s, m)
	*scratch = us
	// Lines share one backing array: the current line is buf[start:],
	// and an emitted line is capped so that later appends do not reach it.
	buf := make([]unit, 0, len(us))
	var (
		lines []line
		start int
		curW  float64 // width of the current line without trailing spaces
		spW   float64 // width of trailing spaces on it
		avail = first
	)
	emit := func() {
		// Trailing spaces are break spaces: drop them.
		end := len(buf)
		for end > start && buf[end-1].space() {
			end--
		}
		lines = append(lines, line{src: s, units: buf[start:end:end], width: curW})
		buf, start = buf[:end], end
		curW, spW, avail = 0, 0, rest
	}
	for i := 0; i < len(us); {
		if us[i].space() {
			if len(buf) > start { // spaces at the start of a line are break spaces
				buf = append(buf, us[i])
				spW += us[i].w
			}
			i++
			continue
		}
		// The cluster runs to the next break opportunity.
		j, w := i+1, us[i].w
		for j < len(us) && !canBreak(us[j-1], us[j]) {
			w += us[j].w
			j++
		}
		switch {
		case curW+spW+w <= avail+eps:
			buf = append(buf, us[i:j]...)
			curW += spW + w
			spW = 0
		case len(buf) > start && curW > 0:
			emit()
			continue // retry the cluster on the fresh line
		case w <= avail+eps:
			buf = append(buf, us[i:j]...)
			curW += spW + w
			spW = 0
		default:
			// Wider than a whole line: break it anywhere rather than overflow.
			for _, p := range atoms(s, us[i:j], m, avail) {
				if curW+spW+p.w > avail+eps && curW > 0 {
					emit()
				}
				buf = append(buf, p)
				curW += spW + p.w
				spW = 0
			}
		}
		i = j
	}
	if len(buf) > start || len(lines) == 0 {
		emit()
	}
	lines[len(lines)-1].end = true
	return lines
}

// atoms splits units of src into pieces no wider than avail where
// possible: words wider than avail are cut into characters.
func atoms(src string, us []unit, m measureFunc, avail float64) []unit {
	var out []unit
	for _, u := range us {
		if !u.word() || u.w <= avail {
			out = append(out, u)
			continue
		}
		for i, r := range u.text(src) {
			n := utf8.RuneLen(r)
			if n < 0 {
				n = 1
			}
			out = append(out, newUnit(int(u.off)+i, n, m(r), unitWord, r, r))
		}
	}
	return out
}

// run is a piece of a placed line drawn with one text operator: CJK runs
// carry inter-character spacing, Latin words none.
type run struct {
	x       float64
	text    string
	spacing float64 // extra advance after each character, mm
}

// placeLine appends to dst the runs of l positioned from x. When justify is set the
// line is stretched to width w by spreading the slack over the gaps between
// units; slack beyond maxGap per gap is not spread (a near-empty line stays
// ragged rather than letter-spaced across the page).
func placeLine(dst []run, l line, x, w float64, justify bool, maxGap float64) []run {
	extra := 0.0
	if gaps := len(l.units) - 1; justify && !l.end && gaps > 0 && w > l.width {
		extra = (w - l.width) / float64(gaps)
		if extra > maxGap {
			extra = 0
		}
	}
	runs := dst
	first := len(dst)
	pos := x
	prevCJK := false
	for _, u := range l.units {
		switch {
		case u.space():
			prevCJK = false
		case !u.word() && prevCJK && len(runs) > first:
			// CJK units of a run are adjacent in the source: extend the slice.
			r := &runs[len(runs)-1]
			r.text = l.src[int(u.off)-len(r.text) : u.off+u.n]
		case u.word():
			runs = append(runs, run{x: pos, text: u.text(l.src)})
			prevCJK = false
		default:
			runs = append(runs, run{x: pos, text: u.text(l.src), spacing: extra})
			prevCJK = true
		}
		pos += u.w + extra
	}
	return runs
}

// balance breaks a title into the fewest lines that fit width, then
// narrows the measure as far as it can without adding a line, so the lines
// come out about equally long instead of a full line and a stub.
func balance(s string, m measureFunc, width float64) []line {
	lines := breakText(s, m, width, width)
	if len(lines) < 2 {
		return lines
	}
	n := len(lines)
	lo, hi := 0.0, width
	for range 24 {
		mid := (lo + hi) / 2
		if len(breakText(s, m, mid, mid)) <= n {
			hi = mid
		} else {
			lo = mid
		}
	}
	return breakText(s, m, hi, hi)
}
