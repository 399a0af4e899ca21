package validate

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nianbao/nianbao/shared/report"
)

// reportYear checks the upper bound the decoder cannot know: the current year.
func (c *checker) reportYear() {
	y, now := c.r.ReportYear, c.now().Year()
	if y > now {
		c.add(report.Finding{Rule: report.RuleRange, Severity: report.Error, Path: "reportYear",
			Got: strconv.Itoa(y), Want: "≤ " + strconv.Itoa(now),
			Message: fmt.Sprintf("报告年度 %d 晚于当前年度 %d：年报只能报告已经开始的年度", y, now)})
	}
}

// notApplicable is S7: every "/" cell is accepted with a warning.
func (c *checker) notApplicable() {
	l := c.r.Layout()
	for i, spec := range l.Cells() {
		if c.r.CellAt(i).State == report.NotApplicable {
			c.add(report.Finding{Rule: RuleS7, Severity: report.Warning, Path: spec.Path, Got: report.NAMarker,
				Message: fmt.Sprintf("%s填写为“/”（不适用）；涉及该单元格的勾稽关系无法核对", l.Describe(spec.Path))})
		}
	}
}

// publishedTotals is S9 (2019 format): the cumulative count of published
// documents is at least this year's.
func (c *checker) publishedTotals() {
	if c.r.FormatVersion != report.Trial2019 {
		return
	}
	l := c.r.Layout()
	for _, row := range []string{"regulations", "normativeDocuments"} {
		base := "table2.art20_1." + row + "."
		total, newly := c.number(base+"totalPublished"), c.number(base+"newlyPublished")
		if total.State == report.Number && newly.State == report.Number && total.Value < newly.Value {
			c.add(report.Finding{Rule: RuleS9, Severity: report.Warning, Path: base + "totalPublished",
				Related: []string{base + "newlyPublished"}, Got: total.Value.String(), Want: "≥ " + newly.Value.String(),
				Message: fmt.Sprintf("%s（%s）小于本年新公开数量（%s）：累计公开总数不应少于本年新公开数",
					l.Describe(base+"totalPublished"), total.Value, newly.Value)})
		}
	}
}

func (c *checker) number(path string) report.Cell {
	cell, _ := c.r.Cell(path)
	return cell
}

// versionForYear is S12: the format version suits the report year.
func (c *checker) versionForYear() {
	r := c.r
	if v := report.VersionForYear(r.ReportYear); r.ReportYear != 0 && r.Layout() != nil && v != r.FormatVersion {
		c.add(report.Finding{Rule: RuleS12, Severity: report.Warning, Path: "formatVersion",
			Got: string(r.FormatVersion), Want: string(v),
			Message: fmt.Sprintf("%d 年度的年报应使用%s，本报告使用的是%s", r.ReportYear, v.Label(), r.FormatVersion.Label())})
	}
}

// problemsStated is S5: section 五 says more than "无".
func (c *checker) problemsStated() {
	if p := c.r.Sections.ProblemsAndImprovements; p != "" && isEmptyStatement(p) {
		c.add(report.Finding{Rule: RuleS5, Severity: report.Warning, Path: "sections.problemsAndImprovements", Got: p,
			Message: "“五、存在的主要问题及改进情况”只写了“" + p + "”：应说明本年度存在的问题和改进措施"})
	}
}

// titleAndHeadings is S11: the document's shape as auditors read it.
func (c *checker) titleAndHeadings() {
	c.title()
	c.repeatedHeadings()
}

// isEmptyStatement reports whether s says nothing beyond "无" and punctuation.
func isEmptyStatement(s string) bool {
	core := strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
	switch core {
	case "", "无", "暂无", "没有", "无。":
		return true
	}
	return false
}

// title is S11's title checks: the title names the report year and the filing body.
func (c *checker) title() {
	r := c.r
	if r.Title == "" {
		return
	}
	year := strconv.Itoa(r.ReportYear) + "年"
	if r.ReportYear != 0 && !strings.Contains(r.Title, year) {
		c.add(report.Finding{Rule: RuleS11, Severity: report.Warning, Path: "title", Related: []string{"reportYear"},
			Got: r.Title, Want: year, Message: fmt.Sprintf("报告标题“%s”中没有报告年度“%s”", r.Title, year)})
	}
	if r.Agency.Name != "" && !strings.Contains(r.Title, r.Agency.Name) {
		c.add(report.Finding{Rule: RuleS11, Severity: report.Warning, Path: "title", Related: []string{"agency.name"},
			Got: r.Title, Want: r.Agency.Name,
			Message: fmt.Sprintf("报告标题“%s”中的机关名称与行政机关名称“%s”不一致", r.Title, r.Agency.Name)})
	}
}

// repeatedHeadings is S11's structure check: each of the six headings appears
// once, printed by the renderer, so a heading or the title typed again inside
// a section's text is a repetition (the seed repeats 六 and its title).
func (c *checker) repeatedHeadings() {
	for _, f := range report.TextFields {
		if !f.Multiline {
			continue
		}
		for para := range strings.SplitSeq(f.Get(c.r), "\n") {
			line := strings.TrimSpace(para)
			if line == "" || len(line) > maxHeadingLineBytes || !headingOrTitle(line) {
				continue // a heading or a title is a short line of its own
			}
			line = normalizePunct(line)
			for _, h := range report.SectionHeadings {
				if line == h || line == strings.TrimSuffix(h, "情况") {
					c.add(report.Finding{Rule: RuleS11, Severity: report.Warning, Path: f.Path, Got: para,
						Message: fmt.Sprintf("“%s”的正文中重复出现了标题“%s”：标题由系统排版，正文中不必再写", f.Label, h)})
				}
			}
			if strings.HasSuffix(line, "工作年度报告") {
				c.add(report.Finding{Rule: RuleS11, Severity: report.Warning, Path: f.Path, Got: para,
					Message: fmt.Sprintf("“%s”的正文中重复出现了报告标题“%s”", f.Label, para)})
			}
		}
	}
}

// headingOrTitle is a cheap filter: headings start 一 … 六, titles end in 报告.
func headingOrTitle(line string) bool {
	first, _ := utf8.DecodeRuneInString(line)
	return strings.HasSuffix(line, "报告") || strings.ContainsRune("一二三四五六", first)
}

// maxHeadingLineBytes is longer than any heading or title line (64 characters).
const maxHeadingLineBytes = 64 * 3

// normalizePunct maps the half-width punctuation OCR'd and re-typed reports use
// to the full-width forms the format prints, and the variant 増 to 增.
var normalizePunct = strings.NewReplacer("(", "（", ")", "）", ",", "，", ":", "：", ";", "；", "増", "增").Replace
