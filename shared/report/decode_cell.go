package report

import (
	"errors"
	"fmt"
	"strings"

	"github.com/go-json-experiment/json/jsontext"
)

// cell reads a table cell: a number, an amount string, or the "/" marker.
func (d *decoder) cell(n *node) {
	var (
		v   Decimal
		err error
		raw string
	)
	switch k := d.dec.PeekKind(); k {
	case '0':
		val, rerr := d.dec.ReadValue()
		if rerr != nil {
			d.err = rerr
			return
		}
		raw = string(val)
		v, err = parseDecimal(raw, true)
	case '"':
		tok, rerr := d.dec.ReadToken()
		if rerr != nil {
			d.err = rerr
			return
		}
		raw = tok.String()
		if raw == NAMarker {
			d.rep.cells[n.cell] = Cell{State: NotApplicable}
			return
		}
		if n.kind != Amount {
			d.cellFinding(n, RuleType, raw, "文字“"+raw+"”")
			return
		}
		v, err = parseAmountString(raw)
	default:
		d.wrongType(n.path, cellWant(n.kind), k)
		return
	}
	if err != nil {
		if errors.Is(err, errNotNumber) {
			d.cellFinding(n, RuleType, raw, "“"+raw+"”")
		} else {
			d.cellFinding(n, RuleRange, raw, raw)
		}
		return
	}
	if msg := checkCell(n.kind, v); msg != "" {
		rule := RuleNonNegative
		if msg == msgTooLarge {
			rule = RuleRange
		}
		d.cellFinding(n, rule, v.String(), v.String())
		return
	}
	d.rep.cells[n.cell] = Cell{State: Number, Value: v}
}

const msgTooLarge = "too large"

// checkCell returns "" when v suits a cell of kind k (H5 and the contract's bounds).
func checkCell(k Kind, v Decimal) string {
	switch k {
	case Count, SignedCount:
		switch {
		case !v.IsInt():
			return "not a whole number"
		case k == Count && v < 0:
			return "negative"
		case v > Int(MaxCount) || v < -Int(MaxCount):
			return msgTooLarge
		}
	case Amount:
		if v < 0 {
			return "negative"
		}
	}
	return ""
}

// parseAmountString reads an amount sent as a string: a plain decimal with at
// most 12 whole and 6 fractional digits, as the JSON Schema's pattern says.
func parseAmountString(s string) (Decimal, error) {
	v, err := parseDecimal(s, false)
	if err != nil {
		return 0, err
	}
	if strings.HasPrefix(s, "-") {
		return -Unit, nil // "-0" too: the schema's pattern has no sign, so report it as negative (H5)
	}
	whole, frac, _ := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	switch {
	case len(whole) > 12:
		return 0, errMagnitude
	case len(frac) > decimalDigits:
		return 0, errPrecision
	}
	return v, nil
}

func cellWant(k Kind) string {
	switch k {
	case SignedCount:
		return "整数（减少用负数表示）或“/”"
	case Amount:
		return "金额（万元，最多 6 位小数）或“/”"
	}
	return "非负整数或“/”"
}

func (d *decoder) cellFinding(n *node, rule, got, shown string) {
	what := describe(d.rep.layout, n.path)
	var msg string
	switch rule {
	case RuleRange:
		msg = fmt.Sprintf("%s填写的 %s 超出范围：%s", what, shown, rangeHint(n.kind))
	default:
		msg = fmt.Sprintf("%s应填写%s，不能填写%s", what, cellWant(n.kind), shown)
	}
	d.add(Finding{Rule: rule, Severity: Error, Path: n.path, Got: got, Want: cellWant(n.kind), Message: msg})
}

func rangeHint(k Kind) string {
	if k == Amount {
		return "金额不超过 10^12 万元，最多保留 6 位小数"
	}
	return fmt.Sprintf("数量不超过 %d", MaxCount)
}

var kindNames = map[jsontext.Kind]string{
	'n': "null", 'f': "false", 't': "true", '"': "文字", '0': "数字", '{': "对象", '[': "数组",
}

// wrongType reports a value of the wrong JSON type and skips it.
func (d *decoder) wrongType(path, want string, got jsontext.Kind) {
	if got == 0 {
		d.err = d.peekErr()
		return
	}
	d.add(Finding{Rule: RuleType, Severity: Error, Path: path, Got: kindNames[got], Want: want,
		Message: fmt.Sprintf("%s应填写%s，不能是%s", describe(d.rep.layout, path), want, kindNames[got])})
	d.skip()
}

func (d *decoder) skip() {
	if d.err == nil {
		d.err = d.dec.SkipValue()
	}
}

// peekErr returns the error PeekKind swallowed, which the next read reports.
func (d *decoder) peekErr() error {
	if _, err := d.dec.ReadToken(); err != nil {
		return err
	}
	return errNotObject
}

func (d *decoder) add(f Finding) { d.fs.Add(f) }

// addOrCount adds the error finding build returns, or only counts it when
// the list is full: a document can repeat a field without end, and building
// a finding only to count it would cost as much as keeping it.
func (d *decoder) addOrCount(build func() Finding) {
	if d.fs.Full(Error) {
		d.fs.Omit(Error)
		return
	}
	d.fs.Add(build())
}

// syntax turns the decoding error into the document's one "syntax" finding.
func (d *decoder) syntax() Finding {
	var se *jsontext.SyntacticError
	path, msg := "", "文档不是有效的 JSON："+d.err.Error()
	switch {
	case errors.Is(d.err, errNotObject):
		msg = "文档应为一个 JSON 对象（以 { 开头）"
	case errors.Is(d.err, errTrailing):
		msg = "JSON 对象结束后还有多余内容"
	case errors.As(d.err, &se):
		path = pointerPath(se.JSONPointer)
		msg = fmt.Sprintf("文档不是有效的 JSON（第 %d 字节附近）：%v", se.ByteOffset, se.Err)
	}
	return syntaxFinding(path, msg)
}

func syntaxFinding(path, msg string) Finding {
	return Finding{Rule: RuleSyntax, Severity: Error, Path: path, Message: msg}
}

// pointerPath turns a JSON Pointer into the contract's dotted path.
func pointerPath(p jsontext.Pointer) string {
	var parts []string
	for tok := range p.Tokens() {
		parts = append(parts, tok)
	}
	return strings.Join(parts, ".")
}

// describe names a path for messages: a cell in the table's own words, a field by its label.
func describe(l *Layout, path string) string {
	if l != nil {
		if _, ok := l.index[path]; ok {
			return l.Describe(path)
		}
	}
	if label := FieldLabel(path); label != "" {
		return label
	}
	return path
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func contains(names []string, name string) bool {
	for _, n := range names {
		if n == name {
			return true
		}
	}
	return false
}
