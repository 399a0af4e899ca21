// Command typstratio measures nianbao's renderer against Typst 0.14 (typst.ts's
// Node compiler) on the same report with the same fonts, side by side in one
// run: rounds interleave the two, alternating which goes first, and each
// figure is reported as min / median / max. Both write tagged PDF (nianbao
// PDF/A-2a + PDF/UA-1, Typst PDF/UA-1).
//
//   - warm: a renderer already loaded (fonts parsed, compiler created), one
//     document to PDF in memory; the seed report (≈5 pages) and the seed
//     with its prose repeated (≈30 pages);
//   - process → PDF: a new process renders the seed report to a file: node
//     with typst.ts; nianbao's CLI (nianbao render, which validates first);
//     and this program with -once, which does what nianbao render does
//     (decode, validate, render, write) in a binary that links nothing
//     else, so the CLI's start-up (the packages of its other commands) shows
//     as the difference.
//
// tests/bench/typst-ratio.sh installs the pinned npm package and runs it.
//
// Usage: typstratio -worker DIR/worker.mjs -cli NIANBAO [-report testdata/seed-2020.json] [-rounds 15]
//
//	typstratio -once REPORT.json OUT.pdf
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/nianbao/nianbao/shared/render"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/reportpdf"
	"github.com/nianbao/nianbao/shared/validate"
)

func main() {
	reportPath := flag.String("report", "testdata/seed-2020.json", "the report to render")
	repeat := flag.Int("repeat", 15, "the long document repeats the report's prose this many times")
	rounds := flag.Int("rounds", 15, "measured rounds of each comparison")
	worker := flag.String("worker", "", "worker.mjs, beside the installed typst.ts package")
	cli := flag.String("cli", "", "the nianbao binary")
	fonts := flag.String("fonts", "shared/render/fonts", "the fonts both renderers use")
	once := flag.Bool("once", false, "render REPORT.json to OUT.pdf as nianbao render does, and exit")
	flag.Parse()
	if *once {
		if err := renderOnce(flag.Arg(0), flag.Arg(1)); err != nil {
			fmt.Fprintln(os.Stderr, "typstratio -once:", err)
			os.Exit(1)
		}
		return
	}
	if *worker == "" || *cli == "" {
		fmt.Fprintln(os.Stderr, "usage: typstratio -worker DIR/worker.mjs -cli NIANBAO [-report REPORT.json] [-rounds N]")
		os.Exit(2)
	}
	if err := run(*reportPath, *repeat, *rounds, *worker, *cli, *fonts); err != nil {
		fmt.Fprintln(os.Stderr, "typstratio:", err)
		os.Exit(1)
	}
}

// doc is one document in both forms.
type doc struct {
	name     string
	rdoc     *render.Document
	json     string // path of the report JSON, for the CLI
	typ      string // path of the Typst source
	pages    [2]int // nianbao's and Typst's page counts
	bytes    [2]int // PDF sizes
	warm     [2][]float64
	warmCPU  [2][]float64
	process  [3][]float64 // nianbao render, typst.ts, typstratio -once
	procCPU  [3][]float64
	measured bool
}

// renderOnce is the work of nianbao render: decode and validate the report
// (with the renderer's fonts deciding which characters are acceptable),
// lay it out and write the PDF.
func renderOnce(in, out string) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	r, findings := validate.Document(data, validate.NewOptions(nil, time.Now()))
	if r == nil || report.HasErrors(findings) {
		return fmt.Errorf("%s is not a valid report", in)
	}
	rnd, err := render.New()
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := rnd.Render(context.Background(), &buf, reportpdf.Document(r)); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

