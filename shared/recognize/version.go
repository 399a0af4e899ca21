package recognize

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/nianbao/nianbao/shared/report"
)

// fingerprints are, per version, the labels only that version prints
// (report-format.md §0): every label of its layout that no label of the
// other version contains. They come from the layouts, not from a list.
var fingerprints = sync.OnceValue(func() map[report.Version][]string {
	labels := map[report.Version][]string{}
	for _, v := range report.Versions {
		l := report.LayoutOf(v)
		var ls []string
		add := func(s string) {
			if k := core(s); utf8.RuneCountInString(k) >= minSubstring && !slices.Contains(ls, k) {
				ls = append(ls, k)
			}
		}
		for _, st := range l.Table2 {
			add(st.Caption)
			for _, c := range st.Columns {
				add(c.Label)
			}
			for _, r := range st.Rows {
				add(r.Label)
			}
		}
		for _, r := range l.Table3.Rows {
			add(r.Level1)
			add(r.Level2)
			add(r.Level3)
		}
		// Captions keep their numbers: 第二十条第（九）项 exists only in 2019.
		for _, st := range l.Table2 {
			ls = append(ls, skeleton(st.Caption))
		}
		labels[v] = ls
	}
	out := map[report.Version][]string{}
	for v, ls := range labels {
		for _, k := range ls {
			shared := false
			for w, others := range labels {
				if w == v {
					continue
				}
				for _, o := range others {
					if strings.Contains(o, k) {
						shared = true
					}
				}
			}
			if !shared {
				out[v] = append(out[v], k)
			}
		}
	}
	return out
})

// detectVersion counts each version's fingerprints in the document's text
// (its skeleton); found lists what decided. A tie decides nothing.
func detectVersion(sk string) (v report.Version, found []string, ok bool) {
	counts := map[report.Version][]string{}
	for _, ver := range report.Versions {
		for _, k := range fingerprints()[ver] {
			if strings.Contains(sk, k) {
				counts[ver] = append(counts[ver], k)
			}
		}
	}
	for _, ver := range report.Versions {
		switch n := len(counts[ver]); {
		case n > len(found):
			v, found, ok = ver, counts[ver], true
		case n == len(found) && n > 0:
			ok = false
		}
	}
	return v, found, ok
}
