package validate

import (
	"slices"

	"github.com/nianbao/nianbao/shared/report"
)

// IDs of the format's identities and audit checks, as docs/report-format.md
// numbers them. H5 is report.RuleNonNegative: the decoder checks it. The
// numbers S2, S6 and S8 belong to audit checks nianbao does not run.
const (
	RuleH1  = "H1"
	RuleH2  = "H2"
	RuleH3  = "H3"
	RuleH4  = "H4"
	RuleS1  = "S1"
	RuleS3  = "S3"
	RuleS4  = "S4"
	RuleS5  = "S5"
	RuleS7  = "S7"
	RuleS9  = "S9"
	RuleS10 = "S10"
	RuleS11 = "S11"
	RuleS12 = "S12"
)

// Rule is one row of the catalogue: what a finding's rule ID means and what
// checks it.
type Rule struct {
	ID string
	// Severity is that of a failing finding. A rule whose operand is "/"
	// reports not-assessable instead (H1–H4, and S1 against another
	// agency's or year's report).
	Severity report.Severity
	Zh       string // one line, for people filing
	En       string // one line, as the README's rule table has it
	// Decoded says that report.Decode reports the rule: the decoder is its
	// check, or the part of it that needs no more than the document.
	Decoded bool
	// Summary marks the finding that stands for others left out of a list
	// cut short: its severity is the gravest of theirs, and its fixture
	// breaks other rules by design.
	Summary bool

	check func(*checker) // on a decoded report; nil when the decoder alone checks
}

