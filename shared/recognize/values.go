package recognize

import (
	"strings"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/source"
)

// What the source has in place of a value, as findings say it.
const (
	whyBlank = "为空白"
	whyLost  = "缺少数值"
)

// cellVal is one cell's value in a candidate reading of a row.
type cellVal struct {
	state     report.State // Number, NotApplicable, or Absent for a cell still unknown
	v         report.Decimal
	raw       string           // as printed
	converted string           // the unit converted from (元, 亿元), "" when none
	note      string           // an annotation printed with the number
	why       string           // for an unknown cell: what the source has there, to follow “在原文中”
	joined    bool             // read from digits a line break split: the identities must confirm it
	loc       *source.Location // where it was printed, nil when not (inferred)
}

func (c cellVal) known() bool { return c.state != report.Absent }

func (c cellVal) cell() report.Cell {
	return report.Cell{State: c.state, Value: c.v}
}

// maxCountDigits and maxAmountDigits bound a cell's integer digits, as the
// contract's ranges do (report.MaxCount, 10^12 万元).
const (
	maxCountDigits  = 10
	maxAmountDigits = 13
)

// parseToken reads a whole token as one cell of kind k. unit is the unit a
// number without one is in (the column's header may say 元).
func parseToken(t token, k report.Kind, unit string) (cellVal, bool) {
	switch t.kind {
	case tBlank:
		return cellVal{why: whyBlank, loc: t.loc}, true
	case tMark:
		if t.text == "/" || t.text == "／" || t.text == "\\" {
			return cellVal{state: report.NotApplicable, raw: t.text, loc: t.loc}, true
		}
		return cellVal{raw: t.text, why: "为“" + t.text + "”", loc: t.loc}, true
	}
	c, ok := parseNumber(t.signText(), t.digits, t.frac, t.unit, k, unit, t.text, t.note)
	c.loc, c.joined = t.loc, t.joined
	if c.joined {
		c.why = "为“" + t.text + "”（数字分在两行）"
	}
	return c, ok
}

// parseNumber reads a number's parts as a cell of kind k.
func parseNumber(sign, digits, frac, u string, k report.Kind, unit, raw, note string) (cellVal, bool) {
	if digits == "" || len(digits) > 1 && digits[0] == '0' {
		return cellVal{}, false // no number has leading zeros: the digits belong to several cells
	}
	c := cellVal{state: report.Number, raw: raw, note: note}
	switch k {
	case report.Count, report.SignedCount:
		if frac != "" || len(digits) > maxCountDigits || isAmountUnit(u) || u == "%" {
			return cellVal{}, false
		}
		if sign != "" && k == report.Count {
			return cellVal{}, false // only 本年增/减 is signed
		}
		v, err := report.ParseDecimal(digits)
		if err != nil || v > report.Int(report.MaxCount) {
			return cellVal{}, false
		}
		if sign == "-" {
			v = -v
		}
		c.v = v
	case report.Amount:
		if sign == "-" || len(digits) > maxAmountDigits || u != "" && !isAmountUnit(u) {
			return cellVal{}, false
		}
		if u == "" {
			u = unit
		}
		shift := 0
		switch u {
		case "元":
			shift, c.converted = -4, "元"
		case "亿元":
			shift, c.converted = 4, "亿元"
		}
		v, err := report.ParseDecimal(shifted(digits, frac, shift))
		if err != nil {
			return cellVal{}, false
		}
		c.v = v
	}
	return c, true
}

func isAmountUnit(u string) bool {
	for _, a := range amountUnits {
		if u == a {
			return true
		}
	}
	return false
}

// shifted writes digits.frac × 10^shift as a plain decimal.
func shifted(digits, frac string, shift int) string {
	all := digits + frac
	point := len(digits) + shift
	for point <= 0 {
		all = "0" + all
		point++
	}
	for point > len(all) {
		all += "0"
	}
	whole := strings.TrimLeft(all[:point], "0")
	if whole == "" {
		whole = "0"
	}
	fr := strings.TrimRight(all[point:], "0")
	if fr == "" {
		return whole
	}
	return whole + "." + fr
}
