package ingest

import (
	"context"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/webpage"
)

// The text producers: what a crawler and a PDF→Markdown converter make of
// a published page. They print no credit code, region or date.
func init() {
	fastProducers = append(fastProducers,
		// The flattened dump runs every table together (规范性文件5327):
		// numbers of several digits split in many ways, and the importer
		// must read them right or flag them.
		producer{name: "crawler-text", kind: source.Text, sections: sectionsJoined, make: one(crawlerText)},
		producer{name: "markdown", kind: source.Text, sections: sectionsExact, exact: true, make: one(markdown)},
	)
}

// pageDoc is r published as a government page, read back as a document.
func pageDoc(t testing.TB, r *report.Report) *source.Document {
	t.Helper()
	doc, err := webpage.Read(context.Background(), govPage(t, r), source.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// crawlerText is r's page as the crawler of ../shared/corpus/web dumps it:
// a header of the page's fields, then the article on one line, each table
// cell's text run into the next with no separator.
func crawlerText(t testing.TB, r *report.Report) []byte {
	t.Helper()
	doc := pageDoc(t, r)
	var b strings.Builder
	b.WriteString("标题: " + r.DisplayTitle() + "\n发布机构: " + r.Agency.Name + "\n==================== 正文 ====================\n")
	for _, blk := range doc.Blocks {
		if blk.Table == nil {
			b.WriteString(blk.Text + " ")
			continue
		}
		for _, row := range blk.Table.Grid {
			for _, c := range row {
				if !c.Covered {
					b.WriteString(strings.TrimSpace(c.Text))
				}
			}
		}
		b.WriteString(" ")
	}
	b.WriteString("\n")
	return []byte(b.String())
}

// markdown is r's page as a PDF→Markdown converter writes it: headings
// with #, paragraphs, each table row a pipe row with a merged cell's text
// once and empty cells where it spans.
func markdown(t testing.TB, r *report.Report) []byte {
	t.Helper()
	doc := pageDoc(t, r)
	var b strings.Builder
	b.WriteString("# " + doc.Title + "\n\n")
	for _, blk := range doc.Blocks {
		switch {
		case blk.Table != nil:
			for i, row := range blk.Table.Grid {
				b.WriteString("|")
				for _, c := range row {
					text := ""
					if !c.Covered {
						text = strings.ReplaceAll(strings.TrimSpace(c.Text), "\n", " ")
					}
					b.WriteString(" " + text + " |")
				}
				b.WriteString("\n")
				if i == 0 {
					b.WriteString(strings.Repeat("|---", len(row)) + "|\n")
				}
			}
		case blk.Kind == source.Heading:
			b.WriteString("## " + blk.Text + "\n")
		default:
			b.WriteString(blk.Text + "\n")
		}
		b.WriteString("\n")
	}
	return []byte(b.String())
}
