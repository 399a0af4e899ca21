package api

import (
	"context"
	"errors"
	"log/slog"

	"github.com/nianbao/nianbao/shared/auth"
	"github.com/nianbao/nianbao/shared/imports"
	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/report"
)

// NewUpload returns the upload function's handler:
// POST /reports files a report (one from the inbox's review queue with its
// original, given ImportQueue); POST /reports/validate only checks it;
// POST /reports/import reads a Word, Excel, web page, PDF or text file into
// a draft with imp. Filing needs the claims of a verified token (see
// Option).
func NewUpload(reg *registry.Service, imp Importer, log *slog.Logger, opts ...Option) HandlerFunc {
	if imp == nil {
		panic("api: the upload function needs an Importer")
	}
	o := collect(opts)
	u := &upload{reg: reg, imp: imp, log: log, writes: o.writes, queue: o.queue}
	return serve(Upload, log, endpoints{
		"POST /reports":          u.submit,
		"POST /reports/validate": u.validate,
		"POST /reports/import":   u.importDocument,
	})
}

// Importer reads a document into a draft report; ingest.Importer
// implements it. It is an interface so that only the upload function links
// the import engine.
type Importer interface {
	// Import reads data, named name by its sender ("" when it was not).
	// The result encodes as the JSON object `nianbao import --json`
	// prints; a file that cannot be read as a report is a result too,
	// and err is only a failure of the importer or of ctx.
	Import(ctx context.Context, data []byte, name string) (any, error)
}

type upload struct {
	reg    *registry.Service
	imp    Importer
	log    *slog.Logger
	writes writes
	queue  *imports.Queue // the inbox's review queue; nil without one
}

// Option configures how a handler authorizes writes, and what it files from.
type Option func(*options)

type options struct {
	writes
	queue *imports.Queue
}

func collect(opts []Option) options {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// OpenWrites lets writes that carry no authorizer claims through, as if an
// administrator sent them: for tests and `nianbao serve --dev` only. Without
// it a handler refuses such writes with 401, because on AWS the JWT
// authorizer always supplies claims and their absence means the route lost
// its authorizer. Claims that are present are enforced either way.
func OpenWrites() Option { return func(o *options) { o.open = true } }

type writes struct{ open bool }

func newWrites(opts []Option) writes { return collect(opts).writes }

// caller returns who sent a write, or the 401 that refuses it. open says the
// request has no claims and the handler lets it through anyway.
func (w writes) caller(req Request) (p auth.Principal, open bool, refusal *Response) {
	if p, ok := auth.FromEvent(req.RequestContext); ok {
		return p, false, nil
	}
	if w.open {
		return auth.Principal{}, true, nil
	}
	r := problem(req, 401, "unauthorized", "写入需要登录：请求没有经过验证的身份令牌（Authorization: Bearer …）",
		"WWW-Authenticate", "Bearer")
	return auth.Principal{}, false, &r
}

// Links point a client to a filed report.
type Links struct {
	Self string `json:"self"`
	PDF  string `json:"pdf"`
	JSON string `json:"json"`
}

func linksFor(id string) Links {
	base := "/reports/" + id
	return Links{Self: base, PDF: base + "/pdf", JSON: base + "/json"}
}

type submitted struct {
	registry.Receipt
	Links Links `json:"links"`
}

type rejected struct {
	errorBody
	Findings []report.Finding `json:"findings"`
}

func (u *upload) submit(ctx context.Context, req Request) Response {
	caller, open, refusal := u.writes.caller(req)
	if refusal != nil {
		return *refusal
	}
	doc, refusal := jsonBody(req)
	if refusal != nil {
		return *refusal
	}
	var only []registry.SubmitOption
	if !open && !caller.Admin() {
		only = append(only, registry.OnlyFor(caller.MayFile))
	}
	queued, refusal := u.fromQueue(ctx, req, open || caller.Admin())
	if refusal != nil {
		return *refusal
	}
	if queued != nil {
		only = append(only, queued.original)
	}
	receipt, err := u.reg.Submit(ctx, doc, only...)
	var forbidden *registry.ForbiddenError
	if errors.As(err, &forbidden) {
		return problem(req, 403, "forbidden", "此令牌不能提交统一社会信用代码为 "+forbidden.CreditCode+
			" 的机构的年报：请使用该机构的账号，或请管理员提交")
	}
	var invalid *registry.InvalidError
	if errors.As(err, &invalid) {
		var body rejected
		body.Error.Code, body.Error.RequestID = "invalid-report", req.RequestContext.RequestID
		body.Error.Message = "年报未通过校验，未保存；请按 findings 逐项修改"
		body.Findings = invalid.Findings
		status := 422
		if invalid.Unusable {
			status = 400
			body.Error.Code, body.Error.Message = "malformed-json", "请求体不是有效的年报 JSON："+invalid.Findings[0].Message
		}
		return jsonResponse(status, body)
	}
	if err != nil {
		return failure(ctx, u.log, req, err)
	}
	if queued != nil {
		if refusal := u.markFiled(ctx, req, queued, receipt.ID); refusal != nil {
			return *refusal
		}
	}
	if receipt.Warnings == nil {
		receipt.Warnings = []report.Finding{}
	}
	status := 200
	if receipt.Created {
		status = 201
	}
	links := linksFor(receipt.ID)
	return jsonResponse(status, submitted{Receipt: receipt, Links: links}, "Location", links.Self)
}

// checked is the live check's answer: the findings, whatever they are.
type checked struct {
	Valid    bool             `json:"valid"`
	Findings []report.Finding `json:"findings"`
}

func (u *upload) validate(ctx context.Context, req Request) Response {
	doc, refusal := jsonBody(req)
	if refusal != nil {
		return *refusal
	}
	r, findings, err := u.reg.Check(ctx, doc)
	if err != nil {
		return failure(ctx, u.log, req, err)
	}
	if findings == nil {
		findings = []report.Finding{}
	}
	return jsonResponse(200, checked{Valid: r != nil && !report.HasErrors(findings), Findings: findings})
}

// POST /reports/import: the draft a file holds, with its findings and the
// provenance of every value, exactly as `nianbao import --json` prints it.
// Nothing is stored. A file that is not a report is answered 200 too: the
// result names why, in its one import-refused finding.
func (u *upload) importDocument(ctx context.Context, req Request) Response {
	doc, refusal := documentBody(req)
	if refusal != nil {
		return *refusal
	}
	res, err := u.imp.Import(ctx, doc.data, doc.name)
	if errors.Is(err, context.DeadlineExceeded) {
		u.log.WarnContext(ctx, "import timed out", slog.String("requestId", req.RequestContext.RequestID), slog.Int("bytes", len(doc.data)))
		return problem(req, 503, "timeout", "导入未能在时限内完成：请稍后重试，或由管理员放入收件箱 inbox/{年度}/ 导入", retryAfter(5)...)
	}
	if err != nil {
		return failure(ctx, u.log, req, err)
	}
	return jsonResponse(200, res, "Cache-Control", "no-store")
}
