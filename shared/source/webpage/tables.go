package webpage

import (
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/shared/source"
)

// span reads a rowspan or colspan, clipped to max: a hostile span cannot
// make the grid huge.
func span(s string, max int) int {
	if s == "" {
		return 1
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 {
		return 1
	}
	return min(n, max)
}

func (p *parser) table() *tableState {
	if len(p.tables) == 0 {
		return nil
	}
	return p.tables[len(p.tables)-1]
}

func (p *parser) cell() *cellState {
	if t := p.table(); t != nil {
		return t.cell
	}
	return nil
}

func (t *tableState) closeCell(p *parser) {
	c := t.cell
	if c == nil {
		return
	}
	p.flush() // the cell's last paragraph
	t.cell = nil
	var text strings.Builder
	for _, it := range c.items {
		if it.block.Kind == source.TableBlock {
			continue
		}
		if len(c.items) == 1 {
			c.src.Text = it.block.Text // most cells hold one paragraph
			break
		}
		if text.Len() > 0 {
			text.WriteByte('\n')
		}
		text.WriteString(it.block.Text)
	}
	if text.Len() > 0 {
		c.src.Text = text.String()
	}
	t.row = append(t.row, c.src)
}

func (t *tableState) closeRow() {
	if !t.inRow {
		return
	}
	t.inRow = false
	t.rows = append(t.rows, t.row)
	t.row = nil
}

// closeTable lays the table out, or, for a table that lays out the page
// (tables inside its cells), gives back its cells' content in order.
func (p *parser) closeTable() {
	t := p.table()
	if t == nil {
		return
	}
	t.closeCell(p)
	t.closeRow()
	p.tables = p.tables[:len(p.tables)-1]
	if t.nested {
		for _, c := range t.cells {
			for _, it := range c.items {
				p.emit(it)
			}
		}
		return
	}
	p.laidOut++
	tb, _ := source.Layout(t.rows, p.laidOut, p.lim.MaxSpan, p.lim.MaxCells)
	if tb.Rows() == 0 {
		return
	}
	tb.Loc.Line = t.loc.Line
	weight := 0
	for _, row := range t.rows {
		for _, c := range row {
			weight += chinese(c.Text) + 1
		}
	}
	p.emit(pending{block: source.Block{Kind: source.TableBlock, Table: tb, Loc: tb.Loc}, container: t.cont, weight: weight})
}
