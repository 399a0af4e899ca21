package textdiff

import (
	"strings"
	"unicode/utf8"
)

// Span is a run of a paragraph's text: kept, deleted or inserted.
type Span struct {
	Op   Op     `json:"op"`
	Text string `json:"text"`
}

// Paragraph is a paragraph that differs between the two texts: deleted
// (New is 0), inserted (Old is 0) or changed. Its Equal and Delete spans
// spell the old paragraph, its Equal and Insert spans the new one.
type Paragraph struct {
	Old   int    `json:"old,omitempty"` // 1-based position in the old text
	New   int    `json:"new,omitempty"` // 1-based position in the new text
	Spans []Span `json:"spans"`
}

// Budget is the work a caller allows for comparing texts, in steps of the
// diff algorithm; every Text call given the same Budget draws on it. Once it
// is spent, changed paragraphs are shown replaced whole.
type Budget struct{ Steps int }

// DefaultSteps compares a report's six sections with a few hundred changed
// characters in well under a millisecond, and bounds a hostile pair of
// 100,000-character sections to a few milliseconds.
const DefaultSteps = 2_000_000

const (
	// maxParagraphEdits bounds the paragraphs inserted and deleted that a
	// section's comparison looks for; beyond it the section is shown replaced.
	maxParagraphEdits = 400
	// maxCharEdits bounds the characters inserted and deleted within one
	// paragraph; beyond it the paragraph is shown replaced.
	maxCharEdits = 200
	// maxParagraphRunes: longer paragraphs are not compared character by character.
	maxParagraphRunes = 5000
	// shortRun: a kept run this short between two changes is noise to a
	// reader (a 的 or a comma) and is shown as part of the change.
	shortRun = 2
)

// Text compares two texts of paragraphs separated by '\n' and returns the
// paragraphs that differ, in the order a reader meets them. Paragraphs that
// changed in place are compared character by character.
func Text(a, b string, budget *Budget) []Paragraph {
	if a == b {
		return nil
	}
	pa, pb := paragraphs(a), paragraphs(b)
	lim := Limit{MaxEdits: maxParagraphEdits, Steps: budget.Steps}
	edits, ok := Diff(pa, pb, &lim)
	budget.Steps = max(lim.Steps, 0)
	if !ok {
		// Too different to say which paragraph became which: old and new whole.
		return appendWhole(appendWhole(nil, pa, pb, 0, len(pa), 0, 0), pa, pb, 0, 0, 0, len(pb))
	}
	var out []Paragraph
	for i := 0; i < len(edits); i++ {
		e := edits[i]
		switch e.Op {
		case Equal:
			continue
		case Insert:
			out = appendWhole(out, pa, pb, 0, 0, e.B0, e.B1)
			continue
		}
		// A deletion, and the insertion after it if any: the paragraphs
		// replaced in place are paired in order and compared.
		ins := Edit{A0: e.A1, A1: e.A1, B0: e.B0, B1: e.B0}
		if i+1 < len(edits) && edits[i+1].Op == Insert {
			ins = edits[i+1]
			i++
		}
		pairs := min(e.A1-e.A0, ins.B1-ins.B0)
		for k := range pairs {
			out = append(out, changed(pa[e.A0+k], pb[ins.B0+k], e.A0+k+1, ins.B0+k+1, budget)...)
		}
		out = appendWhole(out, pa, pb, e.A0+pairs, e.A1, 0, 0)
		out = appendWhole(out, pa, pb, 0, 0, ins.B0+pairs, ins.B1)
	}
	return out
}

// paragraphs splits a text at '\n'; an empty text has none.
func paragraphs(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// appendWhole appends old paragraphs [a0, a1) as deleted and new ones
// [b0, b1) as inserted.
func appendWhole(out []Paragraph, pa, pb []string, a0, a1, b0, b1 int) []Paragraph {
	for i := a0; i < a1; i++ {
		out = append(out, Paragraph{Old: i + 1, Spans: []Span{{Delete, pa[i]}}})
	}
	for i := b0; i < b1; i++ {
		out = append(out, Paragraph{New: i + 1, Spans: []Span{{Insert, pb[i]}}})
	}
	return out
}

// changed compares a paragraph with the one that replaced it: one changed
// paragraph when they share enough to be read as an edit, else a deleted
// one and an inserted one.
func changed(a, b string, oldPos, newPos int, budget *Budget) []Paragraph {
	whole := []Paragraph{{Old: oldPos, Spans: []Span{{Delete, a}}}, {New: newPos, Spans: []Span{{Insert, b}}}}
	if budget.Steps <= 0 || utf8.RuneCountInString(a) > maxParagraphRunes || utf8.RuneCountInString(b) > maxParagraphRunes {
		return whole
	}
	ra, rb := []rune(a), []rune(b)
	// Keeping less than a third (below) is a rewrite: a script that long
	// is not worth finding.
	rewrite := len(ra) + len(rb) - 2*max(len(ra), len(rb))/3
	lim := Limit{MaxEdits: min(maxCharEdits, rewrite), Steps: budget.Steps}
	edits, ok := Diff(ra, rb, &lim)
	budget.Steps = max(lim.Steps, 0)
	if !ok {
		return whole
	}
	spans, kept := readable(edits, ra, rb)
	// Less than a third kept: a rewrite, which reads better as old and new.
	if 3*kept < max(len(ra), len(rb)) {
		return whole
	}
	return []Paragraph{{Old: oldPos, New: newPos, Spans: spans}}
}

// readable turns a character edit script into spans: short kept runs
// between changes join the change, and each change is one deletion followed
// by one insertion. It returns the spans and the number of kept characters.
func readable(edits []Edit, a, b []rune) ([]Span, int) {
	var spans []Span
	var del, ins strings.Builder
	kept := 0
	flush := func() {
		if del.Len() > 0 {
			spans = append(spans, Span{Delete, del.String()})
		}
		if ins.Len() > 0 {
			spans = append(spans, Span{Insert, ins.String()})
		}
		del.Reset()
		ins.Reset()
	}
	for i, e := range edits {
		switch e.Op {
		case Delete:
			del.WriteString(string(a[e.A0:e.A1]))
		case Insert:
			ins.WriteString(string(b[e.B0:e.B1]))
		case Equal:
			text := string(a[e.A0:e.A1])
			if i > 0 && i < len(edits)-1 && e.A1-e.A0 <= shortRun {
				del.WriteString(text)
				ins.WriteString(text)
				continue
			}
			flush()
			spans = append(spans, Span{Equal, text})
			kept += e.A1 - e.A0
		}
	}
	flush()
	return spans, kept
}
