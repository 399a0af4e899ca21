package plaintext

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/nianbao/nianbao/shared/source"
)

// Read reads a text or Markdown dump. It refuses text that is not decodable
// and documents past lim (blocks, table cells).
func Read(ctx context.Context, data []byte, lim source.Limits) (*source.Document, error) {
	if err := lim.CheckSize(data); err != nil {
		return nil, err
	}
	text, err := decode(data)
	if err != nil {
		return nil, err
	}
	var lines []line
	for no, raw := range splitLines(text) {
		if no%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if l := classify(no+1, raw); l.kind != noise {
			lines = append(lines, l)
		}
	}
	meta, lines := crawlerHeader(lines)
	b := &builder{
		doc:  &source.Document{Kind: source.Text, Meta: meta, Title: meta["标题"]},
		lim:  lim,
		wrap: wrapWidth(lines),
	}
	if err := b.build(lines); err != nil {
		return nil, err
	}
	return b.doc, nil
}

// splitLines splits at \n, \r\n and a lone \r.
func splitLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Split(strings.ReplaceAll(s, "\r", "\n"), "\n")
}

// crawlerHeader takes a crawler's “标题: …” lines above its “=== 正文 ===”
// marker as the document's metadata.
func crawlerHeader(lines []line) (map[string]string, []line) {
	const maxHeaderLines = 40
	for i, l := range lines[:min(len(lines), maxHeaderLines)] {
		if l.kind != text || !crawlerMarker.MatchString(l.text) {
			continue
		}
		meta := map[string]string{}
		for _, h := range lines[:i] {
			if m := headerField.FindStringSubmatch(h.text); m != nil && m[2] != "" {
				meta[m[1]] = m[2]
			}
		}
		return meta, lines[i+1:]
	}
	return nil, lines
}

type builder struct {
	doc    *source.Document
	lim    source.Limits
	wrap   int // the hard-wrapping width, 0 when lines are paragraphs
	tables int
	cells  int // table cells so far

	para     strings.Builder
	paraLine int
	wrapped  bool // the paragraph's last line was wrapped at the page's width
}

func (b *builder) build(lines []line) error {
	for i := 0; i < len(lines); {
		l := lines[i]
		switch l.kind {
		case blank:
			b.flush()
			i++
		case heading:
			b.flush()
			if err := b.add(source.Block{Kind: source.Heading, Level: l.level, Text: l.text, Loc: source.Location{Line: l.no}}); err != nil {
				return err
			}
			i++
		case pipe, tabbed:
			j := i + 1
			for j < len(lines) && lines[j].kind == l.kind {
				j++
			}
			if l.kind == tabbed && !isTable(lines[i:j]) {
				// Stray tabs in prose: the lines are text.
				for _, t := range lines[i:j] {
					b.text(line{no: t.no, kind: text, text: inline(strings.Join(strings.Fields(t.text), " "))})
				}
				i = j
				continue
			}
			b.flush()
			if err := b.table(lines[i:j]); err != nil {
				return err
			}
			i = j
		default:
			b.text(l)
			i++
		}
		if err := b.overLimit(); err != nil {
			return err
		}
	}
	b.flush()
	return b.overLimit()
}

// text adds a line to the paragraph being built, joining it to the previous
// line when that one was wrapped at the page's width.
func (b *builder) text(l line) {
	if b.para.Len() > 0 && b.wrapped {
		s := joinWrapped(b.para.String(), l.text)
		b.para.Reset()
		b.para.WriteString(s)
	} else {
		b.flush()
		b.para.WriteString(l.text)
		b.paraLine = l.no
	}
	// A line as wide as the page continues on the next one, unless it ends
	// a sentence exactly at the margin.
	b.wrapped = b.wrap > 0 && displayWidth(l.text) >= b.wrap-wrapTolerance && !endsSentence(l.text)
}

func endsSentence(s string) bool {
	return strings.HasSuffix(s, "。") || strings.HasSuffix(s, "！") || strings.HasSuffix(s, "？")
}

func (b *builder) flush() {
	if b.para.Len() == 0 {
		return
	}
	b.doc.Blocks = append(b.doc.Blocks, source.Block{Kind: source.Paragraph, Text: b.para.String(), Loc: source.Location{Line: b.paraLine}})
	b.para.Reset()
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
		b.cells += len(fields)
		if b.cells > b.lim.MaxCells {
			return source.Refuse(source.TooComplex, fmt.Sprintf("表格单元格过多（超过 %d 个），不像是一份年报，已拒绝", b.lim.MaxCells), nil)
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
		return source.Refuse(source.TooComplex, fmt.Sprintf("表格单元格过多（超过 %d 个），不像是一份年报，已拒绝", b.lim.MaxCells), nil)
	}
	t.Loc.Line = lines[0].no
	return b.add(source.Block{Kind: source.TableBlock, Table: t, Loc: t.Loc})
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
