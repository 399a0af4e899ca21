package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/nianbao/nianbao/shared/config"
	"github.com/nianbao/nianbao/shared/ingest"
	"github.com/nianbao/nianbao/shared/recognize"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/source"
)

func runImport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print one JSON object per file: file, kind, report (the draft), findings, provenance")
	out := fs.String("o", "", "write the draft report to `OUT.json`, to complete and then validate or render (one FILE only)")
	file := fs.Bool("file", false, "file the reports, as the S3 inbox does: each valid report of a known agency is filed with its original,\nthe rest wait for review (GET /imports/YEAR); exit 0 all filed, 1 some wait or were refused, 2 an error")
	var f filing
	fs.IntVar(&f.year, "year", 0, "with --file: the reports' `YEAR`")
	fs.StringVar(&f.agencies, "agencies", "", "with --file: the agencies `FILE` (CSV or XLSX: 机关名称, 统一社会信用代码, 行政区划), stored as the year's list;\nwithout it, the list stored before, else the year's roster")
	fs.StringVar(&f.data, "data", "nianbao-data", "with --file: the filesystem store `DIR`, unless "+config.EnvBucket+" names an S3 bucket")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: nianbao import [--json] [-o OUT.json] FILE...\n"+
			"       nianbao import --file --year YEAR [--agencies FILE] [--data DIR] [--json] DIR_OR_FILE...")
		fs.PrintDefaults()
	}
	files, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	filingFlags := false
	fs.Visit(func(fl *flag.Flag) {
		filingFlags = filingFlags || fl.Name == "year" || fl.Name == "agencies" || fl.Name == "data"
	})
	switch {
	case err != nil || len(files) == 0:
		fs.Usage()
		return exitUsage
	case *file && (*out != "" || f.year < 2019 || f.year > report.MaxYear):
		fs.Usage()
		return exitUsage
	case *file:
		f.asJSON = *asJSON
		return f.run(files, stdout, stderr)
	case filingFlags || *out != "" && len(files) != 1:
		fs.Usage()
		return exitUsage
	}
	ingest.TuneMemory(config.RuntimeFromEnv(os.Getenv))
	ctx := context.Background()
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	code := exitOK
	for _, file := range files {
		res, err := importFile(ctx, file)
		if err != nil {
			fmt.Fprintf(stderr, "nianbao import: %v\n", err)
			return exitUsage
		}
		code = max(code, importCode(res))
		if *asJSON {
			if err := enc.Encode(res); err != nil {
				fmt.Fprintf(stderr, "nianbao import: %v\n", err)
				return exitUsage
			}
		} else {
			printImport(stdout, res)
		}
		if *out != "" && res.Draft() != nil {
			if err := writeDraft(*out, stdout, res.DraftJSON()); err != nil {
				fmt.Fprintf(stderr, "nianbao import: %v\n", err)
				return exitUsage
			}
		}
	}
	return code
}

// importFile reads a file, never more than the import's size cap plus one
// byte, and imports it; a file that cannot be opened is refused like one
// that cannot be read.
func importFile(ctx context.Context, file string) (*ingest.Result, error) {
	data, err := readCapped(file, source.DefaultLimits.MaxBytes+1)
	if err != nil {
		return ingest.Refused(file, source.Refuse(source.Malformed, "无法读取文件："+err.Error(), err)), nil
	}
	return ingest.Import(ctx, data, ingest.Options{Name: file})
}

// readCapped reads at most n bytes of a file, into a buffer of the file's
// size: io.ReadAll's doubling would hold up to twice a large file.
func readCapped(path string, n int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return io.ReadAll(io.LimitReader(f, n))
	}
	buf := make([]byte, min(info.Size(), n)+1) // a byte more shows a file that grew
	k, err := io.ReadFull(io.LimitReader(f, n), buf)
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		err = nil
	}
	return buf[:k], err
}

func importCode(res *ingest.Result) int {
	switch {
	case res.Refusal() != nil:
		return exitUsage
	case !res.Valid():
		return exitFindings
	}
	return exitOK
}

// writeDraft writes the draft for a person to complete: readable by the
// other tools whatever the umask of the moment.
func writeDraft(path string, stdout io.Writer, draft []byte) error {
	if err := writeFile(path, stdout, func(w io.Writer) error {
		_, err := w.Write(append(draft, '\n'))
		return err
	}); err != nil {
		return err
	}
	if path == "-" {
		return nil
	}
	return os.Chmod(path, 0o644)
}

var methodNames = map[recognize.Method]string{
	recognize.Exact:        "按模板",
	recognize.LabelMatched: "按标签",
	recognize.ByPosition:   "按位置",
	recognize.Converted:    "换算单位",
	recognize.Inferred:     "按勾稽关系推算",
}

// printImport writes what was recognised and what needs a person, in
// Chinese, for a clerk at a terminal.
func printImport(w io.Writer, res *ingest.Result) {
	fmt.Fprintf(w, "%s（%s）\n", res.File, ingest.KindName(res.Kind))
	if r := res.Refusal(); r != nil {
		fmt.Fprintf(w, "  无法导入：%s\n", r.Reason)
		return
	}
	d := res.Draft()
	name, year := d.Agency.Name, "？"
	if name == "" {
		name = "（机关名称未识别）"
	}
	if d.ReportYear != 0 {
		year = fmt.Sprint(d.ReportYear)
	}
	fmt.Fprintf(w, "  识别为：%s，%s，%s 年度\n", d.FormatVersion.Label(), name, year)
	l := d.Layout()
	for _, table := range []int{2, 3, 4} {
		total, set := 0, 0
		methods := map[recognize.Method]int{}
		for _, c := range l.Cells() {
			if c.Table != table {
				continue
			}
			total++
			if cell, _ := d.Cell(c.Path); cell.State != report.Absent {
				set++
				methods[res.Provenance[c.Path].Method]++
			}
		}
		var how []string
		for _, m := range []recognize.Method{recognize.Exact, recognize.LabelMatched, recognize.ByPosition, recognize.Converted, recognize.Inferred} {
			if methods[m] > 0 {
				how = append(how, fmt.Sprintf("%s %d", methodNames[m], methods[m]))
			}
		}
		fmt.Fprintf(w, "  表%s：%d 个单元格中已读出 %d 个（%s）\n", []string{"", "", "二", "三", "四"}[table], total, set, strings.Join(how, "，"))
	}
	var sections []string
	for i, text := range d.Sections.InOrder() {
		if text != "" {
			sections = append(sections, strings.SplitN(report.SectionHeadings[i], "、", 2)[0])
		}
	}
	fmt.Fprintf(w, "  正文：已读出 %d 个部分（%s）\n", len(sections), strings.Join(sections, "、"))
	var errs, warns int
	for _, f := range res.Findings {
		switch f.Severity {
		case report.Error:
			errs++
		case report.Warning:
			warns++
		}
	}
	if len(res.Findings) > 0 {
		fmt.Fprintf(w, "  需要人工处理或核对（%d 个错误，%d 个提醒）：\n", errs, warns)
	}
	for _, f := range res.Findings {
		fmt.Fprintf(w, "    [%s] %s（%s）\n", severityNames[f.Severity], f.Message, f.Rule)
	}
	if res.Valid() {
		fmt.Fprintln(w, "  草稿已是一份有效的年报。")
	} else {
		fmt.Fprintln(w, "  草稿还不是有效的年报：用 -o 保存草稿，补全后用 nianbao validate 校验。")
	}
}
