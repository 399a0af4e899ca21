package inbox

import (
	"context"
	"errors"
	"fmt"

	"github.com/nianbao/nianbao/shared/imports"
	"github.com/nianbao/nianbao/shared/store"
)

// ErrNotInbox: the key is not a file under inbox/{year}/; there is nothing
// to import and nothing to retry.
var ErrNotInbox = errors.New("not an inbox file")

// ProcessKey imports the object at an inbox key: a report, or the year's
// agencies file, which matches the year's waiting reports again. A key
// that is not an inbox file, or an object removed before it was read, is
// ErrNotInbox.
func (p *Processor) ProcessKey(ctx context.Context, key string) (Outcome, error) {
	k, err := ParseKey(key)
	if err != nil {
		return Outcome{Key: key}, fmt.Errorf("%w: %v", ErrNotInbox, err)
	}
	if k.Agencies {
		r, err := p.Rematch(ctx, k.Year)
		return Outcome{Key: key, Rematched: &r}, err
	}
	rc, _, err := p.st.Get(ctx, key)
	if errors.Is(err, store.ErrNotFound) {
		return Outcome{Key: key}, fmt.Errorf("%w: %s is gone", ErrNotInbox, key)
	}
	if err != nil {
		return Outcome{Key: key}, fmt.Errorf("read %s: %w", key, err)
	}
	in, err := ReadInput(k.Year, key, rc)
	rc.Close()
	if err != nil {
		return Outcome{Key: key}, err
	}
	e, err := p.Process(ctx, in)
	if err != nil {
		return Outcome{Key: key}, err
	}
	return outcomeOf(key, e), nil
}

// Outcome is what became of one inbox object.
type Outcome struct {
	Key       string           `json:"key"`
	State     imports.State    `json:"state,omitempty"`
	Ref       string           `json:"import,omitempty"` // {year}/{sha256}: the entry
	ID        string           `json:"id,omitempty"`     // the filed version
	Reasons   []imports.Reason `json:"reasons,omitempty"`
	Rematched *Rematched       `json:"rematched,omitempty"` // an agencies file
	Error     string           `json:"error,omitempty"`
}

func outcomeOf(key string, e imports.Entry) Outcome {
	return Outcome{Key: key, State: e.State, Ref: e.Ref(), ID: e.ID, Reasons: e.Reasons}
}
