package recognize

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/nianbao/nianbao/shared/report"
)

// tables reads 表二, 表三 and 表四 into runs from their lines.
func (r *recognizer) tables(lines map[int][]line) {
	order := 0
	r.table2(split(lines[2], r.d.t2, &order), amountUnit(lines[2]))
	r.table3(split(lines[3], r.d.t3, &order))
	r.table4(split(lines[4], r.d.t4, &order))
}

// unitHeader finds a header that puts a column in 元: 采购总金额(单位:元).
var unitHeader = regexp.MustCompile(`单位\s*[:：]?\s*(万元|元)`)

// amountUnit is the unit of 表二's amounts when a header says it; 万元,
// the contract's unit, otherwise.
func amountUnit(lines []line) string {
	for _, l := range lines {
		for _, t := range l.toks {
			if t.kind == tLabel {
				if m := unitHeader.FindStringSubmatch(t.text); m != nil {
					return m[1]
				}
			}
		}
	}
	return "万元"
}

// pickRow chooses among the rows a label fragment fits the first one after
// the last row found that is still free; the best fit otherwise.
func pickRow(e evidence, taken map[int]bool, after int) int {
	if !e.hit.fragment || len(e.all) < 2 {
		return e.hit.row
	}
	var rows []int
	for _, h := range e.all {
		if h.row >= 0 && !slices.Contains(rows, h.row) {
			rows = append(rows, h.row)
		}
	}
	slices.Sort(rows)
	for _, row := range rows {
		if row > after && !taken[row] {
			return row
		}
	}
	return e.hit.row
}

// labelNote flags a row found through other words than the format's.
func (r *recognizer) labelNote(t target, e evidence) {
	var how string
	switch {
	case e.hit.fuzzy:
		how = "与格式的行名不完全一致（疑为错字）"
	case e.hit.fragment:
		how = "只是行名的一部分（原表行名断开）"
	case e.hit.alias:
		how = "是另一版本格式或简称的行名"
	default:
		return
	}
	r.cellFinding(t.cells[0], report.Finding{Rule: RuleLabel, Severity: report.Warning, Path: r.d.layout.Cells()[t.cells[0]].Path,
		Related: r.paths(t.cells[1:]), Got: e.label, Want: t.name,
		Message: fmt.Sprintf("原文行名“%s”%s，按“%s”行读取，请核对", clip(e.label, 40), how, t.name)})
}

// addRun reads a row's values into a run.
func (r *recognizer) addRun(t target, e evidence, method Method, unit string) {
	cands, mode := readRow(e.vals, e.structured, t.kinds, unit)
	if cols := r.columnsOf(t, e); cols != nil {
		cands, mode = byColumn(e.vals, cols, t.kinds, r.d.t3.columnLabels, unit)
	}
	if mode == readNone {
		c := t.cells[0]
		r.cellFinding(c, report.Finding{Rule: RuleMissing, Severity: report.Error, Path: r.d.layout.Cells()[c].Path,
			Related: r.paths(t.cells[1:]), Got: e.valueText(),
			Message: fmt.Sprintf("%s“%s”行原文为“%s”，无法对应到该行的 %d 列，请对照原文填写", rowTable(t.path), t.name, clip(e.valueText(), 60), len(t.cells))})
		for _, c := range t.cells {
			r.flagged[c] = true
		}
		return
	}
	r.runs = append(r.runs, &run{cells: t.cells, kinds: t.kinds, cands: cands, mode: mode, method: method,
		loc: e.loc, text: e.valueText(), name: t.name})
}

// columnsOf returns the column map a row of 表三 is read by, nil for the
// other tables or when the header did not give one.
func (r *recognizer) columnsOf(t target, e evidence) []int {
	if !e.structured || e.cols == nil || !slices.ContainsFunc(r.d.t3.targets, func(o target) bool { return o.path == t.path }) {
		return nil
	}
	return e.cols
}

func (r *recognizer) paths(cells []int) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = r.d.layout.Cells()[c].Path
	}
	return out
}

// table2 reads 表二: each row by its label; a caption may be missing or
// wrong (a row's label is unique across the sub-tables).
func (r *recognizer) table2(ev []evidence, unit string) {
	t := r.d.t2
	taken := map[int]bool{}
	tabled := inTables(ev)
	for _, e := range ev {
		if !e.hasLabel || e.hit.row < 0 || e.values() == 0 || !e.structured && tabled[e.hit.row] {
			continue
		}
		row := pickRow(e, taken, -1)
		if r.duplicate(t, row, taken, e) {
			continue
		}
		r.labelNote(t.targets[row], e)
		r.addRun(t.targets[row], e, LabelMatched, unit)
	}
}

