package docx

import (
	"strconv"
	"strings"
)

// formatNumber writes n in a WordprocessingML number format; unknown formats
// fall back to decimal.
func formatNumber(n int, format string) string {
	switch format {
	case "chineseCounting", "chineseCountingThousand", "ideographDigital":
		return chinese(n, "〇一二三四五六七八九", "十百千")
	case "chineseLegalSimplified":
		return chinese(n, "零壹贰叁肆伍陆柒捌玖", "拾佰仟")
	case "ideographTraditional":
		return cycle(n, "甲乙丙丁戊己庚辛壬癸")
	case "ideographZodiac":
		return cycle(n, "子丑寅卯辰巳午未申酉戌亥")
	case "upperLetter":
		return letters(n, 'A')
	case "lowerLetter":
		return letters(n, 'a')
	case "upperRoman":
		return roman(n)
	case "lowerRoman":
		return strings.ToLower(roman(n))
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		if n >= 1 && n <= 20 {
			return string(rune('①' + n - 1))
		}
	case "decimalFullWidth", "decimalFullWidth2":
		return strings.Map(func(r rune) rune { return r - '0' + '０' }, strconv.Itoa(n))
	case "decimalZero":
		if n < 10 {
			return "0" + strconv.Itoa(n)
		}
	}
	return strconv.Itoa(n)
}

// chinese writes 1–9999 as Chinese numerals: 十一, 二十, 一百零五.
func chinese(n int, digits, units string) string {
	d, u := []rune(digits), []rune(units)
	if n <= 0 || n > 9999 {
		return strconv.Itoa(n)
	}
	if n >= 10 && n < 20 {
		s := string(u[0])
		if n > 10 {
			s += string(d[n-10])
		}
		return s
	}
	var b strings.Builder
	zero := false
	for p, div := 3, 1000; p >= 0; p, div = p-1, div/10 {
		k := n / div % 10
		switch {
		case k == 0:
			zero = b.Len() > 0
		default:
			if zero {
				b.WriteRune(d[0])
				zero = false
			}
			b.WriteRune(d[k])
			if p > 0 {
				b.WriteRune(u[p-1])
			}
		}
	}
	return b.String()
}

func cycle(n int, set string) string {
	r := []rune(set)
	if n <= 0 {
		return strconv.Itoa(n)
	}
	return string(r[(n-1)%len(r)])
}

func letters(n int, base rune) string {
	if n <= 0 {
		return strconv.Itoa(n)
	}
	return strings.Repeat(string(base+rune((n-1)%26)), (n-1)/26+1)
}

func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for n >= p.v {
			b.WriteString(p.s)
			n -= p.v
		}
	}
	return b.String()
}
