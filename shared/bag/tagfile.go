package bag

import (
	"encoding/hex"
	"regexp"
	"strings"
)

// checkAlgorithms reports manifests in algorithms Verify does not check:
// RFC 8493 wants every manifest verified, so skipping one silently would
// pass a bag whose other checksums are wrong.
func (v *verifier) checkAlgorithms() {
	for i := range v.entries {
		p := v.entries[i].name
		if !v.entries[i].tag() || p == manifestName || p == tagManifestName {
			continue
		}
		if isManifestName(p) {
			v.res.add(p, Unsupported, "only SHA-256 manifests are checked")
		}
	}
}

// isTagManifest: a tag manifest lists neither itself nor another one.
func isTagManifest(p string) bool {
	return strings.HasPrefix(p, "tagmanifest-") && strings.HasSuffix(p, ".txt")
}

func isManifestName(p string) bool {
	return (strings.HasPrefix(p, "manifest-") || strings.HasPrefix(p, "tagmanifest-")) && strings.HasSuffix(p, ".txt")
}

// tagLines opens a required tag file for reading line by line; nil when
// it is missing (reported) or was unreadable (reported when read).
func (v *verifier) tagLines(name, missing string) (*lineScanner, func()) {
	e := v.find(name)
	if e == nil {
		v.res.add(name, Missing, "%s", missing)
		return nil, nil
	}
	if !e.read {
		return nil, nil
	}
	rc, err := v.open(e)
	if err != nil {
		v.res.add(name, Unreadable, "%v", err)
		return nil, nil
	}
	return newLineScanner(rc), func() { rc.Close() }
}

// endLines reports a tag file that failed on the second reading.
func (v *verifier) endLines(name string, lines *lineScanner) {
	if err := lines.Err(); err != nil {
		v.res.add(name, Unreadable, "%v", err)
	}
}

// checkBagit checks the bag declaration (RFC 8493 §2.1.1).
func (v *verifier) checkBagit() {
	lines, done := v.tagLines(bagitName, "no bag declaration")
	if lines == nil {
		return
	}
	defer done()
	want := []string{"BagIt-Version: 1.0", "Tag-File-Character-Encoding: UTF-8"}
	ok := true
	for lines.Scan() {
		n, line := lines.n, string(lines.Line())
		if n > len(want) || line != want[n-1] && !(n == 2 && strings.EqualFold(line, want[1])) || lines.long {
			ok = false
			break
		}
	}
	if lines.n < len(want) {
		ok = false
	}
	v.endLines(bagitName, lines)
	if !ok {
		v.res.add(bagitName, Malformed, "want exactly %q", want)
	}
}

// checkManifest compares a manifest with the files, reading it line by
// line: each line's checksum with the content, each listed file with the
// zip, and each file of the manifest's kind (payload under data/, or tag
// files) with the lines. What it keeps is a mark on each entry, plus the
// missing names already reported, to tell a repeated one.
func (v *verifier) checkManifest(name string, payload bool) {
	lines, done := v.tagLines(name, "required manifest")
	if lines == nil {
		return
	}
	defer done()
	valid := 0
	var missing map[string]bool // reported missing; only while problems are listed
	for lines.Scan() {
		i := lines.n
		if lines.long {
			v.res.add(name, Malformed, "line %d: longer than %d bytes", i, MaxLineBytes)
			continue
		}
		sum, p, ok := manifestLine(string(lines.Line()))
		if !ok {
			v.res.add(name, Malformed, "line %d: want a SHA-256 in hex, spaces and a path", i)
			continue
		}
		p = decodePath(p)
		if err := entryName(p); err != nil {
			v.res.add(name, UnsafePath, "line %d: %s: %v", i, quoted(p), err)
			continue
		}
		inData := strings.HasPrefix(p, payloadDir)
		if inData != payload || (!payload && isTagManifest(p)) {
			v.res.add(name, Malformed, "line %d: %s does not belong in this manifest", i, quoted(p))
			continue
		}
		if valid++; valid > MaxEntries {
			v.res.add(name, TooLarge, "more than %d lines", MaxEntries)
			break
		}
		e := v.find(p)
		switch {
		case e == nil && missing[p]:
			v.res.add(name, Duplicate, "line %d: %s listed twice", i, quoted(p))
		case e == nil:
			v.res.add(p, Missing, "listed in %s", name)
			if !v.res.full() {
				if missing == nil {
					missing = make(map[string]bool)
				}
				missing[p] = true
			}
		case e.listed:
			v.res.add(name, Duplicate, "line %d: %s listed twice", i, quoted(p))
		default:
			e.listed = true
			if e.read && hex.EncodeToString(e.sum[:]) != sum {
				v.res.add(p, Mismatch, "%s lists %s, content hashes to %x", name, sum, e.sum)
			}
		}
	}
	v.endLines(name, lines)
	for i := range v.entries {
		e := &v.entries[i]
		if strings.HasPrefix(e.name, payloadDir) != payload || e.listed {
			continue
		}
		if !payload && isTagManifest(e.name) {
			continue // a tag manifest does not list itself
		}
		v.res.add(e.name, Unlisted, "not in %s", name)
	}
}

