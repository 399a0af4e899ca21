package storetest

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/store"
)

// presignBodyLimit bounds what the test reads from a presigned URL.
const presignBodyLimit = 1 << 20

// testPresignGet: a presigned URL serves the object with its content type
// and a Content-Disposition carrying a Chinese file name. Stores that
// cannot presign say so with ErrNotSupported and skip.
func testPresignGet(t *testing.T, s store.Store) {
	const key = "reports/91410303MB0X5QXXXX/2020/report.csv"
	body := []byte("栏目,数量\n主动公开,12\n")
	mustPut(t, s, key, body, store.PutOptions{ContentType: "text/csv; charset=utf-8"})
	tests := []struct {
		filename, wantDisposition string
	}{
		{"西工区教育体育局2020年政府信息公开工作年度报告.csv", "西工区教育体育局2020年政府信息公开工作年度报告.csv"},
		{"report.csv", "report.csv"},
		{"", ""},
	}
	for _, tt := range tests {
		url, err := s.PresignGet(ctxFor(t), key, 5*time.Minute, tt.filename)
		if errors.Is(err, store.ErrNotSupported) {
			t.Skipf("PresignGet: %v", err)
		}
		if err != nil {
			t.Fatalf("PresignGet(%q, %q): %v", key, tt.filename, err)
		}
		resp := httpGet(t, url)
		if resp.status != http.StatusOK || string(resp.body) != string(body) {
			t.Errorf("GET presigned URL (filename %q) = %d %q, want 200 %q", tt.filename, resp.status, resp.body, body)
		}
		if ct := resp.header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
			t.Errorf("presigned Content-Type = %q, want text/csv; charset=utf-8", ct)
		}
		cd := resp.header.Get("Content-Disposition")
		if tt.wantDisposition == "" {
			if cd != "" {
				t.Errorf("presign without a filename: Content-Disposition = %q, want none", cd)
			}
			continue
		}
		disp, params, err := mime.ParseMediaType(cd)
		if err != nil || disp != "attachment" || params["filename"] != tt.wantDisposition {
			t.Errorf("presigned Content-Disposition %q parses to %q %q (%v), want attachment with filename %q",
				cd, disp, params, err, tt.wantDisposition)
		}
	}
	// A presigned URL does not open other keys.
	url, err := s.PresignGet(ctxFor(t), "reports/missing", time.Minute, "")
	if err != nil {
		t.Fatalf("PresignGet(missing): %v", err)
	}
	if resp := httpGet(t, url); resp.status != http.StatusNotFound {
		t.Errorf("GET presigned URL of a missing key = %d, want 404", resp.status)
	}
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func httpGet(t *testing.T, url string) response {
	t.Helper()
	req, err := http.NewRequestWithContext(ctxFor(t), http.MethodGet, url, nil)
	if err != nil {
		t.Fatalf("presigned URL %q: %v", url, err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET presigned URL: %v", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, presignBodyLimit))
	if err != nil {
		t.Fatalf("GET presigned URL: read: %v", err)
	}
	return response{status: resp.StatusCode, header: resp.Header, body: body}
}
