package recognize

// The variants below are what real reports print instead of the format's own
// words (shared/report's layouts and report.SectionHeadings, which stay the
// one description of the format). Spacing, punctuation, numbering styles,
// 増/增, line breaks and notes in brackets need no entry: labels are compared
// by their Chinese characters alone (skeleton), numbers and notes removed.

// rowAliases are other names of a row, by the row's path. A row found
// through an alias is flagged (import-label) when the alias is another
// version's wording.
var rowAliases = map[string][]string{
	// 2019 calls it 规范性文件, 2021 行政规范性文件; reports use either.
	"table2.art20_1.normativeDocuments": {"规范性文件", "行政规范性文件"},
	// The abbreviations of report-format.md §3.2.
	"table3.results.otherHandling.overdueSupplement": {"申请人无正当理由逾期不补正", "逾期不补正"},
	"table3.results.otherHandling.overdueFee":        {"申请人逾期未按收费通知要求缴纳费用", "逾期不缴费"},
}

// headingAliases are the headings reports print for each of the six sections
// besides report.SectionHeadings (report-format.md §1).
var headingAliases = [6][]string{
	0: {"总体情况"},
	1: {"主动公开政府信息情况", "主动公开政府信息"},
	2: {"收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请"},
	3: {
		"政府信息公开行政复议、行政诉讼情况",
		"政府信息公开行政复议和行政诉讼情况",
		"因政府信息公开工作被申请行政复议、提起行政诉讼情况",
		"因政府信息公开工作被申请行政复议和提起行政诉讼情况",
		"因政府信息公开申请行政复议、提起行政诉讼的情况",
		"政府信息公开行政复议、行政诉讼",
	},
	4: {
		"存在的主要问题及改进情况",
		"政府信息公开工作存在的主要问题及改进情况",
		"存在的主要问题和改进情况",
		"存在问题及改进情况",
		"主要问题及改进情况",
		"存在的主要问题及改进措施",
	},
	5: {"其他需要报告的事项", "其他需要报告事项"},
}

// columnAliases are other headers of a column, by the format's header.
var columnAliases = map[string][]string{
	"本年增/减": {"本年增/减量", "本年增减"},
}

// tableWords are words only a table's header or caption prints, never
// prose: a paragraph holding one is table text.
var tableWords = []string{"信息内容", "申请人情况", "本列数据的勾稽关系", "第二十条第"}

// fieldAliases are other labels of the fields a form prints, by path,
// besides report.FieldLabel's.
var fieldAliases = map[string][]string{
	"agency.name": {"单位名称", "机关名称"},
}
