package registry

import (
	"context"
	"encoding/base64"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/shared/report"
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
	// Skipped counts the agencies of the listed years whose latest.json
	// cannot be read: they are left out rather than failing the listing.
	Skipped int `json:"skipped,omitempty"`
	// Unreadable names them (credit codes), for the log.
	Unreadable []string `json:"-"`
}

// Page sizes.
const (
	DefaultPageSize = 50
	MaxPageSize     = 200
	readParallelism = 8
)

// List returns the current reports that match f, by year and credit code,
// from the catalog: one store listing and the shards that changed since the
// last call, however many versions are stored. A year and a credit code
// together read the agency's latest.json itself, the truth even when its
// catalog entry lags.
func (s *Service) List(ctx context.Context, f Filter) (Page, error) {
	if _, err := f.prefix(); err != nil {
		return Page{}, err
	}
	limit := f.Limit
	if limit == 0 {
		limit = DefaultPageSize
	}
	if limit < 0 || limit > MaxPageSize {
		return Page{}, errBadPageSize
	}
	after, err := decodeToken(f)
	if err != nil {
		return Page{}, err
	}
	page := Page{Items: []Summary{}}
	if f.Year != 0 && f.CreditCode != "" {
		return s.listOne(ctx, f, after)
	}
	views, err := s.views(ctx, f.Year)
	if err != nil {
		return Page{}, err
	}
	for _, v := range views {
		if v.year < after.year {
			continue
		}
		for _, cc := range v.unreadable {
			if f.CreditCode == "" || f.CreditCode == cc {
				page.Skipped++
				page.Unreadable = append(page.Unreadable, cc)
			}
		}
		start := 0
		if v.year == after.year {
			start, _ = slices.BinarySearchFunc(v.entries, after.creditCode+"\x00", func(e *entry, cc string) int { return strings.Compare(e.CreditCode, cc) })
		}
		for _, e := range v.entries[start:] {
			if !f.matches(&e.Summary) {
				continue
			}
			if len(page.Items) == limit {
				last := page.Items[limit-1]
				page.Next = encodeToken(position{last.Year, last.CreditCode})
				return page, nil
			}
			page.Items = append(page.Items, e.Summary)
		}
	}
	return page, nil
}

// listOne answers a listing for one agency and year from its pointer.
func (s *Service) listOne(ctx context.Context, f Filter, after position) (Page, error) {
	page := Page{Items: []Summary{}}
	l, _, err := s.readLatest(ctx, f.Year, f.CreditCode)
	switch {
	case errors.Is(err, ErrNotFound):
		return page, nil
	case errors.Is(err, ErrCorrupt):
		return Page{Items: page.Items, Skipped: 1, Unreadable: []string{f.CreditCode}}, nil
	case err != nil:
		return Page{}, err
	}
	if sum := l.summary(); after.year == 0 && f.matches(&sum) {
		page.Items = append(page.Items, sum)
	}
	return page, nil
}

// Catalog is a whole year as the catalog holds it: the dashboard's view.
type Catalog struct {
	Year       int       `json:"year"`
	Items      []Summary `json:"items"` // by credit code
	Unreadable []string  `json:"unreadable,omitempty"`
}

// Catalog returns the current report of every agency for year, in
// credit-code order: a store listing and at most Shards reads.
func (s *Service) Catalog(ctx context.Context, year int) (Catalog, error) {
	if _, err := (Filter{Year: year}).prefix(); err != nil || year == 0 {
		return Catalog{}, errBadYear
	}
	c := Catalog{Year: year, Items: []Summary{}}
	views, err := s.views(ctx, year)
	if err != nil || len(views) == 0 {
		return c, err
	}
	v := views[0]
	c.Items = make([]Summary, len(v.entries))
	for i, e := range v.entries {
		c.Items[i] = e.Summary
	}
	c.Unreadable = slices.Clone(v.unreadable)
	return c, nil
}

// Current calls fn with the current version of every agency's report for
// year, in credit-code order, from the catalog. It stops at the first error
// fn returns.
func (s *Service) Current(ctx context.Context, year int, fn func(Summary) error) error {
	c, err := s.Catalog(ctx, year)
	if err != nil {
		return err
	}
	for _, it := range c.Items {
		if err := fn(it); err != nil {
			return err
		}
	}
	return nil
}

func (f Filter) prefix() (string, error) {
	switch {
	case f.Year == 0 && f.CreditCode == "":
		return "reports/", nil
	case f.Year == 0:
		if !report.ValidCreditCode(f.CreditCode) {
			return "", errBadCode
		}
		return "reports/", nil
	case f.Year < 2019 || f.Year > report.MaxYear:
		return "", errBadYear
	case f.CreditCode == "":
		return "reports/" + strconv.Itoa(f.Year) + "/", nil
	case !report.ValidCreditCode(f.CreditCode):
		return "", errBadCode
	}
	return agencyPrefix(f.Year, f.CreditCode), nil
}

func (f Filter) matches(s *Summary) bool {
	return (f.CreditCode == "" || s.CreditCode == f.CreditCode) && (f.Query == "" || strings.Contains(s.AgencyName, f.Query))
}

// position is where a page ended: the last year and agency it showed.
type position struct {
	year       int
	creditCode string
}

// A page token is the key of the last shown agency's pointer: opaque to
// clients, stable whatever is filed meanwhile (the next page starts after
// that agency), and the same form tokens had before the catalog, so links
// made then still work.
func encodeToken(p position) string {
	return base64.RawURLEncoding.EncodeToString([]byte(latestKey(p.year, p.creditCode)))
}

func decodeToken(f Filter) (position, error) {
	if f.Token == "" {
		return position{}, nil
	}
	bad := errBadPageToken
	b, err := base64.RawURLEncoding.DecodeString(f.Token)
	if err != nil {
		return position{}, bad
	}
	rest, ok := strings.CutPrefix(string(b), "reports/")
	rest, ok2 := strings.CutSuffix(rest, "/"+latestFile)
	y, cc, ok3 := strings.Cut(rest, "/")
	year, err := strconv.Atoi(y)
	if !ok || !ok2 || !ok3 || err != nil || len(y) != 4 || year < 2019 || !report.ValidCreditCode(cc) ||
		(f.Year != 0 && year != f.Year) || (f.CreditCode != "" && cc != f.CreditCode) {
		return position{}, bad
	}
	return position{year, cc}, nil
}
