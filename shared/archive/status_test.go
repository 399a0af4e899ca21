package archive

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"regexp"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/store"
)

// The queued status a request answers with is the one stored, with its
// write time: a client polling for staleness compares against it.
func TestRequestAnswersTheStoredStatus(t *testing.T) {
	st := fsStore(t)
	a, _ := filed(t, st, "seed-2020.json")
	got, err := a.Request(context.Background(), 2020)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := a.Status(context.Background(), 2020)
	if err != nil {
		t.Fatal(err)
	}
	if got.UpdatedAt.IsZero() || !got.UpdatedAt.Equal(stored.UpdatedAt) {
		t.Errorf("Request's status updatedAt = %v, stored %v", got.UpdatedAt, stored.UpdatedAt)
	}
}

// A failed run's status says why in a stable code and Chinese words; the
// error itself, which names keys and years in English, stays in the log.
func TestFailedStatusIsPublic(t *testing.T) {
	st := fsStore(t)
	a, _ := filed(t, st) // nothing filed for 2021
	failed, err := a.Run(context.Background(), 2021, nil)
	if !errors.Is(err, ErrEmpty) {
		t.Fatalf("Run of an empty year: %v, want ErrEmpty", err)
	}
	stored, err := a.Status(context.Background(), 2021)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []Status{failed, stored} {
		body, _ := json.Marshal(s)
		if s.Error == nil || s.Error.Code != "no-reports" || regexp.MustCompile(`[A-Za-z]{4,}`).MatchString(s.Error.Message) {
			t.Errorf("failed status error = %+v, want code no-reports and a Chinese message", s.Error)
		}
		if strings.Contains(string(body), ErrEmpty.Error()) {
			t.Errorf("status %s shows the internal error", body)
		}
	}
}

// failingStatusStore refuses every write of a status object after the first ok ones.
type failingStatusStore struct {
	store.Creator
	ok int
}

func (f *failingStatusStore) Put(ctx context.Context, key string, body []byte, opts store.PutOptions) (store.Info, error) {
	if strings.HasSuffix(key, "/status.json") {
		if f.ok == 0 {
			return store.Info{}, store.ErrUnavailable
		}
		f.ok--
	}
	return f.Creator.Put(ctx, key, body, opts)
}

// A failure that cannot even be recorded in the status is logged.
func TestUnrecordedFailureIsLogged(t *testing.T) {
	st := fsStore(t)
	_, reg := filed(t, st)
	var logged bytes.Buffer
	// The request and the run's start are recorded; nothing after.
	a := New(reg, &failingStatusStore{Creator: st, ok: 2}, "办公室", WithLog(slog.New(slog.NewJSONHandler(&logged, nil))))
	if _, err := a.Request(context.Background(), 2021); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Run(context.Background(), 2021, nil); !errors.Is(err, ErrEmpty) {
		t.Fatalf("Run: %v, want ErrEmpty", err)
	}
	if !strings.Contains(logged.String(), "archive failure not recorded") {
		t.Errorf("log = %q, want the unrecorded failure", logged.String())
	}
}
