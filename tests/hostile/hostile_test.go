package hostile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"mime"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/testkit"
)

func bytesReader(b []byte) io.Reader {
	if b == nil {
		return nil
	}
	return bytes.NewReader(b)
}

// errorMessage returns the message of a JSON error body: the handlers'
// {"error":{"code","message"}} or the gateway's {"message"}.
func errorMessage(body []byte) string {
	var e struct {
		Message string `json:"message"`
		Error   struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if json.Unmarshal(body, &e) != nil {
		return ""
	}
	if e.Error.Message != "" && e.Error.Code != "" {
		return e.Error.Message
	}
	return e.Message
}

func TestHostileCorpus(t *testing.T) {
	base, iss := startStack(t)
	admin := iss.Admin(t)
	corpus, err := Corpus(testkit.Testdata(t, "seed-2020.json"), testkit.Testdata(t, "example-2021.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(corpus) < 200 {
		t.Fatalf("corpus has %d requests, want at least 200", len(corpus))
	}
	statuses := map[int]int{}
	kinds := map[string]int{}
	filed := map[string]string{} // ID → field, of reports with markup that were accepted
	for _, c := range corpus {
		resp := send(t, base, c.Method, c.Path, c.Header, c.Body, admin)
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatalf("%v: read the answer: %v", c, err)
		}
		statuses[resp.StatusCode]++
		kinds[c.Kind]++
		if resp.StatusCode >= 500 || !c.Accepts(resp.StatusCode) {
			t.Errorf("%v = %d %.200s; want %v (nil: any 4xx)", c, resp.StatusCode, body, c.Allowed)
			continue
		}
		mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
		if mt != "application/json" {
			t.Errorf("%v: Content-Type %q, want application/json", c, resp.Header.Get("Content-Type"))
		}
		if resp.StatusCode >= 400 && errorMessage(body) == "" {
			t.Errorf("%v = %d with no JSON error message: %.200s", c, resp.StatusCode, body)
		}
		if !bytes.Contains(body, []byte(c.Contains)) {
			t.Errorf("%v = %d %.300s; want it to contain %s", c, resp.StatusCode, body, c.Contains)
		}
		if c.Markup != "" && resp.StatusCode < 300 {
			var receipt struct{ ID string }
			if err := json.Unmarshal(body, &receipt); err != nil || receipt.ID == "" {
				t.Errorf("%v: receipt %.200s: %v", c, body, err)
				continue
			}
			filed[receipt.ID] = c.Markup
		}
	}
	if len(filed) == 0 {
		t.Error("no report with markup in its text was accepted: the inert-rendering check checked nothing")
	}
	checkInert(t, base, filed)
	t.Logf("requests tried: %d; markup reports filed and checked inert: %d", len(corpus), len(filed))
	t.Logf("by kind: %s", histogram(kinds))
	t.Logf("statuses: %s; 5xx: %d", histogram(statuses), count5xx(statuses))
}

// scriptTag matches an opening script tag or an event-handler attribute
// that markup in the text would have produced unescaped.
var scriptTag = regexp.MustCompile(`(?i)<script[\s>]|<img[^>]*onerror|href\s*=\s*["']?\s*javascript:`)

// shown are the text fields the HTML pages print; the sections appear only
// in the PDF.
var shown = []string{"title", "agency.name", "agency.region"}

// checkInert loads the pages that show the filed reports and looks for the
// markup rendered live instead of as text.
func checkInert(t *testing.T, base string, filed map[string]string) {
	t.Helper()
	field := map[string]string{}
	pages := []string{"/"}
	for id, f := range filed {
		pages = append(pages, "/reports/"+id)
		field["/reports/"+id] = f
	}
	for _, p := range pages {
		resp := send(t, base, "GET", p, map[string][]string{"Accept": {"text/html"}}, nil, "")
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("GET %s = %d %.200s", p, resp.StatusCode, body)
			continue
		}
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			t.Errorf("GET %s: Content-Type %q, want HTML", p, resp.Header.Get("Content-Type"))
			continue
		}
		if m := scriptTag.Find(body); m != nil {
			t.Errorf("GET %s renders markup from a report live: %q", p, m)
		}
		if slices.Contains(shown, field[p]) && !bytes.Contains(body, []byte("alert(1)")) {
			t.Errorf("GET %s does not show the report's %s at all, so inertness proves nothing", p, field[p])
		}
	}
}

func histogram[K int | string](m map[K]int) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, fmt.Sprintf("%v×%d", k, m[k]))
	}
	return strings.Join(parts, " ")
}

func count5xx(statuses map[int]int) int {
	n := 0
	for s, c := range statuses {
		if s >= 500 {
			n += c
		}
	}
	return n
}
