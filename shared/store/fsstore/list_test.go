package fsstore

import (
	"context"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/store"
)

// Listing walks directories in key order and prunes what it cannot need;
// any prefix, start and page size must give exactly what sorting every
// key would.
func TestListMatchesSortedKeys(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	segs := []string{"a", "a.b", "a0", "a~", "%", ".x", "b", "中", "Z", "a b"}
	var keys []string
	seen := map[string]bool{}
	for len(keys) < 300 {
		n := 1 + rng.IntN(4)
		parts := make([]string, n)
		for i := range parts {
			parts[i] = segs[rng.IntN(len(segs))]
		}
		k := strings.Join(parts, "/")
		if seen[k] {
			continue
		}
		// A key may not be a proper prefix-directory of another in this
		// store only in name: both "a" and "a/b" are allowed.
		seen[k] = true
		keys = append(keys, k)
		if _, err := s.Put(ctx, k, []byte(k), store.PutOptions{}); err != nil {
			t.Fatalf("Put(%q): %v", k, err)
		}
	}
	slices.Sort(keys)
	prefixes := []string{"", "a", "a/", "a.", "a/a", "中/", "%", "zz"}
	for range 200 {
		prefix := prefixes[rng.IntN(len(prefixes))]
		after := ""
		if rng.IntN(2) == 0 {
			after = keys[rng.IntN(len(keys))]
			if rng.IntN(2) == 0 {
				after += strconv.Itoa(rng.IntN(10)) // not itself a key
			}
		}
		limit := 1 + rng.IntN(40)
		var want []string
		for _, k := range keys {
			if strings.HasPrefix(k, prefix) && k > after && len(want) < limit {
				want = append(want, k)
			}
		}
		got, err := s.List(ctx, prefix, after, limit)
		if err != nil {
			t.Fatal(err)
		}
		var gotKeys []string
		for _, in := range got {
			gotKeys = append(gotKeys, in.Key)
		}
		if !slices.Equal(gotKeys, want) {
			t.Fatalf("List(%q, %q, %d) = %q, want %q", prefix, after, limit, gotKeys, want)
		}
	}
}

// BenchmarkListPage lists one page of 1 000 from the middle of a prefix of
// 20 000 objects in 2 000 directories, as the catalog's rebuild pages
// through a year.
func BenchmarkListPage(b *testing.B) {
	s, err := New(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for i := range 2000 {
		for j := range 10 {
			if _, err := s.Put(ctx, "y/"+strconv.Itoa(10000+i)+"/"+strconv.Itoa(j), []byte("x"), store.PutOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	}
	for b.Loop() {
		page, err := s.List(ctx, "y/", "y/11000/", 1000)
		if err != nil || len(page) != 1000 {
			b.Fatal(len(page), err)
		}
	}
}
