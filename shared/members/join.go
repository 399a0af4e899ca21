package members

import (
	"slices"
	"strings"

	"github.com/nianbao/nianbao/shared/roster"
)

// Agency is an agency of the office's year: on the roster, filed, or both.
type Agency struct {
	CreditCode string
	Name       string
	// Region is the roster's 行政区划, or the report's own for an agency
	// that is not on the roster.
	Region   string
	Category roster.Category // "" when not on the roster
	OnRoster bool
	Entry    *Entry // nil when nothing is filed
}

// Join lists the roster's agencies in the roster's order, each with its
// entry if it filed, then the agencies that filed but are not on the
// roster, by credit code. ros may be nil (no roster for the year).
func Join(ros *roster.Roster, entries []Entry) []Agency {
	byCode := make(map[string]*Entry, len(entries))
	for i := range entries {
		byCode[entries[i].CreditCode] = &entries[i]
	}
	var out []Agency
	if ros != nil {
		out = make([]Agency, 0, len(ros.Agencies)+len(entries))
		for _, a := range ros.Agencies {
			e := byCode[a.CreditCode]
			delete(byCode, a.CreditCode)
			out = append(out, Agency{CreditCode: a.CreditCode, Name: a.Name, Region: a.Region, Category: a.Category, OnRoster: true, Entry: e})
		}
	}
	start := len(out)
	for _, e := range byCode {
		out = append(out, Agency{CreditCode: e.CreditCode, Name: e.Name, Region: e.Region, Entry: e})
	}
	rest := out[start:]
	slices.SortFunc(rest, func(a, b Agency) int { return strings.Compare(a.CreditCode, b.CreditCode) })
	return out
}

// InRegion keeps the agencies inside region (see roster.InRegion); an
// empty region keeps all.
func InRegion(as []Agency, region string) []Agency {
	if region == "" {
		return as
	}
	var out []Agency
	for _, a := range as {
		if roster.InRegion(a.Region, region) {
			out = append(out, a)
		}
	}
	return out
}

// Filed returns the entries of the agencies that filed.
func Filed(as []Agency) []Entry {
	var out []Entry
	for _, a := range as {
		if a.Entry != nil {
			out = append(out, *a.Entry)
		}
	}
	return out
}
