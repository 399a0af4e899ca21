package docx_test

import (
	"archive/zip"
	"bytes"
	"testing"
)

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`

// pkg zips parts into a package; a part named "body" becomes
// word/document.xml's body, and the package relationships are added.
func pkg(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	write := func(name, body string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	write("_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>`+
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`)
	rels := `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
	if _, ok := parts["styles"]; ok {
		rels += `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`
		write("word/styles.xml", `<w:styles `+wNS+`>`+parts["styles"]+`</w:styles>`)
	}
	if _, ok := parts["numbering"]; ok {
		rels += `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>`
		write("word/numbering.xml", `<w:numbering `+wNS+`>`+parts["numbering"]+`</w:numbering>`)
	}
	write("word/_rels/document.xml.rels", rels+`</Relationships>`)
	if title, ok := parts["title"]; ok {
		write("docProps/core.xml", `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>`+title+`</dc:title></cp:coreProperties>`)
	}
	doc, ok := parts["document"]
	if !ok {
		doc = `<?xml version="1.0" encoding="UTF-8"?><w:document ` + wNS + `><w:body>` + parts["body"] + `</w:body></w:document>`
	}
	write("word/document.xml", doc)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func p(text string) string { return `<w:p><w:r><w:t>` + text + `</w:t></w:r></w:p>` }

func tc(props, text string) string {
	return `<w:tc><w:tcPr>` + props + `</w:tcPr>` + p(text) + `</w:tc>`
}
