package roster

import (
	"slices"
	"strings"
	"time"
)

// Category says what kind of body an agency is; it sets the deadline.
type Category string

// The categories of 条例 第四十九条.
const (
	Department Category = "department" // 部门: 县级以上人民政府部门
	Government Category = "government" // 政府: 县级以上地方人民政府
)

// Categories lists every category, in the order pages show them.
var Categories = []Category{Department, Government}

// Label is the category as the roster's 类别 column writes it.
func (c Category) Label() string {
	switch c {
	case Department:
		return "部门"
	case Government:
		return "政府"
	}
	return string(c)
}

// CategoryOf reads a 类别 cell: 部门 or 政府.
func CategoryOf(label string) (Category, bool) {
	for _, c := range Categories {
		if label == c.Label() {
			return c, true
		}
	}
	return "", false
}

// Beijing is China Standard Time. China keeps no daylight saving, so a fixed
// zone is exact and needs no time-zone database on the Lambda image.
var Beijing = time.FixedZone("CST", 8*60*60)

// Deadline is the first instant after the category's deadline for reports
// on year: 1 February (departments) or 1 April (governments) of year+1,
// 00:00 Beijing time. A report filed before it is on time.
func (c Category) Deadline(year int) time.Time {
	month := time.February
	if c == Government {
		month = time.April
	}
	return time.Date(year+1, month, 1, 0, 0, 0, 0, Beijing)
}

// DueDate is the last day of the deadline, as people say it: 2025-01-31.
func (c Category) DueDate(year int) string {
	return c.Deadline(year).AddDate(0, 0, -1).Format(time.DateOnly)
}

// Agency is one row of the roster.
type Agency struct {
	Name       string   `json:"name"`
	CreditCode string   `json:"creditCode"`
	Region     string   `json:"region"`
	Category   Category `json:"category"`
}

// MaxAgencies bounds the agencies of one roster: a province has a few
// thousand reporting bodies.
const MaxAgencies = 20_000

// MaxFileBytes bounds a roster file as offices upload it: 20,000 agencies
// take about 2 MB of CSV.
const MaxFileBytes = 4 << 20

// Roster is the year's list of agencies expected to report, in the file's
// order.
type Roster struct {
	Year      int       `json:"year"`
	Agencies  []Agency  `json:"agencies"`
	UpdatedAt time.Time `json:"updatedAt,omitzero"`
}

// Find returns the agency with the credit code.
func (r *Roster) Find(creditCode string) (Agency, bool) {
	for _, a := range r.Agencies {
		if a.CreditCode == creditCode {
			return a, true
		}
	}
	return Agency{}, false
}

// InRegion reports whether an agency's 行政区划 lies inside region: the same
// name, or one that starts with it (河南省洛阳市 holds 河南省洛阳市西工区).
// An empty region holds everything.
func InRegion(agencyRegion, region string) bool {
	return strings.HasPrefix(agencyRegion, region)
}

// Regions returns the distinct 行政区划 of the roster, sorted.
func (r *Roster) Regions() []string {
	seen := map[string]bool{}
	var out []string
	for _, a := range r.Agencies {
		if !seen[a.Region] {
			seen[a.Region] = true
			out = append(out, a.Region)
		}
	}
	slices.Sort(out)
	return out
}
