package recognize

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/validate"
)

// target is a row of a table as the recogniser looks for it: a 表二 row, a
// 表三 row or a 表四 group, with the cells of its columns.
type target struct {
	path  string // the row's path: table3.results.refused.stateSecret
	name  string // the row in the table's own words, for messages
	num   string // the number the format prints before the label (1, 七), "" for none
	cells []int  // layout indices of the row's cells, in column order
	kinds []report.Kind
	group int // 表三: the group (（三）不予公开 …) the row belongs to, −1 for none
}

// key is a label a target is found by.
type key struct {
	text  string // skeleton of the label without its number and notes
	row   int    // index into tableDict.targets, or −1−group for a group label
	alias bool   // another version's or a tool's wording
}

// groupTarget is a 表三 label over several rows (（六）其他处理 in 2021).
type groupTarget struct {
	name string
	rows []int
}

// tableDict is what the recogniser knows of one table of one version.
type tableDict struct {
	table   int // 2, 3 or 4
	section int // the section it stands in (0-based): 二, 三, 四
	targets []target
	groups  []groupTarget
	keys    []key           // longest first
	keySet  map[string]bool // the keys' texts
	words   []string
	// wordSkeletons are the words of at least minSubstring characters as
	// skeletons, longest first.
	wordSkeletons []string
	// columns are the column labels of at least minSubstring characters
	// as skeletons.
	columns []string
	// headers are the skeletons of every column label and column group.
	headers []string
	// columnLabels are 表三's column labels as skeletons, in order: each
	// row has these columns, so a header naming them places the values.
	columnLabels []string
	// starts are texts only the table prints, as printed: a crawler's dump
	// runs the table into the prose before it, and the table begins at
	// the first of them (two of its headers side by side, 第二十条第 …).
	starts []string
}

// maxLabelBytes is longer than any label with its group's and a header's
// words run into it; longer text is prose.
const maxLabelBytes = 1024

// minSubstring is the length from which a key may be found inside longer
// text; shorter keys (规章, 其他, 总计) must be the whole label.
const minSubstring = 4

type dicts struct {
	version    report.Version
	layout     *report.Layout
	t2, t3     *tableDict
	t4         *tableDict
	identities []constraint // H1–H4 over layout indices
}

// dictsOf is built on first use: a process that never imports pays nothing.
var dictsOf = sync.OnceValue(func() map[report.Version]*dicts {
	m := map[report.Version]*dicts{}
	for _, v := range report.Versions {
		m[v] = buildDicts(report.LayoutOf(v))
	}
	return m
})

