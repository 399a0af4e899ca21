package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/nianbao/nianbao/shared/report"
)

// parseInterspersed parses flags that may stand before, between or after the
// positional arguments, as `nianbao validate a.json --json` users expect.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// readReport reads a report file, never more than the document cap plus one
// byte so an oversized file is reported rather than read whole.
func readReport(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, report.MaxDocumentBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return data, nil
}

// unreadable is the syntax finding for a file that could not be read at all.
func unreadable(err error) report.Finding {
	return report.Finding{Rule: report.RuleSyntax, Severity: report.Error, Message: "无法读取文件：" + err.Error()}
}

// writeFile writes through a temporary file renamed into place, so a failed
// render never leaves a half-written file under the requested name.
func writeFile(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "-" {
		return write(stdout)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".nianbao-*.pdf")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("render %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