// catalogue drives Check, in this order; the README's table "The rules"
// lists the same rows (a test compares them). Adding a rule is a row here
// with its check, a failing fixture testdata/fixtures/<ID>.json and the
// README's row; go test -run TestFixtures -update records what the fixture
// gets in testdata/golden/fixture-findings.json.
var catalogue = []Rule{
	{ID: RuleH1, Severity: report.Error,
		Zh:    "表三每一列：本年新收与上年结转之和等于办理结果总计与结转下年度继续办理之和",
		En:    "per column of 表三: 本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理, as the table's corner note says",
		check: tables(identitiesOf(RuleH1))},
	{ID: RuleH2, Severity: report.Error,
		Zh:    "表三每一列：（七）总计等于（一）至（六）各项办理结果之和",
		En:    "per column of 表三: （七）总计 = the sum of the 19 (2019 format) or 21 (2021 format) outcome rows",
		check: tables(identitiesOf(RuleH2))},
	{ID: RuleH3, Severity: report.Error,
		Zh:    "表三每一行：总计等于自然人与法人或其他组织五列之和",
		En:    "per row of 表三: 总计 = 自然人 + the five 法人或其他组织 columns",
		check: tables(identitiesOf(RuleH3))},
	{ID: RuleH4, Severity: report.Error,
		Zh:    "表四每一组：总计等于结果维持、结果纠正、其他结果、尚未审结之和",
		En:    "per group of 表四: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
		check: tables(identitiesOf(RuleH4))},
	{ID: report.RuleNonNegative, Severity: report.Error, Decoded: true,
		Zh: "数量为非负整数（2019年格式的“本年增/减”可为负数），金额不为负数",
		En: "counts are whole numbers ≥ 0 (the 2019 format's 本年增/减 may be negative); amounts are ≥ 0"},
	{ID: RuleS1, Severity: report.Warning,
		Zh:    "逐列核对：上年结转等于上年报告的结转下年度继续办理",
		En:    "per column: 上年结转 equals the previous year's 结转下年度继续办理 (given that report)",
		check: tables((*checker).carryOver)},
	{ID: RuleS3, Severity: report.Warning,
		Zh:    "2019年格式：上一年项目数量等于上年报告的上一年项目数量加本年增/减",
		En:    "2019 format: 上一年项目数量 equals the previous year's 上一年项目数量 + 本年增/减 (given that report)",
		check: tables((*checker).itemsChain)},
	{ID: RuleS4, Severity: report.Warning,
		Zh:    "正文中的申请、复议、诉讼、许可、处罚、文件等数字与表格一致",
		En:    "figures in the prose (applications, reconsiderations, lawsuits, licences, penalties, documents, fees) agree with the tables; an ambiguous phrase warns only if no reading fits",
		check: tables((*checker).narrative)},
	{ID: RuleS5, Severity: report.Warning,
		Zh:    "“五、存在的主要问题及改进情况”不只写“无”",
		En:    "五、存在的主要问题及改进情况 says more than “无”",
		check: (*checker).problemsStated},
	{ID: RuleS7, Severity: report.Warning,
		Zh:    "单元格填写了“/”（不适用）",
		En:    "a cell holds “/” (not applicable)",
		check: tables((*checker).notApplicable)},
	{ID: RuleS9, Severity: report.Warning,
		Zh:    "2019年格式表二（一）：对外公开总数量不少于本年新公开数量",
		En:    "2019 format, 表二（一）: 对外公开总数量 ≥ 本年新公开数量",
		check: tables((*checker).publishedTotals)},
	{ID: RuleS10, Severity: report.Warning,
		Zh:    "2019年格式表二（九）：没有采购项目就没有采购金额，正文中的采购数字与表格一致",
		En:    "2019 format, 表二（九）: no projects means no amount, and the prose's 集中采购 figures agree",
		check: tables((*checker).procurement)},
	{ID: RuleS11, Severity: report.Warning,
		Zh:    "标题写明报告年度和机关名称，正文中不重复标题",
		En:    "the title names the report year and the agency; no section repeats a heading or the title",
		check: (*checker).titleAndHeadings},
	{ID: RuleS12, Severity: report.Warning,
		Zh:    "格式版本与报告年度相符",
		En:    "the format version suits the report year: 2019-trial up to 2020, 2021 from 2021",
		check: (*checker).versionForYear},
	{ID: report.RuleSyntax, Severity: report.Error, Decoded: true,
		Zh: "文档是一个 JSON 对象：UTF-8、不带 BOM、不超过 1 MiB",
		En: "the document is one JSON object: UTF-8 without a byte-order mark, at most 1 MiB"},
	{ID: report.RuleRequired, Severity: report.Error, Decoded: true,
		Zh: "必填字段和每个单元格都已填写，文字不是空白",
		En: "every required field and every cell is present, and no text is blank"},
	{ID: report.RuleUnknownField, Severity: report.Error, Decoded: true,
		Zh: "没有格式以外的字段",
		En: "no field the contract does not define"},
	{ID: report.RuleDuplicateKey, Severity: report.Error, Decoded: true,
		Zh: "同一对象中没有重复的字段",
		En: "no name twice in one object"},
	{ID: report.RuleType, Severity: report.Error, Decoded: true,
		Zh: "每个值的类型正确：数字、文字、对象，日期写作 YYYY-MM-DD",
		En: "every value has its type: number, text or object; publishedOn is a YYYY-MM-DD date"},
	{ID: report.RuleRange, Severity: report.Error, Decoded: true,
		Zh:    "数值在范围内：报告年度自 2019 年至当前年度，数量不超过 10 亿，金额不超过 10^12 万元且最多 6 位小数",
		En:    "numbers within bounds: reportYear from 2019 to the current year, counts up to 10^9, amounts up to 10^12 万元 with at most 6 decimals",
		check: (*checker).reportYear},
	{ID: report.RuleCreditCode, Severity: report.Error, Decoded: true,
		Zh: "统一社会信用代码为 18 位合法字符，校验位正确",
		En: "agency.creditCode is 18 characters of GB 32100-2015 ending in the right check character"},
	{ID: report.RuleFormatVersion, Severity: report.Error, Decoded: true,
		Zh: "格式版本为“2019-trial”或“2021”",
		En: "formatVersion is 2019-trial or 2021"},
	{ID: report.RuleTextLength, Severity: report.Error, Decoded: true,
		Zh: "文字长度在限度内：机关名称 2–64 字，行政区划 1–64 字，标题 1–128 字，每部分正文不超过 10 万字",
		En: "text within its length: agency name 2–64 characters, region 1–64, title 1–128, each section up to 100,000"},
	{ID: report.RuleGlyph, Severity: report.Error,
		Zh:    "每个字符都能印在 PDF 上：不是控制字符，在基本多文种平面内，且 PDF 字体收有此字",
		En:    "every character can be printed: not a control, inside the BMP, and in the PDF's fonts",
		check: (*checker).glyphs},
	{ID: report.RuleTooManyFindings, Severity: report.Error, Decoded: true, Summary: true,
		Zh: "发现的问题过多，只列出前 1000 条（512 KiB），其余只计数；严重程度取未列出者中最重的",
		En: "the last finding of a list cut short: at most 1000 findings and 512 KiB are listed, `got` counts the rest; its severity is the gravest of those left out"},
}

// tables runs check only on a report whose format version is known: without
// a layout there are no cells to check.
func tables(check func(*checker)) func(*checker) {
	return func(c *checker) {
		if c.r.Layout() != nil {
			check(c)
		}
	}
}

// Rules returns the catalogue in the order Check runs it.
func Rules() []Rule { return slices.Clone(catalogue) }

// RuleByID returns the catalogue's row for a finding's rule ID.
func RuleByID(id string) (Rule, bool) {
	i := slices.IndexFunc(catalogue, func(r Rule) bool { return r.ID == id })
	if i < 0 {
		return Rule{}, false
	}
	return catalogue[i], true
}
