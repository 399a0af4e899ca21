package api

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"mime/multipart"
	"net/textproto"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/template"
	"github.com/nianbao/nianbao/shared/template/templatetest"
)

// imported is what POST /reports/import answers: ingest.Result's JSON.
type imported struct {
	File       string           `json:"file"`
	Kind       string           `json:"kind"`
	Report     json.RawMessage  `json:"report"`
	Findings   []report.Finding `json:"findings"`
	Provenance map[string]struct {
		Method string `json:"method"`
		Source string `json:"source"`
		Text   string `json:"text"`
	} `json:"provenance"`
}

// binaryEvent is the event of a request whose body API Gateway
// base64-encodes, as it does any body that is not UTF-8 text.
func binaryEvent(path string, body []byte, headers ...string) Request {
	r := event("POST", path, []byte(base64.StdEncoding.EncodeToString(body)), headers...)
	r.IsBase64Encoded = true
	return r
}

// part is one part of a multipart/form-data body.
type part struct {
	name, file string // form name and file name ("" for a plain field)
	data       []byte
}

// formData returns a multipart/form-data body of parts and its content type.
func formData(t testing.TB, parts ...part) ([]byte, string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for _, p := range parts {
		h := textproto.MIMEHeader{}
		cd := `form-data; name="` + p.name + `"`
		if p.file != "" {
			cd += `; filename="` + p.file + `"`
			h.Set("Content-Type", "application/octet-stream")
		}
		h.Set("Content-Disposition", cd)
		pw, err := w.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		pw.Write(p.data)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), w.FormDataContentType()
}

func TestImportRoute(t *testing.T) {
	s := newStack(t, nil)
	seed := templatetest.Load(t, "seed-2020.json")
	docx := templatetest.Filled(t, seed, source.DOCX)
	xlsx := templatetest.Filled(t, seed, source.XLSX)
	var page bytes.Buffer
	if err := template.HTML(&page, seed); err != nil {
		t.Fatal(err)
	}
	form, formType := formData(t, part{name: "note", data: []byte("from the form")}, part{name: "file", file: "西工区年报.docx", data: docx})
	windowsPath, windowsType := formData(t, part{name: "upload", file: `C:\Users\clerk\桌面\年报.docx`, data: docx})
	legacy := append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), append(make([]byte, 64), "W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t\x00"...)...)
	tests := []struct {
		name     string
		req      Request
		kind     string
		file     string
		exact    bool   // every cell read from the template's hidden paths
		refusal  string // the import-refused finding's code, if refused
		contains string
	}{
		{"Word template as the body", binaryEvent("/reports/import", docx, "Content-Type", docxType), "docx", "", true, "", ""},
		{"Excel template as the body", binaryEvent("/reports/import", xlsx, "Content-Type", xlsxType), "xlsx", "", true, "", ""},
		{"the content decides, not the content type", binaryEvent("/reports/import", docx, "Content-Type", "application/pdf"), "docx", "", true, "", ""},
		{"no content type", binaryEvent("/reports/import", docx), "docx", "", true, "", ""},
		{"curl's default content type", binaryEvent("/reports/import", docx, "Content-Type", "application/x-www-form-urlencoded"), "docx", "", true, "", ""},
		{"file name from Content-Disposition", binaryEvent("/reports/import", docx, "Content-Type", docxType,
			"Content-Disposition", `attachment; filename*=UTF-8''%E5%B9%B4%E6%8A%A5.docx`), "docx", "年报.docx", true, "", ""},
		{"the form's multipart body", binaryEvent("/reports/import", form, "Content-Type", formType), "docx", "西工区年报.docx", true, "", ""},
		{"a path as the file name", binaryEvent("/reports/import", windowsPath, "Content-Type", windowsType), "docx", "年报.docx", true, "", ""},
		{"a web page as text", event("POST", "/reports/import", page.Bytes(), "Content-Type", "text/html; charset=utf-8"), "html", "", false, "", ""},
		{"a legacy Word file", binaryEvent("/reports/import", legacy, "Content-Type", "application/msword"), "", "", false, source.Legacy, "另存为"},
		{"an empty body", event("POST", "/reports/import", nil, "Content-Type", docxType), "", "", false, source.Malformed, "空"},
		{"not a report", event("POST", "/reports/import", []byte("会议通知：请各单位于周五下午参加培训。"), "Content-Type", "text/plain"), "text", "", false, source.NotReport, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := call(t, s.upload, tt.req)
			if resp.StatusCode != 200 || resp.Headers["Cache-Control"] != "no-store" {
				t.Fatalf("status %d, Cache-Control %q, want 200 and no-store: %.300s", resp.StatusCode, resp.Headers["Cache-Control"], resp.Body)
			}
			var got imported
			decodeBody(t, resp, &got)
			if got.Kind != tt.kind || got.File != tt.file {
				t.Errorf("kind %q, file %q; want %q, %q", got.Kind, got.File, tt.kind, tt.file)
			}
			if tt.refusal != "" {
				if len(got.Findings) != 1 || got.Findings[0].Rule != "import-refused" || got.Findings[0].Got != tt.refusal ||
					!strings.Contains(got.Findings[0].Message, tt.contains) || string(got.Report) != "null" {
					t.Errorf("findings %+v, report %s; want one import-refused %s saying %q", got.Findings, got.Report, tt.refusal, tt.contains)
				}
				return
			}
			if tt.kind == "text" {
				return // read but not recognised: the recogniser's business
			}
			r, fs := report.Decode(got.Report)
			if r == nil {
				t.Fatalf("no draft: %v", fs)
			}
			if !bytes.Equal(r.Canonical(), seed.Canonical()) {
				t.Errorf("the draft differs from the report the file was made from:\n%s\nwant\n%s", r.Canonical(), seed.Canonical())
			}
			for _, c := range seed.Layout().Cells() {
				p := got.Provenance[c.Path]
				if tt.exact && p.Method != "exact" || p.Source == "" {
					t.Errorf("%s: provenance %+v, want %s", c.Path, p, map[bool]string{true: "exact", false: "a source"}[tt.exact])
				}
			}
		})
	}
	if infos, err := s.store.List(context.Background(), "", "", 10); err != nil || len(infos) != 0 {
		t.Errorf("import stored %v (%v)", infos, err)
	}
}

