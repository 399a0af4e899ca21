package templatetest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/template"
	"github.com/nianbao/nianbao/shared/testkit"
)

// soffice serialises LibreOffice runs: one profile cannot serve two at once.
var soffice sync.Mutex

// Office returns r as a web page (template.HTML) that LibreOffice has saved
// as kind, the way a clerk's "save as" turns a published page into a Word
// document or a workbook. It needs LibreOffice (skipped without it outside
// CI); each conversion takes one to two seconds.
func Office(t testing.TB, r *report.Report, kind source.Kind) []byte {
	t.Helper()
	return OfficeAll(t, []*report.Report{r}, kind)[0]
}

// OfficeAll is Office for several reports in one LibreOffice run: starting
// LibreOffice is most of a conversion's time.
func OfficeAll(t testing.TB, rs []*report.Report, kind source.Kind) [][]byte {
	t.Helper()
	pages := make([][]byte, len(rs))
	for i, r := range rs {
		var page bytes.Buffer
		if err := template.HTML(&page, r); err != nil {
			t.Fatal(err)
		}
		pages[i] = page.Bytes()
	}
	return convert(t, ".html", pages, kind)
}

// Resave returns a Word document or workbook opened and saved again by
// LibreOffice, as a clerk who fills a template in LibreOffice does.
func Resave(t testing.TB, data []byte, kind source.Kind) []byte {
	t.Helper()
	return ResaveAll(t, [][]byte{data}, kind)[0]
}

// ResaveAll is Resave for several files of one kind in one LibreOffice run.
func ResaveAll(t testing.TB, files [][]byte, kind source.Kind) [][]byte {
	t.Helper()
	return convert(t, "."+string(kind), files, kind)
}

// WordPDF returns Word documents (.docx) exported as PDF by LibreOffice,
// as an office publishes its report from Word: in one run.
func WordPDF(t testing.TB, docs [][]byte) [][]byte {
	t.Helper()
	return convert(t, ".docx", docs, source.PDF)
}

// convert has LibreOffice turn files with extension ext into kind, all in
// one run.
func convert(t testing.TB, ext string, files [][]byte, kind source.Kind) [][]byte {
	t.Helper()
	bin := testkit.Tool(t, "soffice")
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(in, 0o700); err != nil {
		t.Fatal(err)
	}
	args := []string{"-env:UserInstallation=file://" + profile(t), "--headless", "--norestore"}
	switch {
	case kind == source.DOCX:
		args = append(args, "--convert-to", "docx:MS Word 2007 XML")
	case kind == source.XLSX && ext == ".html":
		args = append(args, "--infilter=HTML (StarCalc)", "--convert-to", "xlsx:Calc MS Excel 2007 XML")
	case kind == source.XLSX:
		args = append(args, "--convert-to", "xlsx:Calc MS Excel 2007 XML")
	case kind == source.PDF && ext == ".docx":
		args = append(args, "--convert-to", "pdf:writer_pdf_Export")
	default:
		t.Fatalf("templatetest: LibreOffice makes no %q from %s here", kind, ext)
	}
	args = append(args, "--outdir", dir)
	names := make([]string, len(files))
	for i, data := range files {
		names[i] = fmt.Sprintf("file%03d", i)
		path := filepath.Join(in, names[i]+ext)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, path)
	}
	soffice.Lock()
	defer soffice.Unlock()
	start := time.Now()
	out, err := exec.CommandContext(t.Context(), bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("soffice %v: %v\n%s", args, err, out)
	}
	t.Logf("LibreOffice: %d × %s → %s in %v", len(files), ext, kind, time.Since(start).Round(time.Millisecond))
	results := make([][]byte, len(files))
	for i, name := range names {
		results[i], err = os.ReadFile(filepath.Join(dir, name+"."+string(kind)))
		if err != nil {
			t.Fatalf("LibreOffice wrote no %s for %s: %v\n%s", kind, name, err, strings.TrimSpace(string(out)))
		}
	}
	return results
}

// profile is a LibreOffice user profile kept between runs (creating one
// takes seconds), one per test binary's package directory.
func profile(t testing.TB) string {
	wd, _ := os.Getwd()
	sum := sha256.Sum256([]byte(wd))
	dir := filepath.Join(os.TempDir(), "nianbao-soffice-"+hex.EncodeToString(sum[:6]))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	return dir
}