// inTables lists the rows a table prints with values: a row printed in a
// table is read from there, not from text that names it too.
func inTables(ev []evidence) map[int]bool {
	rows := map[int]bool{}
	for _, e := range ev {
		if e.structured && e.hasLabel && e.hit.row >= 0 && e.values() > 0 {
			rows[e.hit.row] = true
		}
	}
	return rows
}

// duplicate reports a row printed twice; the first printing counts.
func (r *recognizer) duplicate(t *tableDict, row int, taken map[int]bool, e evidence) bool {
	if !taken[row] {
		taken[row] = true
		return false
	}
	tg := t.targets[row]
	r.cellFinding(tg.cells[0], report.Finding{Rule: RuleLabel, Severity: report.Warning, Path: r.d.layout.Cells()[tg.cells[0]].Path,
		Got: e.valueText(), Message: fmt.Sprintf("%s“%s”行在原文中出现了不止一次；已按第一次出现的数值导入，第%s处的“%s”未采用",
			rowTable(tg.path), tg.name, e.loc.String(), clip(e.valueText(), 40))})
	return true
}

// minOrphanValues is how many numbers a line without a label needs to be
// taken for a row of 表三 whose label was lost.
const minOrphanValues = 4

// table3 reads 表三: rows by label, then rows whose label was lost by their
// position between rows found, then a group printed as one row.
func (r *recognizer) table3(ev []evidence) {
	t := r.d.t3
	type anchor struct {
		e   evidence
		row int
	}
	var anchors []anchor
	var orphans, groups []evidence
	taken := map[int]bool{}
	tabled := inTables(ev)
	last := -1
	for _, e := range ev {
		switch {
		case e.hasLabel && e.hit.row >= 0 && !e.structured && tabled[e.hit.row]:
		case e.hasLabel && e.hit.row >= 0 && e.values() > 0:
			row := pickRow(e, taken, last)
			if r.duplicate(t, row, taken, e) {
				continue
			}
			anchors = append(anchors, anchor{e, row})
			last = row
		case e.hasLabel && e.hit.row < 0 && e.values() > 0:
			groups = append(groups, e)
		case !e.hasLabel || e.hit.row < 0:
			if e.values() >= minOrphanValues {
				orphans = append(orphans, e)
			}
		}
	}
	for _, a := range anchors {
		r.labelNote(t.targets[a.row], a.e)
		r.addRun(t.targets[a.row], a.e, LabelMatched, "")
	}
	// Rows between two rows found, in the document's order, take the lines
	// without a label between them when there are as many of each.
	bounds := append([]anchor{{row: -1, e: evidence{order: -1}}}, anchors...)
	bounds = append(bounds, anchor{row: len(t.targets), e: evidence{order: int(^uint(0) >> 1)}})
	for i := 0; i+1 < len(bounds); i++ {
		a, b := bounds[i], bounds[i+1]
		if b.row <= a.row {
			continue
		}
		var between []evidence
		for _, o := range orphans {
			if o.order > a.e.order && o.order < b.e.order {
				between = append(between, o)
			}
		}
		var free []int
		for row := a.row + 1; row < b.row; row++ {
			if !taken[row] {
				free = append(free, row)
			}
		}
		if len(between) == 0 || len(free) == 0 {
			continue
		}
		if len(between) != len(free) {
			for _, row := range free {
				tg := t.targets[row]
				r.cellFinding(tg.cells[0], report.Finding{Rule: RuleMissing, Severity: report.Error, Path: r.d.layout.Cells()[tg.cells[0]].Path,
					Related: r.paths(tg.cells[1:]),
					Message: fmt.Sprintf("表三“%s”行的行名在原文中没有找到；附近有 %d 行没有行名的数字，而缺行名的行有 %d 行，无法对应，请对照原文填写",
						tg.name, len(between), len(free))})
				for _, c := range tg.cells {
					r.flagged[c] = true
				}
			}
			continue
		}
		for k, row := range free {
			tg := t.targets[row]
			o := between[k]
			taken[row] = true
			r.cellFinding(tg.cells[0], report.Finding{Rule: RuleLabel, Severity: report.Warning, Path: r.d.layout.Cells()[tg.cells[0]].Path,
				Related: r.paths(tg.cells[1:]), Got: o.valueText(),
				Message: fmt.Sprintf("表三“%s”行的行名在原文中缺失，按位置（前后行之间）将%s的“%s”作为该行，请核对",
					tg.name, o.loc.String(), clip(o.valueText(), 40))})
			r.addRun(tg, o, ByPosition, "")
		}
	}
	for _, g := range groups {
		r.groupRow(g, taken)
	}
}

