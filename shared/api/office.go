package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"html/template"
	"io"
	"log/slog"
	"mime"
	"regexp"
	"strconv"
	"time"

	"github.com/nianbao/nianbao/shared/auth"
	"github.com/nianbao/nianbao/shared/members"
	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/roster"
	"github.com/nianbao/nianbao/shared/stats"
	"github.com/nianbao/nianbao/shared/store"
	"github.com/nianbao/nianbao/shared/summary"
)

// NewOffice returns the office function's handler: the supervising
// office's work that reads every member's report or writes — loading the
// roster (PUT /rosters/{year}), the region's summary (POST
// /summaries/{year}), the statistics (GET /stats/{year}), the Excel
// export (GET /exports/{year}.xlsx) and the templates people fill (GET
// /templates/{version}.xlsx|docx). Writes need an administrator (see
// Option). It files no report, so it carries no renderer.
func NewOffice(reg *registry.Service, of Supervision, log *slog.Logger, opts ...Option) HandlerFunc {
	o := &office{reg: reg, src: of.catalog(reg), store: of.Store, cache: members.StoreCache{Store: of.Store},
		files: of.Files, templates: &templateFiles{}, log: log, now: time.Now, writes: newWrites(opts)}
	return serve(Office, log, endpoints{
		"PUT /rosters/{year}":    o.putRoster,
		"POST /summaries/{year}": o.summarize,
		"GET /stats/{year}":      o.stats,
		"GET /exports/{file}":    o.export,
		"GET /templates/{file}":  o.template,
	})
}

// Workbooks reads roster files and writes the Excel export; package
// workbook implements it. It is an interface so that this package does not
// link the roster reader and the export into every function.
type Workbooks interface {
	ParseRoster(data []byte, year int) (*roster.Roster, error)
	WriteExport(ctx context.Context, w io.Writer, year int, region string, ms []members.Member, now time.Time) error
	// WriteTemplate writes the blank template of format version v as ext
	// ("xlsx" or "docx") and returns the name to save it under.
	WriteTemplate(w io.Writer, v report.Version, ext string) (name string, err error)
}

// xlsxType is an .xlsx workbook's media type.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// exportFileName is the workbook's name as a person sees it.
func exportFileName(year int, region string) string {
	name := strconv.Itoa(year) + "年政府信息公开工作年度报告汇总"
	if region != "" {
		name += "（" + region + "）"
	}
	return name + ".xlsx"
}

type office struct {
	reg   *registry.Service
	src   members.Source
	store Store
	cache members.Cache // what was read of each version, in the bucket
	files Workbooks
	// templates are the blank templates served, built once.
	templates *templateFiles
	log       *slog.Logger
	now       func() time.Time
	writes    writes
}

// admin refuses a write from anyone but an administrator.
func (o *office) admin(req Request, what string) *Response {
	caller, open, refusal := o.writes.caller(req)
	if refusal != nil {
		return refusal
	}
	if !open && !caller.Admin() {
		r := problem(req, 403, "forbidden", "只有管理员（令牌带 "+auth.AdminScope+" 权限）可以"+what)
		return &r
	}
	return nil
}

// rosterTypes are the media types a roster file arrives with: what browsers
// and tools send for .csv and .xlsx files. The content decides how it is read.
var rosterTypes = map[string]bool{
	"text/csv": true, "application/csv": true, "text/plain": true, "application/vnd.ms-excel": true,
	xlsxType: true, "application/octet-stream": true,
}

// rejectedRoster is the answer to a roster file with problems.
type rejectedRoster struct {
	errorBody
	Problems []roster.Problem `json:"problems"`
	Omitted  int              `json:"omitted,omitempty"`
}

// savedRoster is the answer to a stored roster.
type savedRoster struct {
	Year      int    `json:"year"`
	Agencies  int    `json:"agencies"`
	ETag      string `json:"etag"`
	Dashboard string `json:"dashboard"`
}

