package recognize

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/source"
)

// Keys of source.Document.Meta the recogniser reads, as readers fill them:
// HTML <meta name> tags of government CMSs, a crawler's header, nianbao's
// own templates.
var (
	metaTitle     = []string{"ArticleTitle", "标题", "og:title", "title", "dc.title"}
	metaPublished = []string{"PubDate", "发布时间", "发布日期", "publishdate", "dc.date"}
	metaAgency    = []string{"ContentSource", "发布机构", "来源", "Author"}
	metaKeywords  = []string{"Keywords", "keywords"}
	// MetaFormatVersion names the format version in a template's metadata.
	metaVersion = []string{"nianbao:formatVersion", "nianbao.formatVersion", "formatVersion"}
)

func metaValue(doc *source.Document, keys []string) (key, value string) {
	for _, k := range keys {
		for mk, mv := range doc.Meta {
			if strings.EqualFold(mk, k) && strings.TrimSpace(mv) != "" {
				return mk, strings.TrimSpace(mv)
			}
		}
	}
	return "", ""
}

var (
	// A report's title names the year and ends in 报告; the body's name
	// stands before the year or between it and 政府信息公开.
	titleShape = regexp.MustCompile(`^(.*?)((?:19|20)\d{2})年度?(.*?)政府信息公开(?:工作)?(?:年度报告|年报)$`)
	yearIn     = regexp.MustCompile(`((?:19|20)\d{2})\s*年`)
	dateIn     = regexp.MustCompile(`^((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})`)
	creditCode = regexp.MustCompile(`统一社会信用代码\s*[:：]?\s*([0-9A-Z]{18})`)
	yearValue  = regexp.MustCompile(`^\s*((?:19|20)\d{2})\s*(?:年度?)?\s*$`)
)

// maxTitleBytes is longer than any title, spaces and all.
const maxTitleBytes = 128 * 4

// isTitle is true for a line that reads as a report's title.
func isTitle(s string) bool {
	if len(s) > maxTitleBytes {
		return false
	}
	s = squeeze(s)
	n := utf8.RuneCountInString(s)
	return n >= 8 && n <= 128 && yearIn.MatchString(s) && (strings.HasSuffix(s, "报告") || strings.HasSuffix(s, "年报"))
}

// findTitle looks for the title in the metadata, then in the first pieces
// before the first heading, joining a title wrapped over two lines.
func (r *recognizer) findTitle() (title string, p Provenance) {
	if k, v := metaValue(r.doc, metaTitle); isTitle(v) {
		return squeeze(v), Provenance{Method: LabelMatched, Source: "文件元数据“" + k + "”", Text: v}
	}
	if isTitle(r.doc.Title) {
		return squeeze(r.doc.Title), Provenance{Method: LabelMatched, Source: "文件标题", Text: r.doc.Title}
	}
	const maxTitleBlocks = 8
	seen := 0
	for i, pc := range r.pieces {
		if pc.section >= 0 || seen >= maxTitleBlocks {
			break
		}
		if pc.kind == source.TableBlock {
			continue
		}
		seen++
		if isTitle(pc.text) {
			return squeeze(pc.text), Provenance{Method: LabelMatched, Source: pc.loc.String(), Text: pc.text}
		}
		if i+1 < len(r.pieces) && r.pieces[i+1].section < 0 && r.pieces[i+1].kind != source.TableBlock {
			if joined := pc.text + r.pieces[i+1].text; isTitle(joined) && utf8.RuneCountInString(r.pieces[i+1].text) < utf8.RuneCountInString(pc.text) {
				return squeeze(joined), Provenance{Method: LabelMatched, Source: pc.loc.String(), Text: joined}
			}
		}
	}
	return "", Provenance{}
}

// metadata fills the title, year, agency, publication date and credit code
// from what the document prints; what it lacks is left for a person.
func (r *recognizer) metadata() {
	title, tp := r.findTitle()
	if title != "" {
		r.title, r.titleProv = title, tp
	}
	if m := titleShape.FindStringSubmatch(r.title); m != nil {
		y, _ := strconv.Atoi(m[2])
		r.year, r.yearProv = y, tp
		agency := strings.Trim(m[1], " ，,：:、")
		if agency == "" {
			agency = strings.Trim(m[3], " ，,：:、")
		}
		if n := utf8.RuneCountInString(agency); n >= 2 && n <= 64 {
			r.agency, r.agencyProv = agency, tp
		}
	} else if m := yearIn.FindStringSubmatch(r.title); m != nil {
		r.year, _ = strconv.Atoi(m[1])
		r.yearProv = tp
	}
	if r.agency == "" {
		if k, v := metaValue(r.doc, metaAgency); v != "" && utf8.RuneCountInString(v) <= 64 && utf8.RuneCountInString(v) >= 2 {
			r.agency = squeeze(v)
			r.agencyProv = Provenance{Method: LabelMatched, Source: "文件元数据“" + k + "”", Text: v}
		}
	}
	if k, v := metaValue(r.doc, metaPublished); v != "" {
		if date, ok := dateOf(v); ok {
			r.published = date
			r.publishedProv = Provenance{Method: LabelMatched, Source: "文件元数据“" + k + "”", Text: v}
		}
	}
	for _, pc := range r.pieces {
		if m := creditCode.FindStringSubmatch(pc.text); m != nil && report.ValidCreditCode(m[1]) {
			r.credit = m[1]
			r.creditProv = Provenance{Method: LabelMatched, Source: pc.loc.String(), Text: m[0]}
			break
		}
	}
	if r.credit == "" {
		r.keywordCredit()
	}
	r.formTables()
}

// dateOf reads a date such as 2024-01-26, 2024/1/26 or 2024年1月26日.
func dateOf(s string) (string, bool) {
	m := dateIn.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return "", false
	}
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	date := m[1] + "-" + two(mo) + "-" + two(d)
	return date, validDate(date)
}

func two(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func validDate(s string) bool {
	y, _ := strconv.Atoi(s[:4])
	m, _ := strconv.Atoi(s[5:7])
	d, _ := strconv.Atoi(s[8:10])
	days := [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	return y >= 1900 && m >= 1 && m <= 12 && d >= 1 && d <= days[m] && !(m == 2 && d == 29 && (y%4 != 0 || y%100 == 0 && y%400 != 0))
}
