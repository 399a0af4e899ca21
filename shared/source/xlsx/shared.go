package xlsx

import (
	"strings"

	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/ooxml"
)

// readShared reads the shared strings table: plain and rich-text items,
// without phonetic guides.
func readShared(pkg *ooxml.Package, part string, lim source.Limits) ([]string, error) {
	d, err := pkg.Decoder(part)
	if err != nil {
		return nil, err
	}
	if _, err := d.Root(); err != nil {
		return nil, err
	}
	var out []string
	max := 10 * lim.MaxCells
	err = d.Children(func(se ooxml.Elem) error {
		if se.Local != "si" {
			return d.Skip()
		}
		if len(out) >= max {
			return source.Refuse(source.TooComplex, "工作簿中的文字过多，不像是一份年报，已拒绝", nil)
		}
		var b strings.Builder
		err := d.Children(func(se ooxml.Elem) error {
			switch se.Local {
			case "t":
				t, err := d.Text()
				b.WriteString(t)
				return err
			case "r":
				return d.Children(func(se ooxml.Elem) error {
					if se.Local != "t" {
						return d.Skip()
					}
					t, err := d.Text()
					b.WriteString(t)
					return err
				})
			}
			return d.Skip() // rPh, phoneticPr
		})
		out = append(out, unescape(b.String()))
		return err
	})
	return out, err
}
