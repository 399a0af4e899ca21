package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/template"
)

const eventsDir = "testdata/events"

// maxInput bounds each file read from testdata; reports are tens of KB.
const maxInput = 1 << 20

// The reports the events carry, and the canonical form that names one.
const (
	seedPath      = "testdata/seed-2020.json"
	seedCanonical = "testdata/golden/seed-2020.canonical.json"
	example2021   = "testdata/example-2021.json"
	// The supervising office's roster for the seed's year and its summary request.
	rosterPath  = "testdata/roster-2020.csv"
	summaryPath = "testdata/summary-2020.json"
)

// ScheduleInput is the constant input of the yearly EventBridge rule in
// template.yaml. With a constant input, EventBridge delivers exactly this
// document, not its usual scheduled-event envelope.
const ScheduleInput = `{"source":"nianbao.schedule","action":"archive-previous-year"}`

type file struct {
	name string
	data []byte
}

// generate returns every event file, in a fixed order.
func generate(root fs.FS) ([]file, error) {
	seed, err := readFile(root, seedPath)
	if err != nil {
		return nil, err
	}
	canonical, err := readFile(root, seedCanonical)
	if err != nil {
		return nil, err
	}
	next, err := readFile(root, example2021)
	if err != nil {
		return nil, err
	}
	rosterCSV, err := readFile(root, rosterPath)
	if err != nil {
		return nil, err
	}
	summaryReq, err := readFile(root, summaryPath)
	if err != nil {
		return nil, err
	}
	seedYear, seedCode, err := identity(seed)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", seedPath, err)
	}
	nextYear, nextCode, err := identity(next)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", example2021, err)
	}
	sum := sha256.Sum256(canonical)
	// A report's id: year, agency, and the SHA-256 of its canonical JSON.
	id := fmt.Sprintf("%d-%s-%s", seedYear, seedCode, hex.EncodeToString(sum[:]))
	year := strconv.Itoa(seedYear)

	// Uploads arrive before the 31 March deadline of the following year.
	uploadAt := func(y int) time.Time { return time.Date(y+1, 3, 20, 2, 0, 0, 0, time.UTC) }
	seedAt, nextAt := uploadAt(seedYear), uploadAt(nextYear)
	readAt := time.Date(seedYear+1, 4, 8, 1, 30, 0, 0, time.UTC)
	archiveAt := time.Date(seedYear+1, 4, 1, 3, 0, 0, 0, time.UTC)
	rosterAt := time.Date(seedYear, 12, 15, 1, 0, 0, 0, time.UTC) // the office lists who must report before the year ends
	const jsonType = "application/json"
	// A clerk's Word draft: the seed in the 2019 format's template, as the
	// form's 导入 sends it (API Gateway base64-encodes the binary body).
	draft, err := filledDOCX(seed)
	if err != nil {
		return nil, fmt.Errorf("%s as a filled template: %w", seedPath, err)
	}
	templateFile := string(report.VersionForYear(seedYear)) + ".docx"

	// The inbox's documents; the review queue names the one that waits by
	// its SHA-256.
	inbox, err := inboxFiles(seed, rosterCSV, seedYear)
	if err != nil {
		return nil, err
	}
	queued := map[string]string{"year": year, "sha": sha256Hex(inbox[1].data)}
	reviewAt := time.Date(seedYear+1, 4, 12, 2, 0, 0, 0, time.UTC)

	requests := []struct {
		name string
		req  request
	}{
		{"upload-seed.json", request{method: "POST", route: "/reports", contentType: jsonType, body: seed, claims: claims(seedCode, seedAt), at: seedAt}},
		{"upload-seed-base64.json", request{method: "POST", route: "/reports", contentType: jsonType, body: seed, base64: true, claims: claims(seedCode, seedAt), at: seedAt}},
		{"upload-2021.json", request{method: "POST", route: "/reports", contentType: jsonType, body: next, claims: claims(nextCode, nextAt), at: nextAt}},
		{"upload-wrong-type.json", request{method: "POST", route: "/reports", contentType: "text/plain; charset=utf-8", body: seed, claims: claims(seedCode, seedAt), at: seedAt}},
		{"validate-seed.json", request{method: "POST", route: "/reports/validate", contentType: jsonType, body: seed, at: seedAt}},
		{"import-docx.json", request{method: "POST", route: "/reports/import", contentType: template.DOCXType, body: draft, base64: true, at: seedAt}},
		{"index-root.json", request{method: "GET", route: "/", at: readAt}},
		{"index-new.json", request{method: "GET", route: "/new", at: readAt}},
		{"index-list.json", request{method: "GET", route: "/reports", query: [][2]string{{"year", year}}, at: readAt}},
		{"index-get.json", request{method: "GET", route: "/reports/{id}", pathParams: map[string]string{"id": id}, at: readAt}},
		{"index-pdf.json", request{method: "GET", route: "/reports/{id}/pdf", pathParams: map[string]string{"id": id}, at: readAt}},
		{"index-json.json", request{method: "GET", route: "/reports/{id}/json", pathParams: map[string]string{"id": id}, at: readAt}},
		{"index-source.json", request{method: "GET", route: "/reports/{id}/source", pathParams: map[string]string{"id": id}, at: readAt}},
		{"index-changes.json", request{method: "GET", route: "/reports/{id}/changes", pathParams: map[string]string{"id": id}, at: readAt}},
		{"index-next-year.json", request{method: "GET", route: "/reports/{id}/next-year", pathParams: map[string]string{"id": id}, at: readAt}},
		{"index-feed.json", request{method: "GET", route: "/feed.xml", at: readAt}},
		{"index-schema.json", request{method: "GET", route: "/schema", at: readAt}},
		{"archive-start.json", request{method: "POST", route: "/archives/{year}", pathParams: map[string]string{"year": year}, claims: adminClaims(archiveAt), at: archiveAt}},
		{"archive-status.json", request{method: "GET", route: "/archives/{year}", pathParams: map[string]string{"year": year}, at: archiveAt}},
		{"office-roster-put.json", request{method: "PUT", route: "/rosters/{year}", pathParams: map[string]string{"year": year}, contentType: "text/csv", body: rosterCSV, claims: adminClaims(rosterAt), at: rosterAt}},
		{"index-roster.json", request{method: "GET", route: "/rosters/{year}", pathParams: map[string]string{"year": year}, at: readAt}},
		{"index-dashboard.json", request{method: "GET", route: "/dashboard/{year}", pathParams: map[string]string{"year": year}, at: readAt}},
		{"office-summary.json", request{method: "POST", route: "/summaries/{year}", pathParams: map[string]string{"year": year}, contentType: jsonType, body: summaryReq, claims: adminClaims(readAt), at: readAt}},
		{"office-stats.json", request{method: "GET", route: "/stats/{year}", pathParams: map[string]string{"year": year}, at: readAt}},
		{"office-export.json", request{method: "GET", route: "/exports/{file}", pathParams: map[string]string{"file": year + ".xlsx"}, at: readAt}},
		{"office-template.json", request{method: "GET", route: "/templates/{file}", pathParams: map[string]string{"file": templateFile}, at: readAt}},
		{"index-imports.json", request{method: "GET", route: "/imports/{year}", pathParams: map[string]string{"year": year}, at: reviewAt}},
		{"index-import.json", request{method: "GET", route: "/imports/{year}/{sha}", pathParams: queued, at: reviewAt}},
		{"index-import-source.json", request{method: "GET", route: "/imports/{year}/{sha}/source", pathParams: queued, at: reviewAt}},
	}
	var files []file
	for _, r := range requests {
		data, err := marshal(r.req.event(r.name))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", r.name, err)
		}
		files = append(files, file{r.name, data})
	}
	schedule, err := marshal(json.RawMessage(ScheduleInput))
	if err != nil {
		return nil, fmt.Errorf("archive-schedule.json: %w", err)
	}
	files = append(files, file{"archive-schedule.json", schedule})

	// The inbox: each document, and the event S3 sends when it is put.
	putAt := time.Date(seedYear+1, 4, 10, 1, 0, 0, 0, time.UTC) // the office archives last year's published reports
	for i, f := range inbox {
		data, err := marshal(putEvent(f, putAt.Add(time.Duration(i)*time.Minute)))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.name, err)
		}
		files = append(files, file{f.name, f.data}, file{putEventName(f.name), data})
	}
	return files, nil
}

