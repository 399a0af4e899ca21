package store

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxKeyLen is the longest key in bytes, the S3 limit.
const MaxKeyLen = 1024

// ValidateKey reports whether key is acceptable to every implementation.
// Keys are slash-separated UTF-8 paths: not empty, at most MaxKeyLen bytes,
// no control characters, no leading slash and no empty, "." or ".."
// segments. S3 itself allows more; the rules are narrower so that a key maps
// to exactly one file path and can never climb out of a directory.
func ValidateKey(key string) error {
	if key == "" {
		return &KeyError{Key: key, Reason: "empty"}
	}
	return validatePath(key)
}

// ValidatePrefix checks a List prefix: the empty string, or a key-like path
// that may end with "/".
func ValidatePrefix(prefix string) error {
	if prefix == "" {
		return nil
	}
	return validatePath(strings.TrimSuffix(prefix, "/"))
}

func validatePath(key string) error {
	if len(key) > MaxKeyLen {
		return &KeyError{Key: key, Reason: "longer than " + strconv.Itoa(MaxKeyLen) + " bytes"}
	}
	if !utf8.ValidString(key) {
		return &KeyError{Key: key, Reason: "not valid UTF-8"}
	}
	if strings.HasPrefix(key, "/") {
		return &KeyError{Key: key, Reason: "starts with /"}
	}
	for _, r := range key {
		if unicode.IsControl(r) {
			return &KeyError{Key: key, Reason: "contains control character " + strconv.QuoteRune(r)}
		}
	}
	for seg := range strings.SplitSeq(key, "/") {
		switch seg {
		case "":
			return &KeyError{Key: key, Reason: "has an empty segment"}
		case ".", "..":
			return &KeyError{Key: key, Reason: "has a " + strconv.Quote(seg) + " segment"}
		}
	}
	return nil
}

func quote(s string) string { return strconv.Quote(s) }
