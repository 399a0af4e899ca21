package store

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

func TestVerifyReader(t *testing.T) {
	const content = "一、总体情况"
	sum := SHA256Hex([]byte(content))
	tests := []struct {
		name    string
		content string
		size    int64
		sha     string
		want    string
		wantErr error
	}{
		{"good", content, int64(len(content)), sum, content, nil},
		{"good, no digest", content, int64(len(content)), "", content, nil},
		{"empty", "", 0, SHA256Hex(nil), "", nil},
		{"flipped byte", "一、总体情况"[:3] + "X" + content[4:], int64(len(content)), sum, "", ErrChecksumMismatch},
		{"short", content[:5], int64(len(content)), sum, "", ErrChecksumMismatch},
		{"short, no digest", content[:5], int64(len(content)), "", "", ErrChecksumMismatch},
		{"long reads only size", content + "extra", int64(len(content)), sum, content, nil},
		{"malformed digest", content, int64(len(content)), "zz", "", ErrChecksumMismatch},
	}
	for _, tt := range tests {
		// OneByteReader makes every byte a separate Read, the worst case
		// for the bookkeeping.
		r := VerifyReader(io.NopCloser(iotest.OneByteReader(strings.NewReader(tt.content))), tt.size, tt.sha)
		got, err := io.ReadAll(r)
		if !errors.Is(err, tt.wantErr) || (err == nil && string(got) != tt.want) {
			t.Errorf("%s: ReadAll = %q, %v; want %q, %v", tt.name, got, err, tt.want, tt.wantErr)
		}
		if _, err2 := r.Read(make([]byte, 1)); tt.wantErr == nil && err2 != io.EOF {
			t.Errorf("%s: Read after the end = %v, want io.EOF", tt.name, err2)
		}
	}
}

func TestVerifyReaderTestReader(t *testing.T) {
	const content = "abc"
	r := VerifyReader(io.NopCloser(strings.NewReader(content)), 3, SHA256Hex([]byte(content)))
	if err := iotest.TestReader(r, []byte(content)); err != nil {
		t.Error(err)
	}
}
