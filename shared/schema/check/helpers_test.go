package check

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/testkit"
)

// decodeTree decodes a document into maps, keeping numbers exact.
func decodeTree(t testing.TB, b []byte) map[string]any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("decode tree: %v", err)
	}
	return m
}

func encodeTree(t testing.TB, m map[string]any) []byte {
	t.Helper()
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatalf("encode tree: %v", err)
	}
	return b
}

// edit changes a decoded document in place.
type edit func(t testing.TB, doc map[string]any)

// parent walks to the object holding the last name of a dotted path.
func parent(t testing.TB, doc map[string]any, path string) (map[string]any, string) {
	t.Helper()
	names := strings.Split(path, ".")
	m := doc
	for _, n := range names[:len(names)-1] {
		next, ok := m[n].(map[string]any)
		if !ok {
			t.Fatalf("edit %s: %q is not an object", path, n)
		}
		m = next
	}
	return m, names[len(names)-1]
}

// set replaces (or adds) the value at path. Numbers should be json.Number so
// that they are written exactly as given.
func set(path string, v any) edit {
	return func(t testing.TB, doc map[string]any) {
		m, name := parent(t, doc, path)
		m[name] = v
	}
}

func del(path string) edit {
	return func(t testing.TB, doc map[string]any) {
		m, name := parent(t, doc, path)
		if _, ok := m[name]; !ok {
			t.Fatalf("delete %s: no such member", path)
		}
		delete(m, name)
	}
}

// graft copies the value at path from another example document.
func graft(path, from string) edit {
	return func(t testing.TB, doc map[string]any) {
		src := decodeTree(t, testkit.Testdata(t, from))
		sm, name := parent(t, src, path)
		m, _ := parent(t, doc, path)
		m[name] = sm[name]
	}
}

func num(s string) json.Number { return json.Number(s) }
