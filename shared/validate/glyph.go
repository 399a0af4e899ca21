package validate

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/nianbao/nianbao/shared/report"
)

// glyphs rejects characters the PDF cannot draw: controls (other than the
// paragraph break), characters outside the BMP (gofpdf panics on them), and,
// with a GlyphChecker, characters the fonts lack (they would print as tofu).
// Each character is reported once per field.
func (c *checker) glyphs() {
	for _, f := range report.TextFields {
		var seen map[rune]bool
		for _, r := range f.Get(c.r) {
			if r == '\n' && f.Multiline {
				continue
			}
			why := c.cannotDraw(r)
			if why == "" || seen[r] {
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
				Message: fmt.Sprintf("“%s”中的字符%s（U+%04X）%s", f.Label, quoted(r), r, why)})
		}
	}
}

func (c *checker) cannotDraw(r rune) string {
	switch {
	case r > 0xFFFF:
		return "不在基本多文种平面内，PDF 字体无法显示；请改用通用字或加注说明"
	case unicode.IsControl(r) || r == 0xFFFE || r == 0xFFFF:
		return "是不可见的控制字符，请删除"
	case c.opts.Glyphs != nil && !c.opts.Glyphs.HasGlyph(r):
		return "PDF 字体中没有，无法显示；请改用通用字"
	}
	return ""
}

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
