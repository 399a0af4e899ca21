// Package dashboard is the supervising office's view of its year: every
// agency on the roster with its filing status against its deadline, counts
// and progress per region and category, and the agencies that filed
// without being on the roster. It reads the catalog's entries only, never
// the reports.
package dashboard

import (
	"cmp"
	"slices"
	"time"

	"github.com/nianbao/nianbao/shared/members"
	"github.com/nianbao/nianbao/shared/roster"
)

// Status is where an agency stands for the year.
type Status string

// The statuses, judged on the first filing against the category's deadline.
const (
	Missing   Status = "missing"    // nothing filed, deadline ahead
	Overdue   Status = "overdue"    // nothing filed, deadline passed
	Filed     Status = "filed"      // filed on time
	FiledLate Status = "filed-late" // filed after the deadline
)

// Statuses lists every status in the order pages show them.
var Statuses = []Status{Overdue, Missing, FiledLate, Filed}

// Label is the status in Chinese.
func (s Status) Label() string {
	switch s {
	case Missing:
		return "未报送"
	case Overdue:
		return "逾期未报"
	case Filed:
		return "按时报送"
	case FiledLate:
		return "逾期报送"
	}
	return string(s)
}

// ParseStatus reads a status filter; "" is every status.
func ParseStatus(s string) (Status, bool) {
	if s == "" {
		return "", true
	}
	for _, st := range Statuses {
		if string(st) == s {
			return st, true
		}
	}
	return "", false
}

// Filter narrows the agencies listed. The counts follow the region but not
// the status, so that the progress stays in view.
type Filter struct {
	Region string `json:"region,omitempty"`
	Status Status `json:"status,omitempty"`
}

// Row is one agency on the dashboard.
type Row struct {
	CreditCode string          `json:"creditCode"`
	Name       string          `json:"name"`
	Region     string          `json:"region"`
	Category   roster.Category `json:"category,omitempty"` // "" when not on the roster
	Status     Status          `json:"status"`
	Due        string          `json:"due,omitempty"`     // the deadline's last day, 2025-01-31
	FiledAt    string          `json:"filedAt,omitempty"` // Beijing time, 2025-01-20 10:00
	Warnings   int             `json:"warnings"`
	Errors     int             `json:"errors"`
	Versions   int             `json:"versions,omitempty"`
	ID         string          `json:"id,omitempty"` // the current version, for a link
}

// Link is the report's page, or "" when nothing is filed.
func (r Row) Link() string {
	if r.ID == "" {
		return ""
	}
	return "/reports/" + r.ID
}

// Counts are agencies by status, with the share that filed.
type Counts struct {
	Total     int `json:"total"`
	Filed     int `json:"filed"`
	FiledLate int `json:"filedLate"`
	Missing   int `json:"missing"`
	Overdue   int `json:"overdue"`
	// Percent is the share that filed at all, on time or late, rounded down.
	Percent int `json:"percent"`
}

// Reported counts the agencies that filed, on time or late.
func (c Counts) Reported() int { return c.Filed + c.FiledLate }

func (c *Counts) add(s Status) {
	c.Total++
	switch s {
	case Filed:
		c.Filed++
	case FiledLate:
		c.FiledLate++
	case Missing:
		c.Missing++
	case Overdue:
		c.Overdue++
	}
	c.Percent = c.Reported() * 100 / c.Total
}

// Group counts a region's agencies of one category.
type Group struct {
	Region   string          `json:"region"`
	Category roster.Category `json:"category"`
	Counts
}

// Board is the dashboard of a year.
type Board struct {
	Year      int      `json:"year"`
	AsOf      string   `json:"asOf"` // Beijing time
	HasRoster bool     `json:"hasRoster"`
	Filter    Filter   `json:"filter"`
	Totals    Counts   `json:"totals"`
	Groups    []Group  `json:"groups"`
	Deadlines []Due    `json:"deadlines"`
	Agencies  []Row    `json:"agencies"`  // on the roster, by region in the roster's order
	OffRoster []Row    `json:"offRoster"` // filed but not on the roster, by credit code
	Regions   []string `json:"regions"`   // every region, for the filter
}

// Due is a category's deadline for the year.
type Due struct {
	Category roster.Category `json:"category"`
	Date     string          `json:"date"`
	Passed   bool            `json:"passed"`
}

// Build makes the year's board from the roster (nil when none is loaded)
// and the catalog's entries, as of now.
func Build(year int, ros *roster.Roster, entries []members.Entry, now time.Time, f Filter) *Board {
	b := &Board{Year: year, AsOf: now.In(roster.Beijing).Format("2006-01-02 15:04"), HasRoster: ros != nil, Filter: f,
		Groups: []Group{}, Agencies: []Row{}, OffRoster: []Row{}, Regions: []string{}}
	for _, c := range roster.Categories {
		b.Deadlines = append(b.Deadlines, Due{Category: c, Date: c.DueDate(year), Passed: !now.Before(c.Deadline(year))})
	}
	regions := map[string]bool{}
	groups := map[[2]string]*Group{}
	for _, a := range members.Join(ros, entries) {
		if !regions[a.Region] {
			regions[a.Region] = true
			b.Regions = append(b.Regions, a.Region)
		}
		if !roster.InRegion(a.Region, f.Region) {
			continue
		}
		row := rowOf(a, year, now)
		if !a.OnRoster {
			if f.Status == "" || f.Status == row.Status {
				b.OffRoster = append(b.OffRoster, row)
			}
			continue
		}
		b.Totals.add(row.Status)
		key := [2]string{a.Region, string(a.Category)}
		g := groups[key]
		if g == nil {
			g = &Group{Region: a.Region, Category: a.Category}
			groups[key] = g
		}
		g.add(row.Status)
		if f.Status == "" || f.Status == row.Status {
			b.Agencies = append(b.Agencies, row)
		}
	}
	slices.Sort(b.Regions)
	for _, g := range groups {
		b.Groups = append(b.Groups, *g)
	}
	slices.SortFunc(b.Groups, func(x, y Group) int {
		return cmp.Or(cmp.Compare(x.Region, y.Region), categoryOrder(x.Category)-categoryOrder(y.Category))
	})
	slices.SortStableFunc(b.Agencies, func(x, y Row) int { return cmp.Compare(x.Region, y.Region) })
	return b
}

func categoryOrder(c roster.Category) int { return slices.Index(roster.Categories, c) }

// rowOf judges one agency: the first filing against its category's deadline.
func rowOf(a members.Agency, year int, now time.Time) Row {
	r := Row{CreditCode: a.CreditCode, Name: a.Name, Region: a.Region, Category: a.Category}
	var deadline time.Time
	if a.OnRoster {
		deadline = a.Category.Deadline(year)
		r.Due = a.Category.DueDate(year)
	}
	if e := a.Entry; e != nil {
		r.ID, r.Warnings, r.Errors, r.Versions = e.ID, e.Warnings, e.Errors, e.Versions
		r.FiledAt = e.Filed().In(roster.Beijing).Format("2006-01-02 15:04")
		r.Status = Filed
		if a.OnRoster && !e.Filed().Before(deadline) {
			r.Status = FiledLate
		}
		return r
	}
	r.Status = Missing
	if !now.Before(deadline) {
		r.Status = Overdue
	}
	return r
}
