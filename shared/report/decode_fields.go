package report

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

func (d *decoder) formatVersion() {
	s, ok := d.str("formatVersion")
	if !ok {
		return
	}
	v := Version(s)
	if LayoutOf(v) == nil {
		d.add(Finding{Rule: RuleFormatVersion, Severity: Error, Path: "formatVersion", Got: s,
			Want:    string(Trial2019) + " | " + string(Format2021),
			Message: fmt.Sprintf("格式版本“%s”无法识别，应为“2019-trial”（2019年试行格式）或“2021”（2021年格式）", s)})
		return
	}
	d.rep.FormatVersion = v
	d.rep.layout = LayoutOf(v)
	d.rep.cells = make([]Cell, len(d.rep.layout.cells))
}

func (d *decoder) reportYear() {
	const path = "reportYear"
	v, ok := d.number(path, "年份（整数）")
	if !ok {
		return
	}
	if !v.IsInt() || v < Int(2019) || v > Int(MaxYear) {
		d.add(Finding{Rule: RuleRange, Severity: Error, Path: path, Got: v.String(), Want: "≥ 2019",
			Message: fmt.Sprintf("报告年度 %s 不在有效范围内：现行年报格式自 2019 年度起施行", v)})
		return
	}
	d.rep.ReportYear = int(v / Unit)
}

func (d *decoder) agency() {
	seen, ok := d.object("agency", func(name string) bool {
		switch name {
		case "name":
			d.text(TextFields[0])
		case "region":
			d.text(TextFields[1])
		case "creditCode":
			d.creditCode()
		default:
			return false
		}
		return true
	})
	if ok {
		d.requireAll("agency", seen, "name", "creditCode")
	}
}

func (d *decoder) creditCode() {
	const path = "agency.creditCode"
	s, ok := d.str(path)
	if !ok {
		return
	}
	problem, fixed := CreditCodeProblem(s)
	if problem == "" {
		d.rep.Agency.CreditCode = s
		return
	}
	d.add(Finding{Rule: RuleCreditCode, Severity: Error, Path: path, Got: s, Want: fixed, Message: problem})
}

func (d *decoder) publishedOn() {
	const path = "publishedOn"
	s, ok := d.str(path)
	if !ok {
		return
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil || len(s) != len(time.DateOnly) {
		d.add(Finding{Rule: RuleType, Severity: Error, Path: path, Got: s, Want: "YYYY-MM-DD",
			Message: fmt.Sprintf("发布日期“%s”不是有效日期，应写作 YYYY-MM-DD，例如 2021-01-31", s)})
		return
	}
	d.rep.PublishedOn = s
}

func (d *decoder) sections() {
	seen, ok := d.object("sections", func(name string) bool {
		for _, f := range TextFields[3:] {
			if f.Path == "sections."+name {
				d.text(f)
				return true
			}
		}
		return false
	})
	if !ok {
		return
	}
	for _, f := range TextFields[3:] {
		if f.Required && !contains(seen, strings.TrimPrefix(f.Path, "sections.")) {
			d.missing(f.Path)
		}
	}
}

// text reads a free-text field and checks that it is not blank and within its length.
func (d *decoder) text(f TextField) {
	s, ok := d.str(f.Path)
	if !ok {
		return
	}
	// Length as sent, as the JSON Schema counts it; CRLF folds to LF afterwards.
	if n := utf8.RuneCountInString(s); n < f.MinRunes || n > f.MaxRunes {
		d.add(Finding{Rule: RuleTextLength, Severity: Error, Path: f.Path, Got: fmt.Sprint(n),
			Want:    fmt.Sprintf("%d–%d", f.MinRunes, f.MaxRunes),
			Message: fmt.Sprintf("“%s”长度为 %d 个字符，应在 %d 至 %d 个字符之间", f.Label, n, f.MinRunes, f.MaxRunes)})
		return
	}
	if f.Multiline {
		s = strings.ReplaceAll(s, "\r\n", "\n")
	}
	*f.ref(d.rep) = s
}

// str reads a non-blank string; anything else is reported.
func (d *decoder) str(path string) (string, bool) {
	if d.err != nil {
		return "", false
	}
	k := d.dec.PeekKind()
	if k != '"' {
		d.wrongType(path, "文字", k)
		return "", false
	}
	tok, err := d.dec.ReadToken()
	if err != nil {
		d.err = err
		return "", false
	}
	s := tok.String()
	if strings.TrimSpace(s) == "" {
		d.add(Finding{Rule: RuleRequired, Severity: Error, Path: path,
			Message: fmt.Sprintf("“%s”不能为空", describe(d.rep.layout, path))})
		return "", false
	}
	return s, true
}

// number reads a JSON number exactly.
func (d *decoder) number(path, want string) (Decimal, bool) {
	if d.err != nil {
		return 0, false
	}
	k := d.dec.PeekKind()
	if k != '0' {
		d.wrongType(path, want, k)
		return 0, false
	}
	raw, err := d.dec.ReadValue()
	if err != nil {
		d.err = err
		return 0, false
	}
	v, err := parseDecimal(string(raw), true)
	if err != nil {
		d.add(Finding{Rule: RuleRange, Severity: Error, Path: path, Got: string(raw),
			Message: fmt.Sprintf("“%s”的数值 %s 超出可处理范围", describe(d.rep.layout, path), raw)})
		return 0, false
	}
	return v, true
}