// putEventName names the event of an inbox document: import-page.html is
// put by import-put-page.json.
func putEventName(doc string) string {
	base := strings.TrimPrefix(doc, "import-")
	return "import-put-" + strings.TrimSuffix(base, path.Ext(base)) + ".json"
}

func readFile(root fs.FS, name string) ([]byte, error) {
	f, err := root.Open(name)
	if err != nil {
		return nil, fmt.Errorf("read input: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxInput+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(data) > maxInput {
		return nil, fmt.Errorf("read %s: larger than %d bytes", name, maxInput)
	}
	return data, nil
}

// identity returns a report's year and agency credit code.
func identity(report []byte) (int, string, error) {
	var r struct {
		ReportYear int `json:"reportYear"`
		Agency     struct {
			CreditCode string `json:"creditCode"`
		} `json:"agency"`
	}
	if err := json.Unmarshal(report, &r); err != nil {
		return 0, "", fmt.Errorf("report identity: %w", err)
	}
	if r.ReportYear == 0 || r.Agency.CreditCode == "" {
		return 0, "", fmt.Errorf("report identity: no reportYear or agency.creditCode")
	}
	return r.ReportYear, r.Agency.CreditCode, nil
}

// marshal indents like the other testdata JSON, without escaping HTML
// characters or non-ASCII text, and ends with a newline.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// filledDOCX is a report in its format's Word template, filled in.
func filledDOCX(doc []byte) ([]byte, error) {
	r, findings := report.Decode(doc)
	if r == nil || report.HasErrors(findings) {
		return nil, fmt.Errorf("not a valid report: %v", findings)
	}
	var b bytes.Buffer
	if err := template.FilledDOCX(&b, r); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
