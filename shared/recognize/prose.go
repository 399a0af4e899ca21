package recognize

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/source"
)

// sectionFields are the six sections' fields in heading order.
var sectionFields = func() [6]report.TextField {
	var out [6]report.TextField
	n := 0
	for _, f := range report.TextFields {
		if strings.HasPrefix(f.Path, "sections.") {
			out[n] = f
			n++
		}
	}
	return out
}()

// sections gathers each section's paragraphs, leaving out what is not the
// report's text: the preamble, a repeated heading or title, the signature.
func (r *recognizer) sections() {
	var (
		paras    [6][]string
		heading  [6]*piece
		movedLoc source.Location
		preamble []string
		debris   [6][]string
	)
	for i := range r.pieces {
		p := &r.pieces[i]
		switch {
		case p.heading && heading[p.section] == nil:
			heading[p.section] = p
		case p.heading:
			r.fs = append(r.fs, report.Finding{Rule: RuleText, Severity: report.Warning, Path: sectionFields[p.section].Path, Got: p.text,
				Message: fmt.Sprintf("标题“%s”在原文中出现了不止一次，重复的标题未导入", squeeze(p.text))})
		case r.roles[i] == roleDebris:
			debris[p.section] = append(debris[p.section], p.text)
		case r.roles[i] == roleMoved:
			if len(paras[4]) == 0 {
				movedLoc = p.loc
			}
			paras[4] = append(paras[4], p.text)
		case r.roles[i] != roleProse:
		case p.section < 0:
			if len(p.text) > maxTitleBytes || squeeze(p.text) != r.title && !strings.Contains(r.title, squeeze(p.text)) {
				preamble = append(preamble, p.text)
			}
		default:
			paras[p.section] = append(paras[p.section], p.text)
		}
	}
	if text := strings.Join(preamble, ""); text != "" {
		r.fs = append(r.fs, report.Finding{Rule: RuleText, Severity: report.Warning, Path: "sections.overview",
			Message: fmt.Sprintf("标题与“一、总体情况”之间的文字（%d 字）不属于六个部分，未导入：“%s”", utf8.RuneCountInString(text), clip(text, 40))})
	}
	for s, d := range debris {
		if len(d) > 0 {
			text := strings.Join(d, " ")
			r.fs = append(r.fs, report.Finding{Rule: RuleText, Severity: report.Warning, Path: sectionFields[s].Path, Got: clip(text, 80),
				Message: fmt.Sprintf("“%s”部分表格之外有 %d 处只有数字或表头的文字（“%s”），像是表格的一部分落在了表格线外，未作为正文导入，请核对表格", report.SectionHeadings[s], len(d), clip(text, 40))})
		}
	}
	lastSec := -1
	for s := range paras {
		if len(paras[s]) > 0 {
			lastSec = s
		}
	}
	if lastSec >= 0 {
		paras[lastSec] = r.trimSignature(paras[lastSec], sectionFields[lastSec].Path)
	}
	for s, f := range sectionFields {
		if r.keyedText[s] != "" {
			*sectionRef(r.rep, s) = r.keyedText[s]
			continue
		}
		text := r.tidySection(s, paras[s], f.Path)
		if n := utf8.RuneCountInString(text); n > f.MaxRunes {
			r.fs = append(r.fs, report.Finding{Rule: RuleText, Severity: report.Error, Path: f.Path, Got: fmt.Sprint(n),
				Message: fmt.Sprintf("原文“%s”部分有 %d 字，超过 %d 字的上限，未导入：请检查原文是否混入了其他内容", report.SectionHeadings[s], n, f.MaxRunes)})
			text = ""
			heading[s] = nil
			continue
		}
		switch {
		case text != "":
			*sectionRef(r.rep, s) = text
			p := Provenance{Method: LabelMatched}
			if heading[s] != nil {
				p.Source, p.Text = heading[s].loc.String(), heading[s].text
			} else {
				p.Method, p.Source, p.Text = ByPosition, movedLoc.String(), "表四之后的文字"
				r.fs = append(r.fs, report.Finding{Rule: RuleLabel, Severity: report.Warning, Path: f.Path,
					Message: fmt.Sprintf("原文没有“%s”标题：表四之后的文字已作为这一部分导入，请核对", report.SectionHeadings[s])})
			}
			r.prov[f.Path] = p
		case f.Required && heading[s] == nil:
			r.fs = append(r.fs, report.Finding{Rule: RuleMissing, Severity: report.Error, Path: f.Path,
				Message: fmt.Sprintf("原文中没有找到“%s”部分，请补写", report.SectionHeadings[s])})
		case f.Required:
			r.fs = append(r.fs, report.Finding{Rule: RuleMissing, Severity: report.Error, Path: f.Path,
				Message: fmt.Sprintf("原文“%s”标题下没有文字，请补写", report.SectionHeadings[s])})
		}
	}
}

