package registry

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"strings"
	"testing"
)

const htmlType = "text/html; charset=utf-8"

// TestWithOriginal files an imported report with the page it was read
// from: the manifest lists source.html with its size and SHA-256, and the
// file reads back as it was given.
func TestWithOriginal(t *testing.T) {
	ctx := context.Background()
	st := fsStore(t)
	svc := fastService(t, st)
	page := []byte("<html><body>洛阳市西工区教育体育局2020年政府信息公开工作年度报告</body></html>")
	r, err := svc.Submit(ctx, agencyDoc(t, 1, 0), WithOriginal("html", htmlType, page))
	if err != nil {
		t.Fatal(err)
	}
	m, err := svc.Manifest(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(page)
	want := FileInfo{Size: int64(len(page)), SHA256: hex.EncodeToString(sum[:]), ContentType: htmlType}
	if got := m.Files["source.html"]; got != want {
		t.Errorf("manifest files[source.html] = %+v, want %+v", got, want)
	}
	if got := SourceFile(m); got != "source.html" {
		t.Errorf("SourceFile = %q, want source.html", got)
	}
	rc, info, err := svc.Open(ctx, r.ID, "source.html")
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(rc)
	rc.Close()
	if err != nil || string(got) != string(page) || info != want {
		t.Errorf("Open(source.html) = %q, %+v, %v; want the page and %+v", got, info, err, want)
	}
	if name := DownloadName(m, "source.html"); !strings.HasSuffix(name, "（原件）.html") {
		t.Errorf("DownloadName = %q", name)
	}
	if items := listAll(t, svc, Filter{Year: 2023}); len(items) != 1 || items[0].Source != "source.html" {
		t.Errorf("listing %+v, want the report with its original named", items)
	}
}

// TestWithOriginalKeepsTheFirst: the same report from another original is
// the same version, which keeps what it was filed with.
func TestWithOriginalKeepsTheFirst(t *testing.T) {
	ctx := context.Background()
	svc := fastService(t, fsStore(t))
	doc := agencyDoc(t, 2, 0)
	first, err := svc.Submit(ctx, doc, WithOriginal("html", htmlType, []byte("<p>first</p>")))
	if err != nil {
		t.Fatal(err)
	}
	again, err := svc.Submit(ctx, doc, WithOriginal("pdf", "application/pdf", []byte("%PDF-1.7 second")))
	if err != nil {
		t.Fatal(err)
	}
	if again.ID != first.ID || again.Created {
		t.Errorf("second submission: id %s created %v, want %s and not created", again.ID, again.Created, first.ID)
	}
	m, err := svc.Manifest(ctx, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if SourceFile(m) != "source.html" || len(m.Files) != 4 {
		t.Errorf("files %v, want report.json, report.pdf, findings.json and the first source.html", m.Files)
	}

	plain := mustSubmit(t, svc, agencyDoc(t, 3, 0))
	if m, err := svc.Manifest(ctx, plain.ID); err != nil || SourceFile(m) != "" {
		t.Errorf("a report filed without an original lists %q (%v)", SourceFile(m), err)
	}
}

// TestWithOriginalRefusesBadExtensions: the extension becomes part of a key
// and of a path in the bag, so only a plain name is accepted, and nothing
// is stored otherwise.
func TestWithOriginalRefusesBadExtensions(t *testing.T) {
	ctx := context.Background()
	st := fsStore(t)
	svc := fastService(t, st)
	for _, ext := range []string{"", "HTML", "../x", "pdf/x", "a.b", "toolongext", "pdf\x00"} {
		_, err := svc.Submit(ctx, agencyDoc(t, 4, 0), WithOriginal(ext, "application/octet-stream", []byte("x")))
		if !errors.Is(err, ErrBadRequest) {
			t.Errorf("WithOriginal(%q): error %v, want ErrBadRequest", ext, err)
		}
	}
	if keys := readKeys(t, st, "reports/"); len(keys) != 0 {
		t.Errorf("refused submissions stored %d objects", len(keys))
	}
}
