package recognize

import (
	"fmt"
	"slices"
	"strings"

	"github.com/nianbao/nianbao/shared/report"
)

// setCell records a decided cell, its provenance and what a person should
// know about it: a unit converted, a note dropped, a blank inferred.
func (r *recognizer) setCell(c int, v cellVal, rn *run, inferred bool, printed cellVal) {
	path := r.d.layout.Cells()[c].Path
	r.rep.SetCell(path, v.cell())
	p := Provenance{Method: rn.method, Source: rn.loc.String(), Text: clip(v.raw, maxSnippet)}
	if v.loc != nil {
		p.Source = v.loc.String()
	}
	switch {
	case inferred:
		p.Method = Inferred
	case v.converted != "":
		p.Method = Converted
	}
	if p.Text == "" {
		p.Text = rn.text
	}
	r.prov[path] = p
	if v.converted != "" {
		r.cellFinding(c, report.Finding{Rule: RuleUnit, Severity: report.Warning, Path: path, Got: v.raw, Want: v.v.String(),
			Message: fmt.Sprintf("%s原文为“%s”，已按 1 万元 = 10000 元换算为 %s 万元，请核对", r.describe(c), v.raw, v.v)})
	}
	if v.note != "" {
		r.cellFinding(c, report.Finding{Rule: RuleAnnotation, Severity: report.Warning, Path: path, Got: v.raw,
			Message: fmt.Sprintf("%s原文为“%s”，单元格中的附注“%s”未导入，只取数值 %s", r.describe(c), v.raw, v.note, v.cell())})
	}
	if inferred && printed.joined {
		r.cellFinding(c, report.Finding{Rule: RuleInferred, Severity: report.Warning, Path: path, Got: printed.raw, Want: v.v.String(),
			Message: fmt.Sprintf("%s原文为“%s”，数字分在两行，与勾稽关系相符的读法是 %s，请核对", r.describe(c), printed.raw, v.cell())})
	}
	if inferred && rn.mode == readExact && len(rn.cands) == 1 && !printed.known() {
		why := printed.why
		if why == "" {
			why = whyLost
		}
		r.cellFinding(c, report.Finding{Rule: RuleInferred, Severity: report.Warning, Path: path, Want: v.v.String(),
			Message: fmt.Sprintf("%s在原文中%s，按勾稽关系推算为 %s，请核对", r.describe(c), why, v.cell())})
	}
}

// inferredRun flags a row whose values the identities decided among
// several readings.
func (r *recognizer) inferredRun(rn *run, s *solved) {
	var vals []string
	for _, c := range rn.cells {
		if v, ok := s.value[c]; ok {
			vals = append(vals, v.cell().String())
		} else {
			vals = append(vals, "？")
		}
	}
	how, only := "数字连写", "符合勾稽关系的读法只有一种"
	switch {
	case rn.mode == readLossy:
		how = fmt.Sprintf("只有 %d 个数值，应有 %d 个", len(strings.Fields(rn.text)), len(rn.cells))
	case len(rn.cands) == 1:
		only = "能拆出的读法只有一种，但数字中若有空格或缺失，读法就不同"
	}
	c := rn.cells[0]
	r.cellFinding(c, report.Finding{Rule: RuleInferred, Severity: report.Warning, Path: r.d.layout.Cells()[c].Path,
		Related: r.paths(rn.cells[1:]), Got: rn.text, Want: strings.Join(vals, "、"),
		Message: fmt.Sprintf("%s“%s”行原文为“%s”，%s；%s：%s，请核对",
			rowTable(r.d.layout.Cells()[c].Path), rn.name, clip(rn.text, 60), how, only, strings.Join(vals, "、"))})
}

// cutNumber reports whether a reading of digits run together gives a cell
// more than one digit: “3000025” into seven cells is certain, “1 13” into
// three is a guess (the text may have held 11 and 3).
func cutNumber(reading []cellVal) bool {
	for _, v := range reading {
		digits := 0
		for _, r := range v.raw {
			if isDigit(narrow(r)) {
				digits++
			}
		}
		if digits > 1 {
			return true
		}
	}
	return false
}

// ambiguous flags a row whose values can be read several ways, listing them.
func (r *recognizer) ambiguous(rn *run, tuples [][]cellVal, failed bool) {
	const shown = 6
	var readings []string
	for _, t := range tuples[:min(shown, len(tuples))] {
		var vals []string
		for _, v := range t {
			switch {
			case v.known():
				vals = append(vals, v.cell().String())
			default:
				vals = append(vals, "？")
			}
		}
		readings = append(readings, strings.Join(vals, "、"))
	}
	more := ""
	if len(tuples) > shown {
		more = fmt.Sprintf("等 %d 种", len(tuples))
	}
	why := "可以有多种读法"
	if failed {
		why = "没有一种读法符合勾稽关系"
	}
	// The finding stands at the first cell left unset; cells that every
	// reading agrees on are set.
	var open []int
	for i, c := range rn.cells {
		if slices.ContainsFunc(tuples, func(t []cellVal) bool { return !sameValue(t[i], tuples[0][i]) }) {
			open = append(open, c)
		}
	}
	if len(open) == 0 {
		open = rn.cells
	}
	// The cells every reading agrees on are set, but named too: a space
	// inside a number (“3 762”) makes a reading of what was one value.
	c := open[0]
	related := slices.DeleteFunc(slices.Clone(rn.cells), func(o int) bool { return o == c })
	r.cellFinding(c, report.Finding{Rule: RuleAmbiguous, Severity: report.Error, Path: r.d.layout.Cells()[c].Path,
		Related: r.paths(related), Got: rn.text,
		Message: fmt.Sprintf("%s“%s”行原文为“%s”，%s：%s%s；无法确定的单元格未导入，请对照原文填写",
			rowTable(r.d.layout.Cells()[c].Path), rn.name, clip(rn.text, 60), why, strings.Join(readings, "；"), more)})
	for _, c := range open {
		r.flagged[c] = true
	}
}

func rowTable(path string) string {
	switch {
	case strings.HasPrefix(path, "table2"):
		return "表二"
	case strings.HasPrefix(path, "table3"):
		return "表三"
	}
	return "表四"
}
