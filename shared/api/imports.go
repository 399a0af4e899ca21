package api

import (
	"context"
	"errors"
	"io"
	"net/url"
	"path"
	"strconv"
	"time"

	"github.com/nianbao/nianbao/shared/imports"
	"github.com/nianbao/nianbao/shared/store"
)

// The inbox's review queue, as the index function serves it: the year's
// imported files (GET /imports/{year}), one entry with the draft the form
// loads (GET /imports/{year}/{sha}), and the original kept for the person
// who completes it (GET /imports/{year}/{sha}/source).

// importsPage is GET /imports/{year} as a page.
type importsPage struct {
	State  imports.State // the filter; "" for all
	States []stateCount
	Total  int
	imports.Listing
}

type stateCount struct {
	State imports.State
	Count int
}

func (ix *index) imports(ctx context.Context, req Request) Response {
	if ix.queue == nil {
		return problem(req, 404, "not-found", "本服务没有导入队列")
	}
	year, refusal := officeYear(req, time.Now())
	if refusal != nil {
		return *refusal
	}
	q, err := url.ParseQuery(req.RawQueryString)
	state := imports.State(q.Get("state"))
	if err != nil || state != "" && !state.Valid() {
		return problem(req, 400, "bad-request", "state 应为 review、failed、refused 或 filed")
	}
	l, err := ix.queue.List(ctx, year)
	if err != nil {
		return failure(ctx, ix.log, req, err)
	}
	if state != "" {
		kept := l.Entries[:0]
		for _, e := range l.Entries {
			if e.State == state {
				kept = append(kept, e)
			}
		}
		l.Entries = kept
	}
	if !wantsHTML(req) {
		return varyOnAccept(jsonResponse(200, l))
	}
	page := importsPage{State: state, Listing: l}
	for _, s := range imports.States {
		page.States = append(page.States, stateCount{s, l.Counts[s]})
		page.Total += l.Counts[s]
	}
	return varyOnAccept(ix.page(ctx, req, "imports.html", page))
}

// entryOf reads the entry a route's {year} and {sha} name.
func (ix *index) entryOf(ctx context.Context, req Request) (imports.Entry, *Response) {
	if ix.queue == nil {
		r := problem(req, 404, "not-found", "本服务没有导入队列")
		return imports.Entry{}, &r
	}
	year, sha, err := imports.ParseRef(pathParam(req, "year") + "/" + pathParam(req, "sha"))
	if err != nil {
		r := problem(req, 400, "bad-request", "地址应为 /imports/年度/原件的 SHA-256")
		return imports.Entry{}, &r
	}
	e, _, err := ix.queue.Get(ctx, year, sha)
	if errors.Is(err, imports.ErrNotFound) {
		r := problem(req, 404, "not-found", "没有这条导入记录")
		return imports.Entry{}, &r
	}
	if err != nil {
		r := failure(ctx, ix.log, req, err)
		return imports.Entry{}, &r
	}
	return e, nil
}

// importEntry answers an entry whole: the form loads its draft.
func (ix *index) importEntry(ctx context.Context, req Request) Response {
	e, refusal := ix.entryOf(ctx, req)
	if refusal != nil {
		return *refusal
	}
	return jsonResponse(200, e, "Cache-Control", "no-cache")
}

// importSource answers the original an entry in review keeps: a redirect
// to a short-lived URL on S3, the bytes themselves from the filesystem
// store. A filed entry's original is the report's (GET /reports/{id}/source).
func (ix *index) importSource(ctx context.Context, req Request) Response {
	e, refusal := ix.entryOf(ctx, req)
	if refusal != nil {
		return *refusal
	}
	if e.State == imports.Filed && e.ID != "" {
		return redirect("/reports/" + e.ID + "/source")
	}
	name := "原件-" + path.Base(e.Name)
	if e.Original == "" {
		return problem(req, 404, "not-found", "这条导入没有保留原件（文件无法导入时不保留）")
	}
	u, err := ix.queue.PresignOriginal(ctx, e, presignTTL, name)
	if err == nil {
		return redirect(u)
	}
	if !errors.Is(err, store.ErrNotSupported) {
		return failure(ctx, ix.log, req, err)
	}
	rc, info, err := ix.queue.OpenOriginal(ctx, e)
	if err != nil {
		return failure(ctx, ix.log, req, err)
	}
	defer rc.Close()
	if info.Size > maxServedBytes {
		return problem(req, 413, "too-large", "原件有 "+strconv.FormatInt(info.Size>>20, 10)+" MB，超过在线查看的上限：请从存储桶下载 "+e.Original)
	}
	data, err := io.ReadAll(io.LimitReader(rc, maxServedBytes+1))
	if err != nil {
		return failure(ctx, ix.log, req, err)
	}
	// An original may be a web page: sandboxed, it can never run as this site.
	return binaryResponse(e.OriginalType, data,
		"Content-Disposition", store.ContentDisposition(name),
		"Content-Security-Policy", "default-src 'none'; sandbox",
		"Cache-Control", "public, max-age=31536000, immutable")
}
