package api

import (
	"strings"
	"testing"
	"time"
)

// BenchmarkReportPage serves GET /reports/{id} to a browser from a warm
// function on the filesystem store: the manifest, findings, the report, the
// agency's versions and each version's report read, compared and rendered.
// Target (issue 15): ≤ 5 ms.
func BenchmarkReportPage(b *testing.B) {
	for _, versions := range []int{1, 5} {
		b.Run(map[int]string{1: "one-version", 5: "five-versions"}[versions], func(b *testing.B) {
			c := &clock{time.Date(2021, 3, 20, 2, 0, 0, 0, time.UTC)}
			s := clockedStack(b, c)
			seed := string(readTestdata(b, "seed-2020.json"))
			var id string
			for v := range versions {
				c.now = c.now.Add(time.Hour)
				// Each version corrects one figure of the prose.
				doc := strings.Replace(seed, "共计金额768万元", "共计金额768万元（第"+string(rune('一'+v))+"次更正）", 1)
				id = s.file(b, []byte(doc))
			}
			req := event("GET", "/reports/"+id, nil, "Accept", "text/html")
			if resp := call(b, s.index, req); resp.StatusCode != 200 {
				b.Fatalf("%d %s", resp.StatusCode, resp.Body)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if resp, _ := s.index(b.Context(), req); resp.StatusCode != 200 {
					b.Fatal(resp.StatusCode)
				}
			}
		})
	}
}
