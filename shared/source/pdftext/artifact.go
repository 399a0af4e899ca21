package pdftext

import (
	"regexp"
	"strings"
	"unicode"
)

// Page furniture: page numbers (-1-, — 3 —, 第3页 共5页, 3/5) and running
// heads or footers repeated on several pages, in the top or bottom tenth of
// the page. They are not the report's text.

var pageNumber = regexp.MustCompile(`^[-－—–‒―─_~·•]*(第)?[0-9０-９]+(页)?([/／]|共|，|,)?([0-9０-９]+)?(页)?[-－—–‒―─_~·•]*$`)

// margin reports whether a line lies in the top or bottom tenth of its page.
func margin(l *line, height float64) bool {
	return l.box.y1 < 0.1*height || l.box.y0 > 0.9*height
}

// furnitureKey is a margin line's text with digits and spaces taken out, so
// that "第 3 页" and "第 4 页" are the same footer.
func furnitureKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// dropFurniture removes page numbers and repeated heads and footers.
func dropFurniture(pages [][]item, heights []float64) {
	seen := map[string]int{}
	for i, items := range pages {
		keys := map[string]bool{}
		for _, it := range items {
			if it.line != nil && margin(it.line, heights[i]) {
				keys[furnitureKey(it.line.text())] = true
			}
		}
		for k := range keys {
			seen[k]++
		}
	}
	for i, items := range pages {
		kept := items[:0]
		for _, it := range items {
			if it.line != nil && margin(it.line, heights[i]) {
				t := strings.Join(strings.Fields(it.line.text()), "")
				if pageNumber.MatchString(t) {
					continue
				}
				if k := furnitureKey(t); k != "" && seen[k] >= 2 && 5*seen[k] >= 2*len(pages) {
					continue
				}
			}
			kept = append(kept, it)
		}
		pages[i] = kept
	}
}
