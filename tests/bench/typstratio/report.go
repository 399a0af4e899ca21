package main

import (
	"fmt"
	"io"
	"slices"
)

// stats are min, median and max.
type stats struct{ min, med, max float64 }

func summarize(xs []float64) stats {
	s := slices.Sorted(slices.Values(xs))
	n := len(s)
	med := s[n/2]
	if n%2 == 0 {
		med = (s[n/2-1] + s[n/2]) / 2
	}
	return stats{s[0], med, s[n-1]}
}

func (s stats) String() string { return fmt.Sprintf("%s / %s / %s", f(s.min), f(s.med), f(s.max)) }

func f(ms float64) string {
	if ms < 10 {
		return fmt.Sprintf("%.2f", ms)
	}
	return fmt.Sprintf("%.1f", ms)
}

// report1 prints the comparison as Markdown tables, wall time and then CPU
// time: times in ms, and the ratio of Typst's median to nianbao's (how
// many times faster nianbao is), with the min/min ratio beside it.
func report1(w io.Writer, docs []*doc, rounds int) {
	fmt.Fprintf(w, "%d interleaved rounds; times in ms as min / median / max; ratio = Typst ÷ nianbao (median; min in brackets).\n", rounds)
	for _, kind := range []string{"wall", "cpu"} {
		fmt.Fprintln(w)
		if kind == "wall" {
			fmt.Fprintln(w, "| wall time | nianbao | Typst 0.14 | ratio | target |")
		} else {
			fmt.Fprintln(w, "| CPU time (user + system, all threads) | nianbao | Typst 0.14 | ratio | |")
		}
		fmt.Fprintln(w, "|---|---|---|---|---|")
		row := func(what string, a, b []float64, target string) {
			if kind == "cpu" {
				target = ""
			}
			sa, sb := summarize(a), summarize(b)
			fmt.Fprintf(w, "| %s | %s | %s | **%.1f×** (%.1f×) | %s |\n", what, sa, sb, sb.med/sa.med, sb.min/sa.min, target)
		}
		for _, d := range docs {
			warm := d.warm
			if kind == "cpu" {
				warm = d.warmCPU
			}
			row(fmt.Sprintf("warm, %s (%d pages; Typst %d)", d.name, d.pages[0], d.pages[1]), warm[0], warm[1], "≥ 12×")
		}
		for _, d := range docs {
			if !d.measured {
				continue
			}
			proc := d.process
			if kind == "cpu" {
				proc = d.procCPU
			}
			row(fmt.Sprintf("process → PDF, %s: nianbao render", d.name), proc[0], proc[1], "≥ 15×")
			row(fmt.Sprintf("process → PDF, %s: the same work in a binary of its own", d.name), proc[2], proc[1], "")
		}
	}
	fmt.Fprintln(w)
	for _, d := range docs {
		fmt.Fprintf(w, "PDF size, %s: nianbao %d bytes, Typst %d bytes.\n", d.name, d.bytes[0], d.bytes[1])
	}
}
