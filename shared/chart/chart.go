// Package chart draws the statistics pages' charts as static SVG: no
// script, no external font or style, a viewBox that scales to a phone's
// width, and a title and description for assistive technology (each page
// also gives the figures as a table). The same input gives the same bytes.
package chart

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Series is one named row of values, e.g. 予以公开 across the bars.
type Series struct {
	Name   string
	Values []int64
}

// Palette is the Okabe–Ito set: told apart with every common colour-vision
// deficiency, and dark enough for white text on the first ones.
var Palette = []string{"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"}

const (
	fontSize   = 12
	lineHeight = 22
	margin     = 8
	width      = 400 // about a phone's width in CSS pixels, so that text keeps its size there
)

// svg accumulates an SVG document.
type svg struct{ b strings.Builder }

// open starts the document; id prefixes the title's and description's
// ids, which must be unique on a page that shows several charts.
func (s *svg) open(id, title, desc string, height int) {
	id = esc(id)
	s.b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ` + itoa(width) + ` ` + itoa(height) +
		`" width="100%" role="img" aria-labelledby="` + id + `-t ` + id + `-d" font-family="sans-serif" font-size="` + itoa(fontSize) + `">`)
	s.b.WriteString(`<title id="` + id + `-t">` + esc(title) + `</title><desc id="` + id + `-d">` + esc(desc) + `</desc>`)
}

func (s *svg) close() string {
	s.b.WriteString(`</svg>`)
	return s.b.String()
}

func (s *svg) rect(x, y, w, h float64, fill, title string) {
	s.b.WriteString(`<rect x="` + num(x) + `" y="` + num(y) + `" width="` + num(w) + `" height="` + num(h) + `" fill="` + fill + `">`)
	if title != "" {
		s.b.WriteString(`<title>` + esc(title) + `</title>`)
	}
	s.b.WriteString(`</rect>`)
}

func (s *svg) text(x, y float64, anchor, fill, text string) {
	s.b.WriteString(`<text x="` + num(x) + `" y="` + num(y) + `"`)
	if anchor != "" {
		s.b.WriteString(` text-anchor="` + anchor + `"`)
	}
	if fill != "" {
		s.b.WriteString(` fill="` + fill + `"`)
	}
	s.b.WriteString(`>` + esc(text) + `</text>`)
}

func (s *svg) line(x1, y1, x2, y2 float64, stroke string, widthPx float64) {
	s.b.WriteString(`<line x1="` + num(x1) + `" y1="` + num(y1) + `" x2="` + num(x2) + `" y2="` + num(y2) +
		`" stroke="` + stroke + `" stroke-width="` + num(widthPx) + `"/>`)
}

// legend draws the series' names with their colours from (x, y), wrapping
// at the chart's width, and returns the height it took.
func (s *svg) legend(series []Series, x, y float64) float64 {
	cx, cy := x, y
	for i, se := range series {
		w := 16 + textWidth(se.Name) + 16
		if cx+w > width-margin && cx > x {
			cx, cy = x, cy+lineHeight
		}
		s.rect(cx, cy-10, 12, 12, Palette[i%len(Palette)], "")
		s.text(cx+16, cy, "", "", se.Name)
		cx += w
	}
	return cy - y + lineHeight
}

// textWidth estimates a label's width: CJK characters are square, Latin
// letters and digits about half as wide.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r < 0x2E80 {
			w += 0.6 * fontSize
		} else {
			w += fontSize
		}
	}
	return w
}

// fit shortens s with … to at most max units of width.
func fit(s string, max float64) string {
	if textWidth(s) <= max {
		return s
	}
	var b strings.Builder
	w := textWidth("…")
	for _, r := range s {
		rw := textWidth(string(r))
		if w+rw > max {
			break
		}
		w += rw
		b.WriteRune(r)
	}
	return b.String() + "…"
}

func esc(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		default:
			if r < 0x20 && r != '\t' && r != '\n' || r == utf8.RuneError {
				continue // not allowed in XML
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// num formats a coordinate with at most one decimal.
func num(f float64) string { return strconv.FormatFloat(float64(int64(f*10+0.5))/10, 'f', -1, 64) }

func itoa(n int) string { return strconv.Itoa(n) }

// Group formats n with thousands separators: 12,345.
func Group(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
