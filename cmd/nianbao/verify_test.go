package main

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// TestVerifyQuotesNames: names from the zip cannot forge a line of the
// report or reach the terminal as control sequences, wherever they appear:
// an added file, an unsafe name, a manifest line, the bag directory.
func TestVerifyQuotesNames(t *testing.T) {
	const dir = "nianbao-2020-410000/"
	forged := "data/x\n" + "bag.zip: 完好（1 个文件，1 字节）"
	names := []string{
		dir + "bagit.txt",
		dir + forged,
		dir + "data/\x1b[2J\x1b[31mred",
		dir + "data/\u202egpj.exe",
		"../\x1b]0;pwned\x07",
		"other\x1b[0m/x",
		dir + "manifest-sha256.txt",
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range names {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case strings.HasSuffix(name, "bagit.txt"):
			w.Write([]byte("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"))
		case strings.HasSuffix(name, "manifest-sha256.txt"):
			w.Write([]byte(strings.Repeat("0", 64) + "  data/\x1b[1mmissing\u2028line\n"))
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "hostile.zip")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCLI(t, "verify", path)
	if code != exitFindings {
		t.Errorf("exit %d, want %d", code, exitFindings)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	for _, line := range lines {
		if !strings.HasPrefix(line, path+": ") {
			t.Errorf("line %q does not start with the zip's name: a name from the zip began a line", line)
		}
		if i := strings.IndexFunc(line, func(r rune) bool { return !unicode.IsPrint(r) }); i >= 0 {
			t.Errorf("line %q has the unprintable %U at byte %d", line, []rune(line[i:])[0], i)
		}
	}
	for _, want := range []string{`\n`, `\x1b[2J`, `\u202e`, `\x1b]0;pwned\a`, `\x1b[1mmissing\u2028line`, `other\x1b[0m`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks the escaped name %s:\n%s", want, out)
		}
	}
}
