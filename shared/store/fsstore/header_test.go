package fsstore

import (
	"bytes"
	"errors"
	"testing"
)

func TestHeaderRoundTrip(t *testing.T) {
	h := header{Size: 3, ETag: `"e"`, SHA256: string(bytes.Repeat([]byte("a"), 64)), ContentType: "text/plain; charset=utf-8"}
	b, err := encodeHeader(h)
	if err != nil {
		t.Fatal(err)
	}
	got, n, err := readHeader(bytes.NewReader(append(b, "abc"...)), int64(len(b)+3))
	if err != nil || got != h || n != int64(len(b)) {
		t.Errorf("readHeader(encodeHeader(%+v)) = %+v, %d, %v; want it back with length %d", h, got, n, err, len(b))
	}
}

func TestHeaderRejects(t *testing.T) {
	good := header{Size: 0, ETag: `"e"`, SHA256: string(bytes.Repeat([]byte("a"), 64)), ContentType: "text/plain"}
	enc := func(h header) []byte {
		b, err := encodeHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	withSize := func(h header, n int64) header { h.Size = n; return h }
	withSHA := func(h header, s string) header { h.SHA256 = s; return h }
	withType := func(h header, s string) header { h.ContentType = s; return h }
	tests := []struct {
		name string
		file []byte
	}{
		{"empty file", nil},
		{"bad magic", append([]byte("NBFS\x02"), enc(good)[5:]...)},
		{"huge length", []byte("NBFS\x01\xff\xff\xff\xff{}")},
		{"short header", enc(good)[:len(enc(good))-1]},
		{"unknown field", append([]byte("NBFS\x01\x00\x00\x00\x0c"), `{"extra":1}`+" "...)},
		{"size mismatch", enc(withSize(good, 5))},
		{"bad sha256", enc(withSHA(good, "xyz"))},
		{"no content type", enc(withType(good, ""))},
	}
	for _, tt := range tests {
		_, _, err := readHeader(bytes.NewReader(tt.file), int64(len(tt.file)))
		if !errors.Is(err, errCorrupt) {
			t.Errorf("%s: readHeader(%q) error = %v, want errCorrupt", tt.name, tt.file, err)
		}
	}
}

func FuzzReadHeader(f *testing.F) {
	b, _ := encodeHeader(header{Size: 1, ETag: `"e"`, SHA256: string(bytes.Repeat([]byte("0"), 64)), ContentType: "a/b"})
	f.Add(append(b, 'x'))
	f.Add([]byte("NBFS\x01\x00\x00\x00\x02{}"))
	f.Fuzz(func(t *testing.T, file []byte) {
		h, n, err := readHeader(bytes.NewReader(file), int64(len(file)))
		if err != nil {
			return
		}
		if n+h.Size != int64(len(file)) || n > prefixLen+maxHeaderLen {
			t.Fatalf("accepted header %+v of length %d for a %d-byte file", h, n, len(file))
		}
	})
}