func TestImportRefusals(t *testing.T) {
	s := newStack(t, nil)
	docx := templatetest.Filled(t, templatetest.Load(t, "seed-2020.json"), source.DOCX)
	big := bytes.Repeat([]byte{0xff}, MaxImportBytes+1)
	bigForm, bigFormType := formData(t, part{name: "file", file: "big.pdf", data: big})
	atCap, atCapType := formData(t, part{name: "file", file: "a.txt", data: bytes.Repeat([]byte("表"), MaxImportBytes/3)})
	two, twoType := formData(t, part{name: "file", file: "a.docx", data: docx}, part{name: "file2", file: "b.docx", data: docx})
	none, noneType := formData(t, part{name: "note", data: []byte("x")})
	var many []part
	for range maxParts + 1 {
		many = append(many, part{name: "note", data: []byte("x")})
	}
	tooMany, tooManyType := formData(t, many...)
	tests := []struct {
		name   string
		req    Request
		status int
		code   string
	}{
		{"one byte over the cap", binaryEvent("/reports/import", big, "Content-Type", "application/pdf"), 413, "too-large"},
		{"text over the cap", event("POST", "/reports/import", bytes.Repeat([]byte("a"), MaxImportBytes+1), "Content-Type", "text/plain"), 413, "too-large"},
		{"base64 far over the cap, not decoded", func() Request {
			r := event("POST", "/reports/import", bytes.Repeat([]byte("A"), base64.StdEncoding.EncodedLen(MaxImportBytes+multipartSlack)+4))
			r.IsBase64Encoded = true
			return r
		}(), 413, "too-large"},
		{"a file part over the cap", binaryEvent("/reports/import", bigForm, "Content-Type", bigFormType), 413, "too-large"},
		{"broken base64", func() Request {
			r := event("POST", "/reports/import", []byte("@@@"), "Content-Type", docxType)
			r.IsBase64Encoded = true
			return r
		}(), 400, "bad-encoding"},
		{"multipart without a boundary", binaryEvent("/reports/import", docx, "Content-Type", "multipart/form-data"), 400, "bad-multipart"},
		{"multipart with another boundary", binaryEvent("/reports/import", two, "Content-Type", "multipart/form-data; boundary=other"), 400, "bad-multipart"},
		{"multipart cut short", binaryEvent("/reports/import", two[:len(two)/2], "Content-Type", twoType), 400, "bad-multipart"},
		{"an unparsable content type", binaryEvent("/reports/import", two, "Content-Type", "multipart/form-data; boundary="), 400, "bad-multipart"},
		{"a boundary of 71 characters", binaryEvent("/reports/import", two, "Content-Type", "multipart/form-data; boundary="+strings.Repeat("b", 71)), 400, "bad-multipart"},
		{"two files", binaryEvent("/reports/import", two, "Content-Type", twoType), 400, "bad-multipart"},
		{"no file", event("POST", "/reports/import", none, "Content-Type", noneType), 400, "bad-multipart"},
		{"too many parts", event("POST", "/reports/import", tooMany, "Content-Type", tooManyType), 400, "bad-multipart"},
		{"multipart/mixed", binaryEvent("/reports/import", two, "Content-Type", strings.Replace(twoType, "form-data", "mixed", 1)), 415, "unsupported-media-type"},
		{"a file just under the cap in a form", event("POST", "/reports/import", atCap, "Content-Type", atCapType), 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := call(t, s.upload, tt.req)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %.300s", resp.StatusCode, tt.status, resp.Body)
			}
			if tt.code == "" {
				return
			}
			var e errorBody
			decodeBody(t, resp, &e)
			if e.Error.Code != tt.code || e.Error.RequestID != "test-request" || !strings.ContainsFunc(e.Error.Message, func(r rune) bool { return r >= 0x4E00 }) {
				t.Errorf("error %+v, want code %s with a Chinese message", e.Error, tt.code)
			}
			if tt.status == 413 && (!strings.Contains(e.Error.Message, "inbox/") || !strings.Contains(e.Error.Message, "nianbao import --file")) {
				t.Errorf("the 413 %q does not point to the inbox and the command line", e.Error.Message)
			}
		})
	}
}

