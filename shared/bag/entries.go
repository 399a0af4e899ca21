package bag

import (
	"archive/zip"
	"crypto/sha256"
	"errors"
	"hash/maphash"
	"io"
	"io/fs"
	"strings"
	"unicode"
	"unicode/utf8"
)

// fileEntry is what Verify keeps of one file of the bag: its checksum, never
// its content.
type fileEntry struct {
	name   string    // inside the bag: "data/x/report.pdf", "bag-info.txt"
	f      *zip.File // to read a tag file again, line by line
	sum    [sha256.Size]byte
	size   int64
	read   bool // hashed to the end: sum and size are the content's
	listed bool // a manifest line names it
}

// tag reports whether the entry is a tag file (at the bag's top level).
func (e *fileEntry) tag() bool { return !strings.Contains(e.name, "/") }

// index hashes every entry, after checking its name.
func (v *verifier) index(entries []*zip.File) {
	v.entries = make([]fileEntry, 0, len(entries))
	for _, f := range entries {
		name := f.Name
		isDir := strings.HasSuffix(name, "/")
		if err := entryName(strings.TrimSuffix(name, "/")); err != nil {
			v.res.add(shown(name), UnsafePath, "%v", err)
			continue
		}
		base, rel, _ := strings.Cut(name, "/")
		if v.res.Name == "" {
			v.res.Name = base
		}
		if base != v.res.Name {
			v.res.add(shown(name), UnsafePath, "outside the bag directory %s", quoted(v.res.Name))
			continue
		}
		if isDir || rel == "" {
			continue // directory entries carry nothing to check
		}
		if f.Mode()&(fs.ModeSymlink|fs.ModeDevice|fs.ModeNamedPipe|fs.ModeSocket) != 0 {
			v.res.add(rel, UnsafePath, "not a regular file (%v)", f.Mode().Type())
			continue
		}
		if _, dup := v.names.add(rel, int32(len(v.entries)), v.nameOf); dup {
			v.res.add(rel, Duplicate, "another entry has this name or differs only in case")
			continue
		}
		v.entries = append(v.entries, v.read(f, rel))
	}
	if v.res.Name == "" {
		v.res.add("", Missing, "empty zip: no bag directory")
	}
}

func (v *verifier) nameOf(i int32) string { return v.entries[i].name }

// find returns the entry named exactly name, or nil.
func (v *verifier) find(name string) *fileEntry {
	if i, ok := v.names.find(name, v.nameOf); ok {
		return &v.entries[i]
	}
	return nil
}

// read hashes one entry.
func (v *verifier) read(f *zip.File, rel string) fileEntry {
	// Until read, the declared size stands in, so that an unreadable file
	// is reported once and not again as a wrong Payload-Oxum.
	e := fileEntry{name: rel, f: f, size: int64(f.UncompressedSize64)}
	rc, err := f.Open()
	if err != nil {
		v.res.add(rel, Unreadable, "%v", err)
		return e
	}
	defer rc.Close()
	if v.buf == nil {
		v.buf, v.hash = make([]byte, copyBufSize), sha256.New()
	}
	h := v.hash
	h.Reset()
	// archive/zip fails a read past the declared size and checks the CRC
	// at the end; the limit is a second guard.
	n, err := io.CopyBuffer(h, io.LimitReader(rc, int64(f.UncompressedSize64)+1), v.buf)
	if err != nil {
		v.res.add(rel, Unreadable, "%v", err)
		return e
	}
	h.Sum(e.sum[:0])
	e.size, e.read = n, true
	return e
}

// open opens an entry that was read whole, for reading it again.
func (v *verifier) open(e *fileEntry) (io.ReadCloser, error) {
	rc, err := e.f.Open()
	if err != nil {
		return nil, err
	}
	return struct {
		io.Reader
		io.Closer
	}{io.LimitReader(rc, e.size), rc}, nil
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

// nameIndex finds entries by name and by name ignoring case, keeping a
// 64-bit hash of each lower-cased name rather than a lower-cased copy.
type nameIndex struct {
	seed maphash.Seed
	fold map[uint64]int32 // hash of the lower-cased name → the entry
	// spill holds, by lower-cased name, the entries whose hash another
	// name already took: next to never, but exact.
	spill map[string]int32
}

// add records entry i under name, unless an entry of the same name
// ignoring case is there: then it returns that one and true.
func (x *nameIndex) add(name string, i int32, nameOf func(int32) string) (int32, bool) {
	if x.fold == nil {
		x.seed, x.fold = maphash.MakeSeed(), make(map[uint64]int32)
	}
	if j, ok := x.findFold(name, nameOf); ok {
		return j, true
	}
	h := x.hash(name)
	if _, taken := x.fold[h]; !taken {
		x.fold[h] = i
		return 0, false
	}
	if x.spill == nil {
		x.spill = make(map[string]int32)
	}
	x.spill[strings.ToLower(name)] = i
	return 0, false
}

// find returns the entry named exactly name.
func (x *nameIndex) find(name string, nameOf func(int32) string) (int32, bool) {
	j, ok := x.findFold(name, nameOf)
	return j, ok && nameOf(j) == name
}

// findFold returns the entry whose name equals name ignoring case.
func (x *nameIndex) findFold(name string, nameOf func(int32) string) (int32, bool) {
	if x.fold == nil {
		return 0, false
	}
	if j, ok := x.fold[x.hash(name)]; ok && equalLower(nameOf(j), name) {
		return j, true
	}
	if j, ok := x.spill[strings.ToLower(name)]; ok {
		return j, true
	}
	return 0, false
}

func (x *nameIndex) hash(name string) uint64 {
	var h maphash.Hash
	h.SetSeed(x.seed)
	var b [utf8.UTFMax]byte
	for _, r := range name {
		h.Write(utf8.AppendRune(b[:0], unicode.ToLower(r)))
	}
	return h.Sum64()
}

// equalLower reports whether a and b are equal once lower-cased, as
// strings.ToLower would make them.
func equalLower(a, b string) bool {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if unicode.ToLower(ra) != unicode.ToLower(rb) {
			return false
		}
		a, b = a[na:], b[nb:]
	}
	return a == "" && b == ""
}
