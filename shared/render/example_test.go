package render_test

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"time"

	"github.com/nianbao/nianbao/shared/render"
)

func ExampleRenderer_Render() {
	r, err := render.New() // parse the fonts once per process
	if err != nil {
		log.Fatal(err)
	}
	doc := &render.Document{
		Title:  "示例单位2024年政府信息公开工作年度报告",
		Author: "示例单位",
		Date:   time.Date(2025, 1, 20, 9, 0, 0, 0, time.FixedZone("CST", 8*3600)),
		Blocks: []render.Block{
			render.Heading{Text: "一、总体情况"},
			render.Paragraph{Text: "2024年，本单位认真贯彻《中华人民共和国政府信息公开条例》。"},
			render.Table{
				Widths: []float64{2, 1, 1},
				Header: [][]render.Cell{{{Text: "信息内容"}, {Text: "行政复议", ColSpan: 2}}},
				Body:   [][]render.Cell{{{Text: "件数", Align: render.AlignLeft}, {Text: "0"}, {Text: "0"}}},
			},
		},
	}
	var pdf bytes.Buffer
	if err := r.Render(context.Background(), &pdf, doc); err != nil {
		log.Fatal(err)
	}
	fmt.Println(bytes.HasPrefix(pdf.Bytes(), []byte("%PDF-1.7")))
	// Output: true
}

func ExampleRenderer_HasGlyph() {
	r, err := render.New()
	if err != nil {
		log.Fatal(err)
	}
	// Validators reject text the fonts cannot draw before rendering it.
	for _, c := range "中𫖮" {
		fmt.Printf("%c %v\n", c, r.HasGlyph(c))
	}
	// Output:
	// 中 true
	// 𫖮 false
}

func ExampleRenderer_Layout() {
	r, err := render.New()
	if err != nil {
		log.Fatal(err)
	}
	tr, err := r.Layout(&render.Document{
		Title:  "标题",
		Blocks: []render.Block{render.Heading{Text: "一、总体情况"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, t := range tr.Pages[0].Texts {
		fmt.Printf("%s %s\n", t.Role, t.Text)
	}
	// Output:
	// title 标题
	// heading 一、总体情况
	// folio — 1 —
}
