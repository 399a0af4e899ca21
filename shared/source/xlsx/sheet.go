package xlsx

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/ooxml"
)

// sheet is a worksheet's cells that hold something, and its merged ranges.
type sheet struct {
	name   string
	cells  map[pos]string
	keys   map[pos]string
	merges []area
}

type area struct{ top, left, bottom, right int }

func readSheet(pkg *ooxml.Package, part, name string, shared []string, keys map[pos]string, lim source.Limits) (*sheet, error) {
	d, err := pkg.Decoder(part)
	if err != nil {
		return nil, err
	}
	if _, err := d.Root(); err != nil {
		return nil, err
	}
	s := &sheet{name: name, cells: map[pos]string{}, keys: keys}
	tooMany := source.Refuse(source.TooComplex, fmt.Sprintf("工作表“%s”的单元格过多（超过 %d 个），不像是年报的表格，已拒绝", name, lim.MaxCells), nil)
	row := 0
	err = d.Children(func(se ooxml.Elem) error {
		switch se.Local {
		case "sheetData":
			return d.Children(func(se ooxml.Elem) error {
				if se.Local != "row" {
					return d.Skip()
				}
				row++
				if n, err := strconv.Atoi(se.Attr("r")); err == nil && n >= 1 && n <= maxRows {
					row = n
				}
				col := 0
				return d.Children(func(se ooxml.Elem) error {
					if se.Local != "c" {
						return d.Skip()
					}
					col++
					p, ok := parseRef(se.Attr("r"))
					if ok {
						col = p.col
					}
					text, err := cellText(d, se.Attr("t"), shared)
					if err != nil || text == "" {
						return err
					}
					if len(s.cells) >= lim.MaxCells {
						return tooMany
					}
					s.cells[pos{row, col}] = text
					return nil
				})
			})
		case "mergeCells":
			return d.Children(func(se ooxml.Elem) error {
				if se.Local == "mergeCell" && len(s.merges) < lim.MaxCells {
					if a, ok := parseArea(se.Attr("ref")); ok {
						s.merges = append(s.merges, a)
					}
				}
				return d.Skip()
			})
		}
		return d.Skip()
	})
	return s, err
}

// cellText reads a c element's value as the cell holds it.
func cellText(d *ooxml.Decoder, typ string, shared []string) (string, error) {
	var v, inline string
	err := d.Children(func(se ooxml.Elem) error {
		var err error
		switch se.Local {
		case "v":
			v, err = d.Text()
		case "is":
			var b strings.Builder
			err = d.Children(func(se ooxml.Elem) error {
				switch se.Local {
				case "t":
					t, err := d.Text()
					b.WriteString(t)
					return err
				case "r":
					return d.Children(func(se ooxml.Elem) error {
						if se.Local != "t" {
							return d.Skip()
						}
						t, err := d.Text()
						b.WriteString(t)
						return err
					})
				}
				return d.Skip()
			})
			inline = b.String()
		default:
			err = d.Skip() // f: the formula; its cached value is in v
		}
		return err
	})
	switch typ {
	case "s":
		i, perr := strconv.Atoi(strings.TrimSpace(v))
		if perr != nil || i < 0 || i >= len(shared) {
			return "", err
		}
		return shared[i], err
	case "inlineStr":
		return unescape(inline), err
	case "b":
		switch strings.TrimSpace(v) {
		case "1":
			return "TRUE", err
		case "0":
			return "FALSE", err
		}
		return v, err
	case "str":
		return unescape(v), err
	case "e", "d":
		return v, err
	}
	return number(v), err
}

