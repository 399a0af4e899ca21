package agencies_test

import (
	"fmt"

	"github.com/nianbao/nianbao/shared/agencies"
	"github.com/nianbao/nianbao/shared/roster"
)

// A batch's agencies file lists names as the office keeps them; reports
// print them their own way.
func ExampleList_Match() {
	l := agencies.New([]roster.Agency{
		{Name: "西工区教育体育局", CreditCode: "11410303MB0000001X", Region: "河南省洛阳市西工区"},
		{Name: "教育局", CreditCode: "11410302MB0000004B", Region: "河南省洛阳市老城区"},
		{Name: "教育局", CreditCode: "11410304MB0000005C", Region: "河南省洛阳市瀍河回族区"},
	})
	for _, printed := range []string{"洛阳市西工区教育体育局", "老城区 教育局", "教育局", "涧西区教育局"} {
		m := l.Match(printed, "")
		switch {
		case m.Found():
			fmt.Println(printed, "→", m.Agency.CreditCode)
		case m.Ambiguous > 0:
			fmt.Println(printed, "→", m.Ambiguous, "candidates")
		default:
			fmt.Println(printed, "→ not on the list")
		}
	}
	// Output:
	// 洛阳市西工区教育体育局 → 11410303MB0000001X
	// 老城区 教育局 → 11410302MB0000004B
	// 教育局 → 2 candidates
	// 涧西区教育局 → not on the list
}
