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
	"github.com/nianbao/nianbao/shared/config"
	"github.com/nianbao/nianbao/shared/registry"
)

const catalogUsage = `usage: nianbao catalog rebuild --year YEAR [--data DIR]
       nianbao catalog check --year YEAR [--data DIR]

rebuild  recomputes the year's catalog from every agency's latest.json
check    repairs entries that lag their latest.json and removes versions
         never acknowledged (manifest without pointer, older than a day)`

// runCatalog rebuilds or checks a year's catalog (registry.Rebuild,
// registry.Reconcile): after a restore, on a store filed before catalogs, or
// by hand between the scheduled checks.
func runCatalog(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "rebuild" && args[0] != "check") {
		fmt.Fprintln(stderr, catalogUsage)
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return exitOK
		}
		return exitUsage
	}
	action := args[0]
	fs := flag.NewFlagSet("catalog "+action, flag.ContinueOnError)
	fs.SetOutput(stderr)
	year := fs.Int("year", 0, "the catalog of `YEAR`")
	data := fs.String("data", "nianbao-data", "the filesystem store `DIR`, unless "+config.EnvBucket+" names an S3 bucket")
	fs.Usage = func() {
		fmt.Fprintln(stderr, catalogUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if *year < 2019 || fs.NArg() != 0 {
		fs.Usage()
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg, err := config.FromEnv(dataEnv(*data))
	if err != nil {
		fmt.Fprintf(stderr, "nianbao catalog: %v\n", err)
		return exitUsage
	}
	st, err := app.OpenStore(ctx, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "nianbao catalog: %v\n", err)
		return exitUsage
	}
	reg := registry.New(st, nil) // reads and the catalog only: no fonts to load
	var unreadable []string
	if action == "rebuild" {
		rep, err := reg.Rebuild(ctx, *year)
		if err != nil {
			fmt.Fprintf(stderr, "nianbao catalog rebuild: %v\n", err)
			return exitFindings
		}
		fmt.Fprintf(stdout, "%d 年度目录：%d 个机关，改写 %d 个分片\n", rep.Year, rep.Agencies, rep.Written)
		unreadable = rep.Unreadable
	} else {
		rep, err := reg.Reconcile(ctx, *year)
		if err != nil {
			fmt.Fprintf(stderr, "nianbao catalog check: %v\n", err)
			return exitFindings
		}
		fmt.Fprintf(stdout, "%d 年度目录：%d 个机关，修复 %d 条，删除无对应机关的条目 %d 条，移除未确认的版本 %d 个，宽限期内 %d 个\n",
			rep.Year, rep.Agencies, len(rep.Repaired), len(rep.Dropped), len(rep.Orphans), rep.Pending)
		if rep.Rebuilt {
			fmt.Fprintln(stdout, "目录缺失或损坏，已重建")
		}
		for _, id := range rep.Orphans {
			fmt.Fprintf(stdout, "已移除未确认的版本 %s\n", id)
		}
		unreadable = rep.Unreadable
	}
	if len(unreadable) > 0 {
		fmt.Fprintf(stdout, "无法读取 latest.json 的机关（%d 个，未列入目录）：%s\n", len(unreadable), strings.Join(unreadable, " "))
		return exitFindings
	}
	return exitOK
}
