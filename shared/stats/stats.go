// Package stats computes a supervising office's figures for a year and a
// region from its members' current reports: requests per agency, the
// outcome mix of 表三, 表四's reconsideration and litigation with the share
// corrected, and the trend over the years on file; and draws them as
// charts. Cells marked "/" add nothing and are counted.
package stats

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/nianbao/nianbao/shared/members"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/roster"
)

// Rosters returns the roster of a year, or nil when none is loaded.
type Rosters func(ctx context.Context, year int) (*roster.Roster, error)

// FirstYear is the first year reports exist for (the 2019 trial format).
const FirstYear = 2019

// MaxReports bounds the reports one computation reads, over all the years
// of the trend: the current year is always read, earlier years only while
// they fit, and the trend says where it stops.
const MaxReports = 20_000

// Figures are a year's statistics for a region ("" for all).
type Figures struct {
	Year       int    `json:"year"`
	Region     string `json:"region,omitempty"`
	Agencies   int    `json:"agencies"`             // members whose reports were read
	Unreadable int    `json:"unreadable,omitempty"` // filed, but the stored report cannot be read
	// Requests is each agency's 本年新收 and 办理结果总计, most requests first.
	Requests []AgencyRequests `json:"requests"`
	// Outcomes is 表三's （七）总计 by outcome, as the format groups them.
	Outcomes []Outcome `json:"outcomes"`
	Done     int64     `json:"done"` // （七）总计
	// Review is 表四 by group, with the share corrected among decided cases.
	Review        []ReviewGroup `json:"review"`
	Corrected     int64         `json:"corrected"`
	Decided       int64         `json:"decided"`
	CorrectedRate string        `json:"correctedRate"` // 被纠错率, e.g. 14.3%; "—" with nothing decided
	// Trend is the region's main figures for each year on file, oldest first.
	Trend []YearFigures `json:"trend"`
	// TrendFrom is the first year the trend covers; earlier years on file
	// are left out when reading them would pass MaxReports.
	TrendFrom    int `json:"trendFrom"`
	TrendSkipped int `json:"trendSkipped,omitempty"` // years on file left out
	// NotApplicable counts the cells read as "/" (not applicable); they add nothing.
	NotApplicable int `json:"notApplicable,omitempty"`
}

// AgencyRequests is one agency's requests.
type AgencyRequests struct {
	CreditCode  string `json:"creditCode"`
	Name        string `json:"name"`
	NewReceived int64  `json:"newReceived"` // 一、本年新收
	Done        int64  `json:"done"`        // （七）总计
	ID          string `json:"id"`
}

// Outcome is one outcome group of 表三 with its share of （七）总计.
type Outcome struct {
	Key     string `json:"key"`   // the first row's key, e.g. results.refused
	Label   string `json:"label"` // as the format prints it
	Count   int64  `json:"count"`
	Percent string `json:"percent"`
}

// ReviewGroup is one group of 表四.
type ReviewGroup struct {
	Key       string `json:"key"`
	Label     string `json:"label"`
	Upheld    int64  `json:"upheld"`
	Corrected int64  `json:"corrected"`
	Other     int64  `json:"otherOutcome"`
	Pending   int64  `json:"pending"`
	Total     int64  `json:"total"`
}

// YearFigures are one year's main figures.
type YearFigures struct {
	Year            int   `json:"year"`
	Agencies        int   `json:"agencies"`
	NewReceived     int64 `json:"newReceived"`
	Done            int64 `json:"done"`
	Reconsideration int64 `json:"reconsideration"`
	Litigation      int64 `json:"litigation"`
	Corrected       int64 `json:"corrected"`
}

// Compute reads the members' current reports of year and region, and those
// of the years before for the trend.
// A nil cache reads every report.
func Compute(ctx context.Context, src members.Source, cache members.Cache, rosters Rosters, year int, region string, now time.Time) (*Figures, error) {
	f := &Figures{Year: year, Region: region, Requests: []AgencyRequests{}, TrendFrom: year}
	budget := MaxReports
	for y := year; y >= FirstYear; y-- {
		entries, err := scope(ctx, src, rosters, y, region)
		if err != nil {
			return nil, err
		}
		if len(entries) == 0 {
			continue
		}
		if y != year && len(entries) > budget {
			f.TrendSkipped++
			continue
		}
		budget -= len(entries)
		ms, err := members.ReadCached(ctx, src, cache, y, entries, now)
		if err != nil {
			return nil, err
		}
		yf := YearFigures{Year: y}
		for _, m := range ms {
			if m.Report == nil {
				if y == year {
					f.Unreadable++
				}
				continue
			}
			yf.add(m.Report)
			if y == year {
				f.add(m)
			}
		}
		if y == year {
			f.finish()
		}
		f.Trend = append(f.Trend, yf)
		f.TrendFrom = y
	}
	slices.Reverse(f.Trend)
	if f.Trend == nil {
		f.Trend = []YearFigures{}
	}
	if f.Outcomes == nil {
		f.finish()
	}
	return f, nil
}

