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
	Year        int        `json:"year"`
	State       string     `json:"state"`
	RequestedAt time.Time  `json:"requestedAt"`
	StartedAt   *time.Time `json:"startedAt,omitempty"`
	FinishedAt  *time.Time `json:"finishedAt,omitempty"`
	Done        int        `json:"done"`  // reports packed so far
	Total       int        `json:"total"` // reports to pack
	Key         string     `json:"key,omitempty"`
	Bytes       int64      `json:"bytes,omitempty"`
	SHA256      string     `json:"sha256,omitempty"`
	Reports     int        `json:"reports,omitempty"`
	Error       string     `json:"error,omitempty"`
	UpdatedAt   time.Time  `json:"updatedAt"` // last write by the run; a run that stops updating has died
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

// writeStatus stores s; with etag set it is a compare-and-swap, with create
// a create-only write.
func (a *Archiver) writeStatus(ctx context.Context, s Status, etag string, create bool) error {
	s.UpdatedAt = a.now().UTC()
	body, err := json.Marshal(s)
	if err != nil {
		return err
	}
	_, err = a.store.Put(ctx, statusKey(s.Year), body, store.PutOptions{
		ContentType: "application/json; charset=utf-8", IfMatch: etag, IfNoneMatch: create})
	if err != nil {
		return fmt.Errorf("write archive status %d: %w", s.Year, err)
	}
	return nil
}
