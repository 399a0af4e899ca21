package archive

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/nianbao/nianbao/shared/store"
)

// States of an archive run.
const (
	Queued  = "queued"
	Running = "running"
	Done    = "done"
	Failed  = "failed"
)

// Status is what GET /archives/{year} shows.
type Status struct {
	Year        int          `json:"year"`
	State       string       `json:"state"`
	RequestedAt time.Time    `json:"requestedAt"`
	StartedAt   *time.Time   `json:"startedAt,omitempty"`
	FinishedAt  *time.Time   `json:"finishedAt,omitempty"`
	Done        int          `json:"done"`  // reports packed so far
	Total       int          `json:"total"` // reports to pack
	Key         string       `json:"key,omitempty"`
	Bytes       int64        `json:"bytes,omitempty"`
	SHA256      string       `json:"sha256,omitempty"`
	Reports     int          `json:"reports,omitempty"`
	Error       *StatusError `json:"error,omitempty"` // why a failed run failed
	UpdatedAt   time.Time    `json:"updatedAt"`       // last write by the run; a run that stops updating has died
}

// StatusError says why a run failed, for anyone who reads the status: a
// stable code and a Chinese message. The error itself, which may name keys
// and servers, goes to the log only.
type StatusError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// publicError is what the status shows of a run's error.
func publicError(err error) *StatusError {
	switch {
	case errors.Is(err, ErrEmpty):
		return &StatusError{"no-reports", "该年度还没有已提交的年报，没有可归档的内容"}
	case errors.Is(err, store.ErrUnavailable):
		return &StatusError{"storage-unavailable", "存储服务暂时不可用，归档未完成；请稍后重新发起归档"}
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return &StatusError{"interrupted", "归档运行被中断（超时或停止），未留下不完整的归档包；请重新发起归档"}
	}
	return &StatusError{"internal", "归档失败，未留下不完整的归档包；请重新发起归档，如仍失败请联系管理员"}
}

// staleAfter is how long a run may go without updating its status before a
// new request may take over: a Lambda that died, or lost its store, leaves a
// "running" status behind. A live run updates it every few seconds.
const staleAfter = 3 * time.Minute

func statusKey(year int) string { return "archives/" + strconv.Itoa(year) + "/status.json" }

// readStatus returns the year's status and its ETag; ErrNoStatus if none.
func (a *Archiver) readStatus(ctx context.Context, year int) (Status, string, error) {
	rc, info, err := a.store.Get(ctx, statusKey(year))
	if errors.Is(err, store.ErrNotFound) {
		return Status{}, "", ErrNoStatus
	}
	if err != nil {
		return Status{}, "", fmt.Errorf("read archive status %d: %w", year, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, 64<<10))
	if err != nil {
		return Status{}, "", fmt.Errorf("read archive status %d: %w", year, err)
	}
	var s Status
	if err := json.Unmarshal(data, &s); err != nil {
		return Status{}, "", fmt.Errorf("archive status %d: %w", year, err)
	}
	return s, info.ETag, nil
}

// writeStatus stores s and returns what it stored; with etag set it is a
// compare-and-swap, with create a create-only write.
func (a *Archiver) writeStatus(ctx context.Context, s Status, etag string, create bool) (Status, error) {
	s.UpdatedAt = a.now().UTC()
	body, err := json.Marshal(s)
	if err != nil {
		return Status{}, err
	}
	_, err = a.store.Put(ctx, statusKey(s.Year), body, store.PutOptions{
		ContentType: "application/json; charset=utf-8", IfMatch: etag, IfNoneMatch: create})
	if err != nil {
		return Status{}, fmt.Errorf("write archive status %d: %w", s.Year, err)
	}
	return s, nil
}
