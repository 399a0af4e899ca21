package api

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/report/reporttest"
)

// parsedFeed is an Atom feed as a reader parses it, namespaces checked.
type parsedFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string   `xml:"http://www.w3.org/2005/Atom id"`
	Title   string   `xml:"http://www.w3.org/2005/Atom title"`
	Updated string   `xml:"http://www.w3.org/2005/Atom updated"`
	Author  []struct {
		Name string `xml:"http://www.w3.org/2005/Atom name"`
	} `xml:"http://www.w3.org/2005/Atom author"`
	Links   []parsedLink `xml:"http://www.w3.org/2005/Atom link"`
	Entries []struct {
		ID      string `xml:"http://www.w3.org/2005/Atom id"`
		Title   string `xml:"http://www.w3.org/2005/Atom title"`
		Updated string `xml:"http://www.w3.org/2005/Atom updated"`
		Author  []struct {
			Name string `xml:"http://www.w3.org/2005/Atom name"`
		} `xml:"http://www.w3.org/2005/Atom author"`
		Links   []parsedLink `xml:"http://www.w3.org/2005/Atom link"`
		Summary string       `xml:"http://www.w3.org/2005/Atom summary"`
	} `xml:"http://www.w3.org/2005/Atom entry"`
}

type parsedLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
	Href string `xml:"href,attr"`
}

func (p parsedFeed) link(links []parsedLink, rel string) string {
	for _, l := range links {
		if l.Rel == rel {
			return l.Href
		}
	}
	return ""
}

// checkAtom fails unless the feed has what RFC 4287 requires: an id, a
// title and an updated time on the feed and on every entry, an author for
// every entry, a link to each entry, and absolute IRIs.
func checkAtom(t *testing.T, body string) parsedFeed {
	t.Helper()
	var f parsedFeed
	if err := xml.Unmarshal([]byte(body), &f); err != nil {
		t.Fatalf("the feed is not Atom XML: %v\n%.500s", err, body)
	}
	rfc3339 := func(what, s string) time.Time {
		ts, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Errorf("%s updated %q is not RFC 3339", what, s)
		}
		return ts
	}
	if f.ID == "" || f.Title == "" || f.Lang != "zh-CN" || len(f.Author) != 1 || f.Author[0].Name == "" {
		t.Errorf("feed head: id %q title %q lang %q authors %+v", f.ID, f.Title, f.Lang, f.Author)
	}
	rfc3339("feed", f.Updated)
	if self := f.link(f.Links, "self"); !strings.HasPrefix(self, "https://") || !strings.HasSuffix(self, "/feed.xml") {
		t.Errorf("self link %q", self)
	}
	var prev time.Time
	seen := map[string]bool{}
	for i, e := range f.Entries {
		if e.ID == "" || seen[e.ID] || e.Title == "" || len(e.Author) != 1 || e.Author[0].Name == "" || e.Summary == "" {
			t.Errorf("entry %d: %+v", i, e)
		}
		seen[e.ID] = true
		u := rfc3339("entry", e.Updated)
		if i > 0 && u.After(prev) {
			t.Errorf("entry %d (%s) is newer than the one before it: not newest first", i, e.Updated)
		}
		prev = u
		page, pdf := f.link(e.Links, "alternate"), f.link(e.Links, "enclosure")
		if !strings.HasPrefix(page, "https://") || !strings.Contains(page, "/reports/") || pdf != page+"/pdf" {
			t.Errorf("entry %d links: page %q pdf %q", i, page, pdf)
		}
	}
	return f
}

