package imports

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/nianbao/nianbao/shared/store"
)

// Summary is what the review page shows of an entry.
type Summary struct {
	SHA256     string    `json:"sha256"`
	Name       string    `json:"name"`
	Kind       string    `json:"kind,omitempty"`
	State      State     `json:"state"`
	Reasons    []Reason  `json:"reasons,omitempty"`
	AgencyName string    `json:"agencyName,omitempty"` // the matched agency's, else the name the report prints
	CreditCode string    `json:"creditCode,omitempty"`
	ID         string    `json:"id,omitempty"`
	FiledBy    string    `json:"filedBy,omitempty"`
	Errors     int       `json:"errors"`
	Warnings   int       `json:"warnings"`
	HasDraft   bool      `json:"hasDraft"`
	Original   bool      `json:"original"` // a kept original can be opened
	UpdatedAt  time.Time `json:"updatedAt"`
}

func (e *Entry) summary(printedName string) Summary {
	s := Summary{SHA256: e.SHA256, Name: e.Name, Kind: e.Kind, State: e.State, Reasons: e.Reasons, AgencyName: printedName,
		ID: e.ID, FiledBy: e.FiledBy, HasDraft: len(e.Report) > 0 && string(e.Report) != "null",
		Original: e.Original != "", UpdatedAt: e.UpdatedAt}
	if e.Agency != nil {
		s.AgencyName, s.CreditCode = e.Agency.Name, e.Agency.CreditCode
	}
	s.Errors, s.Warnings = e.Counts()
	return s
}

// Listing is a year's entries: review first, then failed, refused and
// filed, each by file name.
type Listing struct {
	Year    int           `json:"year"`
	Counts  map[State]int `json:"counts"`
	Entries []Summary     `json:"entries"`
	// Omitted counts entries past MaxListed, which are neither counted
	// nor listed.
	Omitted int `json:"omitted,omitempty"`
	// Unreadable counts entries that could not be read (damaged objects).
	Unreadable int `json:"unreadable,omitempty"`
}

// MaxListed bounds the entries a listing reads: a province's year.
const MaxListed = 20_000

// listWorkers is how many entries are read at once.
const listWorkers = 16

// List reads every entry of the year. Each entry is read whole and only
// its summary kept, so memory grows with the number of entries, not their
// size.
func (q *Queue) List(ctx context.Context, year int) (Listing, error) {
	prefix := Prefix(year)
	var shas []string
	omitted := 0
	after := ""
	for {
		infos, err := q.st.List(ctx, prefix, after, store.MaxListLimit)
		if err != nil {
			return Listing{}, fmt.Errorf("list %s: %w", prefix, err)
		}
		for _, in := range infos {
			if sha, ok := shaOfKey(prefix, in.Key); ok {
				if len(shas) < MaxListed {
					shas = append(shas, sha)
				} else {
					omitted++
				}
			}
		}
		if len(infos) < store.MaxListLimit {
			break
		}
		after = infos[len(infos)-1].Key
	}
	out := Listing{Year: year, Counts: map[State]int{}, Entries: make([]Summary, 0, len(shas)), Omitted: omitted}
	results := make([]*Summary, len(shas))
	errs := make([]error, len(shas))
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(listWorkers, len(shas)) {
		wg.Go(func() {
			for i := range work {
				e, _, err := q.Get(ctx, year, shas[i])
				if err != nil {
					errs[i] = err
					continue
				}
				s := e.summary(printedName(e.Report))
				results[i] = &s
			}
		})
	}
	for i := range shas {
		work <- i
	}
	close(work)
	wg.Wait()
	for i, s := range results {
		switch {
		case s != nil:
			out.Entries = append(out.Entries, *s)
			out.Counts[s.State]++
		case errors.Is(errs[i], ErrCorrupt), errors.Is(errs[i], ErrNotFound):
			out.Unreadable++
		default:
			return Listing{}, errs[i]
		}
	}
	slices.SortFunc(out.Entries, func(a, b Summary) int {
		return cmp.Or(cmp.Compare(slices.Index(States, a.State), slices.Index(States, b.State)),
			cmp.Compare(a.Name, b.Name), cmp.Compare(a.SHA256, b.SHA256))
	})
	return out, nil
}
