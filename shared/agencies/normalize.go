package agencies

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// Normalize is the form names are compared in: full-width letters, digits
// and brackets folded to their ASCII forms, the other brackets real names
// use made round, and every space, invisible character and separator
// dropped. Normalize(Normalize(s)) == Normalize(s).
func Normalize(s string) string {
	var b strings.Builder
	for _, r := range width.Fold.String(s) {
		switch {
		case unicode.IsSpace(r), unicode.Is(unicode.Cf, r), unicode.IsControl(r):
			continue
		case strings.ContainsRune("〔【［〖", r):
			r = '('
		case strings.ContainsRune("〕】］〗", r):
			r = ')'
		case strings.ContainsRune("/／-－—–·・、", r):
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// regionEnds are the characters a 行政区划 level ends with: 省, 自治区, 市,
// 地区, 盟, 县, 旗, 区; and 州, but only in 自治州 (湖州市 is one level).
const regionEnds = "省市盟县旗区"

// levels splits a normalised 行政区划 into its levels, each ending with one
// of regionEnds: 河南省洛阳市西工区 → 河南省, 洛阳市, 西工区. Text after the
// last level (a street, an office) is not a level and is dropped.
func levels(region string) []string {
	var out []string
	start := 0
	for i, r := range region {
		if strings.ContainsRune(regionEnds, r) || r == '州' && strings.HasSuffix(region[:i], "自治") {
			end := i + len(string(r))
			if end-start > len(string(r)) { // a level is more than its ending
				out = append(out, region[start:end])
			}
			start = end
		}
	}
	return out
}
