package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/validate"
)

// fileResult is the --json output for one file.
type fileResult struct {
	File     string           `json:"file"`
	Valid    bool             `json:"valid"`
	Findings []report.Finding `json:"findings"`

	layout *report.Layout
}

func runValidate(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print one JSON object per file instead of a table")
	previous := fs.String("previous", "", "the previous year's report `PREV.json`, for the cross-year checks S1 and S3")
	listRules := fs.Bool("rules", false, "list the rules findings may name, and exit")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: nianbao validate [--json] [--previous PREV.json] FILE...")
		fmt.Fprintln(stderr, "       nianbao validate --rules [--json]")
		fs.PrintDefaults()
	}
	files, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err == nil && *listRules {
		return printRules(stdout, stderr, *asJSON)
	}
	if err != nil || len(files) == 0 {
		fs.Usage()
		return exitUsage
	}
	var prev *report.Report
	if *previous != "" {
		if prev, err = loadPrevious(*previous); err != nil {
			fmt.Fprintf(stderr, "nianbao validate: --previous: %v\n", err)
			return exitUsage
		}
	}
	opts := validate.NewOptions(prev, time.Now())
	code := exitOK
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	for _, file := range files {
		res, c := validateFile(file, opts)
		code = max(code, c)
		if *asJSON {
			if err := enc.Encode(res); err != nil {
				fmt.Fprintf(stderr, "nianbao validate: %v\n", err)
				return exitUsage
			}
			continue
		}
		printTable(stdout, res)
	}
	return code
}

func validateFile(file string, opts validate.Options) (fileResult, int) {
	res := fileResult{File: file, Findings: []report.Finding{}}
	data, err := readReport(file)
	if err != nil {
		res.Findings = append(res.Findings, unreadable(err))
		return res, exitUsage
	}
	r, findings := validate.Document(data, opts)
	res.Findings = append(res.Findings, findings...)
	if r == nil {
		return res, exitUsage
	}
	res.layout = r.Layout()
	res.Valid = !report.HasErrors(findings)
	if !res.Valid {
		return res, exitFindings
	}
	return res, exitOK
}

func loadPrevious(file string) (*report.Report, error) {
	data, err := readReport(file)
	if err != nil {
		return nil, err
	}
	r, findings := report.Decode(data)
	if r == nil {
		return nil, fmt.Errorf("%s: %s", file, findings[0].Message)
	}
	return r, nil
}

// ruleJSON is the --rules --json output for one rule.
type ruleJSON struct {
	Rule          string          `json:"rule"`
	Severity      report.Severity `json:"severity"`
	Description   string          `json:"description"`
	DescriptionEn string          `json:"descriptionEn"`
}

// printRules lists the rule catalogue: one JSON object per rule, or a table
// in Chinese.
func printRules(stdout, stderr io.Writer, asJSON bool) int {
	rules := validate.Rules()
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		for _, r := range rules {
			if err := enc.Encode(ruleJSON{Rule: r.ID, Severity: r.Severity, Description: r.Zh, DescriptionEn: r.En}); err != nil {
				fmt.Fprintf(stderr, "nianbao validate: %v\n", err)
				return exitUsage
			}
		}
		return exitOK
	}
	idWidth := 0
	for _, r := range rules {
		idWidth = max(idWidth, len(r.ID))
	}
	for _, r := range rules {
		fmt.Fprintf(stdout, "%-*s  %s  %s\n", idWidth, r.ID, severityNames[r.Severity], r.Zh)
	}
	return exitOK
}
