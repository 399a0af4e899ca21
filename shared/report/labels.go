package report

// The labels below are the national format's own words (docs/report-format.md, 表二 to 表四),
// with full-width parentheses and ASCII sub-item numbers as the format prints them.

const (
	labelResults     = "三、本年度办理结果"
	labelRefused     = "（三）不予公开"
	labelUnable      = "（四）无法提供"
	labelNotProc     = "（五）不予处理"
	labelOther       = "（六）其他处理"
	labelLegalPerson = "法人或其他组织"
	labelLitigation  = "行政诉讼"
)

var applicantColumns = []Column{
	{Key: "naturalPerson", Label: "自然人", Kind: Count},
	{Key: "commercialEnterprise", Label: "商业企业", Group: labelLegalPerson, Kind: Count},
	{Key: "researchInstitution", Label: "科研机构", Group: labelLegalPerson, Kind: Count},
	{Key: "publicInterestOrg", Label: "社会公益组织", Group: labelLegalPerson, Kind: Count},
	{Key: "legalServiceOrg", Label: "法律服务机构", Group: labelLegalPerson, Kind: Count},
	{Key: "otherOrg", Label: "其他", Group: labelLegalPerson, Kind: Count},
	{Key: "total", Label: "总计", Kind: Count},
}

// table3Rows builds 表三's rows around the （六）其他处理 rows, the only part that
// differs between the versions.
func table3Rows(otherHandling []Row) []Row {
	outcome := func(key, l2, l3, short string) Row {
		return Row{Key: "results." + key, Level1: labelResults, Level2: l2, Level3: l3, Short: short, Outcome: true}
	}
	grouped := func(group, l2 string, keys, labels []string) []Row {
		rows := make([]Row, len(keys))
		for i := range keys {
			rows[i] = outcome(group+"."+keys[i], l2, labels[i], l2+" "+labels[i])
		}
		return rows
	}
	rows := []Row{
		{Key: "newReceived", Level1: "一、本年新收政府信息公开申请数量", Short: "一、本年新收政府信息公开申请数量"},
		{Key: "carriedOverFromLastYear", Level1: "二、上年结转政府信息公开申请数量", Short: "二、上年结转政府信息公开申请数量"},
		outcome("granted", "（一）予以公开", "", "（一）予以公开"),
		outcome("partiallyGranted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "", "（二）部分公开"),
	}
	rows = append(rows, grouped("refused", labelRefused,
		[]string{"stateSecret", "prohibitedByLaw", "securityStability", "thirdPartyRights",
			"internalAffairs", "processInfo", "enforcementCaseFile", "adminQueryMatter"},
		[]string{"1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
			"5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"})...)
	rows = append(rows, grouped("unableToProvide", labelUnable,
		[]string{"notHeld", "needsCreation", "unclearAfterCorrection"},
		[]string{"1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"})...)
	rows = append(rows, grouped("notProcessed", labelNotProc,
		[]string{"petitionComplaint", "repeated", "publication", "excessive", "confirmOrReissue"},
		[]string{"1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
			"5.要求行政机关确认或重新出具已获取信息"})...)
	rows = append(rows, otherHandling...)
	return append(rows,
		Row{Key: "results.resultsTotal", Level1: labelResults, Level2: "（七）总计", Short: "（七）总计"},
		Row{Key: "carriedToNextYear", Level1: "四、结转下年度继续办理", Short: "四、结转下年度继续办理"},
	)
}

var table4 = Table4{
	Groups: []Item{
		{Key: "reconsideration", Label: "行政复议"},
		{Key: "litigationDirect", Label: "未经复议直接起诉", Group: labelLitigation},
		{Key: "litigationAfterReconsideration", Label: "复议后起诉", Group: labelLitigation},
	},
	Columns: []Column{
		{Key: "upheld", Label: "结果维持", Kind: Count},
		{Key: "corrected", Label: "结果纠正", Kind: Count},
		{Key: "otherOutcome", Label: "其他结果", Kind: Count},
		{Key: "pending", Label: "尚未审结", Kind: Count},
		{Key: "total", Label: "总计", Kind: Count},
	},
}

var (
	itemColumns2019 = []Column{
		{Key: "prevYearItemCount", Label: "上一年项目数量", Kind: Count},
		{Key: "itemCountChange", Label: "本年增/减", Kind: SignedCount},
		{Key: "decisions", Label: "处理决定数量", Kind: Count},
	}
	decisionColumn2021 = []Column{{Key: "decisions", Label: "本年处理决定数量", Kind: Count}}
)

var layout2019 = newLayout(Trial2019,
	[]SubTable{
		{Key: "art20_1", Caption: "第二十条第（一）项",
			Rows: []Item{{Key: "regulations", Label: "规章"}, {Key: "normativeDocuments", Label: "规范性文件"}},
			Columns: []Column{
				{Key: "newlyMade", Label: "本年新制作数量", Kind: Count},
				{Key: "newlyPublished", Label: "本年新公开数量", Kind: Count},
				{Key: "totalPublished", Label: "对外公开总数量", Kind: Count},
			}},
		{Key: "art20_5", Caption: "第二十条第（五）项",
			Rows:    []Item{{Key: "licensing", Label: "行政许可"}, {Key: "otherExternalServices", Label: "其他对外管理服务事项"}},
			Columns: itemColumns2019},
		{Key: "art20_6", Caption: "第二十条第（六）项",
			Rows:    []Item{{Key: "penalty", Label: "行政处罚"}, {Key: "coercion", Label: "行政强制"}},
			Columns: itemColumns2019},
		{Key: "art20_8", Caption: "第二十条第（八）项",
			Rows:    []Item{{Key: "administrativeFees", Label: "行政事业性收费"}},
			Columns: itemColumns2019[:2]},
		{Key: "art20_9", Caption: "第二十条第（九）项",
			Rows: []Item{{Key: "centralizedProcurement", Label: "政府集中采购"}},
			Columns: []Column{
				{Key: "procurementProjectCount", Label: "采购项目数量", Kind: Count},
				{Key: "procurementTotalAmount", Label: "采购总金额", Kind: Amount},
			}},
	},
	Table3{Columns: applicantColumns, Rows: table3Rows([]Row{
		{Key: "results.otherHandling.unsplit", Level1: labelResults, Level2: labelOther, Short: labelOther, Outcome: true},
	})},
	table4,
)

var layout2021 = newLayout(Format2021,
	[]SubTable{
		{Key: "art20_1", Caption: "第二十条第（一）项",
			Rows: []Item{{Key: "regulations", Label: "规章"}, {Key: "normativeDocuments", Label: "行政规范性文件"}},
			Columns: []Column{
				{Key: "issued", Label: "本年制发件数", Kind: Count},
				{Key: "repealed", Label: "本年废止件数", Kind: Count},
				{Key: "inForce", Label: "现行有效件数", Kind: Count},
			}},
		{Key: "art20_5", Caption: "第二十条第（五）项",
			Rows:    []Item{{Key: "licensing", Label: "行政许可"}},
			Columns: decisionColumn2021},
		{Key: "art20_6", Caption: "第二十条第（六）项",
			Rows:    []Item{{Key: "penalty", Label: "行政处罚"}, {Key: "coercion", Label: "行政强制"}},
			Columns: decisionColumn2021},
		{Key: "art20_8", Caption: "第二十条第（八）项",
			Rows:    []Item{{Key: "administrativeFees", Label: "行政事业性收费"}},
			Columns: []Column{{Key: "feeAmountWanYuan", Label: "本年收费金额（单位：万元）", Kind: Amount}}},
	},
	Table3{Columns: applicantColumns, Rows: table3Rows([]Row{
		{Key: "results.otherHandling.overdueSupplement", Level1: labelResults, Level2: labelOther,
			Level3: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", Short: labelOther + " 1.逾期不补正", Outcome: true},
		{Key: "results.otherHandling.overdueFee", Level1: labelResults, Level2: labelOther,
			Level3: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", Short: labelOther + " 2.逾期未缴纳费用", Outcome: true},
		{Key: "results.otherHandling.other", Level1: labelResults, Level2: labelOther,
			Level3: "3.其他", Short: labelOther + " 3.其他", Outcome: true},
	})},
	table4,
)
