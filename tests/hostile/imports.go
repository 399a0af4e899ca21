package hostile

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strings"

	"github.com/nianbao/nianbao/shared/api"
	"github.com/nianbao/nianbao/shared/gateway"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/template"
)

const importPath = "/reports/import"

// docxType is what browsers send for a .docx.
const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

// imports are hostile documents and bodies for POST /reports/import: zip
// bombs, broken and disguised files, malformed multipart bodies, files over
// the cap. A file the importer cannot read is answered 200 with its
// import-refused finding (Contains names the refusal); a body it cannot
// take, 4xx.
func imports(seed []byte, _ map[string]any) ([]Case, error) {
	r, fs := report.Decode(seed)
	if r == nil || report.HasErrors(fs) {
		return nil, fmt.Errorf("seed: %v", fs)
	}
	var filled bytes.Buffer
	if err := template.FilledDOCX(&filled, r); err != nil {
		return nil, err
	}
	docx := filled.Bytes()
	bomb, err := rezip(docx, map[string][]byte{"word/document.xml": bytes.Repeat([]byte("<w:p/>"), 20<<20)}, 0)
	if err != nil {
		return nil, err
	}
	lying, err := rezip(docx, map[string][]byte{"word/document.xml": bytes.Repeat([]byte("<w:p/>"), 20<<20)}, 1000)
	if err != nil {
		return nil, err
	}
	laughs, err := rezip(docx, map[string][]byte{"word/document.xml": []byte(`<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>`)}, 0)
	if err != nil {
		return nil, err
	}
	many := map[string][]byte{}
	for i := range 3000 {
		many[fmt.Sprintf("customXml/item%d.xml", i)] = []byte("<a/>")
	}
	crowded, err := rezip(docx, many, 0)
	if err != nil {
		return nil, err
	}
	raw := func(name string, body []byte, contentType string, allowed int, contains string) Case {
		c := Case{Kind: "import", Name: name, Method: "POST", Path: importPath, Header: http.Header{}, Body: body, Allowed: []int{allowed}, Contains: contains}
		if contentType != "" {
			c.Header.Set("Content-Type", contentType)
		}
		return c
	}
	form := func(name string, body []byte, contentType string, allowed int, contains string) Case {
		c := raw(name, body, contentType, allowed, contains)
		c.Kind = "multipart"
		return c
	}
	cs := []Case{
		raw("zip bomb: 120 MiB of XML in 120 KB", bomb, docxType, 200, `"got":"inflate-limit"`),
		raw("zip bomb with sizes that lie", lying, docxType, 200, `"rule":"import-refused"`),
		raw("billion laughs", laughs, docxType, 200, `"rule":"import-refused"`),
		raw("3000 entries", crowded, docxType, 200, `"got":"inflate-limit"`),
		raw("truncated .docx", docx[:len(docx)/2], docxType, 200, `"got":"malformed"`),
		raw(".docx sent as a web page", docx, "text/html; charset=utf-8", 200, `"kind":"docx"`),
		raw(".docx sent as a PDF", docx, "application/pdf", 200, `"kind":"docx"`),
		raw(".docx sent as JSON", docx, "application/json", 200, `"kind":"docx"`),
		raw(".docx with no content type", docx, "", 200, `"kind":"docx"`),
		raw("a PDF that is not one", append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte{0x8f, 0x00, 0xa3}, 4096)...), "application/pdf", 200, `"rule":"import-refused"`),
		raw("a picture", append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 4096)...), "image/png", 200, `"got":"scanned-pdf"`),
		raw("a legacy .doc", append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), append(make([]byte, 64), "W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t\x00"...)...), "application/msword", 200, `"got":"legacy-binary"`),
		raw("HTML nested 100,000 deep", []byte(strings.Repeat("<div>", 100_000)), "text/html", 200, `"got":"too-complex"`),
		raw("an empty body", nil, docxType, 200, `"got":"malformed"`),
		raw("one byte over the cap", bytes.Repeat([]byte{0xfe}, api.MaxImportBytes+1), "application/pdf", 413, "inbox/"),
		raw("text over the cap", bytes.Repeat([]byte("表"), api.MaxImportBytes/3+1), "text/plain", 413, "inbox/"),
		raw("over the gateway's cap", bytes.Repeat([]byte("a"), gateway.MaxBodyBytes+1), "text/plain", 413, ""),
		raw("a file name with control characters", docx, docxType, 200, `"file":"年报.docx"`),
	}
	cs[len(cs)-1].Header.Set("Content-Disposition", "attachment; filename*=UTF-8''..%2F..%2F%0D%0A%E5%B9%B4%E6%8A%A5.docx")

	two, twoType := multipartBody([][3]string{{"file", "a.docx", string(docx)}, {"file", "b.docx", string(docx)}})
	one, oneType := multipartBody([][3]string{{"file", `C:\fakepath\年报.docx`, string(docx)}})
	none, noneType := multipartBody([][3]string{{"note", "", "x"}})
	var nine [][3]string
	for range 9 {
		nine = append(nine, [3]string{"note", "", "x"})
	}
	parts, partsType := multipartBody(nine)
	big, bigType := multipartBody([][3]string{{"file", "big.pdf", strings.Repeat("\xfe", api.MaxImportBytes+1)}})
	boundary := oneType[strings.Index(oneType, "boundary=")+len("boundary="):]
	headers := "--" + boundary + "\r\n" + strings.Repeat("X-A: b\r\n", 12_000) + "Content-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nx\r\n--" + boundary + "--\r\n"
	cs = append(cs,
		form("the form's one file", one, oneType, 200, `"file":"年报.docx"`),
		form("two files", two, twoType, 400, "一次只能导入一个文件"),
		form("no file", none, noneType, 400, "没有文件"),
		form("nine parts", parts, partsType, 400, "部分过多"),
		form("a file over the cap", big, bigType, 413, "inbox/"),
		form("no boundary", one, "multipart/form-data", 400, "boundary"),
		form("another boundary", one, "multipart/form-data; boundary=zzz", 400, "bad-multipart"),
		form("cut short", one[:len(one)/2], oneType, 400, "bad-multipart"),
		form("the file never closed", one[:bytes.LastIndex(one, []byte("\r\n--"+boundary))], oneType, 400, "bad-multipart"),
		form("12,000 part headers", []byte(headers), oneType, 400, "bad-multipart"),
		form("a boundary of 200 characters", one, "multipart/form-data; boundary="+strings.Repeat("b", 200), 400, "bad-multipart"),
		form("multipart/mixed", one, strings.Replace(oneType, "form-data", "mixed", 1), 415, "unsupported-media-type"),
		form("an unparsable media type", one, "multipart/form-data; boundary", 400, "bad-multipart"),
	)
	return cs, nil
}

