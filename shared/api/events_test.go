package api

import (
	"encoding/json"
	"strings"
	"testing"
)

func loadEvent(t *testing.T, name string) Request {
	t.Helper()
	var req Request
	if err := json.Unmarshal(readTestdata(t, "events/"+name), &req); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return req
}

// The committed API Gateway events, the ones `make invoke` sends to the
// functions, give the expected answers from the handlers on the filesystem store.
func TestCommittedEvents(t *testing.T) {
	s := newStack(t, nil)
	archiveHandler, _, _ := newArchiveStack(t)
	// The page the committed S3 event puts, waiting in the review queue.
	queueForReview(t, s.queue, readTestdata(t, "events/import-review-page.html"), civilDraft(t))
	steps := []struct {
		h        HandlerFunc
		event    string
		want     int
		contains string
	}{
		{s.upload, "upload-seed.json", 201, `"creditCode":"11410303MB0000001X"`},
		{s.upload, "upload-seed-base64.json", 200, `"creditCode":"11410303MB0000001X"`},
		{s.upload, "upload-2021.json", 201, `"year":2023`},
		{s.upload, "validate-seed.json", 200, `"valid":true`},
		{s.upload, "upload-wrong-type.json", 415, "unsupported-media-type"},
		{s.index, "index-root.json", 200, "西工区教育体育局"},
		{s.index, "index-list.json", 200, `"items":[{"id":"2020-11410303MB0000001X-`},
		{s.index, "index-get.json", 200, "<!doctype html>"},
		{s.index, "index-pdf.json", 200, ""},
		{s.index, "index-json.json", 200, ""},
		{s.index, "index-source.json", 404, "not-found"}, // the seed was filed as JSON, not imported
		{s.index, "index-changes.json", 200, `"versions":[{"id":"2020-11410303MB0000001X-`},
		{s.index, "index-next-year.json", 200, `"year":2021,"formatVersion":"2021"`},
		{s.index, "index-feed.json", 200, `<feed xmlns="http://www.w3.org/2005/Atom"`},
		{s.index, "index-schema.json", 200, "urn:nianbao:report:v1"},
		{s.index, "index-imports.json", 200, "在表单中打开"},
		{s.index, "index-import.json", 200, `"state":"review"`},
		{s.index, "index-import-source.json", 200, ""},
		{archiveHandler, "archive-status.json", 404, "not-found"},
		// The committed event carries an agency uploader's claims, not the
		// administrator scope starting an archive needs.
		{archiveHandler, "archive-start.json", 202, `"year":2020`},
	}
	for _, st := range steps {
		resp := call(t, st.h, loadEvent(t, st.event))
		if resp.StatusCode != st.want || !strings.Contains(resp.Body, st.contains) {
			t.Errorf("%s: %d %.200s; want %d containing %q", st.event, resp.StatusCode, resp.Body, st.want, st.contains)
		}
	}
}
