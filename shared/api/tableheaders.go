package api

import (
	"strconv"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/shared/report"
)

// The report page shows the filing form's tables (form.go) with values in
// place of inputs. Their merged headers need more than scope for a screen
// reader to name a cell, so each header gets an id and each data cell a
// headers attribute listing every header above it and beside it, as the
// HTML table model assigns them.

// readTables are a format's three tables as the report page draws them, by
// table number, with header ids and data cells' headers set; cached, since
// they depend only on the layout.
var readTables = sync.OnceValue(func() map[report.Version]map[int]formTable {
	out := map[report.Version]map[int]formTable{}
	for _, fv := range formVersions() {
		out[fv.Version] = map[int]formTable{}
		for n, t := range fv.Tables {
			out[fv.Version][n] = withHeaders(t, "t"+strconv.Itoa(n)+"-h")
		}
	}
	return out
})

// slot is a grid position's cell: its row in the table and index in that row.
type slot struct{ row, col int }

// withHeaders returns a copy of t whose header cells have ids (prefix and a
// number) and whose data cells (those with an input) list, in Headers, the
// header cells that apply: up their columns, the nearest block of column
// headers; along their row, every row header before them.
func withHeaders(t formTable, prefix string) formTable {
	rows := make([][]formCell, 0, len(t.Head)+len(t.Body))
	for _, r := range append(append([][]formCell{}, t.Head...), t.Body...) {
		rows = append(rows, append([]formCell(nil), r...))
	}
	// Lay the cells out on the grid, rowspans and colspans included.
	var grid [][]*slot
	at := func(r, c int) *slot {
		if r >= len(grid) || c >= len(grid[r]) {
			return nil
		}
		return grid[r][c]
	}
	put := func(r, c int, s *slot) {
		for len(grid) <= r {
			grid = append(grid, nil)
		}
		for len(grid[r]) <= c {
			grid[r] = append(grid[r], nil)
		}
		grid[r][c] = s
	}
	origin := map[slot][2]int{} // cell → its top-left grid position
	n := 0
	for r, row := range rows {
		c := 0
		for i := range row {
			for at(r, c) != nil {
				c++
			}
			cell := &rows[r][i]
			s := &slot{r, i}
			origin[*s] = [2]int{r, c}
			for dr := range max(cell.Rowspan, 1) {
				for dc := range max(cell.Colspan, 1) {
					put(r+dr, c+dc, s)
				}
			}
			if cell.Input == nil {
				n++
				cell.ID = prefix + strconv.Itoa(n)
			}
			c += max(cell.Colspan, 1)
		}
	}
	cellAt := func(s *slot) *formCell { return &rows[s.row][s.col] }
	isRowHeader := func(c *formCell) bool { return c.Scope == "row" || c.Scope == "rowgroup" }
	for r, row := range rows {
		for i := range row {
			cell := &rows[r][i]
			if cell.Input == nil {
				continue
			}
			pos := origin[slot{r, i}]
			var ids []string
			add := func(id string) {
				for _, have := range ids {
					if have == id {
						return
					}
				}
				ids = append(ids, id)
			}
			for dc := range max(cell.Colspan, 1) {
				c := pos[1] + dc
				found := false
				var column []string // bottom up
				for up := r - 1; up >= 0; up-- {
					s := at(up, c)
					if s == nil {
						continue
					}
					h := cellAt(s)
					if h.Input != nil {
						if found {
							break // past this block of headers: another sub-table's
						}
						continue
					}
					if !isRowHeader(h) {
						found = true
						column = append(column, h.ID)
					}
				}
				for k := len(column) - 1; k >= 0; k-- { // read top down
					add(column[k])
				}
			}
			for c := 0; c < pos[1]; c++ {
				if s := at(r, c); s != nil && cellAt(s).Input == nil && isRowHeader(cellAt(s)) {
					add(cellAt(s).ID)
				}
			}
			cell.Headers = strings.Join(ids, " ")
		}
	}
	nh := len(t.Head)
	out := t
	out.Head, out.Body = rows[:nh:nh], rows[nh:]
	return out
}
