package inbox

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/imports"
	"github.com/nianbao/nianbao/shared/testkit"
)

func writeFiles(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func byKey(outs []Outcome) map[string]Outcome {
	m := map[string]Outcome{}
	for _, o := range outs {
		m[o.Key] = o
	}
	return m
}

// TestFolder: the local server's inbox imports what is dropped into a
// year's folder — the agencies file first — once, and a new agencies file
// files what waited for it.
func TestFolder(t *testing.T) {
	p, _ := newProcessor(t)
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{
		"2020/教育体育局.html":     page(t, published(t, "seed-2020.json", "")),
		"2020/区县/民政局.pdf":     pdf(t, published(t, "seed-2020.json", civilName)),
		"2020/文化和旅游局.html":    page(t, published(t, "seed-2020.json", "西工区文化和旅游局")),
		"2020/agencies.csv":   []byte(agenciesCSV),
		"2020/.~lock.x.html#": []byte("lock"),
		"2020/备份.html~":       []byte("backup"),
		"草稿/a.html":           []byte("not a year"),
	})
	f := NewFolder(dir, p, testkit.QuietLog())
	f.settle = 0
	ctx := context.Background()
	outs, err := f.Scan(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(outs) != 4 || outs[0].Key != "inbox/2020/agencies.csv" || outs[0].Rematched == nil {
		t.Fatalf("first scan: %+v, want the agencies file first and three reports", outs)
	}
	got := byKey(outs)
	for key, want := range map[string]imports.State{
		"inbox/2020/教育体育局.html": imports.Filed, "inbox/2020/区县/民政局.pdf": imports.Filed, "inbox/2020/文化和旅游局.html": imports.Review,
	} {
		if got[key].State != want || got[key].Error != "" {
			t.Errorf("%s: %+v, want %s", key, got[key], want)
		}
	}
	if again, err := f.Scan(ctx); err != nil || len(again) != 0 {
		t.Errorf("a second scan: %+v, %v; want nothing new", again, err)
	}
	later := time.Now().Add(-time.Minute)
	writeFiles(t, dir, map[string][]byte{"2020/agencies.csv": []byte(agenciesCSV + "西工区文化和旅游局,11410303MB00000021,河南省洛阳市西工区\n")})
	if err := os.Chtimes(filepath.Join(dir, "2020/agencies.csv"), later, later); err != nil {
		t.Fatal(err)
	}
	outs, err = f.Scan(ctx)
	if err != nil || len(outs) != 1 || outs[0].Rematched == nil || outs[0].Rematched.Filed != 1 {
		t.Errorf("a new agencies file: %+v, %v; want the waiting report filed", outs, err)
	}
}

// TestFolderWaitsAndGivesUp: a file still being copied in waits for the
// next scan; one the store keeps failing is tried maxTries times.
func TestFolderWaitsAndGivesUp(t *testing.T) {
	_, fs := newProcessor(t)
	st := &failingStore{Store: fs, prefix: "imports/", broken: true}
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{"2020/a.html": page(t, published(t, "seed-2020.json", ""))})
	f := NewFolder(dir, processorOn(t, st), testkit.QuietLog())
	ctx := context.Background()
	if outs, _ := f.Scan(ctx); len(outs) != 0 {
		t.Errorf("a file just written was taken: %+v", outs)
	}
	f.settle = 0
	for i := range maxTries + 1 {
		outs, err := f.Scan(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if want := i < maxTries; (len(outs) == 1 && outs[0].Error != "") != want {
			t.Errorf("scan %d: %+v, want a failed attempt: %v", i+1, outs, want)
		}
	}
}
