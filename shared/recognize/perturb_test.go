package recognize

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/report/reporttest"
	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/template/templatetest"
)

// A published report is a correct one disturbed the way publishers disturb
// it: labels misspelt and renumbered, tables split, rows moved, headers
// repeated or flattened, units, full-width digits, dashes for nothing,
// notes in cells, columns lost, prose moved. The generators below disturb a
// correct document; the property is the importer's promise: every cell set
// equals what the document printed, or carries an import finding.

// pdoc is a report laid out as a document, ready to be disturbed: the
// tables of nianbao's template (value cells keyed by their paths, so that a
// disturbance knows what it changes; the keys are removed before the
// recogniser sees the document).
type pdoc struct {
	title      string
	fields     *source.Table
	paras      [6][]string
	tables     [6][]*source.Table // after section i's prose: 1 表二, 2 表三, 3 表四
	proseAfter [6]bool            // the prose follows the tables
	want       *report.Report     // what the document prints
}

func newPdoc(t *testing.T, r *report.Report) *pdoc {
	t.Helper()
	pd := &pdoc{title: r.DisplayTitle(), want: r.Clone()}
	for i, s := range r.Sections.InOrder() {
		for p := range strings.SplitSeq(s, "\n") {
			if p = strings.TrimSpace(p); p != "" {
				pd.paras[i] = append(pd.paras[i], p)
			}
		}
	}
	at := map[string]int{"表二": 1, "表三": 2, "表四": 3}
	for _, w := range templatetest.Expected(t, r, source.DOCX) {
		if w.Name == "基本信息" {
			pd.fields = w.Table
			continue
		}
		pd.tables[at[w.Name]] = append(pd.tables[at[w.Name]], w.Table)
	}
	return pd
}

// document is pd as the reader of a structured file gives it, the keys
// removed.
func (pd *pdoc) document() *source.Document {
	doc := &source.Document{Kind: source.HTML}
	add := func(b source.Block) { doc.Blocks = append(doc.Blocks, b) }
	add(source.Block{Kind: source.Heading, Text: pd.title})
	add(source.Block{Kind: source.TableBlock, Table: unkeyed(pd.fields)})
	for i, h := range report.SectionHeadings {
		add(source.Block{Kind: source.Heading, Text: h})
		paras := func() {
			for _, p := range pd.paras[i] {
				add(source.Block{Kind: source.Paragraph, Text: p})
			}
		}
		if !pd.proseAfter[i] {
			paras()
		}
		for _, tb := range pd.tables[i] {
			add(source.Block{Kind: source.TableBlock, Table: unkeyed(tb)})
		}
		if pd.proseAfter[i] {
			paras()
		}
	}
	return doc
}

