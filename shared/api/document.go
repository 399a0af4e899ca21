package api

import (
	"bytes"
	"encoding/base64"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxImportBytes caps a document sent to POST /reports/import. A
// synchronous Lambda invocation carries at most 6 MB of event, and API
// Gateway sends a binary body base64-encoded, a third larger: 4 MiB
// becomes 5.6 MB, which leaves room for the event's headers. Larger
// files go through the bucket's inbox.
const MaxImportBytes = 4 << 20

// multipartSlack is what a form's multipart framing adds to its file:
// boundaries and part headers, a few hundred bytes in practice.
const multipartSlack = 16 << 10

// maxParts bounds the parts of a multipart body the handler looks at: the
// form sends one, a browser's FormData perhaps a few more fields.
const maxParts = 8

// maxFileName bounds the name reported back for the file, in bytes.
const maxFileName = 255

// document is a file sent for import.
type document struct {
	data []byte
	name string // as the sender named it, cleaned; "" when it did not
}

// documentBody returns the file a request carries — the body itself, or
// the one file part of a multipart/form-data body — or the response that
// refuses it. The content type decides only how the body is framed: what
// kind of document it is, the importer tells from the bytes.
func documentBody(req Request) (document, *Response) {
	limit := MaxImportBytes + multipartSlack
	body := req.Body
	if req.IsBase64Encoded && len(body) > base64.StdEncoding.EncodedLen(limit) || !req.IsBase64Encoded && len(body) > limit {
		r := importTooLarge(req)
		return document{}, &r
	}
	data := []byte(body)
	if req.IsBase64Encoded {
		var err error
		if data, err = base64.StdEncoding.DecodeString(body); err != nil {
			r := problem(req, 400, "bad-encoding", "请求体的 base64 编码无效")
			return document{}, &r
		}
	}
	ct := header(req, "Content-Type")
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(ct)), "multipart/") {
		mt, params, err := mime.ParseMediaType(ct)
		switch {
		case err != nil:
			r := problem(req, 400, "bad-multipart", "请求的 Content-Type 无法解析")
			return document{}, &r
		case mt != "multipart/form-data":
			r := problem(req, 415, "unsupported-media-type", "请直接发送文件，或以 multipart/form-data 发送一个文件")
			return document{}, &r
		}
		return filePart(req, data, params["boundary"])
	}
	if len(data) > MaxImportBytes {
		r := importTooLarge(req)
		return document{}, &r
	}
	name := ""
	if _, p, err := mime.ParseMediaType(header(req, "Content-Disposition")); err == nil {
		name = cleanFileName(p["filename"]) // mime decodes filename*=UTF-8''… into filename
	}
	return document{data: data, name: name}, nil
}

// filePart returns the one file of a multipart/form-data body: the part
// named "file", or the part that carries a file name.
func filePart(req Request, data []byte, boundary string) (document, *Response) {
	bad := func(why string) (document, *Response) {
		r := problem(req, 400, "bad-multipart", "multipart/form-data 请求体有误："+why)
		return document{}, &r
	}
	if boundary == "" || len(boundary) > 70 { // RFC 2046: 1 to 70 characters
		return bad("缺少或无效的 boundary 参数")
	}
	mr := multipart.NewReader(bytes.NewReader(data), boundary)
	var doc document
	found := false
	for n := 0; ; n++ {
		if n == maxParts {
			return bad("部分过多（最多 " + strconv.Itoa(maxParts) + " 个）")
		}
		part, err := mr.NextRawPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return bad("无法解析各部分")
		}
		isFile := part.FormName() == "file" || part.FileName() != ""
		if !isFile {
			if _, err := io.Copy(io.Discard, part); err != nil {
				return bad("无法解析各部分")
			}
			continue
		}
		if found {
			return bad("一次只能导入一个文件")
		}
		found = true
		// The body is already capped, so this reads at most the body; the
		// extra byte tells a file over the cap.
		content, err := io.ReadAll(io.LimitReader(part, MaxImportBytes+1))
		if err != nil {
			return bad("无法读取文件部分")
		}
		if len(content) > MaxImportBytes {
			r := importTooLarge(req)
			return document{}, &r
		}
		doc = document{data: content, name: cleanFileName(part.FileName())}
	}
	if !found {
		return bad("没有文件：请在名为 file 的部分中发送要导入的文件")
	}
	return doc, nil
}

// importTooLarge is the 413 of a document over MaxImportBytes: the inbox
// takes larger files.
func importTooLarge(req Request) Response {
	return problem(req, 413, "too-large", "文件超过 "+strconv.Itoa(MaxImportBytes>>20)+
		" MiB，不能在网页上直接导入：请由管理员放入存储桶的收件箱 inbox/{年度}/，或在本机用 nianbao import --file 导入")
}

// cleanFileName keeps the last element of a file name as a client sent it
// (browsers on Windows once sent whole paths), as valid UTF-8 without
// control characters, at most maxFileName bytes.
func cleanFileName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(name, "\uFFFD"))
	if len(name) > maxFileName {
		cut := maxFileName
		for cut > 0 && !utf8.RuneStart(name[cut]) {
			cut--
		}
		name = name[:cut]
	}
	return strings.TrimSpace(name)
}