// groupRow reads a group printed as one row: a 2021 table that prints
// （六）其他处理 as the 2019 format does. Its values are the sums of the
// group's rows, an identity the solver uses; the rows themselves stay
// unknown unless the sums decide them (all zero).
func (r *recognizer) groupRow(e evidence, taken map[int]bool) {
	t := r.d.t3
	gt := t.groups[-1-e.hit.row]
	for _, row := range gt.rows {
		if taken[row] {
			return // the rows are printed too: the group's line is a subtotal
		}
	}
	cols := t.targets[gt.rows[0]]
	cands, _ := readRow(e.vals, e.structured, cols.kinds, "")
	if len(cands) != 1 || slices.ContainsFunc(cands[0], func(c cellVal) bool { return c.state != report.Number }) {
		return
	}
	for col := range cols.cells {
		var left []int
		for _, row := range gt.rows {
			left = append(left, t.targets[row].cells[col])
		}
		r.cons = append(r.cons, constraint{left: left, konst: cands[0][col].v})
	}
	var names []string
	for _, row := range gt.rows {
		tg := t.targets[row]
		names = append(names, tg.name)
		unknown := make([]cellVal, len(tg.cells))
		for i := range unknown {
			unknown[i] = cellVal{why: "只有“" + gt.name + "”一行的合计（" + e.valueText() + "），没有分行"}
		}
		taken[row] = true
		r.runs = append(r.runs, &run{cells: tg.cells, kinds: tg.kinds, cands: [][]cellVal{unknown}, mode: readExact,
			method: LabelMatched, loc: e.loc, text: e.valueText(), name: tg.name})
	}
	first := t.targets[gt.rows[0]].cells[0]
	r.cellFinding(first, report.Finding{Rule: RuleLabel, Severity: report.Warning, Path: r.d.layout.Cells()[first].Path,
		Got: e.valueText(), Message: fmt.Sprintf("原表只印了一行“%s”（%s），而%s要求分为%s；各行合计须等于该行，能由此确定的数值已推算，其余请对照原文填写",
			gt.name, clip(e.valueText(), 40), r.d.version.Label(), strings.Join(names, "、"))})
}

// table4 reads 表四: a group by its label, or the values in order — 15 in
// one row, or 5 under each group's heading.
func (r *recognizer) table4(ev []evidence) {
	t := r.d.t4
	var all target
	for _, tg := range t.targets {
		all.cells = append(all.cells, tg.cells...)
		all.kinds = append(all.kinds, tg.kinds...)
	}
	all.name, all.path = "行政复议、行政诉讼", "table4"
	taken := map[int]bool{}
	current := -1
	for _, e := range ev {
		var rows []int
		for _, h := range e.all {
			if h.row >= 0 && !slices.Contains(rows, h.row) {
				rows = append(rows, h.row)
			}
		}
		// A group's label beside the columns' is a header, not a row.
		keyed := e.hasLabel && len(rows) == 1 && !t.hasColumnWords(e.label)
		if e.values() == 0 {
			switch {
			case keyed:
				current = rows[0]
			case len(rows) > 1:
				current = -1
			}
			continue
		}
		row := -1
		switch {
		case keyed:
			row = rows[0]
		case len(taken) == 0 && (fifteen(e, len(all.cells)) || e.structured && slotsOf(e.vals, len(all.cells)) != nil && e.values() > len(all.cells)/2):
			for i := range t.targets {
				taken[i] = true
			}
			r.addRun(all, e, ByPosition, "")
			continue
		case current >= 0 && !taken[current]:
			row = current
		default:
			for i := range t.targets {
				if !taken[i] {
					row = i
					break
				}
			}
		}
		if row < 0 {
			continue
		}
		if r.duplicate(t, row, taken, e) {
			continue
		}
		method := LabelMatched
		if !keyed {
			method = ByPosition
		}
		r.addRun(t.targets[row], e, method, "")
		current = -1
	}
}

// hasColumnWords reports whether text holds one of the table's column
// labels (of at least minSubstring characters).
func (t *tableDict) hasColumnWords(text string) bool {
	sk := skeleton(text)
	for _, w := range t.columns {
		if strings.Contains(sk, w) {
			return true
		}
	}
	return false
}

// fifteen is true for values that fill 表四 in one row: as many numbers as
// cells, or digits enough for them.
func fifteen(e evidence, n int) bool {
	nums, digits := 0, 0
	for _, t := range e.vals {
		switch t.kind {
		case tNum:
			nums++
			digits += len(t.digits)
			if t.sign != 0 {
				digits++ // 表四 has no signed cell: a dash run into the next value
			}
		case tMark:
			nums++
			digits++
		}
	}
	return nums >= n || nums < n && digits >= n && nums <= n/3
}
