package xlsxwrite

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// Style is how a cell looks. The zero Style is the workbook's default:
// Calibri 11, General, no border, no fill.
type Style struct {
	Bold bool
	Size float64 // the font's size in points; 0 for 11
	// Horizontal is "", "left", "center" or "right"; Vertical is "",
	// "top", "center" or "bottom" ("" is the spreadsheet's default:
	// general, bottom).
	Horizontal, Vertical string
	Wrap                 bool   // wrap text within the cell
	Border               string // the RGB colour ("000000") of a thin line on every side; "" for none
	Fill                 string // the RGB colour of a solid fill; "" for none
	NumFmt               string // a number format's code: "@" for text, "0.00"; "" for General
	Unlocked             bool   // editable when the sheet is protected
}

// StyleID names a style made by Workbook.Style; 0 is the default style.
type StyleID uint32

// The built-in number formats a spreadsheet knows by number; other codes
// are declared in the workbook.
var builtinFormats = map[string]int{
	"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "@": 49,
}

func (s Style) check() error {
	switch {
	case s.Size != 0 && (s.Size < 1 || s.Size > 409):
		return fmt.Errorf("font size %g: want 1–409 points", s.Size)
	case !oneOf(s.Horizontal, "", "left", "center", "right"):
		return fmt.Errorf("horizontal alignment %q: want left, center or right", s.Horizontal)
	case !oneOf(s.Vertical, "", "top", "center", "bottom"):
		return fmt.Errorf("vertical alignment %q: want top, center or bottom", s.Vertical)
	case s.Border != "" && !isRGB(s.Border):
		return fmt.Errorf("border colour %q: want six hexadecimal digits", s.Border)
	case s.Fill != "" && !isRGB(s.Fill):
		return fmt.Errorf("fill colour %q: want six hexadecimal digits", s.Fill)
	case len(s.NumFmt) > 255:
		return fmt.Errorf("number format of %d bytes: at most 255", len(s.NumFmt))
	}
	return nil
}

func oneOf(s string, set ...string) bool {
	for _, x := range set {
		if s == x {
			return true
		}
	}
	return false
}

