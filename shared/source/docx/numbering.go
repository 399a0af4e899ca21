package docx

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/shared/source/ooxml"
)

// numbering is numbering.xml: list definitions and the counters of the
// lists met so far, so that an automatically numbered heading reads
// “一、总体情况” as the person sees it.
type numbering struct {
	abstract map[string]*[9]level // abstractNumId → levels
	nums     map[string]string    // numId → abstractNumId
	starts   map[string]map[int]int
	counters map[string]*[9]int // numId → counters
}

type level struct {
	format, text, style string
	start               int
}

const maxLists = 4096

func readNumbering(pkg *ooxml.Package, part string) (*numbering, error) {
	n := &numbering{abstract: map[string]*[9]level{}, nums: map[string]string{}, starts: map[string]map[int]int{}, counters: map[string]*[9]int{}}
	if !pkg.Has(part) {
		return n, nil
	}
	d, err := pkg.Decoder(part)
	if err != nil {
		return nil, err
	}
	if _, err := d.Root(); err != nil {
		return nil, err
	}
	err = d.Children(func(se ooxml.Elem) error {
		if len(n.abstract)+len(n.nums) > maxLists {
			return d.Skip()
		}
		switch se.Local {
		case "abstractNum":
			lv := &[9]level{}
			n.abstract[se.Attr("abstractNumId")] = lv
			return d.Children(func(se ooxml.Elem) error {
				i, err := strconv.Atoi(se.Attr("ilvl"))
				if se.Local != "lvl" || err != nil || i < 0 || i > 8 {
					return d.Skip()
				}
				lv[i].start = 1
				return d.Children(func(se ooxml.Elem) error {
					v := se.Attr("val")
					switch se.Local {
					case "numFmt":
						lv[i].format = v
					case "lvlText":
						lv[i].text = v
					case "pStyle":
						lv[i].style = v
					case "start":
						lv[i].start = startValue(v)
					}
					return d.Skip()
				})
			})
		case "num":
			id := se.Attr("numId")
			return d.Children(func(se ooxml.Elem) error {
				switch se.Local {
				case "abstractNumId":
					n.nums[id] = se.Attr("val")
				case "lvlOverride":
					i, _ := strconv.Atoi(se.Attr("ilvl"))
					return d.Children(func(se ooxml.Elem) error {
						if se.Local == "startOverride" && i >= 0 && i <= 8 {
							s := startValue(se.Attr("val"))
							if n.starts[id] == nil {
								n.starts[id] = map[int]int{}
							}
							n.starts[id][i] = s
						}
						return d.Skip()
					})
				}
				return d.Skip()
			})
		}
		return d.Skip()
	})
	return n, err
}

// startValue reads a list's start, within what Word allows (0–32767), so
// that a hostile start cannot make a label huge.
func startValue(v string) int {
	n, _ := strconv.Atoi(v)
	return min(max(n, 0), 32767)
}

func (n *numbering) levels(numID string) *[9]level {
	if n == nil {
		return nil
	}
	return n.abstract[n.nums[numID]]
}

// label advances the paragraph's list counter and returns its label as
// printed ("一、", "（二）", "3."); "" for no numbering or a bullet.
func (n *numbering) label(pp pprops, st styles) string {
	numID, ilvl, ok := st.numPr(pp)
	lv := n.levels(numID)
	if !ok || lv == nil {
		return ""
	}
	c := n.counters[numID]
	if c == nil {
		c = &[9]int{}
		for i := range c {
			c[i] = n.start(numID, lv, i) - 1
		}
		n.counters[numID] = c
	}
	c[ilvl]++
	for i := ilvl + 1; i < 9; i++ {
		c[i] = n.start(numID, lv, i) - 1
	}
	if lv[ilvl].format == "bullet" || lv[ilvl].format == "none" {
		return ""
	}
	text := lv[ilvl].text
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		if text[i] == '%' && i+1 < len(text) && text[i+1] >= '1' && text[i+1] <= '9' {
			k := int(text[i+1] - '1')
			b.WriteString(formatNumber(max(c[k], 0), lv[k].format))
			i++
			continue
		}
		b.WriteByte(text[i])
	}
	return b.String()
}

func (n *numbering) start(numID string, lv *[9]level, i int) int {
	if s, ok := n.starts[numID][i]; ok {
		return s
	}
	return lv[i].start
}

// headingLevel says whether numbering makes a paragraph a heading: its list
// level is linked to a heading style, or it is a short line numbered the
// Chinese way (“一、总体情况”, “（二）依申请公开”), as Chinese reports number
// their headings.
func (n *numbering) headingLevel(pp pprops, st styles, text string) int {
	numID, ilvl, _ := st.numPr(pp)
	lv := n.levels(numID)
	if lv == nil {
		return 0
	}
	if l := st.level(lv[ilvl].style); l > 0 {
		return l
	}
	switch lv[ilvl].format {
	case "chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographTraditional", "ideographDigital":
		if utf8.RuneCountInString(strings.TrimSpace(text)) <= 40 && !strings.ContainsAny(text, "。；") {
			return ilvl + 1
		}
	}
	return 0
}
