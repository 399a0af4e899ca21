package bag

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// maxNameLen bounds a payload path; zip allows 65535 bytes, file systems
// far less.
const maxNameLen = 1024

// Reserved payload and tag names.
const (
	indexName       = "index.csv" // under data/
	manifestName    = "manifest-sha256.txt"
	tagManifestName = "tagmanifest-sha256.txt"
	bagitName       = "bagit.txt"
	bagInfoName     = "bag-info.txt"
	payloadDir      = "data/"
)

// validName checks a payload name relative to data/: slash-separated
// segments, none empty, "." or "..", no backslash (a separator on
// Windows), no NUL, valid UTF-8. CR and LF are allowed, and percent-encoded
// in the manifests as RFC 8493 §2.1.3 requires.
func validName(name string) error {
	if name == "" {
		return errors.New("empty")
	}
	if len(name) > maxNameLen {
		return errors.New("too long")
	}
	for seg := range strings.SplitSeq(name, "/") {
		if err := validSegment(seg); err != nil {
			return err
		}
	}
	return nil
}

// validSegment checks one path segment.
func validSegment(seg string) error {
	switch seg {
	case "":
		return errors.New("empty path segment")
	case ".", "..":
		return errors.New(`"." or ".." segment`)
	}
	if !utf8.ValidString(seg) {
		return errors.New("not valid UTF-8")
	}
	if strings.ContainsAny(seg, "/\\\x00") {
		return errors.New("contains a slash, backslash or NUL")
	}
	return nil
}

// encodePath writes a path as a manifest line wants it: CR, LF and %
// percent-encoded (RFC 8493 §2.1.3).
func encodePath(p string) string {
	if !strings.ContainsAny(p, "\r\n%") {
		return p
	}
	r := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	return r.Replace(p)
}

// decodePath reverses encodePath. Only the three escapes the RFC defines
// are decoded (either hex case); any other "%" is taken literally, as a
// writer that encodes only those three would have left it.
func decodePath(p string) string {
	if !strings.Contains(p, "%") {
		return p
	}
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		if p[i] == '%' && i+2 < len(p) {
			switch strings.ToUpper(p[i+1 : i+3]) {
			case "25":
				b.WriteByte('%')
				i += 2
				continue
			case "0D":
				b.WriteByte('\r')
				i += 2
				continue
			case "0A":
				b.WriteByte('\n')
				i += 2
				continue
			}
		}
		b.WriteByte(p[i])
	}
	return b.String()
}
