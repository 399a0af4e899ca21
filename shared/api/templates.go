package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/store"
)

// docxType is a Word document's media type.
const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

// templateTypes are the templates' kinds, by file extension.
var templateTypes = map[string]string{"xlsx": xlsxType, "docx": docxType}

// templateMaxAge is how long a browser or a proxy may keep a template
// without asking again: a template changes only with a release, and a
// week bounds how long an old one is handed out after one; then the ETag
// makes the check a 304.
const templateMaxAge = "public, max-age=604800"

// templateFile is a template as served: the same bytes for the life of
// the process (template's output is deterministic), built on first request.
type templateFile struct {
	data []byte
	etag string
	name string // what a person saves it as
}

// templateFiles caches the built templates by file name ("2021.xlsx"):
// building one costs milliseconds, there are four, and they never change.
type templateFiles struct {
	mu    sync.Mutex
	files map[string]*templateFile
}

// get returns the template file, building it with files on first use.
func (c *templateFiles) get(files Workbooks, v report.Version, ext string) (*templateFile, error) {
	key := string(v) + "." + ext
	c.mu.Lock()
	defer c.mu.Unlock()
	if f, ok := c.files[key]; ok {
		return f, nil
	}
	var b bytes.Buffer
	name, err := files.WriteTemplate(&b, v, ext)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(b.Bytes())
	f := &templateFile{data: b.Bytes(), etag: `"` + hex.EncodeToString(sum[:16]) + `"`, name: name}
	if c.files == nil {
		c.files = map[string]*templateFile{}
	}
	c.files[key] = f
	return f, nil
}

// parseTemplateName reads a {file} of GET /templates: a format version of
// the contract and a template kind, as in 2019-trial.xlsx.
func parseTemplateName(file string) (report.Version, string, bool) {
	base, ext, ok := strings.Cut(file, ".")
	if !ok || templateTypes[ext] == "" || report.LayoutOf(report.Version(base)) == nil {
		return "", "", false
	}
	return report.Version(base), ext, true
}

// templateNames lists the files GET /templates serves, for the 404.
func templateNames() string {
	var names []string
	for _, v := range report.Versions {
		for _, ext := range []string{"xlsx", "docx"} {
			names = append(names, string(v)+"."+ext)
		}
	}
	return strings.Join(names, "、")
}

// GET /templates/{file}: the blank workbook or Word document of a format
// version, with the cell paths hidden in it, to fill and import.
func (o *office) template(ctx context.Context, req Request) Response {
	v, ext, ok := parseTemplateName(pathParam(req, "file"))
	if !ok {
		return problem(req, 404, "not-found", "没有这个模板：可以下载 "+templateNames())
	}
	f, err := o.templates.get(o.files, v, ext)
	if err != nil {
		return failure(ctx, o.log, req, err)
	}
	cache := []string{"ETag", f.etag, "Cache-Control", templateMaxAge}
	if etagMatches(header(req, "If-None-Match"), f.etag) {
		return Response{StatusCode: 304, Headers: headers(templateTypes[ext], cache...)}
	}
	return binaryResponse(templateTypes[ext], f.data, append(cache, "Content-Disposition", store.ContentDisposition(f.name))...)
}

// etagMatches reports whether an If-None-Match header names etag
// (RFC 9110: a list of entity tags, weak ones compared weakly, or "*").
func etagMatches(ifNoneMatch, etag string) bool {
	for _, t := range strings.Split(ifNoneMatch, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}
