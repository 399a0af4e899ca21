// Command reporthtml writes a report as one HTML page with the same blocks
// nianbao's PDF has (headings, paragraphs, the three tables with their merged
// cells), so that Chromium can print the same content for a speed comparison.
//
// Usage: go run ./tests/bench/reporthtml [-fonts DIR] REPORT.json > report.html
//
// With -fonts, the page loads the same TrueType fonts the PDF embeds.
package main

import (
	"flag"
	"fmt"
	"html/template"
	"os"

	"github.com/nianbao/nianbao/shared/render"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/reportpdf"
)

var page = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{.Title}}</title>
<style>
{{if .Fonts}}@font-face { font-family: "Noto Serif SC"; src: url("file://{{.Fonts}}/NotoSerifSC-Regular.ttf"); }
@font-face { font-family: "Noto Sans SC"; src: url("file://{{.Fonts}}/NotoSansSC-Bold.ttf"); }
{{end}}@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: "Noto Serif SC", serif; font-size: 16pt; line-height: 1.75; text-align: justify; }
h1 { font-size: 22pt; text-align: center; font-weight: normal; }
h2 { font-family: "Noto Sans SC", sans-serif; font-size: 16pt; }
p { text-indent: 2em; margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 10.5pt; line-height: 1.3; margin: .5em 0; }
td { border: 1px solid #000; padding: 2pt; text-align: center; }
thead { display: table-header-group; }
</style></head><body>
<h1>{{.Title}}</h1>
{{range .Blocks}}{{block "block" .}}{{end}}{{end}}
</body></html>`))

type htmlBlock struct {
	Heading, Paragraph string
	Table              *render.Table
}

func main() {
	fonts := flag.String("fonts", "", "absolute path of the directory holding the report fonts")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: reporthtml [-fonts DIR] REPORT.json")
		os.Exit(2)
	}
	data, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	r, fs := report.Decode(data)
	if r == nil || report.HasErrors(fs) {
		fmt.Fprintln(os.Stderr, "reporthtml: the report is not valid")
		os.Exit(1)
	}
	doc := reportpdf.Document(r)
	var blocks []htmlBlock
	for _, b := range doc.Blocks {
		switch b := b.(type) {
		case render.Heading:
			blocks = append(blocks, htmlBlock{Heading: b.Text})
		case render.Subheading:
			blocks = append(blocks, htmlBlock{Heading: b.Text})
		case render.Paragraph:
			blocks = append(blocks, htmlBlock{Paragraph: b.Text})
		case render.Table:
			blocks = append(blocks, htmlBlock{Table: &b})
		}
	}
	t := template.Must(page.Clone())
	template.Must(t.New("block").Parse(`{{if .Heading}}<h2>{{.Heading}}</h2>{{else if .Paragraph}}<p>{{.Paragraph}}</p>{{else}}<table>
<thead>{{range .Table.Header}}<tr>{{range .}}<td colspan="{{or .ColSpan 1}}" rowspan="{{or .RowSpan 1}}">{{.Text}}</td>{{end}}</tr>{{end}}</thead>
<tbody>{{range .Table.Body}}<tr>{{range .}}<td colspan="{{or .ColSpan 1}}" rowspan="{{or .RowSpan 1}}">{{.Text}}</td>{{end}}</tr>{{end}}</tbody></table>{{end}}`))
	if err := t.Execute(os.Stdout, struct {
		Title  string
		Fonts  string
		Blocks []htmlBlock
	}{doc.Title, *fonts, blocks}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