// number writes a numeric cell's value as the shortest decimal that is the
// same double: Excel may store 326.58 as 326.57999999999998.
func number(v string) string {
	v = strings.TrimSpace(v)
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) || math.Abs(f) >= 1e21 {
		return v
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func parseArea(ref string) (area, bool) {
	a, b, ok := strings.Cut(ref, ":")
	p, ok1 := parseRef(a)
	q := p
	ok2 := true
	if ok {
		q, ok2 = parseRef(b)
	}
	if !ok1 || !ok2 {
		return area{}, false
	}
	return area{min(p.row, q.row), min(p.col, q.col), max(p.row, q.row), max(p.col, q.col)}, true
}

// tables returns the sheet's tables as rows of declared cells: the used
// range split at blank rows, each part trimmed to its own columns. A merged
// range or a keyed cell counts as used, so a template's empty value row
// stays in its table.
func (s *sheet) tables(lim source.Limits) ([][][]source.SourceCell, error) {
	tooBig := source.Refuse(source.TooComplex, fmt.Sprintf("工作表“%s”的表格过大（超过 %d 个单元格），不像是年报的表格，已拒绝", s.name, lim.MaxCells), nil)
	type span struct{ top, bottom, left, right int }
	used := map[int]bool{}
	cols := map[int][2]int{} // row → leftmost, rightmost used column
	mark := func(row, left, right int) {
		used[row] = true
		c, ok := cols[row]
		if !ok {
			c = [2]int{left, right}
		}
		cols[row] = [2]int{min(c[0], left), max(c[1], right)}
	}
	for p := range s.cells {
		mark(p.row, p.col, p.col)
	}
	for p := range s.keys {
		mark(p.row, p.col, p.col)
	}
	// Merges only join rows when they hold something (a value or a key, at
	// their top-left cell as Excel keeps it): formatting alone is no table.
	// Overlapping or huge merges cannot make the work grow: their total area
	// is bounded.
	var merges []area
	total := 0
	for _, m := range s.merges {
		origin := pos{m.top, m.left}
		if s.cells[origin] == "" && s.keys[origin] == "" {
			continue
		}
		total += (m.bottom - m.top + 1) * (m.right - m.left + 1)
		if total > 4*lim.MaxCells {
			return nil, tooBig
		}
		merges = append(merges, m)
		for r := m.top; r <= m.bottom; r++ {
			mark(r, m.left, m.right)
		}
	}
	rows := make([]int, 0, len(used))
	for r := range used {
		rows = append(rows, r)
	}
	slices.Sort(rows)
	var parts []span
	for i, r := range rows {
		c := cols[r]
		if i == 0 || r != rows[i-1]+1 {
			parts = append(parts, span{top: r, bottom: r, left: c[0], right: c[1]})
			continue
		}
		p := &parts[len(parts)-1]
		p.bottom, p.left, p.right = r, min(p.left, c[0]), max(p.right, c[1])
	}
	origin := map[pos]area{}
	inside := map[pos]bool{}
	for _, m := range merges {
		origin[pos{m.top, m.left}] = m
		for r := m.top; r <= m.bottom; r++ {
			for c := m.left; c <= m.right; c++ {
				if r != m.top || c != m.left {
					inside[pos{r, c}] = true
				}
			}
		}
	}
	var out [][][]source.SourceCell
	for _, p := range parts {
		if (p.bottom-p.top+1)*(p.right-p.left+1) > lim.MaxCells {
			return nil, tooBig
		}
		grid := make([][]source.SourceCell, 0, p.bottom-p.top+1)
		for r := p.top; r <= p.bottom; r++ {
			var row []source.SourceCell
			for c := p.left; c <= p.right; c++ {
				at := pos{r, c}
				if inside[at] {
					continue
				}
				sc := source.SourceCell{Text: s.cells[at], Key: s.keys[at], Loc: source.Location{Sheet: s.name, Ref: refOf(at)}}
				if m, ok := origin[at]; ok {
					sc.RowSpan, sc.ColSpan = m.bottom-r+1, m.right-c+1
				}
				row = append(row, sc)
			}
			grid = append(grid, row)
		}
		out = append(out, grid)
	}
	return out, nil
}