func isRGB(s string) bool {
	if len(s) != 6 {
		return false
	}
	for _, c := range []byte(s) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// styles are a workbook's styles in the order they were made.
type styles struct {
	list []Style
	ids  map[Style]StyleID
}

func (st *styles) add(s Style) (StyleID, error) {
	if s == (Style{}) {
		return 0, nil
	}
	if err := s.check(); err != nil {
		return 0, err
	}
	s.Border, s.Fill = strings.ToUpper(s.Border), strings.ToUpper(s.Fill)
	if id, ok := st.ids[s]; ok {
		return id, nil
	}
	if st.ids == nil {
		st.ids = map[Style]StyleID{}
	}
	st.list = append(st.list, s)
	id := StyleID(len(st.list))
	st.ids[s] = id
	return id, nil
}

func (st *styles) has(id StyleID) bool { return int(id) <= len(st.list) }

// table numbers each distinct item in the order first seen.
type table[K comparable] struct {
	ids   map[K]int
	items []K
}

func (t *table[K]) id(k K) int {
	if id, ok := t.ids[k]; ok {
		return id
	}
	if t.ids == nil {
		t.ids = map[K]int{}
	}
	t.ids[k] = len(t.items)
	t.items = append(t.items, k)
	return len(t.items) - 1
}

type font struct {
	bold bool
	size float64
}

// xml returns the styles part.
func (st *styles) xml() []byte {
	var fonts table[font]
	var fills, borders, formats table[string]
	fonts.id(font{size: 11})
	fills.id("none")
	fills.id("gray125") // the two fills every workbook starts with
	borders.id("")
	type xf struct{ numFmt, font, fill, border int }
	xfs := make([]xf, len(st.list))
	for i, s := range st.list {
		size := s.Size
		if size == 0 {
			size = 11
		}
		x := xf{font: fonts.id(font{s.Bold, size}), border: borders.id(s.Border)}
		if s.Fill != "" {
			x.fill = fills.id(s.Fill)
		}
		switch n, ok := builtinFormats[s.NumFmt]; {
		case s.NumFmt == "":
		case ok:
			x.numFmt = n
		default:
			x.numFmt = 164 + formats.id(s.NumFmt)
		}
		xfs[i] = x
	}
	var b bytes.Buffer
	b.WriteString(xmlHeader + `<styleSheet xmlns="` + nsMain + `">`)
	if len(formats.items) > 0 {
		fmt.Fprintf(&b, `<numFmts count="%d">`, len(formats.items))
		for i, code := range formats.items {
			fmt.Fprintf(&b, `<numFmt numFmtId="%d" formatCode="`, 164+i)
			b.Write(appendAttr(nil, code))
			b.WriteString(`"/>`)
		}
		b.WriteString(`</numFmts>`)
	}
	fmt.Fprintf(&b, `<fonts count="%d">`, len(fonts.items))
	for _, f := range fonts.items {
		b.WriteString(`<font>`)
		if f.bold {
			b.WriteString(`<b/>`)
		}
		b.WriteString(`<sz val="` + strconv.FormatFloat(f.size, 'f', -1, 64) + `"/><name val="Calibri"/><family val="2"/></font>`)
	}
	fmt.Fprintf(&b, `</fonts><fills count="%d">`, len(fills.items))
	for _, f := range fills.items {
		if f == "none" || f == "gray125" {
			b.WriteString(`<fill><patternFill patternType="` + f + `"/></fill>`)
			continue
		}
		b.WriteString(`<fill><patternFill patternType="solid"><fgColor rgb="FF` + f + `"/><bgColor indexed="64"/></patternFill></fill>`)
	}
	fmt.Fprintf(&b, `</fills><borders count="%d">`, len(borders.items))
	for _, c := range borders.items {
		if c == "" {
			b.WriteString(`<border><left/><right/><top/><bottom/><diagonal/></border>`)
			continue
		}
		b.WriteString(`<border>`)
		for _, side := range []string{"left", "right", "top", "bottom"} {
			b.WriteString(`<` + side + ` style="thin"><color rgb="FF` + c + `"/></` + side + `>`)
		}
		b.WriteString(`<diagonal/></border>`)
	}
	b.WriteString(`</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`)
	fmt.Fprintf(&b, `<cellXfs count="%d"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`, len(xfs)+1)
	for i, x := range xfs {
		s := st.list[i]
		fmt.Fprintf(&b, `<xf numFmtId="%d" fontId="%d" fillId="%d" borderId="%d" xfId="0"`, x.numFmt, x.font, x.fill, x.border)
		for _, a := range []struct {
			name string
			on   bool
		}{
			{"applyNumberFormat", s.NumFmt != ""}, {"applyFont", x.font != 0}, {"applyFill", x.fill != 0},
			{"applyBorder", x.border != 0}, {"applyAlignment", s.Horizontal != "" || s.Vertical != "" || s.Wrap},
			{"applyProtection", s.Unlocked},
		} {
			if a.on {
				b.WriteString(` ` + a.name + `="1"`)
			}
		}
		if s.Horizontal == "" && s.Vertical == "" && !s.Wrap && !s.Unlocked {
			b.WriteString(`/>`)
			continue
		}
		b.WriteString(`>`)
		if s.Horizontal != "" || s.Vertical != "" || s.Wrap {
			b.WriteString(`<alignment`)
			if s.Horizontal != "" {
				b.WriteString(` horizontal="` + s.Horizontal + `"`)
			}
			if s.Vertical != "" {
				b.WriteString(` vertical="` + s.Vertical + `"`)
			}
			if s.Wrap {
				b.WriteString(` wrapText="1"`)
			}
			b.WriteString(`/>`)
		}
		if s.Unlocked {
			b.WriteString(`<protection locked="0"/>`)
		}
		b.WriteString(`</xf>`)
	}
	b.WriteString(`</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`)
	return b.Bytes()
}
