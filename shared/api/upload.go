package api

import (
	"context"
	"errors"
	"log/slog"

	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/report"
)

// NewUpload returns the upload function's handler:
// POST /reports files a report; POST /reports/validate only checks it.
func NewUpload(reg *registry.Service, log *slog.Logger) HandlerFunc {
	u := &upload{reg: reg, log: log}
	rt := NewRouter(log)
	rt.handle("POST", "/reports", u.submit)
	rt.handle("POST", "/reports/validate", u.validate)
	return rt.Handle
}

type upload struct {
	reg *registry.Service
	log *slog.Logger
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

func (u *upload) submit(ctx context.Context, req Request, _ map[string]string) Response {
	doc, refusal := jsonBody(req)
	if refusal != nil {
		return *refusal
	}
	receipt, err := u.reg.Submit(ctx, doc)
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

func (u *upload) validate(ctx context.Context, req Request, _ map[string]string) Response {
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
