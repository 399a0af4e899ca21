package plaintext

import (
	"iter"
	"regexp"
	"strings"

	"golang.org/x/text/width"
)

// kind is what a line of a text dump is.
type kind uint8

const (
	blank   kind = iota
	noise        // a page footer or a horizontal rule
	heading      // a Markdown heading
	pipe         // a row of a Markdown pipe table
	tabbed       // a line with tab-separated fields
	text
)

type line struct {
	no    int // 1-based
	kind  kind
	text  string // for headings the title, else the line without Markdown decoration
	level int    // a heading's level
}

var (
	// Page footers as PDF converters and OCR leave them: “— 3 —”, “- 12 -”,
	// “-1-”, “第 3 页”, “第3页 共5页”, “3/5”.
	footer = regexp.MustCompile(`^(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$`)
	// A rule of = or - or * (Markdown thematic breaks, crawler separators
	// without a label).
	rule          = regexp.MustCompile(`^(?:[=\-*_]\s*){3,}$`)
	atxHeading    = regexp.MustCompile(`^(#{1,6})[ \t]+(.*?)[ \t#]*$`)
	listMarker    = regexp.MustCompile(`^(?:[-*+]|>)[ \t]+`)
	crawlerMarker = regexp.MustCompile(`^=+\s*正文\s*=+$`)
	headerField   = regexp.MustCompile(`^([^:：\s]{1,20})\s*[:：]\s*(.*)$`)
)

// classify returns the line as the reader sees it.
func classify(no int, raw string) line {
	s := strings.TrimRight(raw, " \t\u3000")
	trimmed := strings.TrimLeft(s, " \u3000")
	switch {
	case strings.TrimSpace(s) == "":
		return line{no: no, kind: blank}
	case footer.MatchString(strings.TrimSpace(s)), rule.MatchString(strings.TrimSpace(s)):
		return line{no: no, kind: noise}
	case strings.HasPrefix(trimmed, "|"):
		return line{no: no, kind: pipe, text: trimmed}
	case strings.Contains(s, "\t"):
		return line{no: no, kind: tabbed, text: strings.TrimRight(raw, " \t\u3000\r")}
	}
	if m := atxHeading.FindStringSubmatch(trimmed); m != nil {
		return line{no: no, kind: heading, level: len(m[1]), text: inline(m[2])}
	}
	return line{no: no, kind: text, text: inline(listMarker.ReplaceAllString(trimmed, ""))}
}

// inline removes Markdown emphasis, which converters put around bold runs
// of a heading or a paragraph's first words.
func inline(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "**", ""))
}

// displayWidth counts a line's width in half-width cells: a page's wrapping
// width is fixed in those terms, whatever mix of Chinese and digits a line has.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// wrapTolerance is how much narrower than the page a wrapped line may be:
// a page's lines are equally long in print, but digits and Latin letters
// are narrower than half a Chinese character, and a line may end before a
// word or number that did not fit.
const wrapTolerance = 10

// wrapWidth finds the width at which the text was hard-wrapped, as PDF
// converters and OCR do: most prose lines then end within a few cells of
// the same width. It returns 0 when the lines are whole paragraphs.
func wrapWidth(lines iter.Seq[line]) int {
	const (
		minWidth = 20  // shorter lines are headings, labels, last lines
		maxWrap  = 120 // wider lines are paragraphs, not a page's lines
		minLines = 3
	)
	var hist [maxWrap + 1]int
	long := 0
	for l := range lines {
		if l.kind != text {
			continue
		}
		if w := displayWidth(l.text); w >= minWidth {
			long++
			if w <= maxWrap {
				hist[w]++
			}
		}
	}
	best, bestCount := 0, 0
	for w := minWidth; w <= maxWrap; w++ {
		n := 0
		for v := max(minWidth, w-wrapTolerance); v <= w; v++ {
			n += hist[v]
		}
		if hist[w] > 0 && n >= bestCount {
			best, bestCount = w, n
		}
	}
	if bestCount < minLines || float64(bestCount) < 0.4*float64(long) {
		return 0
	}
	return best
}

// joinWrapped joins the hard-wrapped lines of a paragraph: no space
// between Chinese characters, one between two Latin words or numbers.
func joinWrapped(lines []string) string {
	n := 0
	for _, l := range lines {
		n += len(l) + 1
	}
	var b strings.Builder
	b.Grow(n)
	for i, l := range lines {
		if i > 0 {
			prev := lines[i-1]
			if prev != "" && l != "" && isAlnum(prev[len(prev)-1]) && isAlnum(l[0]) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

func isAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