// PUT /rosters/{year}: a CSV or XLSX roster replaces the year's.
func (o *office) putRoster(ctx context.Context, req Request) Response {
	if refusal := o.admin(req, "上传名册"); refusal != nil {
		return *refusal
	}
	year, refusal := officeYear(req, o.now())
	if refusal != nil {
		return *refusal
	}
	mt, _, err := mime.ParseMediaType(header(req, "Content-Type"))
	if err != nil || !rosterTypes[mt] {
		return problem(req, 415, "unsupported-media-type", "请以 CSV（text/csv）或 Excel 工作簿（.xlsx）上传名册")
	}
	data, refusal := binaryBody(req, roster.MaxFileBytes, "名册文件不能超过 4 MiB")
	if refusal != nil {
		return *refusal
	}
	ros, err := o.files.ParseRoster(data, year)
	var invalid *roster.InvalidError
	if errors.As(err, &invalid) {
		var body rejectedRoster
		body.Error.Code, body.Error.RequestID = "invalid-roster", req.RequestContext.RequestID
		body.Error.Message = "名册未通过校验，未保存；请按 problems 逐行修改（共 " + strconv.Itoa(len(invalid.Problems)+invalid.Omitted) + " 处）"
		body.Problems, body.Omitted = invalid.Problems, invalid.Omitted
		return jsonResponse(422, body)
	}
	if err != nil {
		return failure(ctx, o.log, req, err)
	}
	ifMatch := header(req, "If-Match")
	etag, err := roster.Save(ctx, o.store, ros, ifMatch, o.now())
	if errors.Is(err, roster.ErrConflict) && ifMatch != "" {
		return problem(req, 412, "precondition-failed", "名册已被他人更新（If-Match 与当前版本不符），请重新读取后再上传")
	}
	if err != nil {
		return officeFailure(ctx, o.log, req, err)
	}
	y := strconv.Itoa(year)
	return jsonResponse(200, savedRoster{Year: year, Agencies: len(ros.Agencies), ETag: etag, Dashboard: "/dashboard/" + y},
		"ETag", etag, "Location", "/rosters/"+y)
}

// binaryBody returns a request's body as bytes (API Gateway base64-encodes
// binary bodies), or the 413 or 400 that refuses it.
func binaryBody(req Request, limit int, tooLargeMessage string) ([]byte, *Response) {
	if len(req.Body) > base64.StdEncoding.EncodedLen(limit) {
		r := problem(req, 413, "too-large", tooLargeMessage)
		return nil, &r
	}
	data := []byte(req.Body)
	if req.IsBase64Encoded {
		var err error
		if data, err = base64.StdEncoding.DecodeString(req.Body); err != nil {
			r := problem(req, 400, "bad-encoding", "请求体的 base64 编码无效")
			return nil, &r
		}
	}
	if len(data) > limit {
		r := problem(req, 413, "too-large", tooLargeMessage)
		return nil, &r
	}
	return data, nil
}

// refusedSummary is the answer to a summary that cannot be made.
type refusedSummary struct {
	errorBody
	Members []string `json:"members,omitempty"`
}

// POST /summaries/{year}: the draft of the office's own report.
func (o *office) summarize(ctx context.Context, req Request) Response {
	if refusal := o.admin(req, "生成汇总报告"); refusal != nil {
		return *refusal
	}
	now := o.now()
	year, refusal := officeYear(req, now)
	if refusal != nil {
		return *refusal
	}
	body, refusal := jsonBody(req)
	if refusal != nil {
		return *refusal
	}
	sreq, err := summary.DecodeRequest(body)
	if err == nil {
		var agencies []members.Agency
		if agencies, err = o.agencies(ctx, year); err == nil {
			var res *summary.Result
			res, err = summary.Build(ctx, summary.Input{Year: year, Request: sreq, Agencies: agencies, Reports: o.src, Cache: o.cache, Now: now})
			if err == nil {
				return jsonResponse(200, res)
			}
		}
	}
	var refused *summary.RefusedError
	if errors.As(err, &refused) {
		var b refusedSummary
		b.Error.Code, b.Error.Message, b.Error.RequestID = refused.Reason, refused.Message, req.RequestContext.RequestID
		b.Members = refused.Members
		status := 422
		if refused.Reason == summary.ReasonBadRequest {
			status = 400
		}
		return jsonResponse(status, b)
	}
	return officeFailure(ctx, o.log, req, err)
}

// agencies joins the year's roster (if any) with the catalog.
func (o *office) agencies(ctx context.Context, year int) ([]members.Agency, error) {
	ros, err := loadRoster(ctx, o.store, year)
	if err != nil {
		return nil, err
	}
	entries, err := o.src.Entries(ctx, year)
	if err != nil {
		return nil, err
	}
	return members.Join(ros, entries), nil
}

