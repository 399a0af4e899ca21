package api

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/nianbao/nianbao/shared/imports"
	"github.com/nianbao/nianbao/shared/members"
	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/schema"
	"github.com/nianbao/nianbao/shared/store"
)

// presignTTL is how long a download link stays valid: long enough to start
// a download, short enough that a leaked link soon dies.
const presignTTL = 5 * time.Minute

// maxServedBytes bounds a file streamed through the function itself (the
// filesystem store); Lambda responses cannot exceed 6 MB either.
const maxServedBytes = 4 << 20

// NewIndex returns the index function's handler: the listing, each report,
// its files, the JSON Schema, the HTML pages, and the supervising office's
// roster and dashboard (which read the catalog, never the reports).
func NewIndex(reg *registry.Service, office Supervision, log *slog.Logger) HandlerFunc {
	ix := &index{reg: reg, office: office.Store, catalog: office.catalog(reg), queue: office.Imports, log: log}
	return serve(Index, log, endpoints{
		"GET /":                            ix.home,
		"GET /new":                         ix.form,
		"GET /reports":                     ix.list,
		"GET /reports/{id}":                ix.report,
		"GET /reports/{id}/pdf":            ix.file(registry.FilePDF),
		"GET /reports/{id}/json":           ix.file(registry.FileJSON),
		"GET /reports/{id}/source":         ix.source,
		"GET /reports/{id}/changes":        ix.changesOf,
		"GET /reports/{id}/next-year":      ix.nextYear,
		"GET /feed.xml":                    ix.feed,
		"GET /schema":                      ix.schema,
		"GET /static/{file+}":              ix.static,
		"GET /rosters/{year}":              ix.roster,
		"GET /dashboard/{year}":            ix.dashboard,
		"GET /imports/{year}":              ix.imports,
		"GET /imports/{year}/{sha}":        ix.importEntry,
		"GET /imports/{year}/{sha}/source": ix.importSource,
	})
}

type index struct {
	reg     *registry.Service
	office  Store // rosters
	catalog members.Catalog
	queue   *imports.Queue // the inbox's review queue
	log     *slog.Logger
}

// filter reads the listing's query parameters.
func filter(req Request) (registry.Filter, error) {
	q, err := url.ParseQuery(req.RawQueryString)
	if err != nil {
		return registry.Filter{}, errors.New("查询参数格式错误")
	}
	f := registry.Filter{CreditCode: q.Get("creditCode"), Query: strings.TrimSpace(q.Get("q")), Token: q.Get("token")}
	if v := q.Get("year"); v != "" {
		if f.Year, err = strconv.Atoi(v); err != nil {
			return f, errors.New("year 应为四位年份")
		}
	}
	if v := q.Get("limit"); v != "" {
		if f.Limit, err = strconv.Atoi(v); err != nil || f.Limit < 1 || f.Limit > registry.MaxPageSize {
			return f, errors.New("limit 应为 1–" + strconv.Itoa(registry.MaxPageSize))
		}
	}
	if len([]rune(f.Query)) > 64 {
		return f, errors.New("q 不能超过 64 个字符")
	}
	return f, nil
}

func (ix *index) list(ctx context.Context, req Request) Response {
	f, err := filter(req)
	if err != nil {
		return problem(req, 400, "bad-request", err.Error())
	}
	page, err := ix.reg.List(ctx, f)
	if err != nil {
		return failure(ctx, ix.log, req, err)
	}
	ix.logSkipped(ctx, req, page)
	return jsonResponse(200, page)
}

type yearGroup struct {
	Year  int
	Items []registry.Summary
}

func (ix *index) home(ctx context.Context, req Request) Response {
	f, err := filter(req)
	if err != nil {
		return problem(req, 400, "bad-request", err.Error())
	}
	f.Limit = registry.MaxPageSize
	page, err := ix.reg.List(ctx, f)
	if err != nil {
		return failure(ctx, ix.log, req, err)
	}
	ix.logSkipped(ctx, req, page)
	data := struct {
		Query   string
		Year    int
		Years   []yearGroup
		Next    string
		Skipped int
	}{Query: f.Query, Year: f.Year, Skipped: page.Skipped}
	// Newest year first; within a year the store's order (by credit code).
	for _, it := range page.Items {
		i := 0
		for i < len(data.Years) && data.Years[i].Year > it.Year {
			i++
		}
		if i == len(data.Years) || data.Years[i].Year != it.Year {
			data.Years = append(data.Years[:i], append([]yearGroup{{Year: it.Year}}, data.Years[i:]...)...)
		}
		data.Years[i].Items = append(data.Years[i].Items, it)
	}
	if page.Next != "" {
		q := url.Values{"token": {page.Next}}
		if f.Query != "" {
			q.Set("q", f.Query)
		}
		if f.Year != 0 {
			q.Set("year", strconv.Itoa(f.Year))
		}
		data.Next = q.Encode()
	}
	return ix.page(ctx, req, "index.html", data)
}