func TestFeed(t *testing.T) {
	c := &clock{time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)}
	s := clockedStack(t, c)
	example := readTestdata(t, "example-2021.json")
	// More agencies than the feed shows, filed a minute apart, then the
	// seed and a correction of the first agency's report: newest first.
	var ids []string
	for n := range feedSize + 2 {
		c.now = c.now.Add(time.Minute)
		ids = append(ids, s.file(t, reporttest.Variant(example, n, 0)))
	}
	c.now = c.now.Add(time.Minute)
	seed := s.file(t, readTestdata(t, "seed-2020.json"))
	c.now = c.now.Add(time.Minute)
	fix := s.file(t, reporttest.Variant(example, 0, 1))

	req := event("GET", "/feed.xml", nil)
	req.RequestContext.DomainName = "a1b2c3d4e5.execute-api.cn-north-1.amazonaws.com.cn"
	req.Headers["x-forwarded-proto"] = "https"
	resp := call(t, s.index, req)
	if resp.StatusCode != 200 || resp.Headers["Content-Type"] != "application/atom+xml; charset=utf-8" {
		t.Fatalf("GET /feed.xml: %d %v", resp.StatusCode, resp.Headers)
	}
	f := checkAtom(t, resp.Body)
	if len(f.Entries) != feedSize {
		t.Fatalf("%d entries, want %d", len(f.Entries), feedSize)
	}
	base := "https://" + req.RequestContext.DomainName + "/reports/"
	want := []string{fix, seed, ids[feedSize+1]}
	for i, id := range want {
		if got := f.link(f.Entries[i].Links, "alternate"); got != base+id {
			t.Errorf("entry %d links %s, want %s", i, got, base+id)
		}
	}
	if !strings.Contains(f.Entries[0].Summary, "第 2 版") || f.Entries[0].ID != "urn:nianbao:report:2023-"+reporttest.CreditCode(0) {
		t.Errorf("the corrected report's entry: %+v", f.Entries[0])
	}
	if f.Updated != f.Entries[0].Updated {
		t.Errorf("feed updated %s, newest entry %s", f.Updated, f.Entries[0].Updated)
	}
	// The oldest filings fall off the end: agencies 1 and 2 filed first.
	for _, e := range f.Entries {
		for _, n := range []int{1, 2} {
			if strings.HasSuffix(e.ID, reporttest.CreditCode(n)) {
				t.Errorf("agency %d's report, among the oldest, is in the feed", n)
			}
		}
	}
	if len(resp.Body) > 64<<10 {
		t.Errorf("the feed is %d bytes", len(resp.Body))
	}
}

func TestFeedEmpty(t *testing.T) {
	s := newStack(t, nil)
	req := event("GET", "/feed.xml", nil)
	req.RequestContext.DomainName, req.Headers["x-forwarded-proto"] = "example.gov.cn", "https"
	if f := checkAtom(t, call(t, s.index, req).Body); len(f.Entries) != 0 {
		t.Errorf("an empty store's feed has %d entries", len(f.Entries))
	}
}

func TestBaseURL(t *testing.T) {
	tests := []struct {
		domain, host, proto, want string
	}{
		{"a1b2.execute-api.cn-north-1.amazonaws.com.cn", "", "https", "https://a1b2.execute-api.cn-north-1.amazonaws.com.cn"},
		{"127.0.0.1:8080", "", "", "http://127.0.0.1:8080"},
		{"", "localhost:8080", "http", "http://localhost:8080"},
		{"[::1]:8080", "", "", "http://[::1]:8080"},
		{"evil.example/<script>", "", "https", ""},
		{"a\"b", "", "", ""},
		{strings.Repeat("a", 300), "", "", ""},
		{"", "", "", ""},
		{"example.gov.cn", "", "javascript", "http://example.gov.cn"},
	}
	for _, tt := range tests {
		req := event("GET", "/feed.xml", nil)
		req.RequestContext.DomainName = tt.domain
		if tt.host != "" {
			req.Headers["host"] = tt.host
		}
		if tt.proto != "" {
			req.Headers["x-forwarded-proto"] = tt.proto
		}
		if got := baseURL(req); got != tt.want {
			t.Errorf("baseURL(domain %q, host %q, proto %q) = %q, want %q", tt.domain, tt.host, tt.proto, got, tt.want)
		}
	}
}
