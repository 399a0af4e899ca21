package report

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// creditCodeAlphabet is GB 32100-2015's character set; a character's value is its index.
const creditCodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var creditCodeWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// CreditCodeLen is the length of a 统一社会信用代码 in characters.
const CreditCodeLen = 18

// CreditCodeCheck returns the GB 32100-2015 check character for the first 17
// characters of a 统一社会信用代码, and false if they are not 17 valid characters.
func CreditCodeCheck(first17 string) (byte, bool) {
	if len(first17) != CreditCodeLen-1 {
		return 0, false
	}
	sum := 0
	for i := range CreditCodeLen - 1 {
		v := strings.IndexByte(creditCodeAlphabet, first17[i])
		if v < 0 {
			return 0, false
		}
		sum += v * creditCodeWeights[i]
	}
	return creditCodeAlphabet[(31-sum%31)%31], true
}

// ValidCreditCode reports whether code is an 18-character 统一社会信用代码 whose
// last character is its check character.
func ValidCreditCode(code string) bool {
	if len(code) != CreditCodeLen {
		return false
	}
	want, ok := CreditCodeCheck(code[:CreditCodeLen-1])
	return ok && code[CreditCodeLen-1] == want
}

// CreditCodeProblem says in Chinese what is wrong with code as a 统一社会信用代码,
// or returns "" when it is valid. It names the first character that cannot
// be in a code by its position (a full-width digit or letter, a lower-case
// letter, one of the five letters the standard leaves out, a space, any other
// character with its code point and script); then a wrong length, counted in
// characters; then a wrong check character.
//
// fixed is what the clerk evidently meant — full-width characters made
// half-width, lower-case letters upper-case, spaces and invisible characters
// deleted, or the check character computed — when that is a valid code;
// otherwise "".
func CreditCodeProblem(code string) (problem, fixed string) {
	if ValidCreditCode(code) {
		return "", ""
	}
	n, bad, first, firstPos, firstInvalid := 0, 0, rune(0), 0, false
	for i, r := range code {
		n++
		if !inCreditCodeAlphabet(r) {
			if bad == 0 {
				_, size := utf8.DecodeRuneInString(code[i:])
				first, firstPos, firstInvalid = r, n, r == utf8.RuneError && size == 1
			}
			bad++
		}
	}
	if bad > 0 {
		what := "不是有效的 UTF-8 字符"
		if !firstInvalid {
			what = badCreditCodeChar(first)
		}
		problem = fmt.Sprintf("统一社会信用代码第 %d 位%s", firstPos, what)
		if bad > 1 {
			problem += fmt.Sprintf("（共有 %d 个字符不合规）", bad)
		}
		if meant := meantCode(code); ValidCreditCode(meant) {
			fixed = meant
			problem += "；应为 " + meant
		}
		return problem, fixed
	}
	if n != CreditCodeLen {
		return fmt.Sprintf("统一社会信用代码应为 %d 位，实际为 %d 位", CreditCodeLen, n), ""
	}
	want, _ := CreditCodeCheck(code[:CreditCodeLen-1])
	return fmt.Sprintf("统一社会信用代码校验位错误：第 18 位应为“%c”，请核对代码", want), code[:CreditCodeLen-1] + string(want)
}

func inCreditCodeAlphabet(r rune) bool {
	return r < utf8.RuneSelf && strings.IndexByte(creditCodeAlphabet, byte(r)) >= 0
}

// badCreditCodeChar describes a character that cannot be in a code, as the
// rest of a sentence starting "第 N 位".
func badCreditCodeChar(r rune) string {
	half := halfWidth(r)
	switch {
	case r >= '０' && r <= '９':
		return fmt.Sprintf("“%c”是全角数字，应为半角数字“%c”", r, half)
	case r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
		return fmt.Sprintf("“%c”是全角字母，应为半角大写字母“%c”", r, unicode.ToUpper(half))
	case r >= 'a' && r <= 'z':
		return fmt.Sprintf("“%c”是小写字母，应为大写字母“%c”", r, unicode.ToUpper(r))
	case r >= 'A' && r <= 'Z':
		return fmt.Sprintf("是字母“%c”：统一社会信用代码不使用 I、O、S、V、Z 这五个字母", r)
	case unicode.IsSpace(r):
		return fmt.Sprintf("是空格（U+%04X），请删除", r)
	case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
		return fmt.Sprintf("是不可见的控制字符（U+%04X），请删除", r)
	}
	script := ""
	for _, s := range []struct {
		name  string
		table *unicode.RangeTable
	}{{"西里尔字母", unicode.Cyrillic}, {"希腊字母", unicode.Greek}, {"汉字", unicode.Han}, {"拉丁字母", unicode.Latin}} {
		if unicode.Is(s.table, r) {
			script = "，" + s.name
			break
		}
	}
	return fmt.Sprintf("“%c”（U+%04X%s）是非法字符：统一社会信用代码只由半角数字和大写拉丁字母组成", r, r, script)
}

// halfWidth maps a full-width ASCII form (U+FF01–FF5E) to its ASCII character.
func halfWidth(r rune) rune {
	if r >= '！' && r <= '～' {
		return r - '！' + '!'
	}
	return r
}

// meantCode is s with full-width forms made half-width, letters upper-case,
// and spaces and invisible characters deleted.
func meantCode(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return unicode.ToUpper(halfWidth(r))
	}, s)
}