func buildDicts(l *report.Layout) *dicts {
	d := &dicts{version: l.Version, layout: l}
	index := func(path string) int {
		i, ok := l.Index(path)
		if !ok {
			panic("layout lacks " + path)
		}
		return i
	}
	indices := func(paths []string) []int {
		out := make([]int, len(paths))
		for i, p := range paths {
			out[i] = index(p)
		}
		return out
	}
	for _, id := range validate.Identities(l.Version) {
		d.identities = append(d.identities, constraint{left: indices(id.Left), right: indices(id.Right)})
	}
	row := func(path string, cols []report.Column) ([]int, []report.Kind) {
		var cells []int
		var kinds []report.Kind
		for _, c := range cols {
			cells = append(cells, index(path+"."+c.Key))
			kinds = append(kinds, c.Kind)
		}
		return cells, kinds
	}

	d.t2 = &tableDict{table: 2, section: 1}
	for _, st := range l.Table2 {
		d.t2.words = append(d.t2.words, st.Caption)
		for _, c := range st.Columns {
			d.t2.words = append(d.t2.words, c.Label)
		}
		for _, it := range st.Rows {
			path := "table2." + st.Key + "." + it.Key
			cells, kinds := row(path, st.Columns)
			d.t2.add(target{path: path, name: st.Caption + " " + it.Label, cells: cells, kinds: kinds, group: -1}, it.Label)
		}
	}

	d.t3 = &tableDict{table: 3, section: 2}
	for _, c := range l.Table3.Columns {
		d.t3.words = append(d.t3.words, c.Label, c.Group)
	}
	groupOf := map[string]int{}
	for _, r := range l.Table3.Rows {
		label := r.Level1
		switch {
		case r.Level3 != "":
			label = r.Level3
		case r.Level2 != "":
			label = r.Level2
		}
		cells, kinds := row(r.Path(), l.Table3.Columns)
		num, _ := splitNumbering(label)
		t := target{path: r.Path(), name: r.Short, num: num, cells: cells, kinds: kinds, group: -1}
		if r.Level3 != "" {
			g, ok := groupOf[r.Level2]
			if !ok {
				g = len(d.t3.groups)
				groupOf[r.Level2] = g
				d.t3.groups = append(d.t3.groups, groupTarget{name: r.Level2})
				d.t3.keys = append(d.t3.keys, key{text: core(r.Level2), row: -1 - g})
			}
			t.group = g
			d.t3.groups[g].rows = append(d.t3.groups[g].rows, len(d.t3.targets))
		}
		d.t3.add(t, label)
	}

	d.t4 = &tableDict{table: 4, section: 3}
	for _, c := range l.Table4.Columns {
		d.t4.words = append(d.t4.words, c.Label)
		if k := skeleton(c.Label); utf8.RuneCountInString(k) >= minSubstring {
			d.t4.columns = append(d.t4.columns, k)
		}
	}
	for _, g := range l.Table4.Groups {
		d.t4.words = append(d.t4.words, g.Group)
		path := "table4." + g.Key
		cells, kinds := row(path, l.Table4.Columns)
		d.t4.add(target{path: path, name: g.Name(), cells: cells, kinds: kinds, group: -1}, g.Label)
	}
	for _, st := range l.Table2 {
		for _, c := range st.Columns {
			d.t2.headers = append(d.t2.headers, skeleton(c.Label))
		}
	}
	for _, c := range l.Table3.Columns {
		d.t3.headers = append(d.t3.headers, skeleton(c.Label), skeleton(c.Group))
		d.t3.columnLabels = append(d.t3.columnLabels, skeleton(c.Label))
	}
	for _, c := range l.Table4.Columns {
		d.t4.headers = append(d.t4.headers, skeleton(c.Label))
	}
	for _, g := range l.Table4.Groups {
		d.t4.headers = append(d.t4.headers, skeleton(g.Label), skeleton(g.Group))
	}
	// 表四's header opens with its groups' top labels side by side:
	// 行政复议行政诉讼.
	var tops []string
	for _, g := range l.Table4.Groups {
		top := g.Group
		if top == "" {
			top = g.Label
		}
		if len(tops) == 0 || tops[len(tops)-1] != top {
			tops = append(tops, top)
		}
	}
	for i := 0; i+1 < len(tops); i++ {
		d.t4.starts = append(d.t4.starts, tops[i]+tops[i+1])
	}
	for _, t := range []*tableDict{d.t2, d.t3, d.t4} {
		t.starts = append(t.starts, tableWords...)
		for i := 0; i+1 < len(t.words); i++ {
			if t.words[i] != t.words[i+1] && t.words[i] != "" && t.words[i+1] != "" {
				t.starts = append(t.starts, t.words[i]+t.words[i+1])
			}
		}
	}
	for _, t := range []*tableDict{d.t2, d.t3, d.t4} {
		t.keySet = map[string]bool{}
		for _, k := range t.keys {
			if k.text != "" {
				t.keySet[k.text] = true
			}
		}
		slices.SortStableFunc(t.keys, func(a, b key) int { return utf8.RuneCountInString(b.text) - utf8.RuneCountInString(a.text) })
		for _, w := range append(t.words, tableWords...) {
			if k := skeleton(w); utf8.RuneCountInString(k) >= minSubstring && !slices.Contains(t.wordSkeletons, k) {
				t.wordSkeletons = append(t.wordSkeletons, k)
			}
		}
		for _, st := range l.Table2 {
			if t.table == 2 {
				t.wordSkeletons = append(t.wordSkeletons, skeleton(st.Caption))
			}
		}
		slices.SortStableFunc(t.wordSkeletons, func(a, b string) int { return len(b) - len(a) })
	}
	return d
}

// add adds a target found by its label and its aliases.
func (t *tableDict) add(tg target, label string) {
	t.targets = append(t.targets, tg)
	row := len(t.targets) - 1
	own := core(label)
	t.keys = append(t.keys, key{text: own, row: row})
	for _, a := range rowAliases[tg.path] {
		if k := core(a); k != own {
			t.keys = append(t.keys, key{text: k, row: row, alias: true})
		}
	}
}

// core is a label's skeleton without its number and bracketed notes.
func core(label string) string {
	_, rest := splitNumbering(stripNotes(label))
	return skeleton(rest)
}

// hit is a label found in a piece of text.
type hit struct {
	row      int // target index, or −1−group
	end      int // where in the text's skeleton the label ends
	alias    bool
	fragment bool // the text is a piece of the label (a wrapped cell)
	fuzzy    bool // the text is the label with a few characters wrong
	printed  string
}