// text is pd as a text dump with tab-separated table rows, read back by
// the plain-text reader: merged cells printed once.
func (pd *pdoc) text(t *testing.T) *source.Document {
	t.Helper()
	var b strings.Builder
	for _, blk := range pd.document().Blocks {
		if blk.Table == nil {
			b.WriteString(blk.Text + "\n\n")
			continue
		}
		for _, row := range blk.Table.Grid {
			var cells []string
			for _, c := range row {
				text := strings.ReplaceAll(c.Text, "\n", "")
				if c.Covered {
					text = ""
				}
				cells = append(cells, text)
			}
			b.WriteString(strings.Join(cells, "\t") + "\n")
		}
		b.WriteString("\n")
	}
	doc, err := readDoc(b.String())
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// flat is pd as a crawler dumps a page: the article on one line, each
// table's cells run together with no separator.
func (pd *pdoc) flat(t *testing.T) *source.Document {
	t.Helper()
	var b strings.Builder
	for _, blk := range pd.document().Blocks {
		if blk.Table == nil {
			b.WriteString(blk.Text + " ")
			continue
		}
		for _, row := range blk.Table.Grid {
			for _, c := range row {
				if !c.Covered {
					b.WriteString(strings.TrimSpace(c.Text))
				}
			}
		}
		b.WriteString(" ")
	}
	doc, err := readDoc(b.String() + "\n")
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func unkeyed(tb *source.Table) *source.Table {
	out := &source.Table{Loc: tb.Loc, Grid: make([][]source.Cell, len(tb.Grid))}
	for r, row := range tb.Grid {
		out.Grid[r] = slices.Clone(row)
		for c := range out.Grid[r] {
			out.Grid[r][c].Key = ""
		}
	}
	return out
}

// valueCells calls f with every value cell of pd's tables.
func (pd *pdoc) valueCells(f func(c *source.Cell)) {
	for _, tbs := range pd.tables {
		for _, tb := range tbs {
			for r := range tb.Grid {
				for c := range tb.Grid[r] {
					if cell := &tb.Grid[r][c]; cell.Key != "" && !cell.Covered {
						f(cell)
					}
				}
			}
		}
	}
}

// pick returns a random element of a non-empty list.
func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

// labelCells returns the label cells of 表三 (origins without a key whose
// text names a row).
func (pd *pdoc) labelCells(table int) []*source.Cell {
	var out []*source.Cell
	for _, tb := range pd.tables[table] {
		for r := range tb.Grid {
			for c := range tb.Grid[r] {
				cell := &tb.Grid[r][c]
				if cell.Key == "" && !cell.Covered && utf8.RuneCountInString(skeleton(cell.Text)) >= 2 && r >= 3 {
					out = append(out, cell)
				}
			}
		}
	}
	return out
}

// A perturbation disturbs pd; it reports false when it does not apply.
type perturbation struct {
	name string
	do   func(pd *pdoc, rng *rand.Rand) bool
}

// unflattened are the disturbances that a flattened dump hides: with no
// cell boundaries, columns swapped, a column lost (5 5 55 for 0 5 5 55),
// merged values repeated (4 4 for one 4), blank cells, dashes run
// together or into a number, or a number grouped by a space running into
// the next cell read as another table whose digits add up as well — no
// reader of the dump could tell. They are checked structured and as text
// only.
var unflattened = map[string]bool{
	"two columns of 表三 swapped, headers and all":      true,
	"a column of 表三 lost":                             true,
	"merged cells unmerged, their text in every slot": true,
	"blank cells for nothing":                         true, // a dump runs nothing into nothing
	"spaces inside numbers":                           true, // 3 762|4 runs into 3 7624
	"dashes and 无 for nothing":                        true, // —|—— runs into ———, －|1 into -1
}

var perturbations = []perturbation{
	{"a typo in a label", func(pd *pdoc, rng *rand.Rand) bool {
		var long []*source.Cell
		for _, c := range pd.labelCells(2) {
			if utf8.RuneCountInString(skeleton(c.Text)) >= 8 {
				long = append(long, c)
			}
		}
		c := pick(rng, long)
		r := []rune(c.Text)
		// Drop a character past the label's number, as 禁止 became 止.
		i := len(r)/2 + rng.IntN(len(r)-len(r)/2)
		c.Text = string(append(r[:i:i], r[i+1:]...))
		return true
	}},
	{"numbering restyled", func(pd *pdoc, rng *rand.Rand) bool {
		style := pick(rng, []func(n string) string{
			func(n string) string { return n + "、" },
			func(n string) string { return "（" + n + "）" },
			func(n string) string { return "(" + n + ")" },
			func(n string) string { return n + "．" },
			func(string) string { return "" },
		})
		for _, c := range pd.labelCells(2) {
			if num, rest := splitNumbering(c.Text); num != "" && num[0] >= '0' && num[0] <= '9' {
				c.Text = style(num) + rest
			}
		}
		return true
	}},
	{"spaces and breaks inside labels, 増 for 增", func(pd *pdoc, rng *rand.Rand) bool {
		for _, tbs := range pd.tables {
			for _, tb := range tbs {
				for r := range tb.Grid {
					for c := range tb.Grid[r] {
						cell := &tb.Grid[r][c]
						if cell.Key != "" || utf8.RuneCountInString(cell.Text) < 6 {
							continue
						}
						rs := []rune(strings.ReplaceAll(cell.Text, "增", "増"))
						i := 2 + rng.IntN(len(rs)-3)
						cell.Text = string(rs[:i]) + pick(rng, []string{" ", "\n", "　"}) + string(rs[i:])
					}
				}
			}
		}
		return true
	}},
	{"表三 split per group", func(pd *pdoc, rng *rand.Rand) bool {
		tb := pd.tables[2][0]
		head := tb.Grid[:3]
		var parts []*source.Table
		start := 3
		for r := 4; r <= len(tb.Grid); r++ {
			// A new group starts where column 2's label is an origin.
			if r == len(tb.Grid) || !tb.Grid[r][1].Covered {
				rows := append(slices.Clone(head), uncoverFirst(tb.Grid[start:r])...)
				parts = append(parts, &source.Table{Grid: rows})
				start = r
			}
		}
		pd.tables[2] = parts
		return true
	}},
	{"表二's sub-tables reordered", func(pd *pdoc, rng *rand.Rand) bool {
		tb := pd.tables[1][0]
		var blocks [][][]source.Cell
		for r, row := range tb.Grid {
			if row[0].ColSpan > 1 && row[0].Key == "" { // a caption opens a sub-table
				blocks = append(blocks, nil)
			}
			blocks[len(blocks)-1] = append(blocks[len(blocks)-1], tb.Grid[r])
		}
		rng.Shuffle(len(blocks), func(i, j int) { blocks[i], blocks[j] = blocks[j], blocks[i] })
		tb.Grid = slices.Concat(blocks...)
		return true
	}},
	{"two rows of a group swapped", func(pd *pdoc, rng *rand.Rand) bool {
		tb := pd.tables[2][0]
		var at []int
		for r := 4; r+1 < len(tb.Grid); r++ {
			// Both rows only continue the group and the results label.
			if tb.Grid[r][0].Covered && tb.Grid[r][1].Covered && tb.Grid[r+1][1].Covered && tb.Grid[r][2].Key == "" && tb.Grid[r+1][2].Key == "" {
				at = append(at, r)
			}
		}
		if len(at) == 0 {
			return false
		}
		r := pick(rng, at)
		tb.Grid[r], tb.Grid[r+1] = tb.Grid[r+1], tb.Grid[r]
		return true
	}},
	{"2021's （六） printed as one row", func(pd *pdoc, rng *rand.Rand) bool {
		if pd.want.FormatVersion != report.Format2021 {
			return false
		}
		tb := pd.tables[2][0]
		first := slices.IndexFunc(tb.Grid, func(row []source.Cell) bool {
			return len(row) > 3 && strings.HasPrefix(row[3].Key, "table3.results.otherHandling.")
		})
		if first < 0 || first+3 > len(tb.Grid) || !strings.HasPrefix(tb.Grid[first+2][3].Key, "table3.results.otherHandling.") {
			return false
		}
		merged := slices.Clone(tb.Grid[first])
		merged[1].RowSpan, merged[2] = 1, source.Cell{RowSpan: 1, ColSpan: 1}
		for c := 3; c < len(merged); c++ {
			var sum report.Decimal
			for r := first; r < first+3; r++ {
				v, _ := pd.want.Cell(tb.Grid[r][c].Key)
				sum += v.Value
			}
			merged[c].Text, merged[c].Key = sum.String(), ""
		}
		tb.Grid = slices.Concat(tb.Grid[:first], [][]source.Cell{merged}, tb.Grid[first+3:])
		return true
	}},
	{"表三 across two pages, its header repeated", func(pd *pdoc, rng *rand.Rand) bool {
		tb := pd.tables[2][len(pd.tables[2])-1]
		if len(tb.Grid) < 8 {
			return false
		}
		cut := 4 + rng.IntN(len(tb.Grid)-5)
		second := append(slices.Clone(pd.tables[2][0].Grid[:3]), uncoverFirst(tb.Grid[cut:])...)
		tb.Grid = tb.Grid[:cut]
		pd.tables[2] = append(pd.tables[2], &source.Table{Grid: second})
		return true
	}},
	{"amounts in 元 with thousands separators", func(pd *pdoc, rng *rand.Rand) bool {
		done := false
		pd.valueCells(func(c *source.Cell) {
			v, _ := pd.want.Cell(c.Key)
			if spec, _ := pd.want.Layout().Index(c.Key); pd.want.Layout().Cells()[spec].Kind == report.Amount && v.State == report.Number {
				c.Text = withSeparators((v.Value * 10_000).String()) + "元"
				done = true
			}
		})
		return done
	}},
	{"full-width digits", func(pd *pdoc, rng *rand.Rand) bool {
		pd.valueCells(func(c *source.Cell) {
			if rng.IntN(3) == 0 {
				c.Text = strings.Map(func(r rune) rune {
					if r >= '0' && r <= '9' {
						return r - '0' + '０'
					}
					return r
				}, c.Text)
			}
		})
		return true
	}},
	{"dashes and 无 for nothing", func(pd *pdoc, rng *rand.Rand) bool {
		done := false
		pd.valueCells(func(c *source.Cell) {
			if c.Text == "0" && rng.IntN(4) == 0 {
				c.Text = pick(rng, []string{"——", "－", "无", "-", "—"})
				done = true
			}
		})
		return done
	}},
	{"blank cells for nothing", func(pd *pdoc, rng *rand.Rand) bool {
		done := false
		pd.valueCells(func(c *source.Cell) {
			if c.Text == "0" && rng.IntN(4) == 0 {
				c.Text, done = "", true
			}
		})
		return done
	}},
	{"“/” for a 表二 cell", func(pd *pdoc, rng *rand.Rand) bool {
		c := pick(rng, pd.cellsOf(1))
		c.Text = pick(rng, []string{"/", "／"})
		pd.want.SetCell(c.Key, report.Cell{State: report.NotApplicable})
		return true
	}},
	{"notes in cells", func(pd *pdoc, rng *rand.Rand) bool {
		pd.valueCells(func(c *source.Cell) {
			if v, _ := pd.want.Cell(c.Key); v.State == report.Number && v.Value > 0 && rng.IntN(4) == 0 {
				c.Text += pick(rng, []string{"（其中修订 1 件）", "(含自然失效)", "（注：含往年结转）"})
			}
		})
		return true
	}},
	{"spaces inside numbers", func(pd *pdoc, rng *rand.Rand) bool {
		done := false
		pd.valueCells(func(c *source.Cell) {
			if r := []rune(c.Text); len(r) >= 4 && !strings.ContainsAny(c.Text, ".元（(") {
				c.Text = string(r[:len(r)-3]) + " " + string(r[len(r)-3:])
				done = true
			}
		})
		return done
	}},
	{"a column of 表三 lost", func(pd *pdoc, rng *rand.Rand) bool {
		// 表三's applicant columns are 3–9; 商业企业 (4) opens 法人或其他组织.
		col := pick(rng, []int{3, 5, 6, 7, 8, 9})
		for _, tb := range pd.tables[2] {
			if tb.Cols() < 10 {
				return false // a column lost already
			}
		}
		for _, tb := range pd.tables[2] {
			for r := range tb.Grid {
				tb.Grid[r] = slices.Delete(slices.Clone(tb.Grid[r]), col, col+1)
			}
		}
		return true
	}},
	{"two columns of 表三 swapped, headers and all", func(pd *pdoc, rng *rand.Rand) bool {
		// 法人或其他组织's five columns (4–8) under their merged header.
		a := 4 + rng.IntN(4)
		for _, tb := range pd.tables[2] {
			for r := range tb.Grid {
				row := slices.Clone(tb.Grid[r])
				row[a], row[a+1] = row[a+1], row[a]
				tb.Grid[r] = row
			}
		}
		return true
	}},
	{"merged cells unmerged, their text in every slot", func(pd *pdoc, rng *rand.Rand) bool {
		for _, tb := range pd.tables[pick(rng, []int{1, 2, 3})] {
			for r := range tb.Grid {
				uncover(tb.Grid[r])
			}
		}
		return true
	}},
	{"表三's header flattened into one row", func(pd *pdoc, rng *rand.Rand) bool {
		// The header's last row, each column's label in it: the merged
		// labels above (自然人, 总计) fill their positions.
		tb := pd.tables[2][0]
		if slices.ContainsFunc(slices.Concat(tb.Grid[:3]...), func(c source.Cell) bool { return c.Key != "" }) {
			return false // flattened already
		}
		row := slices.Clone(tb.Grid[2])
		uncover(row)
		tb.Grid = append([][]source.Cell{row}, tb.Grid[3:]...)
		return true
	}},
	{"prose after the tables", func(pd *pdoc, rng *rand.Rand) bool {
		for i := 1; i <= 3; i++ {
			pd.proseAfter[i] = rng.IntN(2) == 0
		}
		return true
	}},
	{"prose between 表二's sub-tables", func(pd *pdoc, rng *rand.Rand) bool {
		tb := pd.tables[1][0]
		var parts []*source.Table
		for r, row := range tb.Grid {
			if row[0].ColSpan > 1 && row[0].Key == "" {
				parts = append(parts, &source.Table{})
			}
			parts[len(parts)-1].Grid = append(parts[len(parts)-1].Grid, tb.Grid[r])
		}
		pd.tables[1] = parts
		pd.proseAfter[1] = true // the paragraphs follow the sub-tables, as a page interleaves them
		return true
	}},
}

func (pd *pdoc) cellsOf(table int) []*source.Cell {
	var out []*source.Cell
	for _, tb := range pd.tables[table] {
		for r := range tb.Grid {
			for c := range tb.Grid[r] {
				if cell := &tb.Grid[r][c]; cell.Key != "" && !cell.Covered {
					out = append(out, cell)
				}
			}
		}
	}
	return out
}

// uncover makes a row's covered positions show their merged cell's text,
// as a converter that unmerges cells does.
func uncover(row []source.Cell) {
	for c := range row {
		if row[c].Covered {
			row[c].Covered, row[c].Key = false, ""
		}
	}
}

// uncoverFirst copies rows, the first showing the text of the cells merged
// into it from above (a label cut by a page break is printed again).
func uncoverFirst(rows [][]source.Cell) [][]source.Cell {
	out := slices.Clone(rows)
	if len(out) > 0 {
		out[0] = slices.Clone(out[0])
		uncover(out[0])
	}
	return out
}

// withSeparators writes a decimal's whole part with thousands separators.
func withSeparators(s string) string {
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}

// promise checks a draft against what the document printed: each cell set
// to the printed value, or carrying an import finding (an error when unset).
func promise(d *Draft, want *report.Report) []string {
	var out []string
	sev := map[string]report.Severity{}
	for _, f := range d.Findings {
		if !strings.HasPrefix(f.Rule, "import-") {
			continue
		}
		for _, p := range append([]string{f.Path}, f.Related...) {
			if sev[p] != report.Error {
				sev[p] = f.Severity
			}
		}
	}
	flag := func(path string) report.Severity {
		s := sev[path]
		for p := path; strings.Contains(p, "."); {
			p = p[:strings.LastIndexByte(p, '.')]
			if t, ok := sev[p]; ok && s != report.Error {
				s = t
			}
		}
		return s
	}
	l := want.Layout()
	for _, spec := range l.Cells() {
		g, _ := d.Report.Cell(spec.Path)
		w, _ := want.Cell(spec.Path)
		p := d.Provenance[spec.Path]
		switch {
		case g == w:
		case g.State == report.Absent && flag(spec.Path) != report.Error:
			out = append(out, fmt.Sprintf("%s unset (printed %q) without an import error", l.Describe(spec.Path), w))
		case g.State != report.Absent && flag(spec.Path) == "":
			out = append(out, fmt.Sprintf("%s silently wrong: %q (%s from %s: %q), printed %q", l.Describe(spec.Path), g, p.Method, p.Source, p.Text, w))
		}
	}
	return out
}

// perturbBases are the reports disturbed: the seed, the 2021 example, and
// reports with random tables.
func perturbBases(t *testing.T) []*report.Report {
	var out []*report.Report
	for i, name := range templatetest.Reports {
		base := templatetest.Load(t, name)
		out = append(out, base)
		rng := rand.New(rand.NewPCG(uint64(i), 99))
		for range 2 {
			out = append(out, reporttest.Tables(base, rng))
		}
	}
	return out
}

// check recognises pd in each medium and reports broken promises.
func check(t *testing.T, pd *pdoc, what string, flattens bool) {
	t.Helper()
	for _, medium := range []struct {
		name string
		doc  func() *source.Document
	}{
		{"structured", pd.document},
		{"text", func() *source.Document { return pd.text(t) }},
		{"flattened", func() *source.Document { return pd.flat(t) }},
	} {
		if medium.name == "flattened" && !flattens {
			continue
		}
		d := recognizeDoc(t, medium.doc())
		for _, msg := range promise(d, pd.want) {
			t.Errorf("%s, %s (%s): %s", what, pd.title, medium.name, msg)
		}
	}
}

// TestPerturbations applies each disturbance alone to every base.
func TestPerturbations(t *testing.T) {
	bases := perturbBases(t)
	for _, p := range perturbations {
		t.Run(p.name, func(t *testing.T) {
			for i, base := range bases {
				rng := rand.New(rand.NewPCG(uint64(i), 7))
				pd := newPdoc(t, base)
				if p.do(pd, rng) {
					check(t, pd, p.name, !unflattened[p.name])
				}
			}
		})
	}
}

// TestPerturbationMixes applies random mixes of one to four disturbances,
// the same every run; a failure names its seed.
func TestPerturbationMixes(t *testing.T) {
	bases := perturbBases(t)
	n := 200
	if testing.Short() {
		n = 30
	}
	for seed := range n {
		rng := rand.New(rand.NewPCG(uint64(seed), 1))
		pd := newPdoc(t, bases[seed%len(bases)])
		var names []string
		flattens := true
		for range 1 + rng.IntN(4) {
			p := pick(rng, perturbations)
			if p.do(pd, rng) {
				names = append(names, p.name)
				flattens = flattens && !unflattened[p.name]
			}
		}
		check(t, pd, fmt.Sprintf("seed %d: %s", seed, strings.Join(names, " + ")), flattens)
	}
}
