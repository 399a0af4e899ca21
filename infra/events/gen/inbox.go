package main

import (
	"bytes"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/template"
)

// The S3 inbox: published reports an office puts under inbox/{year}/, as
// web pages made from the seed under other agencies' names (without the
// credit code and region published reports leave out), and the agencies
// file that names them. The files are written beside the events that
// announce them, so that a test puts exactly the bytes an event describes.
const (
	inboxBucket = "nianbao-reports"
	// On the seed year's roster (testdata/roster-2020.csv): filed at once.
	inboxFiledAgency = "西工区民政局"
	// On no list until the agencies file arrives: waits for review.
	inboxReviewAgency = "西工区文化和旅游局"
	inboxReviewBase   = "11410303MB0000010" // its credit code, less the check character
)

// inboxFile is a document for the inbox and where it goes.
type inboxFile struct {
	name string // the file in testdata/events
	key  string // its key in the bucket
	data []byte
}

// publishedPage is the seed published by agency name as a web page.
func publishedPage(seed []byte, name string) ([]byte, error) {
	r, fs := report.Decode(seed)
	if r == nil || report.HasErrors(fs) {
		return nil, fmt.Errorf("%s does not decode", seedPath)
	}
	r.Title = strings.ReplaceAll(r.DisplayTitle(), r.Agency.Name, name)
	r.Agency.Name, r.Agency.CreditCode, r.Agency.Region = name, "", ""
	var b bytes.Buffer
	if err := template.HTML(&b, r); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// inboxFiles are the inbox's documents: the two pages and the agencies
// file (the roster's agencies and the one missing from it).
func inboxFiles(seed, rosterCSV []byte, year int) ([]inboxFile, error) {
	var files []inboxFile
	for _, a := range []struct{ file, agency string }{{"import-page.html", inboxFiledAgency}, {"import-review-page.html", inboxReviewAgency}} {
		page, err := publishedPage(seed, a.agency)
		if err != nil {
			return nil, err
		}
		key := fmt.Sprintf("inbox/%d/%s%d年政府信息公开工作年度报告.html", year, a.agency, year)
		files = append(files, inboxFile{a.file, key, page})
	}
	check, ok := report.CreditCodeCheck(inboxReviewBase)
	if !ok {
		return nil, fmt.Errorf("no check character for %s", inboxReviewBase)
	}
	var list strings.Builder
	list.WriteString("机关名称,统一社会信用代码,行政区划\n")
	for i, line := range strings.Split(strings.TrimSpace(string(rosterCSV)), "\n") {
		if i < 2 { // the roster's title and header
			continue
		}
		cells := strings.Split(strings.TrimSpace(line), ",")
		list.WriteString(strings.Join(cells[:3], ",") + "\n")
	}
	fmt.Fprintf(&list, "洛阳市%s,%s%c,河南省洛阳市西工区\n", inboxReviewAgency, inboxReviewBase, check)
	files = append(files, inboxFile{"import-agencies.csv", fmt.Sprintf("inbox/%d/agencies.csv", year), []byte(list.String())})
	return files, nil
}

// The shape S3 sends a function for each object created (event version 2.1).
type s3Event struct {
	Records []s3Record `json:"Records"`
}

type s3Record struct {
	EventVersion      string            `json:"eventVersion"`
	EventSource       string            `json:"eventSource"`
	AWSRegion         string            `json:"awsRegion"`
	EventTime         string            `json:"eventTime"`
	EventName         string            `json:"eventName"`
	UserIdentity      principal         `json:"userIdentity"`
	RequestParameters map[string]string `json:"requestParameters"`
	ResponseElements  map[string]string `json:"responseElements"`
	S3                s3Entity          `json:"s3"`
}

type principal struct {
	PrincipalID string `json:"principalId"`
}

type s3Entity struct {
	SchemaVersion   string   `json:"s3SchemaVersion"`
	ConfigurationID string   `json:"configurationId"`
	Bucket          s3Bucket `json:"bucket"`
	Object          s3Object `json:"object"`
}

type s3Bucket struct {
	Name          string    `json:"name"`
	OwnerIdentity principal `json:"ownerIdentity"`
	ARN           string    `json:"arn"`
}

type s3Object struct {
	Key       string `json:"key"`
	Size      int    `json:"size"`
	ETag      string `json:"eTag"`
	VersionID string `json:"versionId"`
	Sequencer string `json:"sequencer"`
}

// putEvent is S3's notification of f put into the inbox bucket by the
// supervising office's uploader at t.
func putEvent(f inboxFile, t time.Time) s3Event {
	md5sum := md5.Sum(f.data)
	sum := sha256.Sum256([]byte("s3:" + f.key))
	id := strings.ToUpper(hex.EncodeToString(sum[:8]))
	return s3Event{Records: []s3Record{{
		EventVersion: "2.1", EventSource: "aws:s3", AWSRegion: region, EventTime: t.UTC().Format("2006-01-02T15:04:05.000Z"),
		EventName:         "ObjectCreated:Put",
		UserIdentity:      principal{"AWS:AROAEXAMPLEOFFICE:inbox-uploader"},
		RequestParameters: map[string]string{"sourceIPAddress": sourceIP},
		ResponseElements:  map[string]string{"x-amz-request-id": id, "x-amz-id-2": hex.EncodeToString(sum[8:24])},
		S3: s3Entity{
			SchemaVersion: "1.0", ConfigurationID: "nianbao-inbox",
			Bucket: s3Bucket{Name: inboxBucket, OwnerIdentity: principal{"A3NL1KOZZKExample"}, ARN: "arn:aws-cn:s3:::" + inboxBucket},
			Object: s3Object{Key: eventKey(f.key), Size: len(f.data), ETag: hex.EncodeToString(md5sum[:]),
				VersionID: hex.EncodeToString(sum[24:32]), Sequencer: strings.ToUpper(hex.EncodeToString(sum[:9]))},
		},
	}}}
}

// eventKey encodes a key as S3 notifications do: each segment URL-encoded
// with spaces as '+', the slashes kept.
func eventKey(key string) string {
	segs := strings.Split(key, "/")
	for i, s := range segs {
		segs[i] = url.QueryEscape(s)
	}
	return strings.Join(segs, "/")
}

// sha256Hex is the SHA-256 of data in hex: how the review queue names an
// original.
func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
