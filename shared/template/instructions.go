package template

import "github.com/nianbao/nianbao/shared/report"

// title is the template's heading.
func title(v report.Version) string {
	return "政府信息公开工作年度报告填写模板（" + v.Label() + "）"
}

// instructions tell the person filling a template what to do, in Chinese.
func instructions(v report.Version, workbook bool) []string {
	lines := []string{
		"填写说明",
		"1. 本模板按《中华人民共和国政府信息公开工作年度报告格式》（" + v.Label() + "）制作，表格的行、列和合并单元格与格式一致，请勿增删行列或改动表头。",
		"2. 数量填整数（件或项），没有的填 0，不要留空；确实不适用的填“/”。金额以万元为单位，最多保留六位小数，不要写“元”“万元”等单位。",
		"3. 统一社会信用代码填 18 位代码；报告年度填四位数字，如 2024。",
	}
	if workbook {
		lines = append(lines,
			"4. 灰色的“总计”单元格是公式，会自动求和，一般不要改写；黄色单元格由您填写。",
			"5. 正文六个部分写在“正文”工作表中，一个单元格一部分，段落之间可用 Alt+Enter 换行。",
		)
	} else {
		lines = append(lines,
			"4. 请在各表格的空白单元格和各部分标题下方填写；“总计”请按表中各项之和填写。",
		)
	}
	return append(lines, "填好后保存为 .xlsx 或 .docx，在 nianbao 的填报页面点击“导入”即可，系统会逐格核对数字。")
}
