package storetest

import (
	"slices"
	"testing"

	"github.com/nianbao/nianbao/shared/store"
)

// listKeys are written in this (unsorted) order. They include keys whose
// byte order differs from a directory walk ("l/a.b" < "l/a/x" < "l/a0"),
// multi-byte UTF-8, and a key outside the l/ prefix.
var listKeys = []string{"l/c", "l/a/x", "l/a0", "l/a.b", "l/中/1", "l/a/y/z", "l/b", "other/k", "l/Z"}

func putListKeys(t *testing.T, s store.Store) map[string]store.Info {
	infos := make(map[string]store.Info)
	for i, k := range listKeys {
		infos[k] = mustPut(t, s, k, make([]byte, i), store.PutOptions{})
	}
	return infos
}

func testList(t *testing.T, s store.Store) {
	put := putListKeys(t, s)
	tests := []struct {
		prefix, startAfter string
		limit              int
		want               []string
	}{
		{"l/", "", 100, []string{"l/Z", "l/a.b", "l/a/x", "l/a/y/z", "l/a0", "l/b", "l/c", "l/中/1"}},
		{"", "", 100, []string{"l/Z", "l/a.b", "l/a/x", "l/a/y/z", "l/a0", "l/b", "l/c", "l/中/1", "other/k"}},
		{"l/", "", 3, []string{"l/Z", "l/a.b", "l/a/x"}},
		{"l/", "l/a/x", 3, []string{"l/a/y/z", "l/a0", "l/b"}},
		{"l/", "l/a/", 2, []string{"l/a/x", "l/a/y/z"}},
		{"l/a", "", 100, []string{"l/a.b", "l/a/x", "l/a/y/z", "l/a0"}},
		{"l/a/", "", 100, []string{"l/a/x", "l/a/y/z"}},
		{"l/中", "", 100, []string{"l/中/1"}},
		{"l/", "l/中/1", 100, nil},
		{"l/", "zzz", 100, nil},
		{"nothing/", "", 100, nil},
		{"l/a/x", "", 100, []string{"l/a/x"}},
	}
	for _, tt := range tests {
		got, err := s.List(ctxFor(t), tt.prefix, tt.startAfter, tt.limit)
		if err != nil {
			t.Errorf("List(%q, %q, %d): %v", tt.prefix, tt.startAfter, tt.limit, err)
			continue
		}
		var keys []string
		for _, info := range got {
			keys = append(keys, info.Key)
			want := put[info.Key]
			if info.Size != want.Size || !store.SameETag(info.ETag, want.ETag) {
				t.Errorf("List(%q) entry %q: size %d ETag %s, want size %d ETag %s", tt.prefix, info.Key, info.Size, info.ETag, want.Size, want.ETag)
			}
			checkRecent(t, "List", info)
		}
		if !slices.Equal(keys, tt.want) {
			t.Errorf("List(%q, %q, %d) = %q, want %q", tt.prefix, tt.startAfter, tt.limit, keys, tt.want)
		}
	}
}

// testListPaging walks the whole store one entry per call.
func testListPaging(t *testing.T, s store.Store) {
	putListKeys(t, s)
	var keys []string
	after := ""
	for range len(listKeys) + 1 {
		page, err := s.List(ctxFor(t), "", after, 1)
		if err != nil {
			t.Fatalf("List after %q: %v", after, err)
		}
		if len(page) == 0 {
			break
		}
		if len(page) != 1 {
			t.Fatalf("List(limit 1) returned %d entries", len(page))
		}
		after = page[0].Key
		keys = append(keys, after)
	}
	want := slices.Sorted(slices.Values(listKeys))
	if !slices.Equal(keys, want) {
		t.Errorf("paging one by one gave %q, want %q", keys, want)
	}
}
