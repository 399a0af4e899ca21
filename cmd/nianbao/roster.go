package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/nianbao/nianbao/shared/app"
	"github.com/nianbao/nianbao/shared/config"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/roster"
	"github.com/nianbao/nianbao/shared/rosterfile"
)

// runRoster loads a roster file into the store, or shows the stored one.
func runRoster(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("roster", flag.ContinueOnError)
	fs.SetOutput(stderr)
	year := fs.Int("year", 0, "the roster of `YEAR`")
	data := fs.String("data", "nianbao-data", "the filesystem store `DIR`, unless "+config.EnvBucket+" names an S3 bucket")
	asJSON := fs.Bool("json", false, "show the stored roster as JSON")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: nianbao roster --year YEAR [--data DIR] [FILE.csv|FILE.xlsx]\n"+
			"  with FILE: check it and store it as the year's roster (replacing the one before)\n"+
			"  without: show the year's stored roster")
		fs.PrintDefaults()
	}
	files, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if *year < 2019 || *year > report.MaxYear || len(files) > 1 {
		fs.Usage()
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var parsed *roster.Roster
	if len(files) == 1 {
		// Check the file before opening the store: a wrong file needs no bucket.
		body, err := readCappedFile(files[0], roster.MaxFileBytes)
		if err != nil {
			fmt.Fprintf(stderr, "nianbao roster: %v\n", err)
			return exitUsage
		}
		parsed, err = rosterfile.Parse(body, *year)
		var invalid *roster.InvalidError
		if errors.As(err, &invalid) {
			for _, p := range invalid.Problems {
				fmt.Fprintf(stdout, "%s: %s\n", files[0], p.Message)
			}
			if invalid.Omitted > 0 {
				fmt.Fprintf(stdout, "%s: 另有 %d 处问题未列出\n", files[0], invalid.Omitted)
			}
			return exitFindings
		}
		if err != nil {
			fmt.Fprintf(stderr, "nianbao roster: %v\n", err)
			return exitUsage
		}
	}
	a, err := app.Open(ctx, dataEnv(*data))
	if err != nil {
		fmt.Fprintf(stderr, "nianbao roster: %v\n", err)
		return exitUsage
	}
	if parsed != nil {
		if _, err := roster.Save(ctx, a.Store, parsed, "", time.Now()); err != nil {
			fmt.Fprintf(stderr, "nianbao roster: %v\n", err)
			return exitFindings
		}
		fmt.Fprintf(stdout, "%s: %d 年度名册已保存，%d 个机关\n", files[0], *year, len(parsed.Agencies))
		return exitOK
	}
	r, _, err := roster.Load(ctx, a.Store, *year)
	if errors.Is(err, roster.ErrNotFound) {
		fmt.Fprintf(stderr, "nianbao roster: %d 年度尚未上传名册\n", *year)
		return exitFindings
	}
	if err != nil {
		fmt.Fprintf(stderr, "nianbao roster: %v\n", err)
		return exitFindings
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			return exitUsage
		}
		return exitOK
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "机关名称\t统一社会信用代码\t行政区划\t类别\t报送期限")
	for _, ag := range r.Agencies {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", ag.Name, ag.CreditCode, ag.Region, ag.Category.Label(), ag.Category.DueDate(*year))
	}
	if err := tw.Flush(); err != nil {
		return exitUsage
	}
	return exitOK
}

// readCappedFile reads a file of at most limit bytes.
func readCappedFile(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s is larger than %d bytes", path, limit)
	}
	return data, nil
}
