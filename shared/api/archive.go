package api

import (
	"context"
	"errors"
	"log/slog"
	"strconv"
	"time"

	"github.com/nianbao/nianbao/shared/archive"
	"github.com/nianbao/nianbao/shared/auth"
	"github.com/nianbao/nianbao/shared/store"
)

// Starter starts an archive run for a year without waiting for it: the
// archive function invokes itself asynchronously on AWS, the local server
// runs it in the background.
type Starter interface {
	Start(ctx context.Context, year int) error
}

// NewArchive returns the archive function's HTTP handler:
// POST /archives/{year} queues a run (202) for an administrator (see
// Option), GET /archives/{year} shows it to anyone.
func NewArchive(a *archive.Archiver, start Starter, log *slog.Logger, opts ...Option) HandlerFunc {
	h := &archiveHandler{arch: a, start: start, log: log, now: time.Now, writes: newWrites(opts)}
	return serve(Archive, log, endpoints{
		"POST /archives/{year}": h.request,
		"GET /archives/{year}":  h.status,
	})
}

type archiveHandler struct {
	arch   *archive.Archiver
	start  Starter
	log    *slog.Logger
	now    func() time.Time
	writes writes
}

// archiveStatus is the status with a download link once the bag is done.
type archiveStatus struct {
	archive.Status
	Download string `json:"download,omitempty"`
}

func (h *archiveHandler) year(req Request) (int, *Response) {
	p := pathParam(req, "year")
	y, err := strconv.Atoi(p)
	if err != nil || len(p) != 4 || y < 2019 || y > h.now().Year() {
		r := problem(req, 400, "bad-request", "年度应为 2019 年至今年之间的四位年份")
		return 0, &r
	}
	return y, nil
}

func (h *archiveHandler) request(ctx context.Context, req Request) Response {
	caller, open, refusal := h.writes.caller(req)
	if refusal != nil {
		return *refusal
	}
	if !open && !caller.Admin() {
		return problem(req, 403, "forbidden", "只有管理员（令牌带 "+auth.AdminScope+" 权限）可以启动归档")
	}
	year, refusal := h.year(req)
	if refusal != nil {
		return *refusal
	}
	st, err := h.arch.Request(ctx, year)
	if errors.Is(err, archive.ErrInProgress) {
		return jsonResponse(202, archiveStatus{Status: st}, "Location", "/archives/"+strconv.Itoa(year))
	}
	if err != nil {
		return failure(ctx, h.log, req, err)
	}
	if err := h.start.Start(ctx, year); err != nil {
		return failure(ctx, h.log, req, err)
	}
	return jsonResponse(202, archiveStatus{Status: st}, "Location", "/archives/"+strconv.Itoa(year))
}

func (h *archiveHandler) status(ctx context.Context, req Request) Response {
	year, refusal := h.year(req)
	if refusal != nil {
		return *refusal
	}
	st, err := h.arch.Status(ctx, year)
	if errors.Is(err, archive.ErrNoStatus) {
		return problem(req, 404, "not-found", "该年度尚未归档")
	}
	if err != nil {
		return failure(ctx, h.log, req, err)
	}
	out := archiveStatus{Status: st}
	if st.State == archive.Done {
		u, err := h.arch.DownloadURL(ctx, st, presignTTL)
		switch {
		case err == nil:
			out.Download = u
		case !errors.Is(err, store.ErrNotSupported):
			return failure(ctx, h.log, req, err)
		}
	}
	return jsonResponse(200, out)
}
