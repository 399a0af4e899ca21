package docx

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/nianbao/nianbao/shared/source/ooxml"
)

// pprops are the paragraph properties that make a heading or a number.
type pprops struct {
	style   string
	outline int // w:outlineLvl + 1; 0 when not set, 10 for body text
	numID   string
	ilvl    int
	hasNum  bool
}

func (r *reader) pPr() (pprops, error) { return readPPr(r.d) }

func readPPr(d *ooxml.Decoder) (pprops, error) {
	var pp pprops
	err := d.Children(func(se ooxml.Elem) error {
		switch se.Local {
		case "pStyle":
			pp.style = se.Attr("val")
		case "outlineLvl":
			if n, err := strconv.Atoi(se.Attr("val")); err == nil && n >= 0 {
				pp.outline = min(n, 9) + 1
			}
		case "numPr":
			pp.hasNum = true
			return d.Children(func(se ooxml.Elem) error {
				switch se.Local {
				case "numId":
					pp.numID = se.Attr("val")
				case "ilvl":
					pp.ilvl, _ = strconv.Atoi(se.Attr("val"))
					pp.ilvl = min(max(pp.ilvl, 0), 8)
				}
				return d.Skip()
			})
		}
		return d.Skip()
	})
	return pp, err
}

// style is a paragraph style as styles.xml declares it.
type style struct {
	name    string
	basedOn string
	pp      pprops
}

type styles map[string]*style

func readStyles(pkg *ooxml.Package, part string) (styles, error) {
	st := styles{}
	if !pkg.Has(part) {
		return st, nil
	}
	d, err := pkg.Decoder(part)
	if err != nil {
		return nil, err
	}
	if _, err := d.Root(); err != nil {
		return nil, err
	}
	err = d.Children(func(se ooxml.Elem) error {
		if se.Local != "style" || se.Attr("type") != "paragraph" || len(st) >= maxStyles {
			return d.Skip()
		}
		s := &style{}
		st[se.Attr("styleId")] = s
		return d.Children(func(se ooxml.Elem) error {
			var err error
			switch se.Local {
			case "name":
				s.name = se.Attr("val")
			case "basedOn":
				s.basedOn = se.Attr("val")
			case "pPr":
				s.pp, err = readPPr(d)
				return err
			}
			return d.Skip()
		})
	})
	return st, err
}

const maxStyles = 4096

// level returns the heading level a style gives (1 the top), 0 for none:
// its outline level, else its name (heading 1, 标题 1, Title, 标题), else the
// style it is based on.
func (st styles) level(id string) int {
	for hops := 0; id != "" && hops < 16; hops++ {
		s := st[id]
		if s == nil {
			return 0
		}
		switch {
		case s.pp.outline == 10:
			return 0
		case s.pp.outline > 0:
			return s.pp.outline
		}
		if n := headingName(s.name); n >= 0 {
			return n
		}
		id = s.basedOn
	}
	return 0
}

// headingName reads a heading style's name: "heading 2", "Heading2", "标题 2"
// give 2, "Title" and "标题" give 1; any other name gives -1.
func headingName(name string) int {
	n := strings.ToLower(strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, name))
	for _, prefix := range []string{"heading", "标题"} {
		rest, ok := strings.CutPrefix(n, prefix)
		if !ok {
			continue
		}
		if rest == "" {
			return 1
		}
		if lvl, err := strconv.Atoi(rest); err == nil && lvl >= 1 && lvl <= 9 {
			return lvl
		}
	}
	if n == "title" {
		return 1
	}
	return -1
}

// numPr returns the numbering a paragraph has, its own or its style's.
func (st styles) numPr(pp pprops) (numID string, ilvl int, ok bool) {
	if pp.hasNum {
		return pp.numID, pp.ilvl, pp.numID != "" && pp.numID != "0"
	}
	id := pp.style
	for hops := 0; id != "" && hops < 16; hops++ {
		s := st[id]
		if s == nil {
			break
		}
		if s.pp.hasNum {
			return s.pp.numID, s.pp.ilvl, s.pp.numID != "" && s.pp.numID != "0"
		}
		id = s.basedOn
	}
	return "", 0, false
}

// headingLevel is the level the paragraph's own outline level or its style
// gives it.
func (r *reader) headingLevel(pp pprops) int {
	switch {
	case pp.outline == 10:
		return 0
	case pp.outline > 0:
		return pp.outline
	}
	return r.styles.level(pp.style)
}
