package source

// Table is a table as a rectangular grid with its spans resolved: every
// position holds a cell, and the positions a merged cell covers repeat its
// text with Covered set, so that a reader of row r, column c sees what a
// person sees there.
type Table struct {
	Grid [][]Cell
	Loc  Location
}

// Cell is one position of a table's grid.
type Cell struct {
	Text string
	// Key is a machine-readable name the file attaches to the cell, hidden
	// from the person filling it: nianbao's templates put the contract's
	// cell path there, so that a filled template imports with no guessing.
	Key string
	// Covered marks a position inside a merged cell other than its top-left
	// origin; OriginRow and OriginCol (0-based) name the origin.
	Covered              bool
	OriginRow, OriginCol int
	RowSpan, ColSpan     int // at the origin: the merged cell's size, at least 1
	Loc                  Location
}

// Rows returns the number of rows of the grid.
func (t *Table) Rows() int { return len(t.Grid) }

// Cols returns the number of columns of the grid (every row has as many).
func (t *Table) Cols() int {
	if len(t.Grid) == 0 {
		return 0
	}
	return len(t.Grid[0])
}

// Texts returns row r's texts, covered positions included.
func (t *Table) Texts(r int) []string {
	out := make([]string, len(t.Grid[r]))
	for c, cell := range t.Grid[r] {
		out[c] = cell.Text
	}
	return out
}

// SourceCell is a cell as a source declares it: text, spans and location,
// before the grid is laid out.
type SourceCell struct {
	Text             string
	Key              string // see Cell.Key
	RowSpan, ColSpan int    // 0 or 1: no span
	Loc              Location
}

// Layout lays rows of declared cells out as a grid the way HTML's table
// model does: each cell takes the first position of its row not covered by
// a cell from a row above, spans cover the positions right of and below it,
// and short rows are padded with empty cells. Spans are clipped to maxSpan
// so that a hostile span cannot make the grid huge; the grid stays within
// maxCells positions: the row that would pass it and every row after are
// dropped (ok is false then).
// number is the table's 1-based number in the document, recorded in every
// cell's location with its row and column.
func Layout(rows [][]SourceCell, number, maxSpan, maxCells int) (t *Table, ok bool) {
	ok = true
	type slot struct {
		set  bool
		cell Cell
	}
	var grid [][]slot
	width := 0
	ensure := func(r, c int) {
		for len(grid) <= r {
			grid = append(grid, make([]slot, 0, width)) // rows are as wide as those before, mostly
		}
		for len(grid[r]) <= c {
			grid[r] = append(grid[r], slot{})
		}
	}
	clip := func(n int) int {
		if n < 1 {
			return 1
		}
		if n > maxSpan {
			return maxSpan
		}
		return n
	}
	cells := 0
	for r, row := range rows {
		c := 0
		for _, sc := range row {
			for c < len(rowOf(grid, r)) && grid[r][c].set {
				c++
			}
			rs, cs := clip(sc.RowSpan), clip(sc.ColSpan)
			if rs > len(rows)-r {
				rs = len(rows) - r
			}
			if cells+rs*cs > maxCells {
				ok = false
				break
			}
			cells += rs * cs
			for dr := range rs {
				for dc := range cs {
					ensure(r+dr, c+dc)
					s := &grid[r+dr][c+dc]
					if s.set {
						continue // overlapping spans: the earlier cell keeps the position
					}
					loc := sc.Loc
					loc.Table, loc.Row, loc.Col = number, r+dr+1, c+dc+1
					s.set = true
					s.cell = Cell{Text: sc.Text, Key: sc.Key, Covered: dr > 0 || dc > 0, OriginRow: r, OriginCol: c, Loc: loc}
					if dr == 0 && dc == 0 {
						s.cell.RowSpan, s.cell.ColSpan = rs, cs
					}
				}
			}
			c += cs
			width = max(width, c)
		}
		if !ok {
			grid = grid[:min(r, len(grid))] // only whole rows, and padding cannot pass the bound
			break
		}
		ensure(r, 0)
	}
	// Padding short rows to the widest must not pass the bound either.
	width = 0
	for r, row := range grid {
		w := max(width, len(row))
		if (r+1)*w > maxCells {
			grid, ok = grid[:r], false
			break
		}
		width = w
	}
	t = &Table{Grid: make([][]Cell, len(grid))}
	for r, row := range grid {
		t.Grid[r] = make([]Cell, width)
		for c := range width {
			if c < len(row) && row[c].set {
				t.Grid[r][c] = row[c].cell
				continue
			}
			t.Grid[r][c] = Cell{OriginRow: r, OriginCol: c, RowSpan: 1, ColSpan: 1,
				Loc: Location{Table: number, Row: r + 1, Col: c + 1}}
		}
	}
	for _, row := range rows {
		if len(row) > 0 {
			t.Loc = row[0].Loc
			break
		}
	}
	t.Loc.Table, t.Loc.Row, t.Loc.Col = number, 0, 0
	return t, ok
}

func rowOf[T any](grid [][]T, r int) []T {
	if r < len(grid) {
		return grid[r]
	}
	return nil
}
