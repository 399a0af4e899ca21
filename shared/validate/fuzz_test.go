package validate

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/testkit"

	"github.com/nianbao/nianbao/shared/report"
)

// FuzzDocument: whatever arrives, every finding names a rule of the
// catalogue, carries that rule's severity (or not-assessable) and a message.
func FuzzDocument(f *testing.F) {
	for _, name := range []string{"seed-2020.json", "example-2021.json", "fixtures/S7.json", "fixtures/glyph.json", "fixtures/syntax.json"} {
		f.Add(testkit.Testdata(f, name))
	}
	f.Add([]byte(`{"formatVersion":"2019-trial","reportYear":2020,"sections":{"overview":"政府集中采购0项，共计金额5万元。\u0007"}}`))
	prev := decode(f, "fixtures/S3-previous.json")
	f.Fuzz(func(t *testing.T, doc []byte) {
		_, fs := Document(doc, NewOptions(prev, testNow))
		for _, finding := range fs {
			rule, ok := RuleByID(finding.Rule)
			switch {
			case !ok:
				t.Fatalf("finding of a rule the catalogue lacks: %+v", finding)
			case finding.Severity != rule.Severity && finding.Severity != report.NotAssessable && !rule.Summary:
				t.Fatalf("finding of severity %s, rule %s has %s: %+v", finding.Severity, rule.ID, rule.Severity, finding)
			case finding.Message == "":
				t.Fatalf("finding without a message: %+v", finding)
			}
		}
	})
}

// FuzzGlyphs: the inline decoding of the glyph check reports exactly the
// characters a plain range loop finds outside the fonts, invalid UTF-8 included.
func FuzzGlyphs(f *testing.F) {
	for _, s := range []string{"本年度\n新收申请116件。", "䶮与\u0007及𠀀，㐀", "\xe4\xb8", "\xed\xa0\x80a", "\xe0\x80\xaf", "ｅ\x7f\u00ad"} {
		f.Add(s)
	}
	base := decode(f, "example-2021.json")
	f.Fuzz(func(t *testing.T, s string) {
		r := base.Clone()
		r.Sections.Overview = s
		c := &checker{r: r}
		c.glyphs()
		var got []string
		for _, finding := range c.fs.List() {
			if finding.Path == "sections.overview" {
				got = append(got, finding.Got)
			}
		}
		var want []string
		seen := map[rune]bool{}
		for _, ch := range s {
			if ch == '\n' || pdfFonts().has(ch) || seen[ch] {
				continue
			}
			seen[ch] = true
			want = append(want, strings.TrimSpace(fmt.Sprintf("%s U+%04X", printable(ch), ch)))
		}
		if !slices.Equal(got, want) {
			t.Fatalf("glyph findings of %q: %q, want %q", s, got, want)
		}
	})
}
