package bag

import (
	"archive/zip"
	"errors"
	"fmt"
	"hash"
	"io"
	"strconv"
	"strings"
	"unicode"
)

// Limits on what Verify reads, so that a hostile zip costs bounded memory
// and time. A province's yearly bag holds a few tens of thousands of
// files; the limits leave ample room above that.
//
// Verify holds nothing of any file's content: each entry is hashed as it
// is inflated, and the tag files are read again line by line. What it
// keeps grows with the number of entries (about 400 bytes each, most of
// it archive/zip's own), so MaxEntries and MaxDirectoryBytes bound its
// memory whatever the zip holds.
const (
	// MaxEntries is the most zip entries Verify accepts.
	MaxEntries = 1 << 18
	// MaxDirectoryBytes bounds the zip's central directory (entry names
	// and their headers), which archive/zip reads into memory: 128 bytes
	// an entry at MaxEntries, where nianbao's names take about 100.
	MaxDirectoryBytes = 32 << 20
	// MaxLineBytes bounds a line of a tag file (a manifest line is a
	// checksum and a path of at most a few kilobytes).
	MaxLineBytes = 64 << 10
	// MaxExpansion bounds the declared uncompressed size of all entries
	// relative to the zip's size: a zip bomb is refused before anything
	// is decompressed. Stored PDFs and deflated JSON are far below it.
	MaxExpansion = 100
	// MaxProblems is the most problems a Verification lists; the rest are
	// counted in Omitted.
	MaxProblems = 1000
)

// Kind classifies a Problem.
type Kind string

// The kinds of problem Verify reports.
const (
	Unreadable  Kind = "unreadable"        // not a zip, or an entry fails to decompress or its CRC
	UnsafePath  Kind = "unsafe path"       // absolute, "..", backslash, outside the bag directory, a link
	Duplicate   Kind = "duplicate"         // a name twice, in the zip or in a manifest
	Missing     Kind = "missing"           // listed in a manifest, or required, but absent
	Unlisted    Kind = "not in manifest"   // present but not listed: an added file
	Mismatch    Kind = "checksum mismatch" // content differs from its manifest entry
	Malformed   Kind = "malformed"         // a tag file that does not parse
	OxumWrong   Kind = "payload-oxum"      // Payload-Oxum differs from the payload
	TooLarge    Kind = "limit exceeded"    // a limit above was hit
	Unsupported Kind = "unsupported"       // a manifest algorithm other than SHA-256
)

// Problem is one thing wrong with a bag.
type Problem struct {
	// Path is the name inside the bag ("data/x/report.pdf",
	// "bag-info.txt"), the whole zip entry name (shortened to 200 bytes)
	// when it is unsafe, or "" for the whole zip. It comes from the zip
	// as it is: quote it before showing it, as String does.
	Path   string
	Kind   Kind
	Detail string
}

// String is the problem on one line, safe for a terminal: the path is
// quoted with Go's escapes, and any character of the detail that is not
// printable is escaped, so no name from the zip can start a line or send
// a terminal an escape sequence.
func (p Problem) String() string {
	s := string(p.Kind)
	if p.Path != "" {
		s = strconv.Quote(p.Path) + ": " + s
	}
	if p.Detail != "" {
		s += ": " + escapeUnprintable(p.Detail)
	}
	return s
}

// Verification is the outcome of Verify: what it found and every problem.
type Verification struct {
	Name         string // the bag's base directory
	PayloadFiles int64  // payload files found (data/…)
	PayloadBytes int64
	Problems     []Problem
	Omitted      int // problems beyond MaxProblems, not listed
}

// OK reports whether the bag passed every check.
func (r *Verification) OK() bool { return len(r.Problems) == 0 }

// full reports whether another problem would only be counted.
func (r *Verification) full() bool { return len(r.Problems) >= MaxProblems }

func (r *Verification) add(path string, kind Kind, format string, args ...any) {
	if r.full() {
		r.Omitted++
		return
	}
	r.Problems = append(r.Problems, Problem{Path: path, Kind: kind, Detail: fmt.Sprintf(format, args...)})
}

