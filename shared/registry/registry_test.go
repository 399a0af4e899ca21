package registry

import (
	"errors"
	"testing"

	"github.com/nianbao/nianbao/shared/store"
	"github.com/nianbao/nianbao/shared/store/fsstore"
)

func TestRegistryOnFilesystem(t *testing.T) {
	runSuite(t, func(t *testing.T) store.Store {
		s, err := fsstore.New(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func TestParseID(t *testing.T) {
	const sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	tests := []struct {
		in string
		ok bool
	}{
		{"2020-11410303MB0000001X-" + sha, true},
		{"2020-11410303MB0000001X-" + sha[:63], false},
		{"2020-11410303MB0000001X-" + sha + "0", false},
		{"2020-11410303MB00000011-" + sha, false},
		{"2018-11410303MB0000001X-" + sha, false},
		{"0202-11410303MB0000001X-" + sha, false},
		{"2020-11410303MB0000001X-" + "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef", false},
		{"2020-11410303MB0000001X-../../etc/passwd", false},
		{"2020/11410303MB0000001X/" + sha, false},
		{"", false},
	}
	for _, tt := range tests {
		id, err := ParseID(tt.in)
		if (err == nil) != tt.ok || (err != nil && !errors.Is(err, ErrBadRequest)) {
			t.Errorf("ParseID(%q) error %v, want ok=%v", tt.in, err, tt.ok)
		}
		if err == nil && id.String() != tt.in {
			t.Errorf("ParseID(%q).String() = %q", tt.in, id.String())
		}
	}
}

func FuzzParseID(f *testing.F) {
	f.Add("2020-11410303MB0000001X-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
	f.Fuzz(func(t *testing.T, s string) {
		id, err := ParseID(s)
		if err == nil && id.String() != s {
			t.Fatalf("ParseID(%q) round-trips to %q", s, id.String())
		}
	})
}
