package hostile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/nianbao/nianbao/shared/gateway"
	"github.com/nianbao/nianbao/shared/report"
)

// TextFields are the free-text fields of a report.
var TextFields = []string{"title", "agency.name", "agency.region",
	"sections.overview", "sections.problemsAndImprovements", "sections.otherMatters"}

// marker stands in for raw bytes that JSON encoding would escape.
const marker = "\u2063HOSTILE\u2063"

// Corpus builds the hostile requests from two valid reports (the seed and
// another agency's), each for POST /reports unless it says otherwise.
func Corpus(seed, other []byte) ([]Case, error) {
	doc, err := parse(seed)
	if err != nil {
		return nil, fmt.Errorf("seed: %w", err)
	}
	if _, err := parse(other); err != nil {
		return nil, fmt.Errorf("other report: %w", err)
	}
	var cs []Case
	for _, gen := range []func(seed []byte, doc map[string]any) ([]Case, error){
		sizes, mediaTypes, malformed, nesting, numbers, encodings, duplicates, characters, markup, imports,
	} {
		more, err := gen(seed, doc)
		if err != nil {
			return nil, err
		}
		cs = append(cs, more...)
	}
	return append(append(cs, traversal()...), unrouted()...), nil
}

func parse(data []byte) (map[string]any, error) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var doc map[string]any
	if err := d.Decode(&doc); err != nil {
		return nil, err
	}
	return doc, nil
}

// with returns the document with the value at a dotted path replaced, as
// JSON; a string value containing marker is spliced in as raw bytes.
func with(doc map[string]any, path string, v any, raw ...[]byte) ([]byte, error) {
	clone, err := parse(must(json.Marshal(doc)))
	if err != nil {
		return nil, err
	}
	keys := strings.Split(path, ".")
	m := clone
	for _, k := range keys[:len(keys)-1] {
		next, ok := m[k].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("path %s: %s is not an object", path, k)
		}
		m = next
	}
	m[keys[len(keys)-1]] = v
	out, err := marshal(clone)
	if err != nil {
		return nil, err
	}
	for _, r := range raw {
		out = bytes.Replace(out, []byte(marker), r, 1)
	}
	return out, nil
}

// withValue returns the document with the value at a dotted path replaced
// by raw JSON text (or anything else).
func withValue(doc map[string]any, path string, raw []byte) ([]byte, error) {
	out, err := with(doc, path, marker)
	if err != nil {
		return nil, err
	}
	return bytes.Replace(out, []byte(`"`+marker+`"`), raw, 1), nil
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err) // only for documents that parse already marshalled once
	}
	return b
}

// marshal encodes without HTML escaping, so that markup reaches the server
// as written.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func sizes(seed []byte, _ map[string]any) ([]Case, error) {
	limit := report.MaxDocumentBytes
	pad := func(n int) []byte { // the seed with trailing whitespace up to n bytes
		b := bytes.Clone(bytes.TrimRight(seed, " \n"))
		return append(b, bytes.Repeat([]byte(" "), n-len(b))...)
	}
	junk := func(n int) []byte {
		return append([]byte(`{"x":"`), append(bytes.Repeat([]byte("a"), n-8), '"', '}')...)
	}
	return []Case{
		post("size", "valid report padded to the cap", "/reports", pad(limit), 200, 201),
		post("size", "valid report one byte over the cap", "/reports", pad(limit+1), 413),
		post("size", "junk at the cap", "/reports", junk(limit), 400, 422),
		post("size", "junk one byte over the cap", "/reports", junk(limit+1), 413),
		post("size", "validate: one byte over the cap", "/reports/validate", pad(limit+1), 413),
		post("size", "gateway cap", "/reports", junk(gateway.MaxBodyBytes), 413),
		post("size", "gateway cap + 1", "/reports", junk(gateway.MaxBodyBytes+1), 413),
		post("size", "binary at the cap (base64 event)", "/reports", bytes.Repeat([]byte{0xff}, limit), 400),
		post("size", "binary over the cap (base64 event)", "/reports", bytes.Repeat([]byte{0xff}, limit+1), 413),
		post("size", "empty body", "/reports", nil, 400),
	}, nil
}

