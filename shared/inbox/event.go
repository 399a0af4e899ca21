package inbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"sync"
)

// s3Event is what S3 sends a function on each put: the fields read here,
// decoded record by record so that one odd record cannot spoil the rest
// (aws-lambda-go's type fails the whole event on one badly escaped key).
type s3Event struct {
	Records []s3Record `json:"Records"`
	// Event is "s3:TestEvent" in the message S3 sends once when the
	// notification is configured.
	Event string `json:"Event"`
}

type s3Record struct {
	EventSource string `json:"eventSource"`
	EventName   string `json:"eventName"`
	S3          struct {
		Bucket struct {
			Name string `json:"name"`
		} `json:"bucket"`
		Object struct {
			Key string `json:"key"` // URL-encoded, spaces as '+'
		} `json:"object"`
	} `json:"s3"`
}

// Opener returns the processor for a bucket: the import function opens
// its store when the first event names the bucket.
type Opener func(ctx context.Context, bucket string) (*Processor, error)

// Function is the import Lambda: each S3 event's objects are imported in
// turn. The function learns its bucket from the events, because the
// template cannot hand it the bucket's name (the bucket's notification
// names the function, and a reference back would be a cycle); when it was
// told one, events from any other bucket are refused.
type Function struct {
	bucket string
	open   Opener
	log    *slog.Logger

	mu    sync.Mutex
	procs map[string]*Processor
}

// NewFunction returns the handler; bucket is the configured bucket, or ""
// to serve the one the events name.
func NewFunction(bucket string, open Opener, log *slog.Logger) *Function {
	return &Function{bucket: bucket, open: open, log: log, procs: map[string]*Processor{}}
}

// Result is the function's answer: what became of each object.
type Result struct {
	Outcomes []Outcome `json:"outcomes"`
}

// Handle imports every object an S3 event names. It returns an error, for
// Lambda to retry the event, only when the store failed; a file that is no
// report, a key outside the inbox or a foreign bucket are answered and
// logged, since retrying cannot change them.
func (f *Function) Handle(ctx context.Context, raw json.RawMessage) (Result, error) {
	var ev s3Event
	if err := json.Unmarshal(raw, &ev); err != nil {
		return Result{}, fmt.Errorf("import function: unreadable event: %w", err)
	}
	if ev.Event == "s3:TestEvent" {
		f.log.InfoContext(ctx, "S3 test event: the inbox notification is configured")
		return Result{Outcomes: []Outcome{}}, nil
	}
	if len(ev.Records) == 0 {
		return Result{}, errors.New("import function: not an S3 event")
	}
	res := Result{Outcomes: make([]Outcome, 0, len(ev.Records))}
	var errs []error
	for _, rec := range ev.Records {
		out, err := f.record(ctx, rec)
		switch {
		case errors.Is(err, ErrNotInbox):
			out.Error = err.Error()
			f.log.WarnContext(ctx, "import: nothing to import", slog.String("key", out.Key), slog.Any("error", err))
		case err != nil:
			out.Error = err.Error()
			errs = append(errs, err)
			f.log.ErrorContext(ctx, "import failed", slog.String("key", out.Key), slog.Any("error", err))
		}
		res.Outcomes = append(res.Outcomes, out)
	}
	return res, errors.Join(errs...)
}

func (f *Function) record(ctx context.Context, rec s3Record) (Outcome, error) {
	key, err := url.QueryUnescape(rec.S3.Object.Key)
	if err != nil {
		return Outcome{Key: rec.S3.Object.Key}, fmt.Errorf("%w: key %q is not URL-encoded", ErrNotInbox, rec.S3.Object.Key)
	}
	bucket := rec.S3.Bucket.Name
	switch {
	case rec.EventSource != "aws:s3" || !strings.HasPrefix(rec.EventName, "ObjectCreated:"):
		return Outcome{Key: key}, fmt.Errorf("%w: event %s %s", ErrNotInbox, rec.EventSource, rec.EventName)
	case f.bucket != "" && bucket != f.bucket:
		return Outcome{Key: key}, fmt.Errorf("%w: bucket %q, this function serves %q", ErrNotInbox, bucket, f.bucket)
	}
	p, err := f.processor(ctx, bucket)
	if err != nil {
		return Outcome{Key: key}, err
	}
	return p.ProcessKey(ctx, key)
}

func (f *Function) processor(ctx context.Context, bucket string) (*Processor, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if p, ok := f.procs[bucket]; ok {
		return p, nil
	}
	p, err := f.open(ctx, bucket)
	if err != nil {
		return nil, fmt.Errorf("open bucket %q: %w", bucket, err)
	}
	f.procs[bucket] = p
	return p, nil
}
