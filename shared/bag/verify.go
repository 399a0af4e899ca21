package bag

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"unicode/utf8"
)

// Limits on what Verify reads, so that a hostile zip costs bounded memory
// and time. A province's yearly bag holds a few tens of thousands of
// files; the limits leave ample room above that.
const (
	// MaxEntries is the most zip entries Verify accepts.
	MaxEntries = 1 << 18
	// MaxTagFileSize bounds each tag file (manifests, bagit.txt,
	// bag-info.txt), which Verify holds in memory.
	MaxTagFileSize = 64 << 20
	// MaxExpansion bounds the declared uncompressed size of all entries
	// relative to the zip's size: a zip bomb is refused before anything
	// is decompressed. Stored PDFs and deflated JSON are far below it.
	MaxExpansion = 100
	// MaxProblems is the most problems a Report lists; the rest are
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
	Path   string // inside the bag ("data/x/report.pdf", "bag-info.txt"), or "" for the whole zip
	Kind   Kind
	Detail string
}

func (p Problem) String() string {
	s := string(p.Kind)
	if p.Path != "" {
		s = p.Path + ": " + s
	}
	if p.Detail != "" {
		s += ": " + p.Detail
	}
	return s
}

// Report is the outcome of Verify.
type Report struct {
	Name         string // the bag's base directory
	PayloadFiles int64  // payload files found (data/…)
	PayloadBytes int64
	Problems     []Problem
	Omitted      int // problems beyond MaxProblems, not listed
}

// OK reports whether the bag passed every check.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

func (r *Report) add(path string, kind Kind, format string, args ...any) {
	if len(r.Problems) >= MaxProblems {
		r.Omitted++
		return
	}
	r.Problems = append(r.Problems, Problem{Path: path, Kind: kind, Detail: fmt.Sprintf(format, args...)})
}

// Verify checks a bag zip of size bytes: bagit.txt, the SHA-256 of every
// file against manifest-sha256.txt and tagmanifest-sha256.txt, that every
// payload and tag file is listed and every listed file present, and
// Payload-Oxum. The error is nil for a valid bag and wraps ErrInvalid
// otherwise; the Report lists every problem by file. Verify never writes
// and never follows a path out of the zip.
func Verify(r io.ReaderAt, size int64) (Report, error) {
	var rep Report
	v := verifier{rep: &rep}
	v.run(r, size)
	if !rep.OK() {
		return rep, fmt.Errorf("%w: %d problems, first: %s", ErrInvalid, len(rep.Problems)+rep.Omitted, rep.Problems[0])
	}
	return rep, nil
}

// content is what Verify learned about one file of the bag.
type content struct {
	sum  string // lower-case hex SHA-256; "" if unreadable
	size int64
	body []byte // tag files only
}

type verifier struct {
	rep   *Report
	files map[string]*content // by path inside the bag
	order []string            // paths in zip order
	buf   []byte              // copy buffer shared by all entries
}

func (v *verifier) run(r io.ReaderAt, size int64) {
	if size < 0 {
		v.rep.add("", Unreadable, "negative size %d", size)
		return
	}
	zr, err := zip.NewReader(r, size)
	// ErrInsecurePath comes with a usable reader; names are checked below.
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		v.rep.add("", Unreadable, "%v", err)
		return
	}
	if len(zr.File) > MaxEntries {
		v.rep.add("", TooLarge, "%d entries, at most %d", len(zr.File), MaxEntries)
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
			v.rep.add("", TooLarge, "entries declare more than %d bytes uncompressed from a %d-byte zip", limit, size)
			return
		}
		declared += f.UncompressedSize64
	}
	v.files = make(map[string]*content)
	v.index(zr.File)
	v.checkBagit()
	v.checkAlgorithms()
	v.checkManifest(manifestName, true)
	v.checkManifest(tagManifestName, false)
	v.checkOxum()
}

