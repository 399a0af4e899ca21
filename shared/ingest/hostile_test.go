package ingest

import (
	"context"
	"maps"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/source"
)

// tenMB is just under the import's size cap.
const tenMB = 10 << 20

// fill repeats unit between head and tail up to the 10 MB cap.
func fill(head, unit, tail string) func() []byte {
	return func() []byte {
		n := (tenMB - len(head) - len(tail)) / len(unit)
		return []byte(head + strings.Repeat(unit, n) + tail)
	}
}

const title = "某局2023年政府信息公开工作年度报告\n一、总体情况\n"

// hostileInputs are files built to exhaust a reader or the recogniser,
// each close to the 10 MB cap, built when asked for.
func hostileInputs() map[string]func() []byte {
	m := map[string]func() []byte{
		"digits run together":    fill(title+"三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量", "7", "\n"),
		"digits in cells":        fill(title+"| 一、本年新收政府信息公开申请数量 |", " 1234567890 |", "\n"),
		"one paragraph of prose": fill(title, "本机关认真贯彻条例，", "\n"),
		"wrapped prose lines":    fill(title, "本机关认真贯彻条例全面推进政务公开工作持续提升公开质量\n", ""),
		"many rows":              fill(title, "0\t0\t0\t0\t0\t0\t0\n", ""),
		"pipe cells":             fill(title, "|", "\n"),
		"deeply nested html":     fill("<html><body>", "<div>", ""),
		"nested inline html":     fill("<html><body>", "<span><b>", ""),
		"enormous spans":         fill("<table><tr>", `<td rowspan="2147483647" colspan="999999">x</td>`, "</tr></table>"),
		"table cells html":       fill("<table><tr>", "<td>1</td>", "</tr></table>"),
		"paragraphs html":        fill("<html><body><p>二、主动公开政府信息情况</p>", "<p>本机关认真贯彻条例，全面推进政务公开。</p>", "</body></html>"),
		"unclosed tables html":   fill("<html><body>", "<table><tr><td>", ""),
		// A CMS page with its picture inline, as base64: read, not refused.
		"inline image html": fill("<html><body><p>某局2023年政府信息公开工作年度报告</p><p>一、总体情况</p><p>本机关认真贯彻条例。</p><img src=\"data:image/png;base64,",
			"iVBORw0KGgoAAAANSUhEUgAA", "\"><p>二、主动公开政府信息情况</p><table><tr><td>行政许可</td><td>12</td></tr></table></body></html>"),
	}
	maps.Copy(m, bigFiles())
	return m
}

// TestHostile imports each hostile input: a result (refused or a draft),
// quickly, with memory bounded by a small multiple of the input.
func TestHostile(t *testing.T) {
	if testing.Short() {
		t.Skip("10 MB inputs")
	}
	for name, build := range hostileInputs() {
		t.Run(name, func(t *testing.T) {
			data := build()
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			res, err := Import(context.Background(), data, Options{Name: name})
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatal(err)
			}
			// A filled template with a picture is a valid report, with
			// nothing to say; anything else says why it is not.
			if len(res.Findings) == 0 && !res.Valid() || len(res.Findings) > report.MaxFindings+1 {
				t.Errorf("%d findings", len(res.Findings))
			}
			// Generous bounds: they catch a quadratic pass or a grid the
			// size of a span, not a slow machine.
			if elapsed > 10*time.Second {
				t.Errorf("took %v", elapsed)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 40*tenMB {
				t.Errorf("allocated %d MB for a 10 MB input", alloc>>20)
			}
			code := ""
			if r := res.Refusal(); r != nil {
				code = r.Code
			}
			t.Logf("%v, %d MB allocated, refusal %q, %d findings", elapsed.Round(time.Millisecond), (after.TotalAlloc-before.TotalAlloc)>>20, code, len(res.Findings))
		})
	}
}

func TestRefusedResults(t *testing.T) {
	tests := []struct {
		name string
		data string
		code string
	}{
		{"empty", " \n", source.Malformed},
		{"a damaged PDF", "%PDF-1.7\n...", source.Malformed},
		{"a legacy Word file", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + strings.Repeat("\x00", 64) + "W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t\x00", source.Legacy},
		{"not a report", "会议通知：请各单位于周五下午参加培训。", "not-a-report"},
		{"too deep", strings.Repeat("<div>", 1000), source.TooComplex},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Import(context.Background(), []byte(tt.data), Options{Name: "x"})
			if err != nil {
				t.Fatal(err)
			}
			r := res.Refusal()
			if r == nil || r.Code != tt.code {
				t.Fatalf("refusal %v, want %s", r, tt.code)
			}
			if len(res.Findings) != 1 || res.Findings[0].Rule != RuleRefused || res.Findings[0].Message != r.Reason || string(res.Report) != "null" || res.Valid() {
				t.Errorf("result %+v", res)
			}
		})
	}
}

func TestCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Import(ctx, []byte("一、总体情况\n"), Options{}); err == nil {
		t.Fatal("no error from a canceled import")
	}
}
