package api

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/url"

	"github.com/nianbao/nianbao/shared/imports"
	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/source"
)

// ImportQueue lets POST /reports?import={year}/{sha256} file a report from
// the inbox's review queue: the report is filed with the original the entry
// kept, and the entry is marked filed.
func ImportQueue(q *imports.Queue) Option { return func(o *options) { o.queue = q } }

// queued is a filing from the review queue.
type queued struct {
	year     int
	sha      string
	original registry.SubmitOption
}

// fromQueue reads the ?import= of a filing: nil when there is none, else
// the entry's original to file with, or the response refusing it. Only an
// administrator files from the queue: the original is attached to whatever
// report the request carries.
func (u *upload) fromQueue(ctx context.Context, req Request, admin bool) (*queued, *Response) {
	q, err := url.ParseQuery(req.RawQueryString)
	ref := q.Get("import")
	if err != nil || ref == "" {
		return nil, nil
	}
	refuse := func(status int, code, msg string) (*queued, *Response) {
		r := problem(req, status, code, msg)
		return nil, &r
	}
	switch {
	case u.queue == nil:
		return refuse(404, "not-found", "本服务没有导入队列")
	case !admin:
		return refuse(403, "forbidden", "只有管理员可以提交导入队列中的年报")
	}
	year, sha, err := imports.ParseRef(ref)
	if err != nil {
		return refuse(400, "bad-request", "import 应为“年度/原件的 SHA-256”")
	}
	e, _, err := u.queue.Get(ctx, year, sha)
	switch {
	case errors.Is(err, imports.ErrNotFound):
		return refuse(404, "not-found", "没有这条导入记录")
	case err != nil:
		r := failure(ctx, u.log, req, err)
		return nil, &r
	case e.State == imports.Filed:
		return refuse(409, "already-filed", "这份导入的年报已经归档（"+e.ID+"）")
	case e.State != imports.Review:
		return refuse(409, "not-in-review", "这份导入不在待人工处理的队列中（"+e.State.Label()+"）")
	}
	rc, _, err := u.queue.OpenOriginal(ctx, e)
	if err != nil {
		r := failure(ctx, u.log, req, err)
		return nil, &r
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, source.DefaultLimits.MaxBytes+1))
	if err != nil {
		r := failure(ctx, u.log, req, err)
		return nil, &r
	}
	return &queued{year: year, sha: sha, original: registry.WithOriginal(e.OriginalExt(), e.OriginalType, data)}, nil
}

// markFiled marks the queue entry filed as version id. The report is filed
// already: a failure here answers 503, and filing again (the same report:
// the same version) marks it.
func (u *upload) markFiled(ctx context.Context, req Request, q *queued, id string) *Response {
	_, err := u.queue.MarkFiled(ctx, q.year, q.sha, id)
	if err == nil || errors.Is(err, imports.ErrNotInReview) {
		return nil // filed by a concurrent request meanwhile
	}
	u.log.WarnContext(ctx, "filed from the review queue, not marked", slog.String("requestId", req.RequestContext.RequestID),
		slog.String("import", imports.Ref(q.year, q.sha)), slog.String("id", id), slog.Any("error", err))
	r := problem(req, 503, "unavailable", "年报已保存，但导入队列暂时无法更新：请稍后再提交一次（内容相同，不会重复保存）", retryAfter(5)...)
	return &r
}
