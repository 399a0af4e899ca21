// Command zip packs a Lambda bootstrap binary into a deployment zip that
// depends only on the binary's bytes: one entry named bootstrap, mode
// 0755, a fixed modification time, no directory entries. Equal binaries
// give byte-identical zips, so a rebuild that changes nothing does not
// change the function's CodeSha256.
//
// Usage: go run ./infra/rie/zip -o dist/upload.zip dist/upload/bootstrap
package main

import (
	"archive/zip"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// modTime is the time stamped on every entry: a constant, so it cannot
// vary between builds.
var modTime = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// maxBinary bounds the input: Lambda rejects more than 250 MB unzipped.
const maxBinary = 250 << 20

var errTooLarge = errors.New("larger than Lambda's 250 MB limit")

func main() {
	out := flag.String("o", "", "zip file to write")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: zip -o OUT.zip BOOTSTRAP")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *out == "" || flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := packFile(*out, flag.Arg(0)); err != nil {
		fmt.Fprintln(os.Stderr, "zip:", err)
		os.Exit(1)
	}
}

// packFile writes the zip to a temporary file first so that a failed run
// never leaves a truncated zip behind under the final name.
func packFile(out, bootstrap string) (err error) {
	in, err := os.Open(bootstrap)
	if err != nil {
		return fmt.Errorf("pack: %w", err)
	}
	defer in.Close()
	tmp, err := os.CreateTemp(filepath.Dir(out), ".zip-*")
	if err != nil {
		return fmt.Errorf("pack %s: %w", out, err)
	}
	defer func() {
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	if err := pack(tmp, in); err != nil {
		tmp.Close()
		return fmt.Errorf("pack %s into %s: %w", bootstrap, out, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("pack %s: %w", out, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("pack %s: %w", out, err)
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return fmt.Errorf("pack %s: %w", out, err)
	}
	return nil
}

// pack writes a zip holding bootstrap, read from r, to w.
func pack(w io.Writer, r io.Reader) error {
	zw := zip.NewWriter(w)
	h := &zip.FileHeader{Name: "bootstrap", Method: zip.Deflate, Modified: modTime}
	// Lambda runs bootstrap directly: it must keep its execute bits.
	h.SetMode(0o755)
	f, err := zw.CreateHeader(h)
	if err != nil {
		return err
	}
	n, err := io.Copy(f, io.LimitReader(r, maxBinary+1))
	if err != nil {
		return err
	}
	if n > maxBinary {
		return errTooLarge
	}
	return zw.Close()
}