// GET /stats/{year}?region=: the figures as charts, or as JSON.
func (o *office) stats(ctx context.Context, req Request) Response {
	now := o.now()
	year, refusal := officeYear(req, now)
	if refusal != nil {
		return *refusal
	}
	q, refusal := readOfficeQuery(req, false)
	if refusal != nil {
		return *refusal
	}
	rosters := func(ctx context.Context, y int) (*roster.Roster, error) { return loadRoster(ctx, o.store, y) }
	f, err := stats.Compute(ctx, o.src, o.cache, rosters, year, q.Region, now)
	if err != nil {
		return officeFailure(ctx, o.log, req, err)
	}
	if !wantsHTML(req) {
		return varyOnAccept(jsonResponse(200, f, "Cache-Control", "no-cache"))
	}
	ros, err := loadRoster(ctx, o.store, year)
	if err != nil {
		return officeFailure(ctx, o.log, req, err)
	}
	var regions []string
	if ros != nil {
		regions = ros.Regions()
	}
	body, err := renderPage("stats.html", statsPage{Figures: f, Charts: svgCharts(f.Charts()), Regions: regions, Query: officeLinks(year, q.Region)})
	if err != nil {
		return failure(ctx, o.log, req, err)
	}
	return varyOnAccept(htmlResponse(200, body))
}

var exportName = regexp.MustCompile(`^([0-9]{4})\.xlsx$`)

// maxInlineExport bounds a workbook answered in the response itself (the
// filesystem store, which cannot presign); on S3 the workbook goes to the
// bucket and the client is redirected to it.
const maxInlineExport = 32 << 20

// GET /exports/{year}.xlsx?region=: the year's tables as a workbook.
func (o *office) export(ctx context.Context, req Request) Response {
	now := o.now()
	m := exportName.FindStringSubmatch(pathParam(req, "file"))
	if m == nil {
		return problem(req, 404, "not-found", "导出文件名应为 {年度}.xlsx，例如 /exports/2024.xlsx")
	}
	req.PathParameters = map[string]string{"year": m[1]}
	year, refusal := officeYear(req, now)
	if refusal != nil {
		return *refusal
	}
	q, refusal := readOfficeQuery(req, false)
	if refusal != nil {
		return *refusal
	}
	agencies, err := o.agencies(ctx, year)
	if err != nil {
		return officeFailure(ctx, o.log, req, err)
	}
	var entries []members.Entry
	var shown []members.Agency
	for _, a := range members.InRegion(agencies, q.Region) {
		if a.Entry != nil {
			entries = append(entries, *a.Entry)
			shown = append(shown, a)
		}
	}
	ms, err := members.ReadCached(ctx, o.src, o.cache, year, entries, now)
	if err != nil {
		return failure(ctx, o.log, req, err)
	}
	for i := range ms { // the roster's name and region, as the dashboard shows them
		ms[i].Name, ms[i].Region = shown[i].Name, shown[i].Region
	}
	var buf bytes.Buffer
	if err := o.files.WriteExport(ctx, &buf, year, q.Region, ms, now); err != nil {
		return failure(ctx, o.log, req, err)
	}
	name := exportFileName(year, q.Region)
	key := exportKey(year, q.Region)
	u, err := o.store.PresignGet(ctx, key, presignTTL, name)
	switch {
	case errors.Is(err, store.ErrNotSupported):
		if buf.Len() > maxInlineExport {
			return failure(ctx, o.log, req, errors.New("export too large to answer inline"))
		}
		return binaryResponse(xlsxType, buf.Bytes(), "Content-Disposition", store.ContentDisposition(name), "Cache-Control", "no-store")
	case err != nil:
		return failure(ctx, o.log, req, err)
	}
	if _, err := o.store.Put(ctx, key, buf.Bytes(), store.PutOptions{ContentType: xlsxType}); err != nil {
		return failure(ctx, o.log, req, err)
	}
	return redirect(u)
}

// exportKey is where a year's workbook for a region is kept to be
// downloaded: one object per year and region, replaced by each export.
func exportKey(year int, region string) string {
	name := "all"
	if region != "" {
		sum := sha256.Sum256([]byte(region))
		name = "region-" + hex.EncodeToString(sum[:8])
	}
	return "exports/" + strconv.Itoa(year) + "/" + name + ".xlsx"
}

// statsPage is the statistics page's data.
type statsPage struct {
	*stats.Figures
	Charts  []svgChart
	Regions []string
	Query   links
}

type svgChart struct {
	stats.Chart
	Markup template.HTML
}

// svgCharts marks the charts' SVG as safe to embed: package chart writes
// every label and title escaped, and nothing else from outside.
func svgCharts(cs []stats.Chart) []svgChart {
	out := make([]svgChart, len(cs))
	for i, c := range cs {
		out[i] = svgChart{Chart: c, Markup: template.HTML(c.SVG)} //nolint:gosec // escaped by package chart
	}
	return out
}
