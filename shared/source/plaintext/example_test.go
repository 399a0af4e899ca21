package plaintext_test

import (
	"context"
	"fmt"

	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/plaintext"
)

func ExampleRead() {
	text := "## 二、主动公开政府信息情况\n\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n| 规章 | 0 | 0 | 0 |\n— 4 —\n"
	doc, err := plaintext.Read(context.Background(), []byte(text), source.DefaultLimits)
	if err != nil {
		panic(err)
	}
	for _, b := range doc.Blocks {
		switch b.Kind {
		case source.TableBlock:
			cell := b.Table.Grid[1][0]
			fmt.Println(b.Kind, b.Table.Rows(), "rows;", cell.Text, "at", cell.Loc)
		default:
			fmt.Println(b.Kind, b.Text, "at", b.Loc)
		}
	}
	// Output:
	// heading 二、主动公开政府信息情况 at 第1行
	// table 2 rows; 规章 at 第5行
}