func sectionRef(rep *report.Report, s int) *string {
	x := &rep.Sections
	return [6]*string{&x.Overview, &x.Proactive, &x.Requests, &x.ReviewLitigation, &x.ProblemsAndImprovements, &x.OtherMatters}[s]
}

// tidySection joins a section's paragraphs with '\n' after tidying them,
// dropping a repeated heading or title and mending paragraphs that OCR
// broke in the middle of a sentence.
func (r *recognizer) tidySection(s int, paras []string, path string) string {
	var out []string
	for _, raw := range paras {
		p := tidyProse(raw)
		switch {
		case p == "":
			continue
		case sectionOf(p) == s:
			r.fs = append(r.fs, report.Finding{Rule: RuleText, Severity: report.Warning, Path: path, Got: p,
				Message: fmt.Sprintf("正文中重复的标题“%s”未导入", p)})
			continue
		case len(out) == 0 && isTitle(p) && utf8.RuneCountInString(p) <= 64:
			r.fs = append(r.fs, report.Finding{Rule: RuleText, Severity: report.Warning, Path: path, Got: p,
				Message: fmt.Sprintf("正文开头重复的报告标题“%s”未导入", p)})
			continue
		}
		if n := len(out); n > 0 && brokenAfter(out[n-1]) && !startsItem(p) {
			out[n-1] += p
			continue
		}
		out = append(out, p)
	}
	return strings.Join(out, "\n")
}

// brokenAfter is true for a paragraph that stops mid-sentence, as OCR
// leaves a sentence split over two pages: long, no closing punctuation, not
// a numbered sub-heading.
func brokenAfter(p string) bool {
	const minBroken = 20
	if utf8.RuneCountInString(p) < minBroken || startsItem(p) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(p)
	return !strings.ContainsRune("。！？；：…”’」）)》.!?;:", last)
}

var itemStart = regexp.MustCompile(`^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，、])`)

// startsItem is true for a paragraph that opens with a number or 一是:
// a new item, never the rest of a sentence.
func startsItem(p string) bool {
	num, _ := splitNumbering(p)
	return num != "" || itemStart.MatchString(p)
}

var (
	// A line that is a date, or an office and a date: “2023年1月9日”,
	// “君山片区管理局党政办公室 2023年1月9日印”.
	dateOnly = regexp.MustCompile(`^.{0,30}?(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:印发|印|发布)?$`)
	// A signature after the last sentence: “。 平潭综合实验区…局 2020年1月13日 抄送：…”.
	dateAfter = regexp.MustCompile(`[。！？]\s+(?:\S{2,40}\s+)?(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:\s|$)`)
	tailWords = regexp.MustCompile(`^(?:抄送|来源|附件|联系电话|主办|责任编辑)`)
)

// maxSignatureBytes is longer than a signature line: a body's name and a
// date, or 抄送 and the bodies copied.
const maxSignatureBytes = 512

// trimSignature removes the body's name, the date and what a page prints
// after them (抄送, 来源, 附件下载) from the end of the last section.
func (r *recognizer) trimSignature(paras []string, path string) []string {
	var dropped []string
	for len(paras) > 0 {
		p := strings.TrimSpace(paras[len(paras)-1])
		sq := ""
		if len(p) <= maxSignatureBytes {
			sq = squeeze(p) // a signature line is short; prose is not squeezed
		}
		signature := sq != "" && (sq == r.agency || dateOnly.MatchString(sq) || tailWords.MatchString(sq) ||
			r.agency != "" && strings.HasPrefix(sq, r.agency) && utf8.RuneCountInString(sq) <= utf8.RuneCountInString(r.agency)+16)
		if p == "" || signature {
			dropped = append([]string{p}, dropped...)
			paras = paras[:len(paras)-1]
			continue
		}
		if loc := dateAfter.FindStringIndex(p); loc != nil {
			_, w := utf8.DecodeRuneInString(p[loc[0]:])
			dropped = append([]string{p[loc[0]+w:]}, dropped...)
			paras[len(paras)-1] = p[:loc[0]+w]
		}
		break
	}
	if len(dropped) > 0 {
		text := strings.Join(dropped, " ")
		r.fs = append(r.fs, report.Finding{Rule: RuleText, Severity: report.Warning, Path: path, Got: clip(strings.TrimSpace(text), 80),
			Message: fmt.Sprintf("文末的署名、日期等（“%s”）不属于正文，未导入", clip(strings.TrimSpace(text), 40))})
	}
	return paras
}
