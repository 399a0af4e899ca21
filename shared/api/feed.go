package api

import (
	"bytes"
	"cmp"
	"context"
	"encoding/xml"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"time"

	"github.com/nianbao/nianbao/shared/registry"
)

// The Atom feed (RFC 4287) of filed reports, GET /feed.xml, newest filing
// first, for portals and 政府网站 aggregators. It reads what the listing
// reads: the current version of each agency's report, year by year.
const (
	feedSize = 50 // entries
	// feedYears: the report years with reports looked through, newest
	// first. Reports are filed early in the following year, corrections
	// soon after; older years are rarely touched.
	feedYears = 3
	// maxFeedScan bounds the summaries read, whatever the number of agencies.
	maxFeedScan = 5000
)

const atomNS = "http://www.w3.org/2005/Atom"

type atomFeed struct {
	XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang      string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID        string      `xml:"id"`
	Title     string      `xml:"title"`
	Subtitle  string      `xml:"subtitle"`
	Updated   string      `xml:"updated"`
	Author    atomPerson  `xml:"author"`
	Links     []atomLink  `xml:"link"`
	Generator string      `xml:"generator"`
	Entries   []atomEntry `xml:"entry"`
}

type atomEntry struct {
	ID       string       `xml:"id"`
	Title    string       `xml:"title"`
	Updated  string       `xml:"updated"`
	Author   atomPerson   `xml:"author"`
	Links    []atomLink   `xml:"link"`
	Category atomCategory `xml:"category"`
	Summary  string       `xml:"summary"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel   string `xml:"rel,attr"`
	Type  string `xml:"type,attr,omitempty"`
	Href  string `xml:"href,attr"`
	Title string `xml:"title,attr,omitempty"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr"`
}

func (ix *index) feed(ctx context.Context, req Request) Response {
	items, err := ix.newestFilings(ctx, time.Now().Year())
	if err != nil {
		return failure(ctx, ix.log, req, err)
	}
	body, err := atomXML(baseURL(req), items, time.Now())
	if err != nil {
		return failure(ctx, ix.log, req, err)
	}
	return Response{StatusCode: 200, Body: string(body),
		Headers: headers("application/atom+xml; charset=utf-8", "Cache-Control", "public, max-age=300")}
}

// newestFilings returns the feedSize most recently filed current reports of
// the newest feedYears report years that have any, up to newest, from the
// years' catalogs (at most maxFeedScan entries read): newest first, then by
// ID so that the order is stable.
func (ix *index) newestFilings(ctx context.Context, newest int) ([]registry.Summary, error) {
	var top []registry.Summary
	newer := func(a, b registry.Summary) int {
		return cmp.Or(b.ValidatedAt.Compare(a.ValidatedAt), cmp.Compare(a.ID, b.ID))
	}
	scanned, years := 0, 0
	for y := newest; y >= firstYear && years < feedYears && scanned < maxFeedScan; y-- {
		c, err := ix.reg.Catalog(ctx, y)
		if err != nil {
			return nil, fmt.Errorf("feed: catalog %d: %w", y, err)
		}
		items := c.Items[:min(len(c.Items), maxFeedScan-scanned)]
		scanned += len(items)
		for _, s := range items {
			i, _ := slices.BinarySearchFunc(top, s, newer)
			if i < feedSize {
				top = slices.Insert(top, i, s)
				top = top[:min(len(top), feedSize)]
			}
		}
		if len(items) > 0 {
			years++
		}
	}
	return top, nil
}

// atomXML writes the feed; base is the site's URL, "" for relative links.
func atomXML(base string, items []registry.Summary, now time.Time) ([]byte, error) {
	stamp := func(t time.Time) string { return t.UTC().Format(time.RFC3339) }
	f := atomFeed{
		Lang:     "zh-CN",
		ID:       "urn:nianbao:feed:reports",
		Title:    "政府信息公开工作年度报告",
		Subtitle: "新提交和更正的政府信息公开工作年度报告，按提交时间从新到旧",
		Updated:  stamp(now),
		Author:   atomPerson{Name: "nianbao"},
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: base + "/feed.xml"},
			{Rel: "alternate", Type: "text/html", Href: base + "/"},
		},
		Generator: "nianbao",
	}
	if len(items) > 0 {
		f.Updated = stamp(items[0].ValidatedAt)
	}
	for _, s := range items {
		year := strconv.Itoa(s.Year)
		summary := s.AgencyName
		if s.Region != "" {
			summary += "（" + s.Region + "）"
		}
		summary += year + " 年度政府信息公开工作年度报告，" + s.FormatVersion.Label()
		if s.Versions > 1 {
			summary += "，第 " + strconv.Itoa(s.Versions) + " 版"
		}
		if s.Warnings > 0 {
			summary += "，" + strconv.Itoa(s.Warnings) + " 个警告"
		}
		f.Entries = append(f.Entries, atomEntry{
			// One entry per agency and year: a correction updates it.
			ID:      "urn:nianbao:report:" + year + "-" + s.CreditCode,
			Title:   s.Title,
			Updated: stamp(s.ValidatedAt),
			Author:  atomPerson{Name: s.AgencyName},
			Links: []atomLink{
				{Rel: "alternate", Type: "text/html", Href: base + "/reports/" + s.ID},
				{Rel: "enclosure", Type: "application/pdf", Href: base + "/reports/" + s.ID + "/pdf", Title: "PDF"},
			},
			Category: atomCategory{Term: year, Label: year + " 年度"},
			Summary:  summary + "。",
		})
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", " ")
	if err := enc.Encode(f); err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// hostPattern is what a Host may be for the feed to name it: a DNS name or
// an IP literal, with a port.
var hostPattern = regexp.MustCompile(`^([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?$`)

// baseURL is the site's URL as the request reached it (API Gateway's domain
// name and scheme, or the local server's host), or "" when the request
// names no usable host; links are then relative.
func baseURL(req Request) string {
	host := req.RequestContext.DomainName
	if host == "" {
		host = header(req, "Host")
	}
	if len(host) > 255 || !hostPattern.MatchString(host) {
		return ""
	}
	scheme := "http"
	if header(req, "X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + host
}
