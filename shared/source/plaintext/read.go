package plaintext

import (
	"context"
	"fmt"
	"iter"
	"regexp"
	"strings"

	"github.com/nianbao/nianbao/shared/source"
)

// Read reads a text or Markdown dump. It refuses text that is not decodable
// and documents past lim (blocks, table cells). Lines are read twice, once
// for the page's wrapping width, once to build the blocks, and never held
// all at once.
func Read(ctx context.Context, data []byte, lim source.Limits) (*source.Document, error) {
	if err := lim.CheckSize(data); err != nil {
		return nil, err
	}
	decoded, err := decode(data)
	if err != nil {
		return nil, err
	}
	meta, first := crawlerHeader(decoded)
	b := &builder{
		doc:  &source.Document{Kind: source.Text, Meta: meta, Title: meta["标题"]},
		lim:  lim,
		wrap: wrapWidth(eachLine(decoded, first)),
	}
	n := 0
	for l := range eachLine(decoded, first) {
		if n++; n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if err := b.line(l); err != nil {
			return nil, err
		}
	}
	if err := b.end(); err != nil {
		return nil, err
	}
	return b.doc, nil
}

// eachLine yields the classified lines of text from line first (1-based),
// page footers and rules left out; lines end at \n, \r\n or a lone \r.
func eachLine(s string, first int) iter.Seq[line] {
	return func(yield func(line) bool) {
		no := 0
		for len(s) > 0 {
			end, next := len(s), len(s)
			if i := strings.IndexAny(s, "\r\n"); i >= 0 {
				end, next = i, i+1
				if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
					next = i + 2
				}
			}
			raw := s[:end]
			s = s[next:]
			if no++; no < first {
				continue
			}
			if l := classify(no, raw); l.kind != noise && !yield(l) {
				return
			}
		}
	}
}

// crawlerHeader takes a crawler's “标题: …” lines above its “=== 正文 ===”
// marker as the document's metadata; first is the line the text starts at.
func crawlerHeader(s string) (meta map[string]string, first int) {
	const maxHeaderLines = 40
	var head []line
	for l := range eachLine(s, 1) {
		if l.no > maxHeaderLines {
			break
		}
		if l.kind == text && crawlerMarker.MatchString(l.text) {
			meta = map[string]string{}
			for _, h := range head {
				if m := headerField.FindStringSubmatch(h.text); m != nil && m[2] != "" {
					meta[m[1]] = m[2]
				}
			}
			return meta, l.no + 1
		}
		head = append(head, l)
	}
	return nil, 1
}

type builder struct {
	doc    *source.Document
	lim    source.Limits
	wrap   int // the hard-wrapping width, 0 when lines are paragraphs
	tables int
	cells  int // table cells so far

	para     []string // the lines of the paragraph being built
	paraLine int
	wrapped  bool // the paragraph's last line was wrapped at the page's width

	group      []line // pipe or tab lines gathering into a table
	groupCells int    // the cells their separators make at most
}

// line takes the next line: consecutive pipe or tab-separated lines
// gather into a table, checked against the cell limit as they come.
func (b *builder) line(l line) error {
	if len(b.group) > 0 && l.kind != b.group[0].kind {
		if err := b.endGroup(); err != nil {
			return err
		}
	}
	switch l.kind {
	case blank:
		b.flush()
	case heading:
		b.flush()
		return b.add(source.Block{Kind: source.Heading, Level: l.level, Text: l.text, Loc: source.Location{Line: l.no}})
	case pipe, tabbed:
		// Count a line's separators before splitting it: a line of ten
		// million bars must not become ten million strings.
		b.groupCells += strings.Count(l.text, "|") + strings.Count(l.text, "\t") + 1
		if b.cells+b.groupCells > b.lim.MaxCells+len(b.group)+1 {
			return tooManyCells(b.lim)
		}
		b.group = append(b.group, l)
	default:
		b.text(l)
	}
	return b.overLimit()
}

// end finishes the document.
func (b *builder) end() error {
	if err := b.endGroup(); err != nil {
		return err
	}
	b.flush()
	return b.overLimit()
}

// endGroup turns the gathered pipe or tab lines into a table; tab lines of
// which none has two fields are text with stray tabs.
func (b *builder) endGroup() error {
	group := b.group
	b.group, b.groupCells = nil, 0
	if len(group) == 0 {
		return nil
	}
	if group[0].kind == tabbed && !isTable(group) {
		for _, t := range group {
			b.text(line{no: t.no, kind: text, text: inline(strings.Join(strings.Fields(t.text), " "))})
		}
		return nil
	}
	b.flush()
	return b.table(group)
}

