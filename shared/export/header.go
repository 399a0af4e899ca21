package export

import (
	"github.com/nianbao/nianbao/shared/report"
)

// column is one column of a table's sheet: its heading at each header level
// ("" continues the heading above it downwards) and, for a cell column, the
// cell's index in the layout.
type column struct {
	levels []string
	cell   int // -1 for the agency's own columns
	kind   report.Kind
}

// agencyColumns lead every table sheet.
var agencyColumns = []string{"机关名称", "统一社会信用代码", "行政区划"}

// sheet is a table's sheet: its name and columns.
type sheet struct {
	name    string
	title   string
	columns []column
}

// sheets lays out 表二, 表三 and 表四 of a format as the format prints them,
// turned so that each cell is a column: the row's labels above the column's,
// with the format's merged headings (法人或其他组织 over its five columns,
// 三、本年度办理结果 over its outcome rows, 行政诉讼 over its two groups).
func sheets(l *report.Layout) []sheet {
	depth := map[int]int{2: 3, 3: 5, 4: 3}
	out := []sheet{
		{name: "表二", title: "主动公开政府信息情况"},
		{name: "表三", title: "收到和处理政府信息公开申请情况"},
		{name: "表四", title: "政府信息公开行政复议、行政诉讼情况"},
	}
	for i := range out {
		d := depth[i+2]
		for _, a := range agencyColumns {
			out[i].columns = append(out[i].columns, column{levels: pad([]string{a}, d), cell: -1})
		}
	}
	add := func(table int, levels []string, path string) {
		idx, _ := l.Index(path)
		s := &out[table-2]
		s.columns = append(s.columns, column{levels: levels, cell: idx, kind: l.Cells()[idx].Kind})
	}
	for _, st := range l.Table2 {
		for _, r := range st.Rows {
			for _, c := range st.Columns {
				add(2, []string{st.Caption, r.Label, c.Label}, "table2."+st.Key+"."+r.Key+"."+c.Key)
			}
		}
	}
	for _, r := range l.Table3.Rows {
		rowLevels := []string{r.Level1, r.Level2, r.Level3}
		for _, c := range l.Table3.Columns {
			colLevels := []string{c.Group, c.Label}
			if c.Group == "" {
				colLevels = []string{c.Label, ""} // 自然人 and 总计 span both column rows
			}
			add(3, append(append([]string{}, rowLevels...), colLevels...), r.Path()+"."+c.Key)
		}
	}
	for _, g := range l.Table4.Groups {
		groupLevels := []string{g.Group, g.Label}
		if g.Group == "" {
			groupLevels = []string{g.Label, ""} // 行政复议 spans both group rows
		}
		for _, c := range l.Table4.Columns {
			add(4, append(append([]string{}, groupLevels...), c.Label), "table4."+g.Key+"."+c.Key)
		}
	}
	return out
}

func pad(levels []string, depth int) []string {
	for len(levels) < depth {
		levels = append(levels, "")
	}
	return levels
}

// span is a merged heading: rows top..bottom (header levels) and columns
// left..right, all inclusive, 0-based.
type span struct {
	label                    string
	top, bottom, left, right int
}

// spans merges each run of adjacent columns that share a heading at a level
// and every heading above it, and extends each downwards over the levels
// below it that are "" in all its columns.
func spans(cols []column) []span {
	if len(cols) == 0 {
		return nil
	}
	depth := len(cols[0].levels)
	samePrefix := func(a, b column, k int) bool {
		for i := 0; i <= k; i++ {
			if a.levels[i] != b.levels[i] {
				return false
			}
		}
		return true
	}
	var out []span
	for k := 0; k < depth; k++ {
		for left := 0; left < len(cols); {
			right := left
			for right+1 < len(cols) && samePrefix(cols[left], cols[right+1], k) {
				right++
			}
			if label := cols[left].levels[k]; label != "" {
				bottom := k
				for bottom+1 < depth && blankBelow(cols[left:right+1], bottom+1) {
					bottom++
				}
				out = append(out, span{label: label, top: k, bottom: bottom, left: left, right: right})
			}
			left = right + 1
		}
	}
	return out
}

func blankBelow(cols []column, level int) bool {
	for _, c := range cols {
		if c.levels[level] != "" {
			return false
		}
	}
	return true
}
