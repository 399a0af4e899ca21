package imports

import (
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
)

// Prefix holds a year's entries and kept originals.
func Prefix(year int) string { return "imports/" + strconv.Itoa(year) + "/" }

// Key is where an original's entry lives.
func Key(year int, sha string) string { return Prefix(year) + sha + ".json" }

// OriginalKey is where the original of a report in review is kept.
func OriginalKey(year int, sha, ext string) string { return Prefix(year) + sha + "." + ext }

// Ref names an entry as {year}/{sha256}, as the form's ?import= does.
func Ref(year int, sha string) string { return strconv.Itoa(year) + "/" + sha }

// ParseRef reads a Ref, accepting nothing Ref could not have written.
func ParseRef(ref string) (year int, sha string, err error) {
	y, sha, ok := strings.Cut(ref, "/")
	if !ok {
		return 0, "", fmt.Errorf("%w: want {year}/{sha256}", ErrBadRef)
	}
	if year, err = ParseYear(y); err != nil {
		return 0, "", err
	}
	if !ValidSHA256(sha) {
		return 0, "", fmt.Errorf("%w: bad sha256", ErrBadRef)
	}
	return year, sha, nil
}

// ParseYear reads a four-digit report year from 2019.
func ParseYear(s string) (int, error) {
	y, err := strconv.Atoi(s)
	if err != nil || len(s) != 4 || y < 2019 || strconv.Itoa(y) != s {
		return 0, fmt.Errorf("%w: bad year %q", ErrBadRef, s)
	}
	return y, nil
}

// ValidSHA256 reports whether s is 64 lower-case hex digits.
func ValidSHA256(s string) bool {
	_, err := hex.DecodeString(s)
	return len(s) == 64 && err == nil && strings.ToLower(s) == s
}

// shaOfKey returns the SHA-256 an entry key under prefix names, or false
// for any other key (a kept original, a stranger).
func shaOfKey(prefix, key string) (string, bool) {
	name, ok := strings.CutPrefix(key, prefix)
	if !ok {
		return "", false
	}
	sha, ok := strings.CutSuffix(name, ".json")
	return sha, ok && ValidSHA256(sha)
}
