package changes_test

import (
	"fmt"
	"os"

	"github.com/nianbao/nianbao/shared/changes"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/textdiff"
)

func ExampleBetween() {
	doc, err := os.ReadFile("../../testdata/seed-2020.json")
	if err != nil {
		panic(err)
	}
	old, _ := report.Decode(doc)
	new := old.Clone()
	new.SetCell("table3.results.granted.naturalPerson", report.Num(1))
	new.Agency.Region = "河南省洛阳市"
	c := changes.Between(old, new, &textdiff.Budget{Steps: textdiff.DefaultSteps})
	for _, f := range c.Fields {
		fmt.Printf("%s：%s → %s\n", f.Label, f.Old, f.New)
	}
	for _, cell := range c.Cells {
		fmt.Printf("%s“%s”列：%s → %s\n", cell.Row, cell.Column, cell.Old, cell.New)
	}
	// Output:
	// 行政区划：河南省洛阳市西工区 → 河南省洛阳市
	// 表三 （一）予以公开“自然人”列：0 → 1
}
