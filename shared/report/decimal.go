package report

import (
	"errors"
	"strconv"
	"strings"
)

// Decimal is an exact decimal with six fractional digits, stored in millionths.
// Counts and amounts share it so that every identity is plain integer arithmetic;
// six decimals of 万元 reach down to the fen.
type Decimal int64

// Unit is the Decimal value of 1.
const Unit Decimal = 1_000_000

// decimalDigits is the number of fractional digits a Decimal keeps.
const decimalDigits = 6

var (
	errNotNumber = errors.New("not a decimal number")
	errPrecision = errors.New("more than 6 decimals")
	errMagnitude = errors.New("number too large")
	maxMagnitude = Decimal(1_000_000_000_000) * Unit // 10^12 万元, far beyond any budget
)

// Int returns the Decimal for a whole number.
func Int(n int64) Decimal { return Decimal(n) * Unit }

// IsInt reports whether d has no fractional part.
func (d Decimal) IsInt() bool { return d%Unit == 0 }

// String formats d with no exponent, no trailing fractional zeros and no
// leading '+': the normal form used in canonical JSON and in messages.
func (d Decimal) String() string {
	neg := d < 0
	u := uint64(d)
	if neg {
		u = uint64(-d)
	}
	whole, frac := u/uint64(Unit), u%uint64(Unit)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	b.WriteString(strconv.FormatUint(whole, 10))
	if frac != 0 {
		s := strconv.FormatUint(frac+uint64(Unit), 10)[1:] // zero-padded to 6 digits
		b.WriteByte('.')
		b.WriteString(strings.TrimRight(s, "0"))
	}
	return b.String()
}

// ParseDecimal reads a plain decimal such as "768" or "-12.5" exactly: no
// exponent, no leading zeros, at most six significant decimals.
func ParseDecimal(s string) (Decimal, error) { return parseDecimal(s, false) }

// parseDecimal reads s exactly, never through float64. With exponent set it
// accepts the full JSON number grammar; otherwise only a plain decimal such as
// "12.5". Values beyond ±10^12 or with more than six significant decimals fail.
func parseDecimal(s string, exponent bool) (Decimal, error) {
	i, n := 0, len(s)
	neg := false
	if i < n && s[i] == '-' {
		neg = true
		i++
	}
	intStart := i
	for i < n && isDigit(s[i]) {
		i++
	}
	intDigits := s[intStart:i]
	if len(intDigits) == 0 || (len(intDigits) > 1 && intDigits[0] == '0') {
		return 0, errNotNumber
	}
	var fracDigits string
	if i < n && s[i] == '.' {
		i++
		fracStart := i
		for i < n && isDigit(s[i]) {
			i++
		}
		fracDigits = s[fracStart:i]
		if len(fracDigits) == 0 {
			return 0, errNotNumber
		}
	}
	exp := 0
	if i < n && (s[i] == 'e' || s[i] == 'E') {
		if !exponent {
			return 0, errNotNumber
		}
		i++
		expNeg := false
		if i < n && (s[i] == '+' || s[i] == '-') {
			expNeg = s[i] == '-'
			i++
		}
		expStart := i
		for i < n && isDigit(s[i]) {
			if exp < 10_000 { // saturate: anything this large fails the magnitude check anyway
				exp = exp*10 + int(s[i]-'0')
			}
			i++
		}
		if i == expStart {
			return 0, errNotNumber
		}
		if expNeg {
			exp = -exp
		}
	}
	if i != n {
		return 0, errNotNumber
	}
	return scaleDigits(intDigits+fracDigits, exp-len(fracDigits)+decimalDigits, neg)
}

// scaleDigits returns digits × 10^shift as a Decimal count of millionths.
func scaleDigits(digits string, shift int, neg bool) (Decimal, error) {
	digits = strings.TrimLeft(digits, "0")
	trimmed := strings.TrimRight(digits, "0")
	shift += len(digits) - len(trimmed)
	digits = trimmed
	if digits == "" {
		return 0, nil
	}
	if shift < 0 {
		return 0, errPrecision
	}
	if len(digits)+shift > 19 {
		return 0, errMagnitude
	}
	v, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return 0, errMagnitude
	}
	for ; shift > 0; shift-- {
		v *= 10
	}
	d := Decimal(v)
	if d > maxMagnitude || d < 0 {
		return 0, errMagnitude
	}
	if neg {
		d = -d
	}
	return d, nil
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
