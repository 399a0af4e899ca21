package fsstore

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/nianbao/nianbao/shared/store"
)

// On disk, key "a/b/c" is the file a/b/c~ under the root: directories carry
// the segment, files add objectSuffix. Because the suffix character is
// escaped inside segments, key "a" (file a~) never collides with the
// directory a of key "a/b". Names starting with "." are never produced
// (a leading dot is escaped), which leaves them free for temporary files.
const objectSuffix = "~"

// maxNameLen is the usual file-name limit (ext4, xfs, apfs).
const maxNameLen = 255

// objectPath is where an object lives.
type objectPath struct {
	dir  string // the directory holding file
	file string
}

// path maps a key to its file. It never leaves the root: the key is
// validated (no "..", no absolute path, no empty segment) and each segment
// is escaped, so no segment can be a separator or a dot name.
func (s *Store) path(key string) (objectPath, error) {
	if err := store.ValidateKey(key); err != nil {
		return objectPath{}, err
	}
	segs := strings.Split(key, "/")
	parts := make([]string, 0, len(segs)+1)
	parts = append(parts, s.root)
	for i, seg := range segs {
		name := escapeSegment(seg)
		if i == len(segs)-1 {
			name += objectSuffix
		}
		if len(name) > maxNameLen {
			return objectPath{}, &store.KeyError{Key: key, Reason: fmt.Sprintf("segment longer than %d bytes once escaped for the file system", maxNameLen-len(objectSuffix))}
		}
		parts = append(parts, name)
	}
	file := filepath.Join(parts...)
	return objectPath{dir: filepath.Dir(file), file: file}, nil
}

// prefixDir is the deepest directory that holds every key starting with
// prefix (the part up to its last "/").
func (s *Store) prefixDir(prefix string) string {
	i := strings.LastIndexByte(prefix, '/')
	if i < 0 {
		return s.root
	}
	parts := []string{s.root}
	for seg := range strings.SplitSeq(prefix[:i], "/") {
		parts = append(parts, escapeSegment(seg))
	}
	return filepath.Join(parts...)
}

// escapeSegment percent-escapes the bytes that carry meaning on disk.
func escapeSegment(seg string) string {
	var b strings.Builder
	for i := 0; i < len(seg); i++ {
		c := seg[i]
		if c == '%' || c == '~' || c == '\\' || (i == 0 && c == '.') {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// unescapeSegment reverses escapeSegment; ok is false for names that
// escapeSegment cannot have produced.
func unescapeSegment(name string) (string, bool) {
	if name == "" || name[0] == '.' {
		return "", false
	}
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch c {
		case '~', '\\':
			return "", false
		case '%':
			if i+2 >= len(name) {
				return "", false
			}
			v, ok := unhex(name[i+1], name[i+2])
			if !ok {
				return "", false
			}
			b.WriteByte(v)
			i += 2
		default:
			b.WriteByte(c)
		}
	}
	// Only the one spelling escapeSegment produces is accepted, so every
	// key has exactly one file.
	seg := b.String()
	return seg, escapeSegment(seg) == name
}

func unhex(hi, lo byte) (byte, bool) {
	h, ok1 := hexVal(hi)
	l, ok2 := hexVal(lo)
	return h<<4 | l, ok1 && ok2
}

func hexVal(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// keyFromRel turns a path relative to the root back into a key; ok is false
// for files that are not objects (temporary files, strangers).
func keyFromRel(rel string) (string, bool) {
	parts := strings.Split(filepath.ToSlash(rel), "/")
	last := parts[len(parts)-1]
	if !strings.HasSuffix(last, objectSuffix) {
		return "", false
	}
	parts[len(parts)-1] = strings.TrimSuffix(last, objectSuffix)
	for i, p := range parts {
		seg, ok := unescapeSegment(p)
		if !ok {
			return "", false
		}
		parts[i] = seg
	}
	key := strings.Join(parts, "/")
	return key, store.ValidateKey(key) == nil
}
