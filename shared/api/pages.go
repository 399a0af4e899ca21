package api

import (
	"bytes"
	"embed"
	"html/template"
	"io/fs"
	"mime"
	"path"
	"sync"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pages are parsed on first use: a function that serves no page (and every
// CLI command but serve) need not pay for it at start-up.
var pages = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("").Funcs(pageFuncs).ParseFS(templateFS, "templates/*.html"))
})

// renderPage executes a page template; html/template escapes every value for
// its context, so names and prose with <script> or javascript: stay inert.
func renderPage(name string, data any) (string, error) {
	var b bytes.Buffer
	if err := pages().ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	return b.String(), nil
}

// staticFile answers an embedded static file.
func staticFile(req Request, name string) Response {
	data, err := fs.ReadFile(staticFS, path.Join("static", path.Clean("/"+name)))
	if err != nil {
		return problem(req, 404, "not-found", "没有这个文件")
	}
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = "application/octet-stream"
	}
	return Response{StatusCode: 200, Body: string(data),
		Headers: headers(ct, "Cache-Control", "public, max-age=3600")}
}
