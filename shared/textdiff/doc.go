// Package textdiff compares two versions of a report's prose: a shortest
// edit script (Myers' O(ND) algorithm) over paragraphs, then over the
// characters of the paragraphs that changed. Its work is bounded whatever
// the texts: past a number of edits or of steps it stops refining and shows
// a paragraph, or a section, as replaced whole, which is still correct.
package textdiff
