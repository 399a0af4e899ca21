package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/nianbao/nianbao/shared/app"
	"github.com/nianbao/nianbao/shared/archive"
	"github.com/nianbao/nianbao/shared/bag"
	"github.com/nianbao/nianbao/shared/config"
)

func runArchive(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("archive", flag.ContinueOnError)
	fs.SetOutput(stderr)
	year := fs.Int("year", 0, "archive the reports of `YEAR`")
	data := fs.String("data", "nianbao-data", "the filesystem store `DIR`, unless "+config.EnvBucket+" names an S3 bucket")
	out := fs.String("o", "", "write the bag to `BAG.zip` (default nianbao-YEAR.zip)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: nianbao archive --year YEAR [--data DIR] [-o BAG.zip]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if *year < 2019 || fs.NArg() != 0 {
		fs.Usage()
		return exitUsage
	}
	if *out == "" {
		*out = fmt.Sprintf("nianbao-%d.zip", *year)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	a, err := app.Open(ctx, dataEnv(*data))
	if err != nil {
		fmt.Fprintf(stderr, "nianbao archive: %v\n", err)
		return exitUsage
	}
	archive.TuneMemory(a.Config.Runtime)
	plan, err := archive.PlanYear(ctx, a.Registry, *year, a.Config.ArchiveOrganization)
	if err != nil {
		fmt.Fprintf(stderr, "nianbao archive: %v\n", err)
		return exitFindings
	}
	bar := newProgress(stderr)
	var sum bag.Summary
	err = writeFile(*out, stdout, func(w io.Writer) error {
		var werr error
		sum, werr = plan.Write(ctx, a.Registry, w, bar.update)
		return werr
	})
	bar.finish()
	if err != nil {
		fmt.Fprintf(stderr, "nianbao archive: %v\n", err)
		return exitFindings
	}
	fmt.Fprintf(stdout, "%s: %d 份年报，%d 字节，SHA-256 %s\n", *out, sum.Reports, sum.Bytes, sum.SHA256)
	return exitOK
}

// dataEnv reads the environment, with --data as the store unless the
// environment selects an S3 bucket.
func dataEnv(dir string) func(string) string {
	store := os.Getenv(config.EnvStore)
	if store == string(config.S3) || store == "" && os.Getenv(config.EnvBucket) != "" {
		return os.Getenv
	}
	return func(k string) string {
		switch k {
		case config.EnvStore:
			return string(config.FS)
		case config.EnvDataDir:
			return dir
		}
		return os.Getenv(k)
	}
}

func runVerify(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 || strings.HasPrefix(args[0], "-") {
		fmt.Fprintln(stderr, "usage: nianbao verify BAG.zip")
		return exitUsage
	}
	f, err := os.Open(args[0])
	if err != nil {
		fmt.Fprintf(stderr, "nianbao verify: %v\n", err)
		return exitUsage
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		fmt.Fprintf(stderr, "nianbao verify: %v\n", err)
		return exitUsage
	}
	rep, err := bag.Verify(f, info.Size())
	if err != nil && !errors.Is(err, bag.ErrInvalid) {
		fmt.Fprintf(stderr, "nianbao verify: %v\n", err)
		return exitUsage
	}
	if rep.OK() {
		fmt.Fprintf(stdout, "%s: 完好（%d 个文件，%d 字节）\n", args[0], rep.PayloadFiles, rep.PayloadBytes)
		return exitOK
	}
	for _, p := range rep.Problems {
		fmt.Fprintf(stdout, "%s: %s\n", args[0], p)
	}
	if rep.Omitted > 0 {
		fmt.Fprintf(stdout, "%s: 另有 %d 个问题未列出\n", args[0], rep.Omitted)
	}
	return exitFindings
}

// progress draws a bar on a terminal and stays silent otherwise.
type progress struct {
	w    io.Writer
	tty  bool
	last int
}

func newProgress(w io.Writer) *progress {
	f, ok := w.(*os.File)
	tty := false
	if ok {
		if st, err := f.Stat(); err == nil {
			tty = st.Mode()&os.ModeCharDevice != 0
		}
	}
	return &progress{w: w, tty: tty, last: -1}
}

func (p *progress) update(done, total int) {
	if !p.tty || total == 0 {
		return
	}
	pct := done * 100 / total
	if pct == p.last && done != total {
		return
	}
	p.last = pct
	const width = 30
	filled := pct * width / 100
	fmt.Fprintf(p.w, "\r[%s%s] %3d%%  %d/%d", strings.Repeat("#", filled), strings.Repeat(" ", width-filled), pct, done, total)
}

func (p *progress) finish() {
	if p.tty && p.last >= 0 {
		fmt.Fprintln(p.w)
	}
}
