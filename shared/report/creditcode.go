package report

import "strings"

// creditCodeAlphabet is GB 32100-2015's character set; a character's value is its index.
const creditCodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var creditCodeWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// CreditCodeCheck returns the GB 32100-2015 check character for the first 17
// characters of a 统一社会信用代码, and false if they are not 17 valid characters.
func CreditCodeCheck(first17 string) (byte, bool) {
	if len(first17) != 17 {
		return 0, false
	}
	sum := 0
	for i := 0; i < 17; i++ {
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
	if len(code) != 18 {
		return false
	}
	want, ok := CreditCodeCheck(code[:17])
	return ok && code[17] == want
}
