package api

import (
	"context"
	"errors"
	"log/slog"

	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/store"
)

// failure turns an error from the registry into a response with a safe
// message; the error itself goes to the log only.
func failure(ctx context.Context, log *slog.Logger, req Request, err error) Response {
	switch {
	case errors.Is(err, registry.ErrNotFound):
		return problem(req, 404, "not-found", "没有找到这份年报")
	case errors.Is(err, registry.ErrBadRequest):
		msg := "请求参数无效"
		var re *registry.RequestError
		if errors.As(err, &re) {
			msg = re.Public
		}
		return problem(req, 400, "bad-request", msg)
	case errors.Is(err, store.ErrUnavailable), errors.Is(err, registry.ErrBusy),
		errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		log.WarnContext(ctx, "unavailable", slog.String("requestId", req.RequestContext.RequestID), slog.Any("error", err))
		return problem(req, 503, "unavailable", "存储服务暂时不可用，请稍后重试；已提交的年报不会丢失", retryAfter(5)...)
	}
	log.ErrorContext(ctx, "internal error", slog.String("requestId", req.RequestContext.RequestID), slog.Any("error", err))
	return problem(req, 500, "internal", "服务器内部错误，请把请求编号告知管理员")
}
