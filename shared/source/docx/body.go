package docx

import (
	"context"
	"fmt"
	"strings"

	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/ooxml"
)

type reader struct {
	ctx       context.Context
	lim       source.Limits
	d         *ooxml.Decoder
	styles    styles
	numbering *numbering
	paras     int // paragraphs seen, for locations (Line)
	items     int // blocks and table cells kept, against the limits
	tables    int
	// placeholder counts the content controls around the current token that
	// show their placeholder text ("单击或点击此处输入文字"), which is no content.
	placeholder int
}

// item is a paragraph, a heading or a table as read, before tables are laid
// out and numbered.
type item struct {
	block source.Block
	rows  [][]source.SourceCell // a table's rows; nil for a paragraph
}

// content is what the body or a table cell holds.
type content struct {
	items []item
	key   string // the tag of the first tagged content control inside
	line  int    // the first paragraph's number
}

func (r *reader) document(pkg *ooxml.Package, part string) (*content, error) {
	d, err := pkg.Decoder(part)
	if err != nil {
		return nil, err
	}
	r.d = d
	root, err := d.Root()
	if err != nil {
		return nil, err
	}
	if root.Local != "document" {
		return nil, source.Refuse(source.Malformed, "这不是 Word 文档：正文部分不是 WordprocessingML，请用 Word 或 WPS 另存为 .docx 后再导入", fmt.Errorf("root element %s", root.Local))
	}
	body := &content{}
	err = d.Children(func(se ooxml.Elem) error {
		if se.Local != "body" {
			return d.Skip()
		}
		return d.Children(func(se ooxml.Elem) error { return r.block(se, body) })
	})
	return body, err
}

// block reads a block-level element: a paragraph, a table, or a wrapper
// whose children are blocks.
func (r *reader) block(se ooxml.Elem, into *content) error {
	switch se.Local {
	case "p":
		return r.paragraph(into)
	case "tbl":
		return r.table(into)
	case "sdt":
		return r.sdt(func(se ooxml.Elem, tag string) error {
			if tag != "" && into.key == "" {
				into.key = tag
			}
			return r.block(se, into)
		})
	case "customXml", "ins", "moveTo", "smartTag", "sdtContent":
		return r.d.Children(func(se ooxml.Elem) error { return r.block(se, into) })
	case "AlternateContent":
		return r.alternate(func(se ooxml.Elem) error { return r.block(se, into) })
	}
	return r.d.Skip() // sectPr, bookmarks, deleted content, …
}

// sdt reads a content control: its tag and whether it shows placeholder
// text, then each element of its content through child.
func (r *reader) sdt(child func(se ooxml.Elem, tag string) error) error {
	tag, placeholder := "", false
	return r.d.Children(func(se ooxml.Elem) error {
		switch se.Local {
		case "sdtPr":
			return r.d.Children(func(se ooxml.Elem) error {
				switch se.Local {
				case "tag":
					tag = strings.TrimSpace(se.Attr("val"))
				case "showingPlcHdr":
					placeholder = onOff(se)
				}
				return r.d.Skip()
			})
		case "sdtContent":
			if placeholder {
				r.placeholder++
				defer func() { r.placeholder-- }()
			}
			return r.d.Children(func(se ooxml.Elem) error { return child(se, tag) })
		}
		return r.d.Skip()
	})
}

// alternate reads markup-compatibility content: the first choice only, since
// the fallback repeats it for older readers (a text box's text would come twice).
func (r *reader) alternate(child func(se ooxml.Elem) error) error {
	done := false
	return r.d.Children(func(se ooxml.Elem) error {
		if se.Local != "Choice" || done {
			return r.d.Skip()
		}
		done = true
		return r.d.Children(child)
	})
}

func (r *reader) count() error {
	r.items++
	if r.items > r.lim.MaxBlocks+5*r.lim.MaxCells {
		return source.Refuse(source.TooComplex, "文件的段落或表格单元格过多，不像是一份年报，已拒绝", nil)
	}
	if r.items%256 == 0 {
		if err := r.ctx.Err(); err != nil {
			return fmt.Errorf("read docx: %w", err)
		}
	}
	return nil
}

// paragraph reads a w:p: its properties, its runs' text, and any text boxes
// inside it (kept as paragraphs of their own, before this one).
func (r *reader) paragraph(into *content) error {
	if err := r.count(); err != nil {
		return err
	}
	r.paras++
	line := r.paras
	if into.line == 0 {
		into.line = line
	}
	var (
		b  strings.Builder
		pp pprops
	)
	var inline func(se ooxml.Elem) error
	inline = func(se ooxml.Elem) error {
		switch se.Local {
		case "pPr":
			var err error
			pp, err = r.pPr()
			return err
		case "r":
			return r.run(&b, into)
		case "hyperlink", "smartTag", "customXml", "ins", "moveTo", "fldSimple", "bdo", "dir", "sdtContent":
			return r.d.Children(inline)
		case "sdt":
			return r.sdt(func(se ooxml.Elem, tag string) error {
				if tag != "" && into.key == "" {
					into.key = tag
				}
				return inline(se)
			})
		case "AlternateContent":
			return r.alternate(inline)
		}
		return r.d.Skip() // deletions, bookmarks, proofing marks, maths
	}
	if err := r.d.Children(inline); err != nil {
		return err
	}
	text := b.String()
	level := r.headingLevel(pp)
	if label := r.numbering.label(pp, r.styles); label != "" {
		text = label + text
		if level == 0 {
			level = r.numbering.headingLevel(pp, r.styles, text)
		}
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
	bl := source.Block{Kind: source.Paragraph, Text: text, Loc: source.Location{Line: line}}
	if level > 0 {
		bl.Kind, bl.Level = source.Heading, level
	}
	into.items = append(into.items, item{block: bl})
	return nil
}

// run reads a w:r's text. Hidden runs, deleted text and field codes are no
// content; tabs and breaks become "\t" and "\n".
func (r *reader) run(b *strings.Builder, into *content) error {
	hidden := false
	return r.d.Children(func(se ooxml.Elem) error {
		switch se.Local {
		case "rPr":
			return r.d.Children(func(se ooxml.Elem) error {
				if se.Local == "vanish" || se.Local == "specVanish" {
					hidden = onOff(se)
				}
				return r.d.Skip()
			})
		case "t":
			t, err := r.d.Text()
			if !hidden && r.placeholder == 0 {
				b.WriteString(t)
			}
			return err
		case "tab", "ptab":
			b.WriteByte('\t')
		case "br", "cr":
			b.WriteByte('\n')
		case "noBreakHyphen":
			b.WriteByte('-')
		case "drawing", "pict", "object":
			return r.textBoxes(into)
		case "AlternateContent":
			return r.alternate(func(se ooxml.Elem) error {
				if se.Local == "drawing" || se.Local == "pict" {
					return r.textBoxes(into)
				}
				return r.d.Skip()
			})
		}
		return r.d.Skip()
	})
}

// textBoxes finds the text boxes inside a drawing and reads their blocks.
func (r *reader) textBoxes(into *content) error {
	return r.d.Children(func(se ooxml.Elem) error {
		if se.Local == "txbxContent" {
			return r.d.Children(func(se ooxml.Elem) error { return r.block(se, into) })
		}
		if se.Local == "Fallback" {
			return r.d.Skip()
		}
		return r.textBoxes(into)
	})
}

// onOff reads a WordprocessingML toggle: present means on unless its val
// says otherwise.
func onOff(se ooxml.Elem) bool {
	switch se.Attr("val") {
	case "0", "false", "off":
		return false
	}
	return true
}
