package ingest

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/report"
)

// oneSize is a finding's share of the byte cap.
func oneSize(f report.Finding) int {
	b, _ := json.Marshal(f)
	return len(b) + 1
}

func TestCapFindings(t *testing.T) {
	many := func(n, size int) []report.Finding {
		fs := make([]report.Finding, n)
		for i := range fs {
			fs[i] = report.Finding{Rule: "import-missing", Severity: report.Error, Path: fmt.Sprint(i), Message: strings.Repeat("缺", size)}
		}
		return fs
	}
	tests := []struct {
		name          string
		fs            []report.Finding
		count, bytes  int
		kept, dropped int
	}{
		{"under both caps", many(10, 10), 20, 1 << 20, 10, 0},
		{"past the count", many(30, 10), 20, 1 << 20, 20, 10},
		{"past the bytes", many(30, 100), 1000, 10 * oneSize(many(1, 100)[0]), 10, 20},
		{"none", nil, 20, 1 << 20, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := capFindings(tt.fs, tt.count, tt.bytes)
			if got == nil {
				t.Fatal("nil findings: the JSON must print []")
			}
			kept := len(got)
			if tt.dropped > 0 {
				last := got[len(got)-1]
				if last.Rule != RuleTruncated || !strings.Contains(last.Message, fmt.Sprintf("另有 %d 条", tt.dropped)) {
					t.Errorf("last finding %+v, want %s saying %d more", last, RuleTruncated, tt.dropped)
				}
				kept--
			}
			if kept != tt.kept {
				t.Errorf("kept %d findings, want %d", kept, tt.kept)
			}
		})
	}
}
