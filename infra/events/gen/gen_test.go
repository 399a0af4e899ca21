package main

import (
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

var update = flag.Bool("update", false, "rewrite testdata/events")

const root = "../../.."

// TestEventsUpToDate fails while testdata/events differs from what gen
// writes, e.g. after a testdata report changed. Fix: go run ./infra/events/gen
// (or go test ./infra/events/gen -update).
func TestEventsUpToDate(t *testing.T) {
	files, err := generate(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, eventsDir)
	want := map[string]bool{}
	for _, f := range files {
		want[f.name] = true
		path := filepath.Join(dir, f.name)
		if *update {
			if err := os.WriteFile(path, f.data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%v (run go run ./infra/events/gen)", err)
			continue
		}
		if !bytes.Equal(got, f.data) {
			t.Errorf("%s is stale: %d bytes, gen writes %d (run go run ./infra/events/gen)", path, len(got), len(f.data))
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !want[e.Name()] {
			t.Errorf("%s: not written by gen; delete it or add it to gen", filepath.Join(dir, e.Name()))
		}
	}
}

// TestEventsDecode reads every HTTP event with aws-lambda-go's own type,
// as the functions will, and checks it is consistent.
func TestEventsDecode(t *testing.T) {
	files, err := generate(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	bodies := map[string]string{
		"upload-seed.json":        seedPath,
		"upload-seed-base64.json": seedPath,
		"upload-wrong-type.json":  seedPath,
		"validate-seed.json":      seedPath,
		"import-docx.json":        seedPath, // in its Word template
		"upload-2021.json":        example2021,
		"office-roster-put.json":  rosterPath,
		"office-summary.json":     summaryPath,
	}
	for _, f := range files {
		if f.name == "archive-schedule.json" || strings.HasPrefix(f.name, "import-") {
			continue
		}
		var ev events.APIGatewayV2HTTPRequest
		dec := json.NewDecoder(bytes.NewReader(f.data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&ev); err != nil {
			t.Errorf("%s: %v", f.name, err)
			continue
		}
		method, route, _ := strings.Cut(ev.RouteKey, " ")
		switch {
		case ev.Version != "2.0":
			t.Errorf("%s: version %q, want 2.0", f.name, ev.Version)
		case ev.RequestContext.RouteKey != ev.RouteKey:
			t.Errorf("%s: requestContext.routeKey %q, routeKey %q", f.name, ev.RequestContext.RouteKey, ev.RouteKey)
		case ev.RequestContext.HTTP.Method != method:
			t.Errorf("%s: method %q, route key %q", f.name, ev.RequestContext.HTTP.Method, ev.RouteKey)
		case ev.RequestContext.HTTP.Path != ev.RawPath:
			t.Errorf("%s: http.path %q, rawPath %q", f.name, ev.RequestContext.HTTP.Path, ev.RawPath)
		case ev.RequestContext.Stage != "$default":
			t.Errorf("%s: stage %q, want $default", f.name, ev.RequestContext.Stage)
		case !strings.Contains(route, "{") && ev.RawPath != route:
			t.Errorf("%s: rawPath %q, route %q", f.name, ev.RawPath, route)
		}
		for k := range ev.Headers {
			if k != strings.ToLower(k) {
				t.Errorf("%s: header %q not lower-case", f.name, k)
			}
		}
		writeRoute := method != "GET" && route != "/reports/validate" && route != "/reports/import"
		if hasJWT := ev.RequestContext.Authorizer != nil; hasJWT != writeRoute {
			t.Errorf("%s: JWT claims present = %v, want %v for %s", f.name, hasJWT, writeRoute, ev.RouteKey)
		}
		src, ok := bodies[f.name]
		if !ok {
			if ev.Body != "" {
				t.Errorf("%s: unexpected body %.40q", f.name, ev.Body)
			}
			continue
		}
		want, err := os.ReadFile(filepath.Join(root, src))
		if err != nil {
			t.Fatal(err)
		}
		if f.name == "import-docx.json" {
			if want, err = filledDOCX(want); err != nil {
				t.Fatal(err)
			}
		}
		got := []byte(ev.Body)
		if ev.IsBase64Encoded {
			if got, err = base64.StdEncoding.DecodeString(ev.Body); err != nil {
				t.Errorf("%s: body: %v", f.name, err)
				continue
			}
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: body (%d bytes) is not the bytes of %s (%d bytes)", f.name, len(got), src, len(want))
		}
		if ev.Headers["content-length"] != strconv.Itoa(len(want)) {
			t.Errorf("%s: content-length %q, body %d bytes", f.name, ev.Headers["content-length"], len(want))
		}
	}
}

func TestIdentity(t *testing.T) {
	tests := []struct {
		in       string
		year     int
		code     string
		wantFail bool
	}{
		{`{"reportYear":2020,"agency":{"creditCode":"11410303MB0000001X"}}`, 2020, "11410303MB0000001X", false},
		{`{"reportYear":2020}`, 0, "", true},
		{`{"agency":{"creditCode":"X"}}`, 0, "", true},
		{`[`, 0, "", true},
	}
	for _, tt := range tests {
		year, code, err := identity([]byte(tt.in))
		if (err != nil) != tt.wantFail || year != tt.year || code != tt.code {
			t.Errorf("identity(%s) = %d, %q, %v; want %d, %q, fail=%v", tt.in, year, code, err, tt.year, tt.code, tt.wantFail)
		}
	}
}

// TestS3EventsDecode reads every inbox event with aws-lambda-go's own type:
// each names one object created in the bucket, whose key decodes to its
// document's inbox key and whose size and ETag are its document's.
func TestS3EventsDecode(t *testing.T) {
	files, err := generate(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string][]byte{}
	for _, f := range files {
		docs[f.name] = f.data
	}
	seen := 0
	for _, f := range files {
		if !strings.HasPrefix(f.name, "import-put-") {
			continue
		}
		seen++
		var ev events.S3Event
		dec := json.NewDecoder(bytes.NewReader(f.data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&ev); err != nil {
			t.Errorf("%s: %v", f.name, err)
			continue
		}
		if len(ev.Records) != 1 {
			t.Errorf("%s: %d records", f.name, len(ev.Records))
			continue
		}
		rec := ev.Records[0]
		doc := ""
		for name := range docs {
			if putEventName(name) == f.name && name != f.name {
				doc = name
			}
		}
		data := docs[doc]
		sum := md5.Sum(data)
		switch {
		case doc == "":
			t.Errorf("%s announces no document", f.name)
		case rec.EventSource != "aws:s3" || rec.EventName != "ObjectCreated:Put" || rec.S3.Bucket.Name != inboxBucket:
			t.Errorf("%s: %s %s in %s", f.name, rec.EventSource, rec.EventName, rec.S3.Bucket.Name)
		case !strings.HasPrefix(rec.S3.Object.URLDecodedKey, "inbox/2020/") || strings.Contains(rec.S3.Object.Key, "年"):
			t.Errorf("%s: key %q (decoded %q): want an encoded inbox key", f.name, rec.S3.Object.Key, rec.S3.Object.URLDecodedKey)
		case rec.S3.Object.Size != int64(len(data)) || rec.S3.Object.ETag != hex.EncodeToString(sum[:]):
			t.Errorf("%s: size %d eTag %s, want the %d bytes of %s", f.name, rec.S3.Object.Size, rec.S3.Object.ETag, len(data), doc)
		}
	}
	if seen != 3 {
		t.Errorf("%d inbox events, want the two pages and the agencies file", seen)
	}
}
