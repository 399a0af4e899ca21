package textdiff_test

import (
	"fmt"

	"github.com/nianbao/nianbao/shared/textdiff"
)

func ExampleText() {
	old := "2020年共有行政许可268项。\n其他事项1项。"
	new := "2020年共有行政许可270项。\n其他事项1项。"
	for _, p := range textdiff.Text(old, new, &textdiff.Budget{Steps: textdiff.DefaultSteps}) {
		fmt.Printf("第 %d 段：", p.New)
		for _, s := range p.Spans {
			switch s.Op {
			case textdiff.Delete:
				fmt.Printf("[-%s-]", s.Text)
			case textdiff.Insert:
				fmt.Printf("{+%s+}", s.Text)
			default:
				fmt.Print(s.Text)
			}
		}
		fmt.Println()
	}
	// Output: 第 1 段：2020年共有行政许可2[-68-]{+70+}项。
}
