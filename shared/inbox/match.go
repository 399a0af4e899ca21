package inbox

import (
	"fmt"
	"strings"

	"github.com/nianbao/nianbao/shared/imports"
	"github.com/nianbao/nianbao/shared/report"
)

// match finds the draft's agency on the year's list: by the credit code
// the report prints, when it prints a valid one, else by its name. It
// returns the agency, or why there is none.
func match(d *report.Report, l list, year int) (*imports.Agency, *imports.Reason) {
	unknown := func(format string, args ...any) (*imports.Agency, *imports.Reason) {
		return nil, &imports.Reason{Code: imports.AgencyUnknown, Message: fmt.Sprintf(format, args...)}
	}
	name, code := d.Agency.Name, d.Agency.CreditCode
	switch {
	case l.problem != "":
		return unknown("%s", l.problem)
	case report.ValidCreditCode(code) && l.source == "":
		// No list: a printed, valid code is all there is to go by.
		return &imports.Agency{Name: name, CreditCode: code, Region: d.Agency.Region, Source: sourceReport}, nil
	case report.ValidCreditCode(code):
		if a, ok := l.ByCode(code); ok {
			return &imports.Agency{Name: a.Name, CreditCode: a.CreditCode, Region: a.Region, Source: l.source}, nil
		}
		return unknown("年报上的统一社会信用代码 %s 不在机关名单（%s）中：请核对代码，或把该机关加入名单后重新上传名单", code, l.source)
	case strings.TrimSpace(name) == "":
		return unknown("未能从文件中读出机关名称：请在表单中补填机关名称和统一社会信用代码")
	case l.source == "":
		return unknown("%d 年度还没有机关名单，无法确定“%s”的统一社会信用代码：请把名单（机关名称、统一社会信用代码、行政区划）放到 %s，或在表单中补填",
			year, name, AgenciesKey(year, AgencyFiles[0]))
	}
	m := l.Match(name, d.Agency.Region)
	switch {
	case m.Found():
		a := m.Agency
		return &imports.Agency{Name: a.Name, CreditCode: a.CreditCode, Region: a.Region, Source: l.source}, nil
	case m.Ambiguous > 0:
		var names []string
		for _, c := range m.Candidates {
			names = append(names, fmt.Sprintf("%s（%s，%s）", c.Name, c.Region, c.CreditCode))
		}
		more := ""
		if m.Ambiguous > len(m.Candidates) {
			more = fmt.Sprintf("等 %d 个", m.Ambiguous)
		}
		return nil, &imports.Reason{Code: imports.AgencyAmbiguous,
			Message: fmt.Sprintf("“%s”与机关名单中的 %s%s 都相符，无法确定是哪一个：请在表单中补填统一社会信用代码", name, strings.Join(names, "、"), more)}
	}
	return unknown("机关名单（%s）中没有“%s”：请核对名称，或把该机关加入名单后重新上传名单，或在表单中补填统一社会信用代码", l.source, name)
}

// sourceReport marks an agency taken from the credit code the report prints.
const sourceReport = "report"

// waitsForAgency reports whether an entry in review waits only for its
// agency to be found on a list: a new list may file it.
func waitsForAgency(e imports.Entry) bool {
	if len(e.Reasons) == 0 {
		return false
	}
	for _, r := range e.Reasons {
		if r.Code != imports.AgencyUnknown && r.Code != imports.AgencyAmbiguous {
			return false
		}
	}
	return true
}