// match finds the row a label names. Several labels may stand in one text
// (“三、本年度办理结果（一）予以公开”): the last one names the row, the others
// are its groups. Without an exact match it tries the last label as a
// fragment of a longer one and, for typos, by similarity; ok is false when
// nothing fits.
func (t *tableDict) match(text string) (best hit, all []hit, ok bool) {
	text = strings.TrimLeft(strings.TrimSpace(text), ".．、")
	if len(text) > maxLabelBytes {
		return hit{}, nil, false // prose, not a label
	}
	noNotes := stripNotes(text)
	sk := skeleton(noNotes)
	// A short label must be the whole text, or its last numbered part,
	// once the header and caption words a flattened table runs into it
	// are taken away: “信息内容本年制发件数本年废止件数现行有效件数规章”,
	// “（六）其他处理 3.其他”.
	_, rest := splitNumbering(noNotes)
	whole := t.withoutWords(skeleton(rest))
	last := t.withoutWords(skeleton(lastLabel(noNotes)))
	for _, k := range t.keys {
		n := utf8.RuneCountInString(k.text)
		switch {
		case k.text == "":
		case n >= minSubstring:
			if i := strings.LastIndex(sk, k.text); i >= 0 {
				all = append(all, hit{row: k.row, end: i + len(k.text), alias: k.alias, printed: text})
			}
		case whole == k.text, last == k.text:
			all = append(all, hit{row: k.row, end: len(sk), alias: k.alias, printed: text})
		}
	}
	if len(all) > 0 {
		// The latest-ending label; among those, a row before a group, the
		// longest (the keys are sorted longest first), the format's own words.
		best = all[0]
		for _, h := range all[1:] {
			if h.end > best.end || h.end == best.end && best.row < 0 && h.row >= 0 || h.end == best.end && best.alias && !h.alias && h.row == best.row {
				best = h
			}
		}
		if best.row >= 0 {
			return best, all, true
		}
	}
	// Only a group's label, or none: the row's own label may be a fragment
	// or misspelt.
	if h, hs, ok := t.loose(last, text, len(sk)); ok {
		return h, hs, true
	}
	if len(all) > 0 {
		return best, all, true
	}
	return hit{}, nil, false
}

// lastLabel returns the text after its last label number (“（三）不予公开
// 2.其他法律…” → “其他法律…”); the whole text when it has none.
func lastLabel(s string) string {
	if !strings.ContainsAny(s, "0123456789０１２３４５６７８９(（、") {
		_, rest := splitNumbering(s)
		return rest
	}
	locs := innerNumber.FindAllStringIndex(s, -1)
	if len(locs) == 0 {
		_, rest := splitNumbering(s)
		return rest
	}
	return s[locs[len(locs)-1][1]:]
}

var innerNumber = regexp.MustCompile(`(?:[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d{1,2}\s*[.．、]|[一二三四五六七八九十]+\s*、)\s*`)

// loose finds a row whose label the text is a piece of, or, for a typo,
// the row whose label it resembles most, if clearly.
func (t *tableDict) loose(whole, text string, end int) (hit, []hit, bool) {
	if utf8.RuneCountInString(whole) < minSubstring {
		return hit{}, nil, false
	}
	var all []hit
	for _, k := range t.keys {
		if k.row >= 0 && utf8.RuneCountInString(k.text) > utf8.RuneCountInString(whole) && strings.Contains(k.text, whole) {
			all = append(all, hit{row: k.row, end: end, alias: k.alias, fragment: true, printed: text})
		}
	}
	if len(all) > 0 {
		return all[0], all, true
	}
	sims := map[int]float64{}
	n := utf8.RuneCountInString(whole)
	for _, k := range t.keys {
		// 2·LCS/(a+b) ≥ minSim needs the shorter at least 0.6 of the
		// longer: other keys are not worth the LCS.
		if m := utf8.RuneCountInString(k.text); k.row >= 0 && 10*min(m, n) >= 6*max(m, n) {
			sims[k.row] = max(sims[k.row], similarity(whole, k.text))
		}
	}
	bestRow, bestSim, second := 0, 0.0, 0.0
	for row, s := range sims {
		switch {
		case s > bestSim || s == bestSim && row > bestRow:
			second, bestSim, bestRow = bestSim, s, row
		case s > second:
			second = s
		}
	}
	const minSim, margin = 0.75, 0.1
	if bestSim >= minSim && bestSim-second >= margin {
		h := hit{row: bestRow, end: end, fuzzy: true, printed: text}
		return h, []hit{h}, true
	}
	return hit{}, nil, false
}

// similarity is 2·LCS/(|a|+|b|) over runes: 1 for equal strings, about 0.86
// for 其他法律行政止公开 against 其他法律行政法规禁止公开.
func similarity(a, b string) float64 {
	ra, rb := []rune(a), []rune(b)
	if len(ra) == 0 || len(rb) == 0 || len(ra) > 64 || len(rb) > 64 {
		return 0
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for i := range ra {
		for j := range rb {
			switch {
			case ra[i] == rb[j]:
				cur[j+1] = prev[j] + 1
			default:
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev, cur = cur, prev
	}
	return 2 * float64(prev[len(rb)]) / float64(len(ra)+len(rb))
}

// withoutWords removes the table's header and caption words from a
// skeleton.
func (t *tableDict) withoutWords(sk string) string {
	for _, w := range t.wordSkeletons {
		if strings.Contains(sk, w) {
			sk = strings.ReplaceAll(sk, w, "")
		}
	}
	return sk
}

// hasWords reports whether a skeleton holds one of the table's header or
// caption words.
func (t *tableDict) hasWords(sk string) bool {
	for _, w := range t.wordSkeletons {
		if strings.Contains(sk, w) {
			return true
		}
	}
	return false
}