// rezip returns the zip data with entries replaced or added. With lie > 0
// the replaced entries are stored as deflated streams whose headers claim
// lie bytes uncompressed.
func rezip(data []byte, entries map[string][]byte, lie uint64) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range zr.File {
		if _, ok := entries[f.Name]; ok {
			continue
		}
		if err := zw.Copy(f); err != nil {
			return nil, err
		}
	}
	for _, name := range sortedKeys(entries) {
		if err := writeEntry(zw, name, entries[name], lie); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func writeEntry(zw *zip.Writer, name string, body []byte, lie uint64) error {
	if lie == 0 {
		w, err := zw.Create(name)
		if err != nil {
			return err
		}
		_, err = w.Write(body)
		return err
	}
	var deflated bytes.Buffer
	fw, err := flate.NewWriter(&deflated, flate.BestCompression)
	if err != nil {
		return err
	}
	if _, err := fw.Write(body); err != nil {
		return err
	}
	if err := fw.Close(); err != nil {
		return err
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CompressedSize64: uint64(deflated.Len()), UncompressedSize64: lie})
	if err != nil {
		return err
	}
	_, err = io.Copy(w, &deflated)
	return err
}

// multipartBody is a multipart/form-data body of parts (form name, file
// name or "", content) and its content type.
func multipartBody(parts [][3]string) ([]byte, string) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for _, p := range parts {
		h := textproto.MIMEHeader{}
		cd := `form-data; name="` + p[0] + `"`
		if p[1] != "" {
			cd += `; filename="` + strings.ReplaceAll(p[1], `\`, `\\`) + `"`
		}
		h.Set("Content-Disposition", cd)
		pw, _ := w.CreatePart(h) // writing to a bytes.Buffer cannot fail
		pw.Write([]byte(p[2]))
	}
	w.Close()
	return b.Bytes(), w.FormDataContentType()
}
