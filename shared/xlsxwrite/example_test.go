package xlsxwrite_test

import (
	"bytes"
	"context"
	"fmt"

	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/xlsx"
	"github.com/nianbao/nianbao/shared/xlsxwrite"
)

// A sheet with a merged heading, two counts, their total as a formula with
// its value cached, and a defined name on the total; read back by the
// project's reader.
func ExampleNew() {
	var b bytes.Buffer
	wb := xlsxwrite.New(&b, xlsxwrite.Options{Properties: xlsxwrite.Properties{Title: "表四"}})
	head, _ := wb.Style(xlsxwrite.Style{Bold: true, Horizontal: "center", Border: "000000"})
	s, _ := wb.AddSheet("表四", xlsxwrite.SheetOptions{Cols: []xlsxwrite.Col{{Min: 1, Max: 3, Width: 10}}, FreezeRows: 1})
	_ = s.WriteRow(1, xlsxwrite.Row{Height: 24, Cells: []xlsxwrite.Cell{
		xlsxwrite.Text("行政复议").With(head), xlsxwrite.Cell{}.With(head), xlsxwrite.Cell{}.With(head),
	}})
	_ = s.WriteRow(2, xlsxwrite.Row{Cells: []xlsxwrite.Cell{
		xlsxwrite.Int(3), xlsxwrite.Number("1.5"), xlsxwrite.Formula("SUM(A2:B2)", xlsxwrite.Number("4.5")),
	}})
	_ = s.Merge(xlsxwrite.Range{Top: 1, Left: 1, Bottom: 1, Right: 3})
	_ = wb.DefineName(xlsxwrite.Name{Name: "table4.reconsideration.total", RefersTo: xlsxwrite.Absolute("表四", 2, 3)})
	if err := wb.Close(); err != nil {
		fmt.Println(err)
		return
	}

	doc, err := xlsx.Read(context.Background(), b.Bytes(), source.DefaultLimits)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(doc.Title)
	for _, row := range doc.Blocks[0].Table.Grid {
		for _, c := range row {
			if !c.Covered {
				fmt.Printf("%s %q", c.Loc.Ref, c.Text)
				if c.Key != "" {
					fmt.Print(" named ", c.Key)
				}
				fmt.Println()
			}
		}
	}
	// Output:
	// 表四
	// A1 "行政复议"
	// A2 "3"
	// B2 "1.5"
	// C2 "4.5" named table4.reconsideration.total
}
