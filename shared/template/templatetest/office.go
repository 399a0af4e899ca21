package templatetest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
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
	var page bytes.Buffer
	if err := template.HTML(&page, r); err != nil {
		t.Fatal(err)
	}
	return convert(t, "report.html", page.Bytes(), kind)
}

// Resave returns a Word document or workbook opened and saved again by
// LibreOffice, as a clerk who fills a template in LibreOffice does.
func Resave(t testing.TB, data []byte, kind source.Kind) []byte {
	t.Helper()
	return convert(t, "filled."+string(kind), data, kind)
}

func convert(t testing.TB, name string, data []byte, kind source.Kind) []byte {
	t.Helper()
	bin := testkit.Tool(t, "soffice")
	dir := t.TempDir()
	in := filepath.Join(dir, "in", name)
	if err := os.MkdirAll(filepath.Dir(in), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, data, 0o600); err != nil {
		t.Fatal(err)
	}
	args := []string{"-env:UserInstallation=file://" + profile(t), "--headless", "--norestore"}
	switch {
	case kind == source.DOCX:
		args = append(args, "--convert-to", "docx:MS Word 2007 XML")
	case kind == source.XLSX && filepath.Ext(name) == ".html":
		args = append(args, "--infilter=HTML (StarCalc)", "--convert-to", "xlsx:Calc MS Excel 2007 XML")
	case kind == source.XLSX:
		args = append(args, "--convert-to", "xlsx:Calc MS Excel 2007 XML")
	default:
		t.Fatalf("templatetest: LibreOffice makes no %q here", kind)
	}
	args = append(args, "--outdir", dir, in)
	soffice.Lock()
	defer soffice.Unlock()
	start := time.Now()
	out, err := exec.CommandContext(t.Context(), bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("soffice %v: %v\n%s", args, err, out)
	}
	t.Logf("LibreOffice: %s → %s in %v", name, kind, time.Since(start).Round(time.Millisecond))
	base := strings.TrimSuffix(name, filepath.Ext(name))
	result, err := os.ReadFile(filepath.Join(dir, base+"."+string(kind)))
	if err != nil {
		t.Fatalf("LibreOffice wrote no %s: %v\n%s", kind, err, out)
	}
	return result
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
