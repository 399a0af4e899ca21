package webpage

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/nianbao/nianbao/shared/source"
)

// Read reads a web page. It refuses pages past lim: size, nesting depth,
// blocks, table cells.
func Read(ctx context.Context, data []byte, lim source.Limits) (*source.Document, error) {
	if err := lim.CheckSize(data); err != nil {
		return nil, err
	}
	text, err := decode(data)
	if err != nil {
		return nil, err
	}
	p := newParser(lim)
	if err := p.parse(ctx, bytes.NewReader(text)); err != nil {
		return nil, err
	}
	return p.document(), nil
}

// Elements whose content is never the article's text.
var skipped = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true, "iframe": true, "svg": true,
	"select": true, "textarea": true, "button": true, "object": true, "nav": true, "header": true,
	"footer": true, "aside": true, "form": true, "map": true, "video": true, "audio": true, "canvas": true,
}

// Block elements: their start and end end a paragraph.
var blocks = map[string]bool{
	"p": true, "div": true, "section": true, "article": true, "main": true, "body": true, "li": true, "ul": true,
	"ol": true, "dl": true, "dd": true, "dt": true, "blockquote": true, "pre": true, "center": true, "hr": true,
	"table": true, "tr": true, "td": true, "th": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true,
	"h6": true, "caption": true, "tbody": true, "thead": true, "tfoot": true, "figure": true, "address": true,
}

// void elements have no end tag.
var void = map[string]bool{
	"br": true, "img": true, "meta": true, "link": true, "input": true, "hr": true, "col": true, "area": true,
	"base": true, "embed": true, "param": true, "source": true, "track": true, "wbr": true,
}

type elem struct {
	name      string
	skip      bool // inside content that is not the article's
	container int  // the block container it opened, −1 for none
}

// container is a block element, for finding the article: each records its
// parent and the text found inside it.
type container struct {
	parent int
	weight int // Chinese characters of text outside links, within it
}

// pending is a block found, with the container it stands in.
type pending struct {
	block     source.Block
	container int
	weight    int
}

type cellState struct {
	src   source.SourceCell
	items []pending // paragraphs and tables inside the cell, in order
}

type tableState struct {
	rows   [][]source.SourceCell
	row    []source.SourceCell
	inRow  bool
	cell   *cellState
	cells  []*cellState // every cell, in order, for layout tables
	nested bool         // a table inside a cell: the table lays out the page
	loc    source.Location
	cont   int
}

type parser struct {
	lim        source.Limits
	stack      []elem
	containers []container
	out        []pending
	tables     []*tableState
	cellCount  int
	laidOut    int // tables laid out so far, to number the next

	para       strings.Builder
	paraLine   int
	paraWeight int
	heading    int // level of the heading being read, 0 outside
	links      int // depth of <a>
	line       int
	title      strings.Builder
	inTitle    bool
	firstH     string
	meta       map[string]string
}

var newline = []byte("\n")

func newParser(lim source.Limits) *parser {
	return &parser{lim: lim, line: 1, containers: []container{{parent: -1}}, meta: map[string]string{}}
}

func (p *parser) parse(ctx context.Context, page io.Reader) error {
	z := html.NewTokenizerFragment(page, "")
	z.SetMaxBuf(0)
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		tt := z.Next()
		line := p.line
		p.line += bytes.Count(z.Raw(), newline)
		switch tt {
		case html.ErrorToken:
			p.popTo(0)
			p.flush()
			return nil
		case html.TextToken:
			if text := z.Text(); !p.skipping() && !p.inTitle && (p.para.Len() > 0 || len(bytes.TrimSpace(text)) > 0) {
				p.text(string(text), line)
			} else if p.inTitle {
				p.text(string(text), line)
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, attrs := tagOf(z)
			if err := p.start(name, attrs, tt == html.SelfClosingTagToken, line); err != nil {
				return err
			}
		case html.EndTagToken:
			_, name := tagName(z.Raw())
			p.end(name)
		}
		if len(p.out) > p.lim.MaxBlocks {
			return source.Refuse(source.TooComplex, fmt.Sprintf("网页内容分段过多（超过 %d 段），不像是一份年报，已拒绝", p.lim.MaxBlocks), nil)
		}
	}
}

func (p *parser) skipping() bool {
	return len(p.stack) > 0 && p.stack[len(p.stack)-1].skip
}

func (p *parser) currentContainer() int {
	for i := len(p.stack) - 1; i >= 0; i-- {
		if c := p.stack[i].container; c >= 0 {
			return c
		}
	}
	return 0
}

