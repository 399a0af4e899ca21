package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"

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

// outputMode is the mode of the files the CLI writes, before the umask: as
// other tools create them (0644 under the usual umask 022).
const outputMode = 0o666

// writeFile writes through a temporary file renamed into place, so a failed
// render never leaves a half-written file under the requested name.
func writeFile(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "-" {
		return write(stdout)
	}
	tmp, err := createTemp(filepath.Dir(path), ".nianbao-*"+filepath.Ext(path))
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// createTemp is os.CreateTemp with outputMode instead of 0600, so that the
// umask decides, as it does for any file a tool writes.
func createTemp(dir, pattern string) (*os.File, error) {
	prefix, suffix, _ := strings.Cut(pattern, "*")
	for range 100 {
		name := filepath.Join(dir, prefix+strconv.FormatUint(rand.Uint64(), 36)+suffix)
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, outputMode)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, fmt.Errorf("create a temporary file in %s: every name tried exists", dir)
}