func mediaTypes(seed []byte, _ map[string]any) ([]Case, error) {
	var cs []Case
	for _, ct := range []string{"", "text/plain", "application/xml", "multipart/form-data; boundary=x",
		"application/x-www-form-urlencoded", "application/json; charset=latin1", "application/json; charset=utf-16",
		"application/json;;", "text/json", "application/octet-stream", "application/jsonp", "application/json, text/plain"} {
		for _, path := range []string{"/reports", "/reports/validate"} {
			c := post("media-type", fmt.Sprintf("%q", ct), path, seed, 415)
			c.Header = http.Header{}
			if ct != "" {
				c.Header.Set("Content-Type", ct)
			}
			cs = append(cs, c)
		}
	}
	return cs, nil
}

func malformed(seed []byte, _ map[string]any) ([]Case, error) {
	var cs []Case
	for _, body := range []string{"{", "}", "[]", "null", `""`, "123", "true", `{"a":}`, "{,}", `{"formatVersion":"2019-trial",}`,
		"{'formatVersion':'2019-trial'}", `{"reportYear":NaN}`, `{"reportYear":Infinity}`, "/* c */{}", " ", "\x00",
		`{"a":1}{"b":2}`, `{"formatVersion":"2019-trial"`, `{"formatVersion":"2019-trial" "reportYear":2020}`, `["formatVersion","2019-trial"]`} {
		cs = append(cs, post("malformed", fmt.Sprintf("%.30q", body), "/reports", []byte(body)))
	}
	cs = append(cs,
		post("malformed", "trailing garbage", "/reports", append(bytes.Clone(seed), "garbage"...)),
		post("malformed", "second document", "/reports", append(bytes.Clone(seed), seed...)),
		post("malformed", "leading garbage", "/reports", append([]byte("x"), seed...)))
	for i := 1; i <= 20; i++ {
		n := len(seed) * i / 21
		cs = append(cs, post("truncated", fmt.Sprintf("%d of %d bytes", n, len(seed)), "/reports", seed[:n]))
	}
	return cs, nil
}

func nesting(seed []byte, doc map[string]any) ([]Case, error) {
	arrays := func(n int) []byte { return []byte(strings.Repeat("[", n) + strings.Repeat("]", n)) }
	objects := func(n int) []byte { return []byte(strings.Repeat(`{"a":`, n) + "1" + strings.Repeat("}", n)) }
	var cs []Case
	for _, n := range []int{1_000, 10_000, 100_000} {
		cs = append(cs,
			post("nesting", fmt.Sprintf("arrays %d deep", n), "/reports", arrays(n)),
			post("nesting", fmt.Sprintf("objects %d deep", n), "/reports", objects(n)))
	}
	for _, field := range []string{"agency", "sections.overview", "table2"} {
		body, err := withValue(doc, field, arrays(5_000))
		if err != nil {
			return nil, err
		}
		cs = append(cs, post("nesting", "deep array as "+field, "/reports", body))
	}
	return cs, nil
}

var wrongTypes = map[string]any{"null": nil, "string": "12", "bool": true, "array": []any{}, "object": map[string]any{}}

// numbers puts absurd values into count cells of the report's tables.
func numbers(_ []byte, doc map[string]any) ([]Case, error) {
	paths := numberPaths(doc, "", nil)
	if len(paths) < 5 {
		return nil, fmt.Errorf("seed has %d number cells, want at least 5", len(paths))
	}
	picked := []string{paths[0], paths[len(paths)/4], paths[len(paths)/2], paths[3*len(paths)/4], paths[len(paths)-1]}
	var cs []Case
	for _, p := range picked {
		for _, v := range []string{"-1", "-1000000", "1e400", "123456789012345678901234567890", "0.5", "-0.0001", "1e-400",
			strings.Repeat("9", 10_000)} {
			body, err := with(doc, p, json.Number(v))
			if err != nil {
				return nil, err
			}
			cs = append(cs, post("number", fmt.Sprintf("%s=%.20s", p, v), "/reports", body, 400, 422))
		}
		for _, name := range sortedKeys(wrongTypes) {
			v := wrongTypes[name]
			body, err := with(doc, p, v)
			if err != nil {
				return nil, err
			}
			cs = append(cs, post("number", fmt.Sprintf("%s as %s", p, name), "/reports", body, 400, 422))
		}
	}
	return cs, nil
}

