package store

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestValidateKey(t *testing.T) {
	tests := []struct {
		key    string
		reason string // substring of the error; "" means valid
	}{
		{"reports/2020/report.json", ""},
		{"报告/2020/西工区教育体育局.json", ""},
		{"a", ""},
		{"a.b/c..d/...", ""},
		{strings.Repeat("k", MaxKeyLen), ""},
		{"", "empty"},
		{strings.Repeat("k", MaxKeyLen+1), "longer than 1024"},
		{"/abs", "starts with /"},
		{"a/", "empty segment"},
		{"a//b", "empty segment"},
		{"a/../b", `".." segment`},
		{"..", `".." segment`},
		{"./a", `"." segment`},
		{"a/.", `"." segment`},
		{"a\x00b", "control character"},
		{"a\nb", "control character"},
		{"a\x7fb", "control character"},
		{"a\u0085b", "control character"},
		{"a\xffb", "UTF-8"},
	}
	for _, tt := range tests {
		err := ValidateKey(tt.key)
		if tt.reason == "" {
			if err != nil {
				t.Errorf("ValidateKey(%q) = %v, want nil", tt.key, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.reason) {
			t.Errorf("ValidateKey(%q) = %v, want error containing %q", tt.key, err, tt.reason)
			continue
		}
		var ke *KeyError
		if !errors.Is(err, ErrInvalidKey) || !errors.As(err, &ke) || ke.Key != tt.key {
			t.Errorf("ValidateKey(%q) = %#v, want *KeyError for the key matching ErrInvalidKey", tt.key, err)
		}
	}
}

func TestValidatePrefix(t *testing.T) {
	tests := []struct {
		prefix string
		ok     bool
	}{
		{"", true},
		{"reports/", true},
		{"reports/20", true},
		{"/", false},
		{"a//", false},
		{"../", false},
		{"a\tb", false},
	}
	for _, tt := range tests {
		if err := ValidatePrefix(tt.prefix); (err == nil) != tt.ok {
			t.Errorf("ValidatePrefix(%q) = %v, want ok=%v", tt.prefix, err, tt.ok)
		}
	}
}

func TestKeyErrorShortensLongKeys(t *testing.T) {
	err := ValidateKey(strings.Repeat("长", 2000))
	if n := len(err.Error()); n > 3*maxKeyInError+100 {
		t.Errorf("error message is %d bytes, want it shortened: %.60s…", n, err)
	}
}

func FuzzValidateKey(f *testing.F) {
	for _, s := range []string{"a/b", "报告/x.pdf", "../x", "a//b", "/a", "a\x00", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, key string) {
		if ValidateKey(key) != nil {
			return
		}
		// Whatever passes must be safe to join under a directory.
		if len(key) > MaxKeyLen || !utf8.ValidString(key) || strings.HasPrefix(key, "/") {
			t.Fatalf("accepted %q", key)
		}
		for _, seg := range strings.Split(key, "/") {
			if seg == "" || seg == "." || seg == ".." {
				t.Fatalf("accepted %q with segment %q", key, seg)
			}
		}
		if ValidatePrefix(key) != nil || ValidatePrefix(key+"/") != nil {
			t.Fatalf("key %q valid but not as a prefix", key)
		}
	})
}
