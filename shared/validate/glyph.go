package validate

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/nianbao/nianbao/shared/report"
)

// glyphs rejects characters the PDF cannot draw: controls (other than the
// paragraph break), characters outside the BMP (gofpdf panics on them), and
// characters the PDF's fonts lack (they would print as tofu). Each character
// is reported once per field.
func (c *checker) glyphs() {
	fonts := pdfFonts()
	for _, f := range report.TextFields {
		var seen map[rune]bool
		s := f.Get(c.r)
		for i := 0; i < len(s); {
			// ASCII and three-byte characters (all of CJK) are decoded inline:
			// the prose is a few thousand characters, checked on every upload.
			if b := s[i]; b < utf8.RuneSelf {
				if fonts.has(rune(b)) || (b == '\n' && f.Multiline) {
					i++
					continue
				}
			} else if b&0xF0 == 0xE0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
				if r := rune(b&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F); r >= 0x800 && fonts.has(r) {
					i += 3
					continue
				}
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			i += size
			if fonts.has(r) || (r == '\n' && f.Multiline) || seen[r] {
				continue
			}
			if seen == nil {
				seen = map[rune]bool{}
			}
			seen[r] = true
			if c.fs.Full(report.Error) {
				c.fs.Omit(report.Error) // a text of distinct bad characters: count them, build nothing
				continue
			}
			c.add(report.Finding{Rule: report.RuleGlyph, Severity: report.Error, Path: f.Path,
				Got:     strings.TrimSpace(fmt.Sprintf("%s U+%04X", printable(r), r)),
				Message: fmt.Sprintf("“%s”中的字符%s（U+%04X）%s", f.Label, quoted(r), r, cannotDraw(r))})
		}
	}
}

// cannotDraw says why r, which the fonts lack, cannot be printed.
func cannotDraw(r rune) string {
	switch {
	case r > 0xFFFF:
		return "不在基本多文种平面内，PDF 字体无法显示；请改用通用字或加注说明"
	case unicode.IsControl(r) || r == 0xFFFE || r == 0xFFFF:
		return "是不可见的控制字符，请删除"
	}
	return "PDF 字体中没有，无法显示；请改用通用字"
}

// glyphSet is a set of BMP characters, one bit each.
type glyphSet [0x10000 / 64]uint64

func (s *glyphSet) has(r rune) bool {
	return uint32(r) <= 0xFFFF && s[r>>6]&(1<<(r&63)) != 0
}

// pdfFonts is the set of characters every font of the PDF draws (fontRanges,
// which a test keeps equal to the renderer's fonts), built on first use: the
// check then costs one bit test per character, and no font is parsed.
var pdfFonts = sync.OnceValue(func() *glyphSet {
	var s glyphSet
	for _, rg := range fontRanges {
		for r := rg.lo; r <= rg.hi; r++ {
			s[r>>6] |= 1 << (r & 63)
		}
	}
	return &s
})

func printable(r rune) string {
	if unicode.IsControl(r) {
		return ""
	}
	return string(r)
}

func quoted(r rune) string {
	if unicode.IsControl(r) {
		return ""
	}
	return "“" + string(r) + "”"
}