func run(reportPath string, repeat, rounds int, worker, cli, fonts string) error {
	data, err := os.ReadFile(reportPath)
	if err != nil {
		return err
	}
	seed, fs := report.Decode(data)
	if seed == nil || report.HasErrors(fs) {
		return fmt.Errorf("%s is not a valid report", reportPath)
	}
	long := seed.Clone()
	for _, p := range []*string{&long.Sections.Overview, &long.Sections.ProblemsAndImprovements, &long.Sections.OtherMatters} {
		*p = strings.TrimSpace(strings.Repeat(*p+"\n", repeat))
	}
	dir, err := os.MkdirTemp("", "typstratio")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	fonts, err = filepath.Abs(fonts)
	if err != nil {
		return err
	}

	var docs []*doc
	for name, r := range map[string]*report.Report{"seed": seed, "long": long} {
		d := &doc{name: name, rdoc: reportpdf.Document(r), json: filepath.Join(dir, name+".json"), typ: filepath.Join(dir, name+".typ")}
		if err := os.WriteFile(d.json, r.Canonical(), 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(d.typ, []byte(typstSource(d.rdoc)), 0o644); err != nil {
			return err
		}
		docs = append(docs, d)
	}
	slices.SortFunc(docs, func(a, b *doc) int { return strings.Compare(b.name, a.name) }) // seed, long

	rnd, err := render.New()
	if err != nil {
		return err
	}
	typst, err := startWorker(worker, fonts)
	if err != nil {
		return err
	}
	defer typst.close()

	// Warm-up, and the sizes and page counts of both PDFs.
	for _, d := range docs {
		for range 3 {
			if _, err := nianbaoWarm(rnd, d); err != nil {
				return err
			}
			if _, err := typst.compile(d); err != nil {
				return err
			}
		}
		if err := pageCounts(d, rnd, typst, dir); err != nil {
			return err
		}
	}
	for i := range rounds {
		for _, d := range docs {
			first, second := 0, 1
			if i%2 == 1 {
				first, second = 1, 0
			}
			for _, who := range []int{first, second} {
				var t timing
				if who == 0 {
					t, err = nianbaoWarm(rnd, d)
				} else {
					t, err = typst.compile(d)
				}
				if err != nil {
					return err
				}
				d.warm[who] = append(d.warm[who], t.wall)
				d.warmCPU[who] = append(d.warmCPU[who], t.cpu)
			}
		}
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	seedDoc := docs[0]
	for i := range rounds {
		cmds := [3]*exec.Cmd{
			exec.Command(cli, "render", seedDoc.json, "-o", filepath.Join(dir, "cli.pdf")),
			exec.Command("node", worker, "once", seedDoc.typ, filepath.Join(dir, "typst.pdf")),
			exec.Command(self, "-once", seedDoc.json, filepath.Join(dir, "once.pdf")),
		}
		cmds[1].Env = append(os.Environ(), "TYPST_FONTS="+fonts)
		order := []int{0, 1, 2}
		if i%2 == 1 {
			order = []int{2, 1, 0}
		}
		for _, who := range order {
			cmds[who].Stdout, cmds[who].Stderr = io.Discard, io.Discard
			start := time.Now()
			if err := cmds[who].Run(); err != nil {
				return fmt.Errorf("%s: %w", strings.Join(cmds[who].Args, " "), err)
			}
			seedDoc.process[who] = append(seedDoc.process[who], ms(time.Since(start)))
			st := cmds[who].ProcessState
			seedDoc.procCPU[who] = append(seedDoc.procCPU[who], ms(st.UserTime()+st.SystemTime()))
		}
	}
	seedDoc.measured = true
	report1(os.Stdout, docs, rounds)
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// timing is a measurement: wall time, and CPU time (user and system, all
// threads), which a machine shared with other jobs disturbs less.
type timing struct{ wall, cpu float64 }

func nianbaoWarm(r *render.Renderer, d *doc) (timing, error) {
	var buf bytes.Buffer
	buf.Grow(256 << 10)
	cpu := cpuTime()
	start := time.Now()
	err := r.Render(context.Background(), &buf, d.rdoc)
	elapsed := time.Since(start)
	d.bytes[0] = buf.Len()
	return timing{ms(elapsed), ms(cpuTime() - cpu)}, err
}

// cpuTime is the CPU time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

var pagesRe = regexp.MustCompile(`(?m)^Pages:\s+(\d+)`)

// pageCounts renders d once more with both and counts pages with pdfinfo.
func pageCounts(d *doc, r *render.Renderer, typst *worker, dir string) error {
	var buf bytes.Buffer
	if err := r.Render(context.Background(), &buf, d.rdoc); err != nil {
		return err
	}
	paths := [2]string{filepath.Join(dir, d.name+".nianbao.pdf"), filepath.Join(dir, d.name+".typst.pdf")}
	if err := os.WriteFile(paths[0], buf.Bytes(), 0o644); err != nil {
		return err
	}
	cmd := exec.Command("node", typst.script, "once", d.typ, paths[1])
	cmd.Env = append(os.Environ(), "TYPST_FONTS="+typst.fonts)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("typst once: %w\n%s", err, out)
	}
	for i, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return err
		}
		d.bytes[i] = int(st.Size())
		out, err := exec.Command("pdfinfo", p).Output()
		if m := pagesRe.FindSubmatch(out); err == nil && m != nil {
			fmt.Sscan(string(m[1]), &d.pages[i])
		}
	}
	return nil
}

// worker is the Node process that keeps one Typst compiler warm.
type worker struct {
	cmd           *exec.Cmd
	in            io.WriteCloser
	out           *bufio.Scanner
	script, fonts string
}

func startWorker(script, fonts string) (*worker, error) {
	cmd := exec.Command("node", script, "serve")
	cmd.Env = append(os.Environ(), "TYPST_FONTS="+fonts)
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start node: %w", err)
	}
	return &worker{cmd: cmd, in: in, out: bufio.NewScanner(out), script: script, fonts: fonts}, nil
}

// compile asks the worker for one warm compile and returns its time.
func (w *worker) compile(d *doc) (timing, error) {
	if _, err := fmt.Fprintln(w.in, d.typ); err != nil {
		return timing{}, fmt.Errorf("typst worker: %w", err)
	}
	if !w.out.Scan() {
		return timing{}, fmt.Errorf("typst worker stopped: %v", w.out.Err())
	}
	var res struct {
		MS    float64 `json:"ms"`
		CPUMS float64 `json:"cpuMs"`
		Bytes int     `json:"bytes"`
	}
	if err := json.Unmarshal(w.out.Bytes(), &res); err != nil {
		return timing{}, fmt.Errorf("typst worker said %q: %w", w.out.Text(), err)
	}
	return timing{res.MS, res.CPUMS}, nil
}

func (w *worker) close() {
	w.in.Close()
	_ = w.cmd.Wait()
}