// logSkipped records the agencies a listing left out because their
// latest.json could not be read; the page itself only counts them.
func (ix *index) logSkipped(ctx context.Context, req Request, page registry.Page) {
	if page.Skipped > 0 {
		ix.log.WarnContext(ctx, "listing skipped unreadable agencies", slog.String("requestId", req.RequestContext.RequestID),
			slog.Int("skipped", page.Skipped), slog.Any("creditCodes", page.Unreadable[:min(len(page.Unreadable), 20)]))
	}
}

// detail is GET /reports/{id} as JSON.
type detail struct {
	Manifest registry.Manifest `json:"manifest"`
	Findings []report.Finding  `json:"findings"`
}

// findingRow is a finding as the HTML page shows it.
type findingRow struct {
	report.Finding
	Row, Column string
}

func (ix *index) report(ctx context.Context, req Request) Response {
	id := pathParam(req, "id")
	m, err := ix.reg.Manifest(ctx, id)
	if err != nil {
		return failure(ctx, ix.log, req, err)
	}
	fs, err := ix.reg.Findings(ctx, id)
	if err != nil {
		return failure(ctx, ix.log, req, err)
	}
	if fs == nil {
		fs = []report.Finding{}
	}
	if !wantsHTML(req) {
		return varyOnAccept(jsonResponse(200, detail{Manifest: m, Findings: fs}))
	}
	return varyOnAccept(ix.reportHTML(ctx, req, m, fs))
}

func (ix *index) page(ctx context.Context, req Request, name string, data any) Response {
	body, err := renderPage(name, data)
	if err != nil {
		return failure(ctx, ix.log, req, err)
	}
	return htmlResponse(200, body)
}

// varyOnAccept marks a response chosen by the Accept header, so that no
// cache serves a browser's HTML to a client that asked for JSON.
func varyOnAccept(r Response) Response {
	if r.Headers != nil {
		r.Headers["Vary"] = "Accept"
	}
	return r
}

func wantsHTML(req Request) bool {
	return strings.Contains(header(req, "Accept"), "text/html")
}

// file answers a report's PDF or JSON: a redirect to a short-lived presigned
// URL on S3, or the bytes themselves from a store that cannot presign.
func (ix *index) file(name string) endpoint {
	return func(ctx context.Context, req Request) Response {
		return ix.serveFile(ctx, req, pathParam(req, "id"), name)
	}
}

// source answers the original an imported report was read from, when the
// version's manifest lists one (source.{ext}).
func (ix *index) source(ctx context.Context, req Request) Response {
	id := pathParam(req, "id")
	m, err := ix.reg.Manifest(ctx, id)
	if err != nil {
		return failure(ctx, ix.log, req, err)
	}
	name := registry.SourceFile(m)
	if name == "" {
		return problem(req, 404, "not-found", "这份年报不是导入的，没有原件")
	}
	return ix.serveFile(ctx, req, id, name)
}

func (ix *index) serveFile(ctx context.Context, req Request, id, name string) Response {
	u, err := ix.reg.PresignURL(ctx, id, name, presignTTL)
	if err == nil {
		return redirect(u)
	}
	if !errors.Is(err, store.ErrNotSupported) {
		return failure(ctx, ix.log, req, err)
	}
	m, err := ix.reg.Manifest(ctx, id)
	if err != nil {
		return failure(ctx, ix.log, req, err)
	}
	rc, info, err := ix.reg.Open(ctx, id, name)
	if err != nil {
		return failure(ctx, ix.log, req, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxServedBytes+1))
	if err == nil && len(data) > maxServedBytes {
		err = errors.New("file too large to serve inline")
	}
	if err != nil {
		return failure(ctx, ix.log, req, err)
	}
	// An original may be a web page: sandboxed, it can never run as this site.
	return binaryResponse(info.ContentType, data,
		"Content-Disposition", store.ContentDisposition(registry.DownloadName(m, name)),
		"Content-Security-Policy", "default-src 'none'; sandbox",
		"Cache-Control", "public, max-age=31536000, immutable")
}

func (ix *index) static(_ context.Context, req Request) Response {
	return staticFile(req, pathParam(req, "file"))
}

func (ix *index) schema(context.Context, Request) Response {
	return Response{StatusCode: 200, Body: string(schema.JSON()),
		Headers: headers("application/schema+json", "Cache-Control", "public, max-age=3600")}
}
