package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/imports"
	"github.com/nianbao/nianbao/shared/ingest"
	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/report"
)

const civilCode = "11410303MB0000009N"

// civilDraft is the seed as the inbox drafted it from the civil affairs
// bureau's published page: no credit code yet.
func civilDraft(t *testing.T) []byte {
	t.Helper()
	doc := bytes.ReplaceAll(readTestdata(t, "seed-2020.json"), []byte("西工区教育体育局"), []byte("西工区民政局"))
	return bytes.Replace(doc, []byte(seedCode), nil, 1)
}

func sha(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// queueForReview stores an entry waiting for a person, as the inbox does
// for a page whose agency is on no list.
func queueForReview(t *testing.T, q *imports.Queue, page, draft []byte) imports.Entry {
	t.Helper()
	ctx := context.Background()
	e := imports.Entry{Year: 2020, SHA256: sha(page), Name: "inbox/2020/西工区民政局2020年政府信息公开工作年度报告.html", Size: int64(len(page)), Kind: "html",
		State: imports.Review, Report: draft, OriginalType: "text/html",
		Reasons:  []imports.Reason{{Code: imports.AgencyUnknown, Message: "机关名单中没有“西工区民政局”"}},
		Findings: []report.Finding{{Rule: "required", Severity: report.Error, Path: "agency.creditCode", Message: "缺少必填项“统一社会信用代码”"}}}
	key, err := q.KeepOriginal(ctx, 2020, e.SHA256, "html", "text/html", page)
	if err != nil {
		t.Fatal(err)
	}
	e.Original = key
	if _, err := q.Save(ctx, &e, ""); err != nil {
		t.Fatal(err)
	}
	return e
}

func TestImportRoutes(t *testing.T) {
	s := newStack(t, nil)
	ctx := context.Background()
	page := []byte("<html><body>西工区民政局2020年政府信息公开工作年度报告</body></html>")
	review := queueForReview(t, s.queue, page, civilDraft(t))
	refused := imports.Entry{Year: 2020, SHA256: sha([]byte("junk")), Name: "inbox/2020/junk.bin", State: imports.Refused,
		Reasons: []imports.Reason{{Code: imports.NotReadable, Message: "无法导入：不能导入这种文件"}}}
	filed := imports.Entry{Year: 2020, SHA256: sha([]byte("filed")), Name: "inbox/2020/filed.pdf", State: imports.Filed,
		ID: "2020-" + seedCode + "-" + sha([]byte("x")), FiledBy: imports.ByImport}
	for _, e := range []*imports.Entry{&refused, &filed} {
		if _, err := s.queue.Save(ctx, e, ""); err != nil {
			t.Fatal(err)
		}
	}
	base := "/imports/2020/" + review.SHA256
	tests := []struct {
		name, path, accept string
		status             int
		contains           []string
	}{
		{"the year as JSON", "/imports/2020", "", 200, []string{`"counts":{"filed":1,"refused":1,"review":1}`, `"name":"inbox/2020/西工区民政局`, `"agencyName":"西工区民政局"`}},
		{"one state", "/imports/2020?state=refused", "", 200, []string{`"entries":[{"sha256":"` + refused.SHA256}},
		{"the year as a page", "/imports/2020", "text/html", 200, []string{"<!doctype html>", `href="/new?import=2020/` + review.SHA256 + `"`,
			`href="` + base + `/source"`, "机关名单中没有“西工区民政局”", "已自动归档", `href="/reports/` + filed.ID + `"`, "1 个错误"}},
		{"a bad state", "/imports/2020?state=done", "", 400, []string{"state 应为"}},
		{"a bad year", "/imports/1999", "", 400, []string{"年度应为"}},
		{"an entry", base, "", 200, []string{`"state":"review"`, `"report":{`, `"name":"西工区民政局"`}},
		{"an entry not there", "/imports/2020/" + sha([]byte("none")), "", 404, []string{"没有这条导入记录"}},
		{"a bad sha", "/imports/2020/" + strings.ToUpper(review.SHA256), "", 400, []string{"SHA-256"}},
		{"the original", base + "/source", "", 200, []string{}},
		{"a refused file keeps none", "/imports/2020/" + refused.SHA256 + "/source", "", 404, []string{"没有保留原件"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := call(t, s.index, event("GET", tt.path, nil, "Accept", tt.accept))
			if resp.StatusCode != tt.status {
				t.Fatalf("GET %s: %d %.300s, want %d", tt.path, resp.StatusCode, resp.Body, tt.status)
			}
			for _, c := range tt.contains {
				if !strings.Contains(resp.Body, c) {
					t.Errorf("GET %s: body lacks %q:\n%.600s", tt.path, c, resp.Body)
				}
			}
		})
	}
	resp := call(t, s.index, event("GET", base+"/source", nil))
	if body := decodeBinary(t, resp); !bytes.Equal(body, page) || resp.Headers["Content-Security-Policy"] != "default-src 'none'; sandbox" ||
		!strings.Contains(resp.Headers["Content-Disposition"], "attachment") {
		t.Errorf("the original: %q %v; want the page, sandboxed, as an attachment", body, resp.Headers)
	}
	if resp := call(t, s.index, event("GET", "/imports/2020/"+filed.SHA256+"/source", nil)); resp.StatusCode != 302 ||
		resp.Headers["Location"] != "/reports/"+filed.ID+"/source" {
		t.Errorf("a filed entry's original: %d %v, want a redirect to the report's", resp.StatusCode, resp.Headers)
	}
}

// TestFileFromQueue: a person completes a queued draft in the form and
// files it; the report keeps the original the entry kept, and the entry is
// marked filed.
func TestFileFromQueue(t *testing.T) {
	s := newStack(t, nil)
	ctx := context.Background()
	page := []byte("<html><body>西工区民政局2020年政府信息公开工作年度报告</body></html>")
	e := queueForReview(t, s.queue, page, civilDraft(t))
	completed := bytes.ReplaceAll(readTestdata(t, "seed-2020.json"), []byte("西工区教育体育局"), []byte("西工区民政局"))
	completed = bytes.Replace(completed, []byte(seedCode), []byte(civilCode), 1)
	path := "/reports?import=2020/" + e.SHA256

	resp := call(t, s.upload, event("POST", path, completed, "Content-Type", jsonType))
	if resp.StatusCode != 201 {
		t.Fatalf("POST %s: %d %s", path, resp.StatusCode, resp.Body)
	}
	var receipt submitted
	decodeBody(t, resp, &receipt)
	got, _, err := s.queue.Get(ctx, 2020, e.SHA256)
	if err != nil || got.State != imports.Filed || got.ID != receipt.ID || got.FiledBy != imports.ByForm {
		t.Errorf("entry after filing: %+v, %v", got, err)
	}
	m, err := newRegistry(t, s.store).Manifest(ctx, receipt.ID)
	if err != nil || registry.SourceFile(m) != "source.html" || m.Files["source.html"].SHA256 != e.SHA256 {
		t.Errorf("filed version's files %v (%v), want the queued original as source.html", m.Files, err)
	}
	for _, tt := range []struct {
		name   string
		h      HandlerFunc
		req    Request
		status int
		code   string
	}{
		{"again", s.upload, event("POST", path, completed, "Content-Type", jsonType), 409, "already-filed"},
		{"an agency's token", NewUpload(newRegistry(t, s.store), ingest.Importer{}, quiet, ImportQueue(s.queue)),
			withClaims(event("POST", path, completed, "Content-Type", jsonType), agency(civilCode)), 403, "forbidden"},
		{"no queue", NewUpload(newRegistry(t, s.store), ingest.Importer{}, quiet, OpenWrites()), event("POST", path, completed, "Content-Type", jsonType), 404, "not-found"},
		{"a bad reference", s.upload, event("POST", "/reports?import=2020/x", completed, "Content-Type", jsonType), 400, "bad-request"},
		{"no such entry", s.upload, event("POST", "/reports?import=2020/"+sha([]byte("none")), completed, "Content-Type", jsonType), 404, "not-found"},
	} {
		resp := call(t, tt.h, tt.req)
		if resp.StatusCode != tt.status || !strings.Contains(resp.Body, tt.code) {
			t.Errorf("%s: %d %s, want %d %s", tt.name, resp.StatusCode, resp.Body, tt.status, tt.code)
		}
	}
}

// decodeBinary returns the bytes of a base64 response body.
func decodeBinary(t *testing.T, resp Response) []byte {
	t.Helper()
	if !resp.IsBase64Encoded {
		return []byte(resp.Body)
	}
	data, err := base64.StdEncoding.DecodeString(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