func numberPaths(v any, prefix string, out []string) []string {
	m, ok := v.(map[string]any)
	if !ok {
		return out
	}
	for _, k := range sortedKeys(m) {
		p := k
		if prefix != "" {
			p = prefix + "." + k
		}
		if _, ok := m[k].(json.Number); ok && strings.HasPrefix(p, "table") {
			out = append(out, p)
			continue
		}
		out = numberPaths(m[k], p, out)
	}
	return out
}

func encodings(seed []byte, doc map[string]any) ([]Case, error) {
	var cs []Case
	bad := map[string][]byte{
		"invalid byte": {0xff}, "overlong slash": {0xc0, 0xaf}, "lone surrogate": {0xed, 0xa0, 0x80},
		"truncated sequence": {0xe4, 0xb8}, "code point past U+10FFFF": {0xf4, 0x90, 0x80, 0x80},
	}
	for _, name := range sortedKeys(bad) {
		raw := bad[name]
		for _, f := range []string{"title", "sections.overview"} {
			body, err := with(doc, f, "前"+marker+"后", raw)
			if err != nil {
				return nil, err
			}
			cs = append(cs, post("utf-8", name+" in "+f, "/reports", body))
		}
	}
	utf16 := []byte{0xff, 0xfe}
	for _, r := range string(seed[:200]) {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	cs = append(cs,
		post("utf-8", "UTF-8 BOM", "/reports", append([]byte("\xef\xbb\xbf"), seed...)),
		post("utf-8", "UTF-16 with BOM", "/reports", utf16),
		post("utf-8", "escaped lone surrogate", "/reports", must(with(doc, "title", marker, []byte(`\ud800`)))))
	return cs, nil
}

func duplicates(seed []byte, _ map[string]any) ([]Case, error) {
	dup := func(key, value string) []byte { // the key again, right after "{"
		return append([]byte(`{"`+key+`":`+value+`,`), bytes.TrimPrefix(bytes.TrimSpace(seed), []byte("{"))...)
	}
	return []Case{
		post("duplicate-key", "reportYear", "/reports", dup("reportYear", "2019")),
		post("duplicate-key", "formatVersion", "/reports", dup("formatVersion", `"2019-trial"`)),
		post("duplicate-key", "agency", "/reports", dup("agency", `{"name":"另一个机构","creditCode":"91110000100000000X"}`)),
		post("duplicate-key", "title", "/reports", dup("title", `"别的标题"`)),
		post("duplicate-key", "nested creditCode", "/reports",
			bytes.Replace(seed, []byte(`"creditCode"`), []byte(`"creditCode": "91110000100000000X", "creditCode"`), 1)),
	}, nil
}

// characters puts characters the renderer cannot or must not print into
// every text field: they must be refused as findings, not crash the PDF.
func characters(_ []byte, doc map[string]any) ([]Case, error) {
	chars := map[string]string{"non-BMP 𫖮": "𫖮", "NUL": "\x00", "bell": "\a", "escape": "\x1b[31m", "private use": "\ue000"}
	var cs []Case
	for _, f := range TextFields {
		for _, name := range sortedKeys(chars) {
			s := chars[name]
			body, err := with(doc, f, "前"+s+"后")
			if err != nil {
				return nil, err
			}
			cs = append(cs, post("character", name+" in "+f, "/reports", body, 400, 422))
		}
		body, err := with(doc, f, marker, []byte("前\x01后")) // a raw control byte is not JSON
		if err != nil {
			return nil, err
		}
		cs = append(cs, post("character", "raw control byte in "+f, "/reports", body, 400))
	}
	return cs, nil
}

var markups = map[string]string{
	"script":      "<script>alert(1)</script>",
	"javascript:": `javascript:alert(1)`,
	"attribute":   `"><img src=x onerror=alert(1)>`,
}

// markup puts script and javascript: URLs into every text field of a valid
// report: if the text is still valid it is filed, and must render inert.
func markup(_ []byte, doc map[string]any) ([]Case, error) {
	var cs []Case
	for _, f := range TextFields {
		old, err := lookup(doc, f)
		if err != nil {
			return nil, err
		}
		for _, name := range sortedKeys(markups) {
			s := markups[name]
			body, err := with(doc, f, old+s)
			if err != nil {
				return nil, err
			}
			c := post("markup", name+" in "+f, "/reports", body, 200, 201, 422)
			c.Markup = f
			cs = append(cs, c)
		}
	}
	return cs, nil
}

func lookup(doc map[string]any, path string) (string, error) {
	var v any = doc
	for _, k := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return "", fmt.Errorf("path %s: not an object at %s", path, k)
		}
		v = m[k]
	}
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("path %s: not a string", path)
	}
	return s, nil
}

