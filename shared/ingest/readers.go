package ingest

import (
	"context"

	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/docx"
	"github.com/nianbao/nianbao/shared/source/pdftext"
	"github.com/nianbao/nianbao/shared/source/plaintext"
	"github.com/nianbao/nianbao/shared/source/webpage"
	"github.com/nianbao/nianbao/shared/source/xlsx"
)

// Reader turns a document's bytes into the neutral document model.
type Reader func(ctx context.Context, data []byte, lim source.Limits) (*source.Document, error)

// readers is the one table of readers, by the kind source.Detect tells.
var readers = map[source.Kind]Reader{
	source.PDF:  pdftext.Read,
	source.DOCX: docx.Read,
	source.XLSX: xlsx.Read,
	source.HTML: webpage.Read,
	source.Text: plaintext.Read,
}

// kindNames name the kinds for people.
var kindNames = map[source.Kind]string{
	source.PDF:  "PDF",
	source.DOCX: "Word（.docx）",
	source.XLSX: "Excel（.xlsx）",
	source.HTML: "网页",
	source.Text: "文本",
}

// KindName names a kind for people: 网页, 文本, PDF …
func KindName(k source.Kind) string {
	if n, ok := kindNames[k]; ok {
		return n
	}
	return string(k)
}