func TestCleanFileName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"年报.docx", "年报.docx"},
		{`C:\Users\clerk\年报.docx`, "年报.docx"},
		{"../../etc/passwd", "passwd"},
		{"a\x00b\r\n.pdf", "ab.pdf"},
		{"bad\xffutf8.txt", "bad\uFFFDutf8.txt"},
		{"  spaced.html  ", "spaced.html"},
		{strings.Repeat("长", 100) + ".docx", strings.Repeat("长", 85)},
		{"", ""},
	}
	for _, tt := range tests {
		if got := cleanFileName(tt.in); got != tt.want {
			t.Errorf("cleanFileName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// The handler answers a canceled or timed-out import with a 503 that says
// so, never a 500.
func TestImportTimeout(t *testing.T) {
	h := NewUpload(newRegistry(t, newFS(t)), slowImporter{}, quiet)
	ctx, cancel := context.WithTimeout(context.Background(), 0)
	defer cancel()
	resp, err := h(ctx, event("POST", "/reports/import", []byte("一、总体情况"), "Content-Type", "text/plain"))
	if err != nil || resp.StatusCode != 503 || resp.Headers["Retry-After"] == "" || !strings.Contains(resp.Body, "timeout") {
		t.Errorf("status %d %s (%v); want 503 timeout with Retry-After", resp.StatusCode, resp.Body, err)
	}
}

// slowImporter gives up when its context does, as ingest.Import does.
type slowImporter struct{}

func (slowImporter) Import(ctx context.Context, _ []byte, _ string) (any, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

// FuzzDocumentBody holds the import's body parser to its contract whatever
// arrives: a document of at most MaxImportBytes with a clean name, or a
// 4xx with a Chinese message — never a panic.
func FuzzDocumentBody(f *testing.F) {
	docx := templatetest.Filled(f, templatetest.Load(f, "seed-2020.json"), source.DOCX)
	form, formType := formData(f, part{name: "note", data: []byte("x")}, part{name: "file", file: "年报.docx", data: docx[:512]})
	f.Add(form, formType, "", false)
	f.Add([]byte(base64.StdEncoding.EncodeToString(form)), formType, "", true)
	f.Add(docx[:1024], docxType, `attachment; filename*=UTF-8''%E5%B9%B4.docx`, false)
	f.Add([]byte("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\\\\b.txt\"\r\n\r\n一、总体情况\r\n--b--\r\n"), "multipart/form-data; boundary=b", "", false)
	f.Add([]byte("--b\r\n\r\n--b"), "multipart/form-data; boundary=b", "", false)
	f.Fuzz(func(t *testing.T, body []byte, contentType, disposition string, b64 bool) {
		req := event("POST", "/reports/import", body, "Content-Type", contentType, "Content-Disposition", disposition)
		req.IsBase64Encoded = b64
		doc, refusal := documentBody(req)
		if refusal != nil {
			var e errorBody
			if refusal.StatusCode < 400 || refusal.StatusCode > 499 || json.Unmarshal([]byte(refusal.Body), &e) != nil || e.Error.Message == "" {
				t.Fatalf("refusal %d %s", refusal.StatusCode, refusal.Body)
			}
			return
		}
		if len(doc.data) > MaxImportBytes || len(doc.name) > maxFileName || !utf8.ValidString(doc.name) ||
			strings.ContainsFunc(doc.name, func(r rune) bool { return unicode.IsControl(r) || r == '/' || r == '\\' }) {
			t.Fatalf("document of %d bytes named %q", len(doc.data), doc.name)
		}
	})
}