// traversal puts traversal, encoded traversal and other junk into every path
// parameter. Targets are sent verbatim; all are valid request targets, since
// a malformed one never reaches nianbao (the HTTP server refuses it).
func traversal() []Case {
	values := []string{"..", "../../etc/passwd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%2f..%2fetc%2fpasswd",
		"%252e%252e%252f", "....//....//etc/passwd", `..%5c..%5cwindows%5cwin.ini`, "%00", "x%00.pdf",
		"%c0%ae%c0%ae%2f", "%ef%bc%8e%ef%bc%8e%ef%bc%8f", strings.Repeat("a", 4096), "2020-11410303MB0000001X-" + strings.Repeat("0", 64),
		"%3cscript%3e", "latest", "-1", "2020%2f..%2f2021"}
	var cs []Case
	for _, v := range values {
		for _, t := range []struct{ method, pattern string }{
			{"GET", "/reports/{}"}, {"GET", "/reports/{}/pdf"}, {"GET", "/reports/{}/json"},
			{"GET", "/static/{}"}, {"GET", "/archives/{}"}, {"POST", "/archives/{}"}, {"GET", "/templates/{}"},
		} {
			cs = append(cs, Case{Kind: "traversal", Name: fmt.Sprintf("%.40s in %s %s", v, t.method, t.pattern),
				Method: t.method, Path: strings.Replace(t.pattern, "{}", v, 1), Header: http.Header{}})
		}
	}
	return cs
}

func unrouted() []Case {
	var cs []Case
	for _, t := range [][2]string{
		{"PUT", "/reports"}, {"DELETE", "/reports"}, {"PATCH", "/reports/x"}, {"DELETE", "/reports/x"},
		{"OPTIONS", "/reports"}, {"TRACE", "/"}, {"FOO", "/reports"}, {"PUT", "/archives/2020"},
		{"GET", "/admin"}, {"GET", "/.env"}, {"GET", "/wp-login.php"}, {"GET", "/reports/x/y/z"},
		{"GET", "/api/v1/reports"}, {"GET", "/static"}, {"POST", "/reports/validate/x"}, {"POST", "/"},
		{"GET", "/%2e%2e/%2e%2e/etc/passwd"}, {"GET", "/reports/x/pdf/../../../../etc/passwd"},
		{"GET", "/reports/import"}, {"PUT", "/reports/import"}, {"POST", "/reports/import/x"}, {"POST", "/templates/2021.xlsx"},
	} {
		cs = append(cs, Case{Kind: "route", Name: t[0] + " " + t[1], Method: t[0], Path: t[1], Header: http.Header{}})
	}
	return cs
}
