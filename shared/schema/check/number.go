package check

import (
	"encoding/json"
	"strconv"
	"strings"
)

// maxNumberDigits bounds both the significant digits of a number and the
// magnitude of its decimal exponent before the number reaches the schema
// library. The library computes in math/big: a long literal costs quadratic
// time (a 1,000,000-digit integer took 3.5 s) and an exponent beyond about
// 10^7 makes it panic. No value the contract allows comes near the bound:
// counts have 10 digits, amounts 19, years 4.
const maxNumberDigits = 40

const msgNumberRange = "number out of range: more than 40 significant digits or a decimal exponent beyond ±40"

// normalizeNumbers rewrites every number in v, in place, to its shortest
// plain decimal form, which has the same value and so the same verdict. A
// number beyond maxNumberDigits is replaced by null and its location added
// to bad, so that the caller can report it and drop what the schema then
// says about the null.
func normalizeNumbers(v any, loc []string, bad *[][]string) any {
	switch v := v.(type) {
	case map[string]any:
		for k, child := range v {
			v[k] = normalizeNumbers(child, append(loc, k), bad)
		}
	case []any:
		for i, child := range v {
			v[i] = normalizeNumbers(child, append(loc, strconv.Itoa(i)), bad)
		}
	case json.Number:
		if s, ok := plainDecimal(string(v)); ok {
			return json.Number(s)
		}
		*bad = append(*bad, append([]string(nil), loc...))
		return nil
	}
	return v
}

// plainDecimal returns the JSON number literal s in plain decimal notation
// without redundant zeros ("1.50e2" → "150", "-0" → "0"), or false when it
// exceeds maxNumberDigits. s must be a valid JSON number.
func plainDecimal(s string) (string, bool) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	mant, expPart, _ := strings.Cut(strings.ToLower(s), "e")
	whole, frac, _ := strings.Cut(mant, ".")
	exp, ok := boundedExponent(expPart)
	if !ok {
		return "", false
	}
	digits := strings.TrimLeft(whole+frac, "0")
	scale := exp - len(frac)
	trimmed := strings.TrimRight(digits, "0")
	scale += len(digits) - len(trimmed)
	digits = trimmed
	if digits == "" {
		return "0", true
	}
	if len(digits) > maxNumberDigits || scale > maxNumberDigits || scale < -maxNumberDigits {
		return "", false
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	switch point := len(digits) + scale; {
	case scale >= 0:
		b.WriteString(digits)
		b.WriteString(strings.Repeat("0", scale))
	case point > 0:
		b.WriteString(digits[:point])
		b.WriteByte('.')
		b.WriteString(digits[point:])
	default:
		b.WriteString("0.")
		b.WriteString(strings.Repeat("0", -point))
		b.WriteString(digits)
	}
	return b.String(), true
}

// boundedExponent reads an exponent such as "+12" or "-3" ("" is 0). It
// fails rather than overflow on more than 8 digits: no mantissa that fits in
// MaxDocumentBytes has enough zeros to bring such an exponent back within
// maxNumberDigits.
func boundedExponent(s string) (int, bool) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimLeft(strings.TrimLeft(s, "+-"), "0")
	if len(s) > 8 {
		return 0, false
	}
	if s == "" {
		return 0, true
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, false
	}
	if neg {
		n = -n
	}
	return n, true
}
