package inbox

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/imports"
	"github.com/nianbao/nianbao/shared/roster"
	"github.com/nianbao/nianbao/shared/rosterfile"
	"github.com/nianbao/nianbao/shared/store"
	"github.com/nianbao/nianbao/shared/testkit"
)

// committedEvent reads an S3 event of testdata/events and puts the
// document it announces at its key.
func committedEvent(t *testing.T, st store.Store, event, doc string) json.RawMessage {
	t.Helper()
	raw := testkit.Testdata(t, "events/"+event)
	var ev s3Event
	if err := json.Unmarshal(raw, &ev); err != nil || len(ev.Records) != 1 {
		t.Fatalf("%s: %v", event, err)
	}
	key, err := url.QueryUnescape(ev.Records[0].S3.Object.Key)
	if err != nil {
		t.Fatal(err)
	}
	putObject(t, st, key, testkit.Testdata(t, "events/"+doc))
	return raw
}

func handler(p *Processor, bucket string) *Function {
	return NewFunction(bucket, func(context.Context, string) (*Processor, error) { return p, nil }, testkit.QuietLog())
}

// TestHandleCommittedEvents runs the import function's handler on the
// committed S3 events, as S3 sends them: a page of an agency on the year's
// roster is filed, one of an agency on no list waits, and the agencies
// file that names it files it.
func TestHandleCommittedEvents(t *testing.T) {
	p, st := newProcessor(t)
	ctx := context.Background()
	ros, err := rosterfile.Parse(testkit.Testdata(t, "roster-2020.csv"), 2020)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := roster.Save(ctx, st, ros, "", time.Now()); err != nil {
		t.Fatal(err)
	}
	fn := handler(p, "")
	steps := []struct {
		event, doc string
		want       imports.State
		id         string // the credit code filed, when filed
	}{
		{"import-put-page.json", "import-page.html", imports.Filed, "11410303MB0000009N"},
		{"import-put-review-page.json", "import-review-page.html", imports.Review, ""},
		{"import-put-page.json", "import-page.html", imports.Filed, "11410303MB0000009N"}, // S3 delivers twice at times
	}
	for _, s := range steps {
		res, err := fn.Handle(ctx, committedEvent(t, st, s.event, s.doc))
		if err != nil {
			t.Fatalf("%s: %v", s.event, err)
		}
		if len(res.Outcomes) != 1 || res.Outcomes[0].State != s.want || !strings.Contains(res.Outcomes[0].ID, s.id) {
			t.Errorf("%s: %+v, want %s %s", s.event, res.Outcomes, s.want, s.id)
		}
	}
	res, err := fn.Handle(ctx, committedEvent(t, st, "import-put-agencies.json", "import-agencies.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if r := res.Outcomes[0].Rematched; r == nil || *r != (Rematched{Waiting: 1, Filed: 1}) {
		t.Errorf("the agencies file: %+v, want the waiting page filed", res.Outcomes[0])
	}
	l, err := p.Queue().List(ctx, 2020)
	if err != nil {
		t.Fatal(err)
	}
	if l.Counts[imports.Filed] != 2 || len(l.Entries) != 2 {
		t.Errorf("the year's imports: %v", l.Counts)
	}
}

// TestHandleRefusesWhatItCannotImport: events the function cannot act on
// are answered and logged, not returned as errors for Lambda to retry.
func TestHandleRefusesWhatItCannotImport(t *testing.T) {
	p, st := newProcessor(t)
	ctx := context.Background()
	raw := committedEvent(t, st, "import-put-page.json", "import-page.html")
	for _, tc := range []struct {
		name   string
		bucket string
		event  string
		want   string
	}{
		{"another bucket", "other-bucket", string(raw), `this function serves "other-bucket"`},
		{"outside the inbox", "", strings.Replace(string(raw), `"key": "inbox/2020/`, `"key": "reports/2020/`, 1), "not under inbox/"},
		{"a folder marker", "", `{"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"inbox/2020/"}}}]}`, "want inbox/{year}/{file}"},
		{"a bad escape", "", `{"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"inbox/2020/%zz"}}}]}`, "not URL-encoded"},
		{"a removal", "", strings.Replace(string(raw), "ObjectCreated:Put", "ObjectRemoved:Delete", 1), "ObjectRemoved:Delete"},
		{"gone before read", "", `{"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"inbox/2020/gone.pdf"}}}]}`, "is gone"},
	} {
		res, err := handler(p, tc.bucket).Handle(ctx, json.RawMessage(tc.event))
		if err != nil || len(res.Outcomes) != 1 || !strings.Contains(res.Outcomes[0].Error, tc.want) {
			t.Errorf("%s: %+v, %v; want an outcome saying %q", tc.name, res, err, tc.want)
		}
	}
	if res, err := handler(p, "").Handle(ctx, json.RawMessage(`{"Service":"Amazon S3","Event":"s3:TestEvent","Bucket":"b"}`)); err != nil || len(res.Outcomes) != 0 {
		t.Errorf("S3's test event: %+v, %v", res, err)
	}
	for _, bad := range []string{`{}`, `[`, `{"source":"nianbao.schedule"}`} {
		if _, err := handler(p, "").Handle(ctx, json.RawMessage(bad)); err == nil {
			t.Errorf("Handle(%s) = nil error, want one", bad)
		}
	}
}

// TestHandleRetriesStorageFailures: a store that fails is an error Lambda
// retries (up to the template's MaximumRetryAttempts).
func TestHandleRetriesStorageFailures(t *testing.T) {
	_, st := newProcessor(t)
	raw := committedEvent(t, st, "import-put-page.json", "import-page.html")
	failing := handlerWith(func(context.Context, string) (*Processor, error) { return nil, store.ErrUnavailable })
	if _, err := failing.Handle(context.Background(), raw); !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("Handle with a store that cannot be opened: %v", err)
	}
	broken := &failingStore{Store: st, prefix: "imports/", broken: true}
	if _, err := handler(processorOn(t, broken), "").Handle(context.Background(), raw); !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("Handle with a store that fails writes: %v", err)
	}
}

func handlerWith(open Opener) *Function { return NewFunction("", open, testkit.QuietLog()) }

// FuzzHandle: any event is answered or refused with an error, never a
// panic.
func FuzzHandle(f *testing.F) {
	f.Add([]byte(`{"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"inbox/2020/a+b.pdf"}}}]}`))
	f.Add([]byte(`{"Event":"s3:TestEvent"}`))
	f.Add([]byte(`{"Records":[{}]}`))
	fn := handlerWith(func(context.Context, string) (*Processor, error) { return nil, store.ErrUnavailable })
	f.Fuzz(func(t *testing.T, raw []byte) {
		res, err := fn.Handle(context.Background(), raw)
		if err == nil && res.Outcomes == nil {
			t.Fatalf("Handle(%q): no outcomes and no error", raw)
		}
	})
}
