package agencies

import (
	"slices"
	"strings"

	"github.com/nianbao/nianbao/shared/roster"
)

// List is a batch's agencies, indexed by the names a report may print.
// It is safe for concurrent use once made.
type List struct {
	agencies []roster.Agency
	exact    map[string][]int // normalised name → agencies of that name
	variants map[string][]int // normalised name with or without its region → agencies
	byCode   map[string]int
}

// New indexes agencies (a roster's, or an agencies file's).
func New(agencies []roster.Agency) *List {
	l := &List{agencies: agencies, exact: map[string][]int{}, variants: map[string][]int{}, byCode: map[string]int{}}
	for i, a := range agencies {
		l.byCode[a.CreditCode] = i
		name := Normalize(a.Name)
		if name == "" {
			continue
		}
		l.exact[name] = appendOnce(l.exact[name], i)
		for _, v := range variants(name, levels(Normalize(a.Region))) {
			l.variants[v] = appendOnce(l.variants[v], i)
		}
	}
	return l
}

// Len is the number of agencies.
func (l *List) Len() int { return len(l.agencies) }

// variants are the ways a name is printed with its region: the name with
// any of its region's levels it starts with taken off (the core), then the
// core behind each run of levels ending with the last (西工区…, 洛阳市西工区…,
// 河南省洛阳市西工区…). The core alone is not a variant: 教育体育局 names
// no agency on its own.
func variants(name string, lv []string) []string {
	core := name
	for i := range lv {
		if rest, ok := strings.CutPrefix(name, strings.Join(lv[i:], "")); ok && rest != "" {
			core = rest
			break
		}
	}
	out := []string{name}
	for i := range lv {
		out = append(out, strings.Join(lv[i:], "")+core)
	}
	// A name that keeps a level the region lacks (市中区教育局 in a region
	// that ends before it) is left as it is: out[0].
	return out
}

func appendOnce(ids []int, i int) []int {
	if slices.Contains(ids, i) {
		return ids
	}
	return append(ids, i)
}

// ByCode returns the agency with the credit code.
func (l *List) ByCode(code string) (roster.Agency, bool) {
	i, ok := l.byCode[code]
	if !ok {
		return roster.Agency{}, false
	}
	return l.agencies[i], true
}

// MaxCandidates bounds the candidates a Match lists.
const MaxCandidates = 5

// Match is what a printed name matched.
type Match struct {
	// Agency is the one agency matched; zero when none or several were.
	Agency roster.Agency
	// Candidates are the agencies the name matched equally well, when
	// there are several (at most MaxCandidates; Ambiguous counts them all).
	Candidates []roster.Agency
	Ambiguous  int
}

// Found reports whether exactly one agency matched.
func (m Match) Found() bool { return m.Agency.CreditCode != "" }

// Match looks up a printed agency name. region, when the report gives one,
// tells apart agencies of the same name in different regions. A name that
// is an agency's exact name wins over one that is only another's variant.
func (l *List) Match(name, region string) Match {
	n := Normalize(name)
	if n == "" {
		return Match{}
	}
	for _, index := range []map[string][]int{l.exact, l.variants} {
		ids := l.inRegion(index[n], Normalize(region))
		switch {
		case len(ids) == 1:
			return Match{Agency: l.agencies[ids[0]]}
		case len(ids) > 1:
			m := Match{Ambiguous: len(ids)}
			for _, i := range ids[:min(len(ids), MaxCandidates)] {
				m.Candidates = append(m.Candidates, l.agencies[i])
			}
			return m
		}
	}
	return Match{}
}

// inRegion keeps the agencies whose region holds region or lies in it,
// when that leaves any; a region that fits none tells nothing.
func (l *List) inRegion(ids []int, region string) []int {
	if region == "" || len(ids) < 2 {
		return ids
	}
	var kept []int
	for _, i := range ids {
		r := Normalize(l.agencies[i].Region)
		if strings.HasPrefix(r, region) || strings.HasPrefix(region, r) {
			kept = append(kept, i)
		}
	}
	if len(kept) == 0 {
		return ids
	}
	return kept
}