// text adds a line to the paragraph being built, joining it to the previous
// line when that one was wrapped at the page's width.
func (b *builder) text(l line) {
	if len(b.para) == 0 || !b.wrapped {
		b.flush()
		b.paraLine = l.no
	}
	b.para = append(b.para, l.text)
	// A line as wide as the page continues on the next one, unless it ends
	// a sentence exactly at the margin.
	b.wrapped = b.wrap > 0 && displayWidth(l.text) >= b.wrap-wrapTolerance && !endsSentence(l.text)
}

func endsSentence(s string) bool {
	return strings.HasSuffix(s, "。") || strings.HasSuffix(s, "！") || strings.HasSuffix(s, "？")
}

// flush ends the paragraph: its lines joined, a single line as it is.
func (b *builder) flush() {
	if len(b.para) == 0 {
		return
	}
	text := b.para[0]
	if len(b.para) > 1 {
		text = joinWrapped(b.para)
	}
	b.doc.Blocks = append(b.doc.Blocks, source.Block{Kind: source.Paragraph, Text: text, Loc: source.Location{Line: b.paraLine}})
	b.para = b.para[:0]
	b.wrapped = false
}

func (b *builder) add(blk source.Block) error {
	b.doc.Blocks = append(b.doc.Blocks, blk)
	return b.overLimit()
}

func (b *builder) overLimit() error {
	if len(b.doc.Blocks) > b.lim.MaxBlocks {
		return source.Refuse(source.TooComplex, fmt.Sprintf("文本分段过多（超过 %d 段），不像是一份年报，已拒绝", b.lim.MaxBlocks), nil)
	}
	return nil
}

// isTable is true for tab-separated lines of which one at least has two
// fields: a caption line alone (“第二十条第(一)项” and trailing tabs) is part
// of a table only beside rows.
func isTable(lines []line) bool {
	for _, l := range lines {
		if n := len(nonEmpty(strings.Split(l.text, "\t"))); n >= 2 {
			return true
		}
	}
	return false
}

func nonEmpty(fields []string) []string {
	var out []string
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			out = append(out, f)
		}
	}
	return out
}

// table lays out a run of pipe or tab-separated lines as one table.
func (b *builder) table(lines []line) error {
	var rows [][]source.SourceCell
	for _, l := range lines {
		var fields []string
		if l.kind == pipe {
			fields = pipeCells(l.text)
			if isSeparator(fields) {
				continue
			}
		} else {
			fields = tabCells(l.text)
		}
		if b.cells += len(fields); b.cells > b.lim.MaxCells {
			return tooManyCells(b.lim)
		}
		row := make([]source.SourceCell, len(fields))
		for c, f := range fields {
			row[c] = source.SourceCell{Text: f, Loc: source.Location{Line: l.no}}
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		return nil
	}
	b.tables++
	t, ok := source.Layout(rows, b.tables, b.lim.MaxSpan, b.lim.MaxCells)
	if !ok {
		return tooManyCells(b.lim)
	}
	// In a text dump the line says where a cell is; the grid's numbers
	// are the reader's, not the person's.
	for r := range t.Grid {
		for c := range t.Grid[r] {
			t.Grid[r][c].Loc = source.Location{Line: t.Grid[r][c].Loc.Line}
		}
	}
	t.Loc = source.Location{Line: lines[0].no}
	return b.add(source.Block{Kind: source.TableBlock, Table: t, Loc: t.Loc})
}

func tooManyCells(lim source.Limits) error {
	return source.Refuse(source.TooComplex, fmt.Sprintf("表格单元格过多（超过 %d 个），不像是一份年报，已拒绝", lim.MaxCells), nil)
}

// pipeCells splits a Markdown table row: the outer pipes are optional and
// \| is a literal bar.
func pipeCells(s string) []string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "|")
	if strings.HasSuffix(s, "|") && !strings.HasSuffix(s, `\|`) {
		s = s[:len(s)-1]
	}
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s) && s[i+1] == '|':
			cur.WriteByte('|')
			i++
		case s[i] == '|':
			cells = append(cells, inline(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(s[i])
		}
	}
	return append(cells, inline(cur.String()))
}

var separatorCell = regexp.MustCompile(`^:?-+:?$`)

// isSeparator is true for a pipe table's |---|---| line.
func isSeparator(cells []string) bool {
	seen := false
	for _, c := range cells {
		switch {
		case c == "":
		case separatorCell.MatchString(c):
			seen = true
		default:
			return false
		}
	}
	return seen
}

// tabCells splits a tab-separated line; trailing empty fields are padding.
func tabCells(s string) []string {
	fields := strings.Split(s, "\t")
	for len(fields) > 0 && strings.TrimSpace(fields[len(fields)-1]) == "" {
		fields = fields[:len(fields)-1]
	}
	for i, f := range fields {
		fields[i] = inline(strings.Trim(f, " \u3000"))
	}
	return fields
}
