package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/nianbao/nianbao/shared/render"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/reportpdf"
	"github.com/nianbao/nianbao/shared/validate"
)

func runRender(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("render", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "write the PDF to `OUT.pdf` (default: FILE with .pdf; - for standard output)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: nianbao render FILE [-o OUT.pdf]")
		fs.PrintDefaults()
	}
	files, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil || len(files) != 1 {
		fs.Usage()
		return exitUsage
	}
	file := files[0]
	res, code := validateFile(file, validate.NewOptions(nil, time.Now()))
	if code != exitOK {
		printTable(stderr, res)
		fmt.Fprintln(stderr, "nianbao render: 报告未通过校验，未生成 PDF")
		return code
	}
	renderer, err := render.New()
	if err != nil {
		fmt.Fprintf(stderr, "nianbao render: %v\n", err)
		return exitUsage
	}
	data, err := readReport(file)
	if err != nil {
		fmt.Fprintf(stderr, "nianbao render: %v\n", err)
		return exitUsage
	}
	r, _ := report.Decode(data)
	if *out == "" {
		*out = strings.TrimSuffix(file, filepath.Ext(file)) + ".pdf"
	}
	if err := writeFile(*out, stdout, func(w io.Writer) error {
		return renderer.Render(context.Background(), w, reportpdf.Document(r))
	}); err != nil {
		fmt.Fprintf(stderr, "nianbao render: %v\n", err)
		return exitUsage
	}
	if *out != "-" {
		fmt.Fprintf(stderr, "%s → %s\n", file, *out)
	}
	return exitOK
}
