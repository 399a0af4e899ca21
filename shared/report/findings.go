package report

import (
	"fmt"
	"slices"
	"strconv"
	"unicode/utf8"
)

// Caps on a list of findings. A real report has 200 cells and at most a few
// findings each; past the caps a document was made to flood the answer (1
// MiB of repeated unknown fields gives about 100,000 findings), and the rest
// are counted, not listed. The byte cap keeps any answer that carries
// findings far below Lambda's 6 MB response limit.
const (
	// MaxFindings is the most findings a list holds, besides the one that
	// counts those left out.
	MaxFindings = 1000
	// MaxFindingsBytes bounds the JSON array of a list (as the API encodes
	// it: UTF-8, no HTML escaping), the finding that counts those left out
	// included.
	MaxFindingsBytes = 512 << 10
)

// RuleTooManyFindings is the last finding of a list that was cut short: Got
// is how many findings were left out, Severity the gravest of them, so that
// a list with an error left out still has an error.
const RuleTooManyFindings = "too-many-findings"

// Bounds on each text of one finding, in bytes: a hostile document can put
// a megabyte in a field name or a number, and a finding quotes both.
const (
	maxPathBytes    = 256
	maxValueBytes   = 256 // Got and Want
	maxMessageBytes = 1024
	maxRelated      = 32
)

// markerRoom is kept free under MaxFindingsBytes for the counting finding.
const markerRoom = 512

// Findings collects findings up to MaxFindings and MaxFindingsBytes and
// counts the rest, so that the memory of any list stays bounded whatever a
// document holds. When it is full, an error displaces the latest of the
// least grave findings listed: errors block filing, and the clerk must see
// them. The zero value is an empty list.
type Findings struct {
	list    []Finding
	size    int    // JSON size of list's elements and their separators
	listed  [4]int // findings listed by gravity
	omitted int
	worst   Severity // the gravest severity left out
}

// Add adds a finding, shortening its texts to their bounds, or counts it
// when the list is full. A RuleTooManyFindings finding adds its count, so
// that lists cut short elsewhere can be merged.
func (fs *Findings) Add(f Finding) {
	if f.Rule == RuleTooManyFindings {
		if n, err := strconv.Atoi(f.Got); err == nil && n > 0 {
			fs.omit(f.Severity, n)
		}
		return
	}
	f = clipFinding(f)
	n := jsonSize(f) + 1 // and its comma
	for len(fs.list) >= MaxFindings || fs.size+n > MaxFindingsBytes-markerRoom {
		if !fs.displace(f.Severity) {
			fs.omit(f.Severity, 1)
			return
		}
	}
	fs.list = append(fs.list, f)
	fs.size += n
	fs.listed[gravity(f.Severity)]++
}

// AddAll adds each finding of list.
func (fs *Findings) AddAll(list []Finding) {
	for _, f := range list {
		fs.Add(f)
	}
}

// Full reports whether the list holds MaxFindings findings, none of them
// less grave than sev: a finding of severity sev would only be counted. A
// loop that can produce findings without end calls Omit then instead of
// building each one.
func (fs *Findings) Full(sev Severity) bool {
	return len(fs.list) >= MaxFindings && !fs.displaceable(sev)
}

// displaceable reports whether a finding less grave than sev is listed.
func (fs *Findings) displaceable(sev Severity) bool {
	for g := range gravity(sev) {
		if fs.listed[g] > 0 {
			return true
		}
	}
	return false
}

// Omit counts a finding of severity sev that was not built because the
// list is Full.
func (fs *Findings) Omit(sev Severity) { fs.omit(sev, 1) }

// Len is the number of findings listed and left out.
func (fs *Findings) Len() int { return len(fs.list) + fs.omitted }

// List returns the findings listed, followed, when some were left out, by
// the RuleTooManyFindings finding that counts them.
func (fs *Findings) List() []Finding {
	if fs.omitted == 0 {
		if fs.list == nil {
			return []Finding{} // a JSON answer says [], not null
		}
		return fs.list
	}
	return append(fs.list[:len(fs.list):len(fs.list)], Finding{Rule: RuleTooManyFindings, Severity: fs.worst,
		Got: strconv.Itoa(fs.omitted),
		Message: fmt.Sprintf("另有 %d 项问题未列出：一次最多列出 %d 项（%d KiB）。请先修改以上各项，再重新校验",
			fs.omitted, MaxFindings, MaxFindingsBytes>>10)})
}

func (fs *Findings) omit(sev Severity, n int) {
	fs.omitted += n
	if gravity(sev) > gravity(fs.worst) {
		fs.worst = sev
	}
}

// displace drops the latest of the least grave findings listed if it is
// less grave than sev, counting it, and reports whether it did.
func (fs *Findings) displace(sev Severity) bool {
	if !fs.displaceable(sev) {
		return false
	}
	victim := -1
	for i := len(fs.list) - 1; i >= 0; i-- {
		g := gravity(fs.list[i].Severity)
		if g < gravity(sev) && (victim < 0 || g < gravity(fs.list[victim].Severity)) {
			victim = i
		}
	}
	if victim < 0 {
		return false
	}
	dropped := fs.list[victim]
	fs.list = append(fs.list[:victim], fs.list[victim+1:]...)
	fs.size -= jsonSize(dropped) + 1
	fs.listed[gravity(dropped.Severity)]--
	fs.omit(dropped.Severity, 1)
	return true
}

// gravity orders severities: an error before a warning before a note that
// an identity could not be assessed.
func gravity(s Severity) int {
	switch s {
	case Error:
		return 3
	case Warning:
		return 2
	case NotAssessable:
		return 1
	}
	return 0
}

func clipFinding(f Finding) Finding {
	f.Path = clip(f.Path, maxPathBytes)
	f.Got = clip(f.Got, maxValueBytes)
	f.Want = clip(f.Want, maxValueBytes)
	f.Message = clip(f.Message, maxMessageBytes)
	if len(f.Related) > maxRelated {
		f.Related = f.Related[:maxRelated]
	}
	cloned := false
	for i, r := range f.Related {
		if len(r) > maxPathBytes {
			if !cloned {
				f.Related, cloned = slices.Clone(f.Related), true // never the caller's array
			}
			f.Related[i] = clip(r, maxPathBytes)
		}
	}
	return f
}

// clip shortens s to at most max bytes at a character boundary, marking the
// cut with "…".
func clip(s string, max int) string {
	if len(s) <= max {
		return s
	}
	const ellipsis = "…"
	cut := max - len(ellipsis)
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + ellipsis
}
