package docx_test

import (
	"bytes"
	"context"
	"fmt"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/docx"
	"github.com/nianbao/nianbao/shared/template"
)

// Reading nianbao's blank Word template: headings with their levels, and
// tables whose value cells carry their contract path as the key. Paragraphs
// are counted through the document, those in table cells too.
func ExampleRead() {
	var b bytes.Buffer
	if err := template.DOCX(&b, report.Trial2019); err != nil {
		fmt.Println(err)
		return
	}
	doc, err := docx.Read(context.Background(), b.Bytes(), source.DefaultLimits)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, bl := range doc.Blocks {
		switch {
		case bl.Kind == source.Heading && bl.Text == "四、政府信息公开行政复议、行政诉讼情况":
			fmt.Printf("heading %d: %s (paragraph %d)\n", bl.Level, bl.Text, bl.Loc.Line)
		case bl.Kind == source.TableBlock && bl.Table.Grid[0][0].Text == "行政复议":
			c := bl.Table.Grid[3][4]
			fmt.Printf("%s: %s / %s, key %s\n", c.Loc, bl.Table.Grid[0][4].Text, bl.Table.Grid[1][4].Text, c.Key)
		}
	}
	// Output:
	// heading 1: 四、政府信息公开行政复议、行政诉讼情况 (paragraph 316)
	// 表4 第4行第5列 第346行: 行政复议 / 总计, key table4.reconsideration.total
}
