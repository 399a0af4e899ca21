package rosterfile_test

import (
	"errors"
	"fmt"

	"github.com/nianbao/nianbao/shared/roster"
	"github.com/nianbao/nianbao/shared/rosterfile"
)

func ExampleParse() {
	csv := "机关名称,统一社会信用代码,行政区划,类别\n" +
		"西工区教育体育局,11330500MB1D000016,河南省洛阳市西工区,部门\n" +
		"西工区人民政府,11330500MB1D00001X,河南省洛阳市西工区,市政府\n"
	_, err := rosterfile.Parse([]byte(csv), 2024)
	var inv *roster.InvalidError
	if errors.As(err, &inv) {
		for _, p := range inv.Problems {
			fmt.Println(p.Message)
		}
	}
	// Output:
	// 第 3 行“统一社会信用代码”列：“11330500MB1D00001X”的校验码不符（按前 17 位应为“6”），请核对
	// 第 3 行“类别”列：“市政府”不是有效类别，应为“部门”或“政府”（决定报送期限：部门 1 月 31 日，政府 3 月 31 日）
}
