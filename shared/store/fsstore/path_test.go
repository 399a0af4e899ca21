package fsstore

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/store"
)

func TestPath(t *testing.T) {
	s := &Store{root: "/r"}
	tests := []struct {
		key  string
		want string // relative to the root
	}{
		{"a", "a~"},
		{"a/b/c.json", "a/b/c.json~"},
		{"报告/2020.pdf", "报告/2020.pdf~"},
		{".hidden/.x", "%2Ehidden/%2Ex~"},
		{"a~/b%c/d\\e", "a%7E/b%25c/d%5Ce~"},
		{"a.b./..c", "a.b./%2E.c~"},
	}
	for _, tt := range tests {
		p, err := s.path(tt.key)
		if err != nil {
			t.Errorf("path(%q): %v", tt.key, err)
			continue
		}
		if want := filepath.Join("/r", filepath.FromSlash(tt.want)); p.file != want || p.dir != filepath.Dir(want) {
			t.Errorf("path(%q) = %+v, want file %s", tt.key, p, want)
		}
		if key, ok := keyFromRel(filepath.FromSlash(tt.want)); !ok || key != tt.key {
			t.Errorf("keyFromRel(%q) = %q, %v; want %q", tt.want, key, ok, tt.key)
		}
	}
}

func TestPathRejects(t *testing.T) {
	s := &Store{root: "/r"}
	for _, key := range []string{"../x", "a/../../x", "/etc/passwd", "", "a//b", strings.Repeat("~", 100)} {
		if _, err := s.path(key); !errors.Is(err, store.ErrInvalidKey) {
			t.Errorf("path(%q) error = %v, want ErrInvalidKey", key, err)
		}
	}
}

func TestKeyFromRelIgnoresStrangers(t *testing.T) {
	for _, rel := range []string{".tmp-123", "a/.tmp-1", "a", "a/b", "x~y~", "%zz~", "%2e~", "a%7e~", "%41~", "a/~"} {
		if key, ok := keyFromRel(rel); ok {
			t.Errorf("keyFromRel(%q) = %q, true; want not an object", rel, key)
		}
	}
}

func FuzzPath(f *testing.F) {
	for _, k := range []string{"a/b", "报告/2020.pdf", ".x/%7E~", "a\\b", "..a/b.."} {
		f.Add(k)
	}
	root := filepath.FromSlash("/root/store")
	s := &Store{root: root}
	f.Fuzz(func(t *testing.T, key string) {
		p, err := s.path(key)
		if err != nil {
			return
		}
		rel, err := filepath.Rel(root, p.file)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
			t.Fatalf("key %q maps outside the root: %s", key, p.file)
		}
		if got, ok := keyFromRel(rel); !ok || got != key {
			t.Fatalf("keyFromRel(path(%q)) = %q, %v", key, got, ok)
		}
		for seg := range strings.SplitSeq(rel, string(filepath.Separator)) {
			if strings.HasPrefix(seg, ".") {
				t.Fatalf("key %q gives a dot name %q, which is reserved for temporary files", key, seg)
			}
		}
	})
}
