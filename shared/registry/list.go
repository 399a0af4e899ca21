package registry

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/store"
)

// Filter selects the reports a listing shows: the current version of each
// agency's report for a year.
type Filter struct {
	Year       int    // 0: every year
	CreditCode string // "": every agency
	Query      string // a part of the agency's name; "": any
	Limit      int    // page size, 1–MaxPageSize; 0 means DefaultPageSize
	Token      string // Page.Next of the page before
}

// Page is one page of a listing.
type Page struct {
	Items []Summary `json:"items"`
	Next  string    `json:"next,omitempty"` // opaque; empty on the last page
}

// Page sizes.
const (
	DefaultPageSize = 50
	MaxPageSize     = 200
	scanBatch       = 1000 // keys per store listing call
	readParallelism = 8
)

// List returns the current reports that match f, by year and credit code.
func (s *Service) List(ctx context.Context, f Filter) (Page, error) {
	prefix, err := f.prefix()
	if err != nil {
		return Page{}, err
	}
	limit := f.Limit
	if limit == 0 {
		limit = DefaultPageSize
	}
	if limit < 0 || limit > MaxPageSize {
		return Page{}, fmt.Errorf("%w: page size must be 1–%d", ErrBadRequest, MaxPageSize)
	}
	after, err := decodeToken(f.Token, prefix)
	if err != nil {
		return Page{}, err
	}
	var page Page
	for len(page.Items) < limit {
		infos, err := s.store.List(ctx, prefix, after, scanBatch)
		if err != nil {
			return Page{}, fmt.Errorf("list %s: %w", prefix, err)
		}
		var keys []string
		for _, in := range infos {
			if strings.HasSuffix(in.Key, "/"+latestFile) && f.matchesKey(in.Key) {
				keys = append(keys, in.Key)
			}
		}
		summaries, err := s.summaries(ctx, keys)
		if err != nil {
			return Page{}, err
		}
		for i, sum := range summaries {
			if !f.matches(sum) {
				continue
			}
			page.Items = append(page.Items, sum)
			if len(page.Items) == limit {
				page.Next = encodeToken(keys[i])
				return page, nil
			}
		}
		if len(infos) < scanBatch {
			return page, nil
		}
		after = infos[len(infos)-1].Key
	}
	return page, nil
}

// summaries reads the pointer objects at keys and summarises them.
func (s *Service) summaries(ctx context.Context, keys []string) ([]Summary, error) {
	pointers, err := s.pointers(ctx, keys)
	if err != nil {
		return nil, err
	}
	out := make([]Summary, len(pointers))
	for i := range pointers {
		out[i] = pointers[i].summary()
	}
	return out, nil
}

// pointers reads the pointer objects at keys, a few at a time, in order.
func (s *Service) pointers(ctx context.Context, keys []string) ([]latest, error) {
	out := make([]latest, len(keys))
	errs := make([]error, len(keys))
	sem := make(chan struct{}, readParallelism)
	var wg sync.WaitGroup
	for i, key := range keys {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			errs[i] = s.readJSON(ctx, key, maxLatestBytes, &out[i])
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (f Filter) prefix() (string, error) {
	switch {
	case f.Year == 0 && f.CreditCode == "":
		return "reports/", nil
	case f.Year == 0:
		if !report.ValidCreditCode(f.CreditCode) {
			return "", fmt.Errorf("%w: bad credit code", ErrBadRequest)
		}
		return "reports/", nil
	case f.Year < 2019 || f.Year > report.MaxYear:
		return "", fmt.Errorf("%w: bad year", ErrBadRequest)
	case f.CreditCode == "":
		return "reports/" + strconv.Itoa(f.Year) + "/", nil
	case !report.ValidCreditCode(f.CreditCode):
		return "", fmt.Errorf("%w: bad credit code", ErrBadRequest)
	}
	return agencyPrefix(f.Year, f.CreditCode), nil
}

func (f Filter) matchesKey(key string) bool {
	return f.CreditCode == "" || strings.Contains(key, "/"+f.CreditCode+"/")
}

func (f Filter) matches(s Summary) bool {
	return f.Query == "" || strings.Contains(s.AgencyName, f.Query)
}

// A page token is the last key a page showed; it is opaque to clients and
// checked on the way back in.
func encodeToken(key string) string { return base64.RawURLEncoding.EncodeToString([]byte(key)) }

func decodeToken(token, prefix string) (string, error) {
	if token == "" {
		return "", nil
	}
	b, err := base64.RawURLEncoding.DecodeString(token)
	key := string(b)
	if err != nil || !strings.HasPrefix(key, prefix) || store.ValidateKey(key) != nil {
		return "", fmt.Errorf("%w: bad page token", ErrBadRequest)
	}
	return key, nil
}
