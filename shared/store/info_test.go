package store

import (
	"errors"
	"testing"
)

func TestPutOptionsNormalize(t *testing.T) {
	tests := []struct {
		in      PutOptions
		wantCT  string
		wantErr error
	}{
		{PutOptions{}, DefaultContentType, nil},
		{PutOptions{ContentType: "application/json"}, "application/json", nil},
		{PutOptions{ContentType: "text/csv; charset=utf-8", IfNoneMatch: true}, "text/csv; charset=utf-8", nil},
		{PutOptions{IfNoneMatch: true, IfMatch: `"x"`}, "", ErrInvalidArgument},
		{PutOptions{ContentType: "not a type"}, "", ErrInvalidArgument},
		{PutOptions{ContentType: "text/plain; name=报告"}, "", ErrInvalidArgument},
		{PutOptions{ContentType: "text/plain\r\nX-Evil: 1"}, "", ErrInvalidArgument},
	}
	for _, tt := range tests {
		got, err := tt.in.Normalize()
		if !errors.Is(err, tt.wantErr) {
			t.Errorf("Normalize(%+v) error = %v, want %v", tt.in, err, tt.wantErr)
			continue
		}
		if err == nil && got.ContentType != tt.wantCT {
			t.Errorf("Normalize(%+v).ContentType = %q, want %q", tt.in, got.ContentType, tt.wantCT)
		}
	}
}

func TestDigests(t *testing.T) {
	// Known answers for the empty input.
	if got, want := SHA256Hex(nil), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"; got != want {
		t.Errorf("SHA256Hex(nil) = %s, want %s", got, want)
	}
	if got, want := MD5ETag(nil), `"d41d8cd98f00b204e9800998ecf8427e"`; got != want {
		t.Errorf("MD5ETag(nil) = %s, want %s", got, want)
	}
}
