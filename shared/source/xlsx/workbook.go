package xlsx

import (
	"strings"

	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/ooxml"
)

type sheetRef struct {
	name, rid string
	hidden    bool
}

// pos is a cell's 1-based row and column.
type pos struct{ row, col int }

type workbook struct {
	sheets []sheetRef
	keys   map[string]map[pos]string // sheet → cell → the defined name that names only that cell
}

const maxNames = 4096

func readWorkbook(pkg *ooxml.Package, part string) (*workbook, error) {
	d, err := pkg.Decoder(part)
	if err != nil {
		return nil, err
	}
	root, err := d.Root()
	if err != nil {
		return nil, err
	}
	if root.Local != "workbook" {
		return nil, source.Refuse(source.Malformed, "这不是 Excel 工作簿：工作簿部分不是 SpreadsheetML，请用 Excel 或 WPS 另存为 .xlsx 后再导入", nil)
	}
	wb := &workbook{keys: map[string]map[pos]string{}}
	names := 0
	err = d.Children(func(se ooxml.Elem) error {
		switch se.Local {
		case "sheets":
			return d.Children(func(se ooxml.Elem) error {
				if se.Local == "sheet" && len(wb.sheets) < maxNames {
					state := se.Attr("state")
					wb.sheets = append(wb.sheets, sheetRef{name: se.Attr("name"), rid: se.AttrNS("r", "id"),
						hidden: state == "hidden" || state == "veryHidden"})
					if wb.sheets[len(wb.sheets)-1].rid == "" {
						wb.sheets[len(wb.sheets)-1].rid = se.Attr("id")
					}
				}
				return d.Skip()
			})
		case "definedNames":
			return d.Children(func(se ooxml.Elem) error {
				name := se.Attr("name")
				target, err := d.Text()
				if err != nil || names >= maxNames || strings.HasPrefix(name, "_xlnm.") {
					return err
				}
				if sheet, p, ok := singleCell(target); ok {
					names++
					if wb.keys[sheet] == nil {
						wb.keys[sheet] = map[pos]string{}
					}
					wb.keys[sheet][p] = name
				}
				return nil
			})
		}
		return d.Skip()
	})
	return wb, err
}

// singleCell reads a defined name's target when it is one cell of a sheet:
// 'Sheet name'!$D$5, 表三!D5.
func singleCell(target string) (sheet string, p pos, ok bool) {
	target = strings.TrimSpace(target)
	i := strings.LastIndexByte(target, '!')
	if i <= 0 {
		return "", pos{}, false
	}
	sheet, ref := target[:i], strings.ReplaceAll(target[i+1:], "$", "")
	if strings.HasPrefix(sheet, "'") && strings.HasSuffix(sheet, "'") && len(sheet) >= 2 {
		sheet = strings.ReplaceAll(sheet[1:len(sheet)-1], "''", "'")
	}
	p, ok = parseRef(ref)
	return sheet, p, ok
}

// parseRef reads a cell reference such as AB12.
func parseRef(ref string) (pos, bool) {
	var p pos
	i := 0
	for ; i < len(ref) && i < 4; i++ {
		c := ref[i] | 0x20
		if c < 'a' || c > 'z' {
			break
		}
		p.col = p.col*26 + int(c-'a') + 1
	}
	if i == 0 || i == len(ref) || len(ref)-i > 7 {
		return pos{}, false
	}
	for _, c := range ref[i:] {
		if c < '0' || c > '9' {
			return pos{}, false
		}
		p.row = p.row*10 + int(c-'0')
	}
	return p, p.row >= 1 && p.row <= maxRows && p.col >= 1 && p.col <= maxCols
}

// The sheet's bounds in Excel.
const (
	maxRows = 1 << 20
	maxCols = 1 << 14
)

// refOf writes a position as a cell reference.
func refOf(p pos) string {
	var col []byte
	for c := p.col; c > 0; c = (c - 1) / 26 {
		col = append([]byte{byte('A' + (c-1)%26)}, col...)
	}
	return string(col) + itoa(p.row)
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(b[i:])
		}
	}
}
