package api

import (
	"context"
	"errors"
	"log/slog"
	"net/url"
	"strconv"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/nianbao/nianbao/shared/dashboard"
	"github.com/nianbao/nianbao/shared/imports"
	"github.com/nianbao/nianbao/shared/members"
	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/roster"
	"github.com/nianbao/nianbao/shared/store"
)

// Store is the bucket beside the registry's reports: the supervising
// office's rosters, and the export files handed out by presigned URL.
type Store interface {
	roster.Store
	PresignGet(ctx context.Context, key string, ttl time.Duration, filename string) (string, error)
}

// Supervision is what the supervising office's routes use besides the
// registry: the catalog, the bucket for rosters and exports, and (the
// office function only) the spreadsheet files.
type Supervision struct {
	// Catalog lists every agency's current report for a year and opens
	// them; nil reads them through the registry (members.NewRegistry).
	Catalog members.Source
	Store   Store
	// Files reads roster files and writes the export; the index function
	// leaves it nil.
	Files Workbooks
	// Imports is the inbox's review queue, which the index function lists;
	// nil answers its routes 404.
	Imports *imports.Queue
}

// catalog is o.Catalog, or the registry's when none is given.
func (o Supervision) catalog(reg *registry.Service) members.Source {
	if o.Catalog != nil {
		return o.Catalog
	}
	return members.NewRegistry(reg)
}

// officeYear reads the {year} of an office route: a report year from 2019 to
// this year.
func officeYear(req Request, now time.Time) (int, *Response) {
	p := pathParam(req, "year")
	y, err := strconv.Atoi(p)
	if err != nil || len(p) != 4 || y < 2019 || y > now.Year() {
		r := problem(req, 400, "bad-request", "年度应为 2019 年至今年之间的四位年份")
		return 0, &r
	}
	return y, nil
}

// officeQuery reads the query string of an office page: region (a 行政区划,
// at most 64 characters) and, when allowed, status.
type officeQuery struct {
	Region string
	Status dashboard.Status
}

func readOfficeQuery(req Request, withStatus bool) (officeQuery, *Response) {
	bad := func(msg string) (officeQuery, *Response) {
		r := problem(req, 400, "bad-request", msg)
		return officeQuery{}, &r
	}
	q, err := url.ParseQuery(req.RawQueryString)
	if err != nil {
		return bad("查询参数格式错误")
	}
	var o officeQuery
	o.Region = q.Get("region")
	if utf8.RuneCountInString(o.Region) > 64 || !utf8.ValidString(o.Region) {
		return bad("region（行政区划）不能超过 64 个字")
	}
	for _, r := range o.Region {
		if unicode.IsControl(r) {
			return bad("region（行政区划）含有控制字符")
		}
	}
	if withStatus {
		st, ok := dashboard.ParseStatus(q.Get("status"))
		if !ok {
			return bad("status 应为 missing、overdue、filed 或 filed-late")
		}
		o.Status = st
	}
	return o, nil
}

// loadRoster returns the year's roster, or nil when none is loaded.
func loadRoster(ctx context.Context, st roster.Store, year int) (*roster.Roster, error) {
	r, _, err := roster.Load(ctx, st, year)
	if errors.Is(err, roster.ErrNotFound) {
		return nil, nil
	}
	return r, err
}

// officeFailure answers the office's own errors, and the rest as failure does.
func officeFailure(ctx context.Context, log *slog.Logger, req Request, err error) Response {
	switch {
	case errors.Is(err, roster.ErrNotFound):
		return problem(req, 404, "not-found", "该年度尚未上传名册")
	case errors.Is(err, store.ErrPreconditionFailed), errors.Is(err, roster.ErrConflict):
		return problem(req, 409, "conflict", "名册在此期间已被他人更新，请重新读取后再上传")
	}
	return failure(ctx, log, req, err)
}

// GET /rosters/{year}: the stored roster with its ETag.
func (ix *index) roster(ctx context.Context, req Request) Response {
	year, refusal := officeYear(req, time.Now())
	if refusal != nil {
		return *refusal
	}
	r, etag, err := roster.Load(ctx, ix.office, year)
	if err != nil {
		return officeFailure(ctx, ix.log, req, err)
	}
	return jsonResponse(200, r, "ETag", etag, "Cache-Control", "no-cache")
}

// GET /dashboard/{year}: every roster agency's status, from the catalog.
func (ix *index) dashboard(ctx context.Context, req Request) Response {
	now := time.Now()
	year, refusal := officeYear(req, now)
	if refusal != nil {
		return *refusal
	}
	q, refusal := readOfficeQuery(req, true)
	if refusal != nil {
		return *refusal
	}
	ros, err := loadRoster(ctx, ix.office, year)
	if err != nil {
		return officeFailure(ctx, ix.log, req, err)
	}
	entries, err := ix.catalog.Entries(ctx, year)
	if err != nil {
		return failure(ctx, ix.log, req, err)
	}
	b := dashboard.Build(year, ros, entries, now, dashboard.Filter{Region: q.Region, Status: q.Status})
	if !wantsHTML(req) {
		return varyOnAccept(jsonResponse(200, b, "Cache-Control", "no-cache"))
	}
	return varyOnAccept(ix.page(ctx, req, "dashboard.html", dashboardPage{Board: b, Statuses: dashboard.Statuses,
		Categories: roster.Categories, Query: officeLinks(year, q.Region)}))
}

type dashboardPage struct {
	*dashboard.Board
	Statuses   []dashboard.Status
	Categories []roster.Category
	Query      links
}

// links are the office's pages for a year and region.
type links struct {
	Dashboard, Stats, Export string
}

func officeLinks(year int, region string) links {
	y := strconv.Itoa(year)
	q := ""
	if region != "" {
		q = "?" + url.Values{"region": {region}}.Encode()
	}
	return links{Dashboard: "/dashboard/" + y + q, Stats: "/stats/" + y + q, Export: "/exports/" + y + ".xlsx" + q}
}
