package report

import (
	"slices"
	"strings"
)

// Column is a value column of a table as the format prints it.
type Column struct {
	Key   string
	Label string
	Group string // the merged header above the column, e.g. 法人或其他组织; "" for none
	Kind  Kind
}

// Item is a labelled row (表二) or group (表四).
type Item struct {
	Key   string
	Label string
	Group string // 表四: 行政诉讼 above its two sub-groups
}

// SubTable is one of 表二's stacked sub-tables, e.g. 第二十条第（一）项.
type SubTable struct {
	Key     string
	Caption string
	Rows    []Item
	Columns []Column
}

// Row is a row of 表三 with its labels at each of the three label levels.
// Rows that share a label at a level are drawn as one merged cell.
type Row struct {
	Key     string // path inside table3, e.g. "results.refused.stateSecret"
	Level1  string
	Level2  string
	Level3  string
	Short   string // the row as messages name it
	Outcome bool   // one of the 办理结果 rows that （七）总计 adds up (H2)
}

// Path returns the row's path from the document root.
func (r Row) Path() string { return "table3." + r.Key }

// Table3 is 表三: rows × the seven applicant columns.
type Table3 struct {
	Rows    []Row
	Columns []Column
}

// Table4 is 表四: three groups × five outcome columns.
type Table4 struct {
	Groups  []Item
	Columns []Column
}

// CellSpec describes one cell of a layout.
type CellSpec struct {
	Path   string
	Kind   Kind
	Table  int    // 2, 3 or 4
	Row    string // the row in the table's own words
	Column string // the column in the table's own words
}

// Layout is the complete cell layout of one format version.
type Layout struct {
	Version Version
	Table2  []SubTable
	Table3  Table3
	Table4  Table4

	cells []CellSpec
	index map[string]int
	root  *node // table2, table3 and table4 as a tree, for decoding and encoding
}

// node is an object or a cell of the tables' JSON tree.
type node struct {
	key    string
	path   string
	kind   Kind // 0 for an object
	cell   int  // index into Layout.cells, for a cell
	kids   []*node
	sorted []*node // kids in canonical (byte) order
}

func (n *node) child(key string) *node {
	for _, k := range n.kids {
		if k.key == key {
			return k
		}
	}
	return nil
}

// insert returns the node at the dotted path under n, creating objects on the way.
func (n *node) insert(path string) *node {
	cur := n
	for _, key := range strings.Split(path, ".") {
		next := cur.child(key)
		if next == nil {
			p := key
			if cur.path != "" {
				p = cur.path + "." + key
			}
			next = &node{key: key, path: p}
			cur.kids = append(cur.kids, next)
		}
		cur = next
	}
	return cur
}

func (n *node) finish() {
	n.sorted = slices.Clone(n.kids)
	slices.SortFunc(n.sorted, func(a, b *node) int { return strings.Compare(a.key, b.key) })
	for _, k := range n.kids {
		k.finish()
	}
}

// Cells lists every cell in table order: 表二, 表三 row by row, 表四.
func (l *Layout) Cells() []CellSpec { return l.cells }

// Index returns the position of the cell at path in Cells.
func (l *Layout) Index(path string) (int, bool) {
	i, ok := l.index[path]
	return i, ok
}

// Describe names the cell at path in the table's own words, e.g.
// 表三“（三）不予公开 1.属于国家秘密”行“法人或其他组织—商业企业”列.
func (l *Layout) Describe(path string) string {
	i, ok := l.index[path]
	if !ok {
		return path
	}
	c := l.cells[i]
	return tableName[c.Table] + "“" + c.Row + "”行“" + c.Column + "”列"
}

var tableName = map[int]string{2: "表二", 3: "表三", 4: "表四"}

// Locate names the row and column of path for a table of findings: a cell's
// table and row with its column, or a field's label with no column. l may be nil.
func Locate(l *Layout, path string) (row, column string) {
	if l != nil {
		if i, ok := l.index[path]; ok {
			c := l.cells[i]
			return tableName[c.Table] + " " + c.Row, c.Column
		}
	}
	if label := FieldLabel(path); label != "" {
		return label, ""
	}
	return path, ""
}

func (l *Layout) addCell(path string, kind Kind, table int, row, column string) {
	n := l.root.insert(path)
	n.kind = kind
	n.cell = len(l.cells)
	l.index[path] = len(l.cells)
	l.cells = append(l.cells, CellSpec{Path: path, Kind: kind, Table: table, Row: row, Column: column})
}

// Name is the column as messages name it, with its merged header: 法人或其他组织—其他.
func (c Column) Name() string { return prefixed(c.Group, c.Label) }

// Name is the row or group as messages name it, with its merged header: 行政诉讼—复议后起诉.
func (it Item) Name() string { return prefixed(it.Group, it.Label) }

func prefixed(group, label string) string {
	if group != "" {
		return group + "—" + label
	}
	return label
}

func newLayout(v Version, t2 []SubTable, t3 Table3, t4 Table4) *Layout {
	l := &Layout{Version: v, Table2: t2, Table3: t3, Table4: t4, index: map[string]int{}, root: &node{}}
	for _, st := range t2 {
		for _, r := range st.Rows {
			for _, c := range st.Columns {
				l.addCell("table2."+st.Key+"."+r.Key+"."+c.Key, c.Kind, 2, st.Caption+" "+r.Label, c.Label)
			}
		}
	}
	for _, r := range t3.Rows {
		for _, c := range t3.Columns {
			l.addCell(r.Path()+"."+c.Key, c.Kind, 3, r.Short, c.Name())
		}
	}
	for _, g := range t4.Groups {
		for _, c := range t4.Columns {
			l.addCell("table4."+g.Key+"."+c.Key, c.Kind, 4, g.Name(), c.Label)
		}
	}
	l.root.finish()
	return l
}

// LayoutOf returns the layout of version v, or nil for an unknown version.
func LayoutOf(v Version) *Layout {
	switch v {
	case Trial2019:
		return layout2019
	case Format2021:
		return layout2021
	}
	return nil
}