// Verify checks a bag zip of size bytes: bagit.txt, the SHA-256 of every
// file against manifest-sha256.txt and tagmanifest-sha256.txt, that every
// payload and tag file is listed and every listed file present, and
// Payload-Oxum. The error is nil for a valid bag and wraps ErrInvalid
// otherwise; the Verification lists every problem by file. Verify never
// writes and never follows a path out of the zip; its memory is bounded
// by the limits above, not by the zip.
func Verify(r io.ReaderAt, size int64) (Verification, error) {
	var res Verification
	v := verifier{res: &res}
	v.run(r, size)
	if !res.OK() {
		return res, fmt.Errorf("%w: %d problems, first: %s", ErrInvalid, len(res.Problems)+res.Omitted, res.Problems[0])
	}
	return res, nil
}

type verifier struct {
	res     *Verification
	entries []fileEntry // the bag's files in zip order
	names   nameIndex
	buf     []byte    // copy buffer shared by all entries
	hash    hash.Hash // SHA-256, likewise
}

func (v *verifier) run(r io.ReaderAt, size int64) {
	if size < 0 {
		v.res.add("", Unreadable, "negative size %d", size)
		return
	}
	if err := checkDirectory(r, size); err != nil {
		v.res.add("", TooLarge, "%v", err)
		return
	}
	budget := &budgetReader{r: r, left: MaxDirectoryBytes + directorySlack}
	zr, err := zip.NewReader(budget, size)
	budget.left = -1
	switch {
	case errors.Is(err, errBudget):
		v.res.add("", TooLarge, "the zip's directory is larger than %d bytes", MaxDirectoryBytes)
		return
	case err != nil && !errors.Is(err, zip.ErrInsecurePath):
		// ErrInsecurePath comes with a usable reader; names are checked below.
		v.res.add("", Unreadable, "%v", err)
		return
	}
	if len(zr.File) > MaxEntries {
		v.res.add("", TooLarge, "%d entries, at most %d", len(zr.File), MaxEntries)
		return
	}
	// Written to avoid overflow: hostile sizes reach 2^64.
	limit := uint64(1 << 20)
	if uint64(size) < (1<<63)/MaxExpansion {
		limit += uint64(size) * MaxExpansion
	}
	var declared uint64
	for _, f := range zr.File {
		if f.UncompressedSize64 > limit-declared {
			v.res.add("", TooLarge, "entries declare more than %d bytes uncompressed from a %d-byte zip", limit, size)
			return
		}
		declared += f.UncompressedSize64
	}
	v.index(zr.File)
	v.checkBagit()
	v.checkAlgorithms()
	v.checkManifest(manifestName, true)
	v.checkManifest(tagManifestName, false)
	v.checkOxum()
}

// maxShownName bounds a name from the zip kept in a problem.
const maxShownName = 200

// shown shortens a name from the zip for a Problem's Path, keeping it
// valid UTF-8.
func shown(name string) string {
	name = strings.ToValidUTF8(name, "\uFFFD")
	if len(name) <= maxShownName {
		return name
	}
	cut := maxShownName
	for cut > 0 && name[cut]&0xC0 == 0x80 {
		cut--
	}
	return name[:cut] + "…"
}

// quoted is a name from the zip as a problem's detail shows it.
func quoted(name string) string { return strconv.Quote(shown(name)) }

// escapeUnprintable replaces every character that is not printable (a
// control, a format character such as a bidirectional override) with its
// Go escape.
func escapeUnprintable(s string) string {
	if !strings.ContainsFunc(s, unprintable) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if !unprintable(r) {
			b.WriteRune(r)
			continue
		}
		q := strconv.QuoteRune(r) // '\x1b', '\u202e'
		b.WriteString(q[1 : len(q)-1])
	}
	return b.String()
}

func unprintable(r rune) bool { return !unicode.IsPrint(r) }
