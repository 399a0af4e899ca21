package bag

import (
	"regexp"
	"strings"
)

// checkAlgorithms reports manifests in algorithms Verify does not check:
// RFC 8493 wants every manifest verified, so skipping one silently would
// pass a bag whose other checksums are wrong.
func (v *verifier) checkAlgorithms() {
	for _, p := range v.order {
		if strings.Contains(p, "/") || p == manifestName || p == tagManifestName {
			continue
		}
		if isManifestName(p) {
			v.rep.add(p, Unsupported, "only SHA-256 manifests are checked")
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

// checkManifest compares a manifest with the files: each line's checksum
// with the content, each listed file with the zip, and each file of the
// manifest's kind (payload under data/, or tag files) with the lines.
func (v *verifier) checkManifest(name string, payload bool) {
	c := v.files[name]
	if c == nil {
		v.rep.add(name, Missing, "required manifest")
		return
	}
	if c.sum == "" {
		return // reported as unreadable
	}
	listed := make(map[string]bool)
	for i, line := range splitLines(string(c.body)) {
		sum, p, ok := manifestLine(line)
		if !ok {
			v.rep.add(name, Malformed, "line %d: want a SHA-256 in hex, spaces and a path", i+1)
			continue
		}
		p = decodePath(p)
		if err := entryName(p); err != nil {
			v.rep.add(name, UnsafePath, "line %d: %s: %v", i+1, printable(p), err)
			continue
		}
		inData := strings.HasPrefix(p, payloadDir)
		if inData != payload || (!payload && isTagManifest(p)) {
			v.rep.add(name, Malformed, "line %d: %s does not belong in this manifest", i+1, printable(p))
			continue
		}
		if listed[p] {
			v.rep.add(name, Duplicate, "line %d: %s listed twice", i+1, printable(p))
			continue
		}
		if len(listed) >= MaxEntries {
			v.rep.add(name, TooLarge, "more than %d lines", MaxEntries)
			break
		}
		listed[p] = true
		f := v.files[p]
		switch {
		case f == nil:
			v.rep.add(p, Missing, "listed in %s", name)
		case f.sum != "" && f.sum != sum:
			v.rep.add(p, Mismatch, "%s lists %s, content hashes to %s", name, sum, f.sum)
		}
	}
	for _, p := range v.order {
		if strings.HasPrefix(p, payloadDir) != payload || listed[p] {
			continue
		}
		if !payload && isTagManifest(p) {
			continue // a tag manifest does not list itself
		}
		v.rep.add(p, Unlisted, "not in %s", name)
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

// checkOxum compares bag-info.txt's Payload-Oxum with the payload found.
func (v *verifier) checkOxum() {
	for _, p := range v.order {
		if strings.HasPrefix(p, payloadDir) {
			v.rep.PayloadFiles++
			v.rep.PayloadBytes += v.files[p].size
		}
	}
	c := v.files[bagInfoName]
	if c == nil {
		v.rep.add(bagInfoName, Missing, "required for Payload-Oxum")
		return
	}
	if c.sum == "" {
		return
	}
	labels, bad := parseBagInfo(string(c.body))
	if bad > 0 {
		v.rep.add(bagInfoName, Malformed, "line %d is not \"Label: value\"", bad)
	}
	values := labels["Payload-Oxum"]
	if len(values) != 1 {
		v.rep.add(bagInfoName, Malformed, "%d Payload-Oxum values, want 1", len(values))
		return
	}
	if want := oxum(v.rep.PayloadBytes, v.rep.PayloadFiles); values[0] != want {
		v.rep.add(bagInfoName, OxumWrong, "says %.40q, payload is %s (octets.files)", values[0], want)
	}
}

// parseBagInfo reads "Label: value" lines, joining continuation lines
// (those starting with space or tab) to the value before. bad is the
// first line that does not parse, or 0.
func parseBagInfo(text string) (labels map[string][]string, bad int) {
	labels = make(map[string][]string)
	last := ""
	for i, line := range splitLines(text) {
		if line != "" && (line[0] == ' ' || line[0] == '\t') && last != "" {
			vals := labels[last]
			vals[len(vals)-1] += " " + strings.TrimSpace(line)
			continue
		}
		label, value, ok := strings.Cut(line, ":")
		label = strings.TrimSpace(label)
		if !ok || label == "" {
			if bad == 0 {
				bad = i + 1
			}
			last = ""
			continue
		}
		labels[label] = append(labels[label], strings.TrimSpace(value))
		last = label
	}
	return labels, bad
}
