package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/testkit"
)

// flood is a 1 MiB document made to produce as many findings as it can.
type flood struct {
	name string
	doc  func(t testing.TB) []byte
}

var floods = []flood{
	// {"formatVersion":"2021","u0":0,"u1":0,…}: one unknown-field finding per 7 bytes.
	{"unknown-fields", func(testing.TB) []byte {
		return fill(`{"formatVersion":"2021"`, func(i int) string { return fmt.Sprintf(`,"u%d":0`, i) })
	}},
	// {"title":"t","title":"t",…}: one duplicate-key finding per 12 bytes.
	{"duplicate-keys", func(testing.TB) []byte {
		return fill(`{"title":"t"`, func(int) string { return `,"title":"t"` })
	}},
	// Unknown names of 300 bytes, each quoted twice by its finding: the
	// byte cap comes before the count cap.
	{"long-names", func(testing.TB) []byte {
		long := strings.Repeat("名", 100)
		return fill(`{"formatVersion":"2021"`, func(i int) string { return fmt.Sprintf(`,"%s%d":0`, long, i) })
	}},
	// The seed with every section full of distinct characters the PDF fonts
	// lack (CJK Extension A, Hangul, private use): one glyph finding per
	// character and section, from the validator rather than the decoder.
	{"glyphs", func(t testing.TB) []byte {
		var doc map[string]any
		if err := json.Unmarshal(testkit.Testdata(t, "seed-2020.json"), &doc); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, block := range [][2]rune{{0x3400, 0x4DBF}, {0xAC00, 0xD7A3}, {0xE000, 0xF8FF}} {
			for r := block[0]; r <= block[1] && b.Len() < report.MaxDocumentBytes/7; r++ {
				b.WriteRune(r)
			}
		}
		sections := doc["sections"].(map[string]any)
		for _, key := range []string{"overview", "proactive", "requests", "reviewLitigation", "problemsAndImprovements", "otherMatters"} {
			sections[key] = b.String()
		}
		data, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}},
}

// fill is head, then item(0), item(1), … as long as the document stays
// within the 1 MiB cap, then "}".
func fill(head string, item func(i int) string) []byte {
	b := bytes.NewBufferString(head)
	for i := 0; ; i++ {
		s := item(i)
		if b.Len()+len(s)+1 > report.MaxDocumentBytes {
			break
		}
		b.WriteString(s)
	}
	b.WriteByte('}')
	return b.Bytes()
}

// TestFloodedFindingsAreBounded: a document made to produce hundreds of
// thousands of findings gets an answer within the findings cap, ending with
// the finding that counts the rest, and costs the server a bounded heap —
// on the open live check and on the 422 of a filing alike.
func TestFloodedFindingsAreBounded(t *testing.T) {
	s := newStack(t, nil)
	// The answer's envelope around the findings is a few hundred bytes.
	const maxBody = report.MaxFindingsBytes + 4<<10
	for _, f := range floods {
		doc := f.doc(t)
		for _, path := range []string{"/reports/validate", "/reports"} {
			t.Run(f.name+path, func(t *testing.T) {
				var resp Response
				mem := testkit.MeasureMemory(func() {
					resp = call(t, s.upload, event("POST", path, doc, "Content-Type", jsonType))
				})
				var body struct {
					Valid    bool             `json:"valid"`
					Findings []report.Finding `json:"findings"`
				}
				decodeBody(t, resp, &body)
				n := len(body.Findings)
				t.Logf("%d-byte document: status %d, %d findings in %d bytes; allocated %.1f MiB, peak heap %.1f MiB",
					len(doc), resp.StatusCode, n, len(resp.Body), testkit.MiB(mem.Allocated), testkit.MiB(mem.Peak))
				if want := map[string]int{"/reports/validate": 200, "/reports": 422}[path]; resp.StatusCode != want {
					t.Errorf("status %d, want %d", resp.StatusCode, want)
				}
				if len(resp.Body) > maxBody {
					t.Errorf("answer of %d bytes, want at most %d", len(resp.Body), maxBody)
				}
				if n == 0 || n > report.MaxFindings+1 {
					t.Fatalf("%d findings, want 1 to %d", n, report.MaxFindings+1)
				}
				last := body.Findings[n-1]
				if last.Rule != report.RuleTooManyFindings || last.Severity != report.Error || last.Got == "" {
					t.Errorf("last finding %+v, want a %s error counting the findings left out", last, report.RuleTooManyFindings)
				}
				if body.Valid {
					t.Errorf("valid = true for a document with errors")
				}
				// Before the cap: answers of 12–34 MB, 119–334 MiB allocated,
				// peaks of 60–200 MiB; after it, under 11 MiB and 8 MiB.
				if mem.Allocated > 32<<20 || mem.Peak > 32<<20 {
					t.Errorf("allocated %.1f MiB, peak heap %.1f MiB; want at most 32 MiB each",
						testkit.MiB(mem.Allocated), testkit.MiB(mem.Peak))
				}
			})
		}
	}
}

// BenchmarkFlood measures one flooded live check (POST /reports/validate):
// allocations (-benchmem), the peak heap of one request, the answer's size
// and its number of findings.
func BenchmarkFlood(b *testing.B) {
	s := newStack(b, nil)
	for _, f := range floods {
		doc := f.doc(b)
		req := event("POST", "/reports/validate", doc, "Content-Type", jsonType)
		b.Run(f.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(doc)))
			var resp Response
			var peak uint64
			for b.Loop() {
				m := testkit.MeasureMemory(func() { resp = call(b, s.upload, req) })
				peak = max(peak, m.Peak)
			}
			var body checked
			decodeBody(b, resp, &body)
			b.ReportMetric(testkit.MiB(peak), "peak-heap-MiB")
			b.ReportMetric(float64(len(resp.Body))/1e6, "answer-MB")
			b.ReportMetric(float64(len(body.Findings)), "findings")
		})
	}
}
