package dashboard_test

import (
	"fmt"
	"time"

	"github.com/nianbao/nianbao/shared/dashboard"
	"github.com/nianbao/nianbao/shared/members"
	"github.com/nianbao/nianbao/shared/roster"
)

func ExampleBuild() {
	ros := &roster.Roster{Year: 2024, Agencies: []roster.Agency{
		{Name: "西工区教育体育局", CreditCode: "11410303MB0000001X", Region: "河南省洛阳市西工区", Category: roster.Department},
		{Name: "洛阳市西工区人民政府", CreditCode: "11410303MB00000021", Region: "河南省洛阳市西工区", Category: roster.Government},
	}}
	filed := []members.Entry{{ID: "2024-11410303MB0000001X-…", CreditCode: "11410303MB0000001X",
		FiledAt: time.Date(2025, 1, 27, 16, 30, 0, 0, roster.Beijing)}}
	b := dashboard.Build(2024, ros, filed, time.Date(2025, 2, 10, 9, 0, 0, 0, roster.Beijing), dashboard.Filter{})
	for _, r := range b.Agencies {
		fmt.Printf("%s %s（期限 %s）%s\n", r.Name, r.Status.Label(), r.Due, r.FiledAt)
	}
	fmt.Printf("%d/%d (%d%%)\n", b.Totals.Reported(), b.Totals.Total, b.Totals.Percent)
	// Output:
	// 西工区教育体育局 按时报送（期限 2025-01-31）2025-01-27 16:30
	// 洛阳市西工区人民政府 未报送（期限 2025-03-31）
	// 1/2 (50%)
}