// index reads every entry, hashing it and keeping tag files, after
// checking its name.
func (v *verifier) index(entries []*zip.File) {
	folded := make(map[string]bool)
	for _, f := range entries {
		name := f.Name
		isDir := strings.HasSuffix(name, "/")
		if err := entryName(strings.TrimSuffix(name, "/")); err != nil {
			v.rep.add(printable(name), UnsafePath, "%v", err)
			continue
		}
		base, rel, _ := strings.Cut(name, "/")
		if v.rep.Name == "" {
			v.rep.Name = base
		}
		if base != v.rep.Name {
			v.rep.add(printable(name), UnsafePath, "outside the bag directory %s", v.rep.Name)
			continue
		}
		if isDir || rel == "" {
			continue // directory entries carry nothing to check
		}
		if f.Mode()&(fs.ModeSymlink|fs.ModeDevice|fs.ModeNamedPipe|fs.ModeSocket) != 0 {
			v.rep.add(rel, UnsafePath, "not a regular file (%v)", f.Mode().Type())
			continue
		}
		if v.files[rel] != nil || folded[strings.ToLower(rel)] {
			v.rep.add(rel, Duplicate, "another entry has this name or differs only in case")
			continue
		}
		folded[strings.ToLower(rel)] = true
		c := v.read(f, rel)
		v.files[rel] = c
		v.order = append(v.order, rel)
	}
	if v.rep.Name == "" {
		v.rep.add("", Missing, "empty zip: no bag directory")
	}
}

// read hashes one entry; tag files at the top are kept in memory too.
func (v *verifier) read(f *zip.File, rel string) *content {
	// Until read, the declared size stands in, so that an unreadable file
	// is reported once and not again as a wrong Payload-Oxum.
	c := &content{size: int64(f.UncompressedSize64)}
	isTag := !strings.Contains(rel, "/")
	if isTag && f.UncompressedSize64 > MaxTagFileSize {
		v.rep.add(rel, TooLarge, "tag file of %d bytes, at most %d", f.UncompressedSize64, MaxTagFileSize)
		return c
	}
	rc, err := f.Open()
	if err != nil {
		v.rep.add(rel, Unreadable, "%v", err)
		return c
	}
	defer rc.Close()
	h := sha256.New()
	var dst io.Writer = h
	var body strings.Builder
	if isTag {
		dst = io.MultiWriter(h, &body)
	}
	// archive/zip fails a read past the declared size and checks the CRC
	// at the end; the limit is a second guard.
	if v.buf == nil {
		v.buf = make([]byte, copyBufSize)
	}
	n, err := io.CopyBuffer(dst, io.LimitReader(rc, int64(f.UncompressedSize64)+1), v.buf)
	if err != nil {
		v.rep.add(rel, Unreadable, "%v", err)
		return c
	}
	c.sum, c.size = hex.EncodeToString(h.Sum(nil)), n
	if isTag {
		c.body = []byte(body.String())
	}
	return c
}

// entryName checks a zip entry name without its trailing slash.
func entryName(name string) error {
	switch {
	case name == "":
		return errors.New("empty name")
	case !utf8.ValidString(name):
		return errors.New("not valid UTF-8")
	case strings.HasPrefix(name, "/"):
		return errors.New("absolute path")
	case len(name) >= 2 && name[1] == ':':
		return errors.New("drive-letter path")
	case len(name) > maxNameLen+len("data/")+256:
		return errors.New("name too long")
	}
	return validName(name)
}

// printable shortens a hostile name for a problem message.
func printable(name string) string {
	const max = 200
	name = strings.ToValidUTF8(name, "\uFFFD")
	if len(name) > max {
		name = name[:max] + "…"
	}
	return fmt.Sprintf("%q", name)
}

// checkBagit checks the bag declaration (RFC 8493 §2.1.1).
func (v *verifier) checkBagit() {
	c := v.files[bagitName]
	if c == nil {
		v.rep.add(bagitName, Missing, "no bag declaration")
		return
	}
	if c.sum == "" {
		return // reported as unreadable
	}
	lines := splitLines(string(c.body))
	want := []string{"BagIt-Version: 1.0", "Tag-File-Character-Encoding: UTF-8"}
	if len(lines) != len(want) || lines[0] != want[0] || !strings.EqualFold(lines[1], want[1]) {
		v.rep.add(bagitName, Malformed, "want exactly %q", want)
	}
}

// splitLines splits tag-file text at CRLF, LF or CR (all allowed by RFC
// 8493), dropping the final empty line.
func splitLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