var hexSHA256 = regexp.MustCompile(`^[0-9a-fA-F]{64}$`)

// manifestLine splits "checksum<whitespace>path". The checksum is
// returned in lower case (RFC 8493 allows either).
func manifestLine(line string) (sum, path string, ok bool) {
	i := strings.IndexAny(line, " \t")
	if i < 0 {
		return "", "", false
	}
	sum, path = line[:i], strings.TrimLeft(line[i:], " \t")
	// sha256sum marks binary mode with "*" before the path.
	path = strings.TrimPrefix(path, "*")
	if !hexSHA256.MatchString(sum) || path == "" {
		return "", "", false
	}
	return strings.ToLower(sum), path, true
}

// checkOxum compares bag-info.txt's Payload-Oxum with the payload found,
// reading bag-info.txt line by line and keeping only Payload-Oxum.
func (v *verifier) checkOxum() {
	for i := range v.entries {
		if e := &v.entries[i]; strings.HasPrefix(e.name, payloadDir) {
			v.res.PayloadFiles++
			v.res.PayloadBytes += e.size
		}
	}
	lines, done := v.tagLines(bagInfoName, "required for Payload-Oxum")
	if lines == nil {
		return
	}
	defer done()
	var info bagInfoReader
	for lines.Scan() {
		info.line(lines.n, string(lines.Line()), lines.long)
	}
	v.endLines(bagInfoName, lines)
	if info.bad > 0 {
		v.res.add(bagInfoName, Malformed, "line %d is not \"Label: value\"", info.bad)
	}
	if info.oxums != 1 {
		v.res.add(bagInfoName, Malformed, "%d Payload-Oxum values, want 1", info.oxums)
		return
	}
	if want := oxum(v.res.PayloadBytes, v.res.PayloadFiles); info.oxum != want {
		v.res.add(bagInfoName, OxumWrong, "says %.40q, payload is %s (octets.files)", info.oxum, want)
	}
}

// bagInfoReader reads bag-info.txt's "Label: value" lines one at a time,
// joining continuation lines (those starting with space or tab) to the
// value before, and keeps only what Verify checks.
type bagInfoReader struct {
	bad   int    // the first line that does not parse, or 0
	last  string // the label a continuation line belongs to
	oxums int    // Payload-Oxum values seen
	oxum  string // the first one, continuation lines joined (at most maxTagValue bytes)
}

func (b *bagInfoReader) line(n int, line string, long bool) {
	if line != "" && (line[0] == ' ' || line[0] == '\t') && b.last != "" {
		if b.last == "Payload-Oxum" && b.oxums == 1 && len(b.oxum) < maxTagValue {
			b.oxum += " " + strings.TrimSpace(line)
		}
		return
	}
	label, value, ok := strings.Cut(line, ":")
	label = strings.TrimSpace(label)
	if !ok || label == "" || long {
		if b.bad == 0 {
			b.bad = n
		}
		b.last = ""
		return
	}
	if label == "Payload-Oxum" {
		if b.oxums++; b.oxums == 1 {
			b.oxum = strings.TrimSpace(value)
		}
	}
	b.last = label
}