func (p *parser) start(name string, a attrs, selfClosing bool, line int) error {
	switch name {
	case "meta":
		if k := a.name + a.property; k != "" && len(p.meta) < 64 {
			p.meta[k] = clip(a.content, 1024)
		}
		return nil
	case "title":
		p.inTitle = true
		return nil
	}
	if p.skipping() {
		if !void[name] && !selfClosing {
			return p.push(elem{name: name, skip: true, container: -1})
		}
		return nil
	}
	p.autoClose(name)
	if blocks[name] || name == "br" {
		p.flush()
	}
	switch {
	case name == "br":
		return nil
	case void[name] || selfClosing:
		return nil
	case skipped[name] || isChrome(a.class) || isChrome(a.id):
		return p.push(elem{name: name, skip: true, container: -1})
	}
	e := elem{name: name, container: -1}
	if blocks[name] {
		p.containers = append(p.containers, container{parent: p.currentContainer()})
		e.container = len(p.containers) - 1
	}
	switch name {
	case "a":
		p.links++
	case "h1", "h2", "h3", "h4", "h5", "h6":
		p.heading = int(name[1] - '0')
		p.paraLine = line
	case "table":
		if t := p.table(); t != nil && t.cell != nil {
			t.nested = true
		}
		p.tables = append(p.tables, &tableState{loc: source.Location{Line: line}, cont: e.container})
	case "tr":
		if t := p.table(); t != nil {
			t.closeRow()
			t.inRow = true
		}
	case "td", "th":
		if t := p.table(); t != nil {
			t.closeCell(p)
			if !t.inRow {
				t.inRow = true
			}
			p.cellCount++
			if p.cellCount > p.lim.MaxCells {
				return source.Refuse(source.TooComplex, fmt.Sprintf("网页表格单元格过多（超过 %d 个），不像是一份年报，已拒绝", p.lim.MaxCells), nil)
			}
			t.cell = &cellState{src: source.SourceCell{RowSpan: span(a.rowspan, p.lim.MaxSpan), ColSpan: span(a.colspan, p.lim.MaxSpan)}}
			t.cells = append(t.cells, t.cell)
		}
	}
	return p.push(e)
}

func (p *parser) push(e elem) error {
	if len(p.stack) >= p.lim.MaxDepth {
		return source.Refuse(source.TooComplex, fmt.Sprintf("网页元素嵌套过深（超过 %d 层），不像是一份年报，已拒绝", p.lim.MaxDepth), nil)
	}
	p.stack = append(p.stack, e)
	return nil
}

// autoClose closes what HTML closes implicitly: a paragraph when a block
// starts, a cell when the next cell starts, a row when the next row starts.
func (p *parser) autoClose(name string) {
	top := func() string {
		if len(p.stack) == 0 {
			return ""
		}
		return p.stack[len(p.stack)-1].name
	}
	switch {
	case blocks[name] && top() == "p":
		p.popTo(len(p.stack) - 1)
	}
	switch name {
	case "li":
		p.closeWithin("li", "ul", "ol")
	case "td", "th":
		p.closeWithin("td", "tr", "table")
		p.closeWithin("th", "tr", "table")
	case "tr":
		p.closeWithin("tr", "table", "")
	case "dd", "dt":
		p.closeWithin("dd", "dl", "")
		p.closeWithin("dt", "dl", "")
	}
}

// closeWithin closes an open name element if it is open inside the nearest
// boundary elements (a cell within its row, a row within its table).
func (p *parser) closeWithin(name, boundary, boundary2 string) {
	for i := len(p.stack) - 1; i >= 0; i-- {
		switch p.stack[i].name {
		case name:
			p.popTo(i)
			return
		case boundary, boundary2:
			return
		}
	}
}

func (p *parser) end(name string) {
	if name == "title" {
		p.inTitle = false
		return
	}
	if name == "br" { // </br> is a line break too
		p.flush()
		return
	}
	for i := len(p.stack) - 1; i >= 0; i-- {
		if p.stack[i].name == name {
			p.popTo(i)
			return
		}
		if name != "table" && p.stack[i].name == "table" {
			return // an end tag never closes past a table
		}
	}
}

// popTo closes the elements from the top of the stack down to index i.
func (p *parser) popTo(i int) {
	for len(p.stack) > i {
		e := p.stack[len(p.stack)-1]
		p.stack = p.stack[:len(p.stack)-1]
		if e.skip {
			continue
		}
		if blocks[e.name] {
			p.flush()
		}
		switch e.name {
		case "a":
			p.links = max(0, p.links-1)
		case "h1", "h2", "h3", "h4", "h5", "h6":
			p.heading = 0
		case "td", "th":
			if t := p.table(); t != nil {
				t.closeCell(p)
			}
		case "tr":
			if t := p.table(); t != nil {
				t.closeRow()
			}
		case "table":
			p.closeTable()
		}
	}
}

func (p *parser) text(s string, line int) {
	if p.inTitle {
		if p.title.Len() < 1024 {
			p.title.WriteString(s)
		}
		return
	}
	if p.skipping() {
		return
	}
	s = strings.ReplaceAll(s, "\u00a0", " ")
	if strings.TrimSpace(s) == "" && p.para.Len() == 0 {
		return
	}
	if p.para.Len() == 0 {
		p.paraLine = line
	}
	p.para.WriteString(s)
	if p.links == 0 {
		p.paraWeight += chinese(s)
	}
}

// flush ends the paragraph or heading being read.
func (p *parser) flush() {
	text := strings.Join(strings.Fields(p.para.String()), " ")
	weight := p.paraWeight
	p.para.Reset()
	p.paraWeight = 0
	if text == "" {
		return
	}
	b := source.Block{Kind: source.Paragraph, Text: text, Loc: source.Location{Line: p.paraLine}}
	if p.heading > 0 {
		b.Kind, b.Level = source.Heading, p.heading
		if p.firstH == "" && p.heading <= 3 {
			p.firstH = text
		}
	}
	p.emit(pending{block: b, container: p.currentContainer(), weight: weight})
}

// emit adds a block to the open cell, or to the page.
func (p *parser) emit(b pending) {
	if c := p.cell(); c != nil {
		c.items = append(c.items, b)
		return
	}
	p.out = append(p.out, b)
}

// chinese counts the Chinese characters of s: the weight of text when
// telling the article from the chrome around it.
func chinese(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x4E00 && r <= 0x9FFF {
			n++
		}
	}
	return n
}

// clip cuts s to at most n bytes at a character boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