// scope returns the entries of the agencies of region that filed for year.
func scope(ctx context.Context, src members.Source, rosters Rosters, year int, region string) ([]members.Entry, error) {
	entries, err := src.Entries(ctx, year)
	if err != nil {
		return nil, fmt.Errorf("catalog %d: %w", year, err)
	}
	if region == "" {
		return entries, nil
	}
	ros, err := rosters(ctx, year)
	if err != nil {
		return nil, fmt.Errorf("roster %d: %w", year, err)
	}
	return members.Filed(members.InRegion(members.Join(ros, entries), region)), nil
}

// value reads a cell as a whole number; "/" and absent cells give false.
func value(r *report.Report, path string) (int64, bool) {
	c, ok := r.Cell(path)
	if !ok || c.State != report.Number {
		return 0, false
	}
	return int64(c.Value / report.Unit), true
}

func (y *YearFigures) add(r *report.Report) {
	y.Agencies++
	v := func(p string) int64 { n, _ := value(r, p); return n }
	y.NewReceived += v("table3.newReceived.total")
	y.Done += v("table3.results.resultsTotal.total")
	y.Reconsideration += v("table4.reconsideration.total")
	y.Litigation += v("table4.litigationDirect.total") + v("table4.litigationAfterReconsideration.total")
	for _, g := range r.Layout().Table4.Groups {
		y.Corrected += v("table4." + g.Key + ".corrected")
	}
}

// add counts one member of the year itself.
func (f *Figures) add(m members.Member) {
	r := m.Report
	l := r.Layout()
	if f.Outcomes == nil {
		f.Outcomes = outcomeGroups(l)
		for _, g := range l.Table4.Groups {
			f.Review = append(f.Review, ReviewGroup{Key: g.Key, Label: g.Name()})
		}
	}
	f.Agencies++
	for _, c := range l.Cells() {
		if cell, _ := r.Cell(c.Path); cell.State == report.NotApplicable {
			f.NotApplicable++
		}
	}
	nr, _ := value(r, "table3.newReceived.total")
	done, _ := value(r, "table3.results.resultsTotal.total")
	f.Requests = append(f.Requests, AgencyRequests{CreditCode: m.CreditCode, Name: m.Name, NewReceived: nr, Done: done, ID: m.ID})
	f.Done += done
	for i := range f.Outcomes {
		o := &f.Outcomes[i]
		for _, row := range l.Table3.Rows {
			if row.Outcome && outcomeKey(row) == o.Key {
				n, _ := value(r, row.Path()+".total")
				o.Count += n
			}
		}
	}
	for i := range f.Review {
		g := &f.Review[i]
		v := func(col string) int64 { n, _ := value(r, "table4."+g.Key+"."+col); return n }
		g.Upheld += v("upheld")
		g.Corrected += v("corrected")
		g.Other += v("otherOutcome")
		g.Pending += v("pending")
		g.Total += v("total")
	}
}

func (f *Figures) finish() {
	if f.Outcomes == nil {
		l := report.LayoutOf(report.VersionForYear(f.Year))
		f.Outcomes = outcomeGroups(l)
		f.Review = []ReviewGroup{}
		for _, g := range l.Table4.Groups {
			f.Review = append(f.Review, ReviewGroup{Key: g.Key, Label: g.Name()})
		}
	}
	for i := range f.Outcomes {
		f.Outcomes[i].Percent = Percent(f.Outcomes[i].Count, f.Done)
	}
	f.Corrected, f.Decided = 0, 0
	for _, g := range f.Review {
		f.Corrected += g.Corrected
		f.Decided += g.Upheld + g.Corrected + g.Other
	}
	f.CorrectedRate = Percent(f.Corrected, f.Decided)
	slices.SortStableFunc(f.Requests, func(a, b AgencyRequests) int {
		if a.NewReceived != b.NewReceived {
			if a.NewReceived > b.NewReceived {
				return -1
			}
			return 1
		}
		return strings.Compare(a.CreditCode, b.CreditCode)
	})
}

// outcomeGroups lists 表三's outcome groups as the format prints them:
// （一）予以公开, （二）部分公开, （三）不予公开 with its eight sub-rows, ….
func outcomeGroups(l *report.Layout) []Outcome {
	var out []Outcome
	for _, row := range l.Table3.Rows {
		if !row.Outcome {
			continue
		}
		key := outcomeKey(row)
		if len(out) > 0 && out[len(out)-1].Key == key {
			continue
		}
		label := row.Level2
		if row.Level3 == "" {
			label = row.Short // （二）部分公开, without the note the format prints after it
		}
		out = append(out, Outcome{Key: key, Label: label})
	}
	return out
}

// outcomeKey is the group a row belongs to: results.refused for
// results.refused.stateSecret, results.granted for itself.
func outcomeKey(row report.Row) string {
	parts := strings.Split(row.Key, ".")
	return strings.Join(parts[:min(2, len(parts))], ".")
}

// Percent formats part ÷ whole with one decimal, rounded half up: 62.5%;
// "—" when whole is zero.
func Percent(part, whole int64) string {
	if whole <= 0 {
		return "—"
	}
	tenths := (part*1000 + whole/2) / whole
	return fmt.Sprintf("%d.%d%%", tenths/10, tenths%10)
}
