package webpage_test

import (
	"context"
	"fmt"

	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/webpage"
)

func ExampleRead() {
	page := `<html><head><meta charset="utf-8"></head><body>
<div class="nav"><a href="/">首页</a></div>
<div class="article"><p>四、政府信息公开行政复议、行政诉讼情况</p>
<table><tr><td colspan="5">行政复议</td></tr><tr><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr></table></div>
<div class="footer">主办单位：某某市人民政府办公室</div></body></html>`
	doc, err := webpage.Read(context.Background(), []byte(page), source.DefaultLimits)
	if err != nil {
		panic(err)
	}
	for _, b := range doc.Blocks {
		if b.Kind == source.TableBlock {
			fmt.Println(b.Kind, b.Table.Texts(0)[4], b.Table.Grid[0][4].Covered)
			continue
		}
		fmt.Println(b.Kind, b.Text)
	}
	// Output:
	// paragraph 四、政府信息公开行政复议、行政诉讼情况
	// table 行政复议 true
}
