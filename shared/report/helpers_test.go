package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// edit decodes a document into generic JSON (numbers kept exact), applies fn and
// encodes it again.
func edit(t testing.TB, doc []byte, fn func(m map[string]any)) []byte {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatal(err)
	}
	fn(m)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// set replaces (or with value == deleteKey removes) the member at a dotted path.
func set(m map[string]any, path string, value any) {
	keys := strings.Split(path, ".")
	for _, k := range keys[:len(keys)-1] {
		m = m[k].(map[string]any)
	}
	if value == deleteKey {
		delete(m, keys[len(keys)-1])
		return
	}
	m[keys[len(keys)-1]] = value
}

type deleteMarker struct{}

var deleteKey = deleteMarker{}
