package recognize

import (
	"fmt"

	"github.com/nianbao/nianbao/shared/report"
)

// fill sets the metadata and flags what the document did not give: the
// body's name, the year, every cell neither read nor already flagged.
func (r *recognizer) fill() {
	rep := r.rep
	r.prov["formatVersion"] = r.versionProv
	if r.title != "" {
		rep.Title = r.title
		r.prov["title"] = r.titleProv
	}
	if r.year != 0 {
		r.prov["reportYear"] = r.yearProv
	} else {
		r.fs = append(r.fs, report.Finding{Rule: RuleMissing, Severity: report.Error, Path: "reportYear",
			Message: "原文标题中没有找到报告年度，请填写"})
	}
	if r.agency != "" {
		rep.Agency.Name = r.agency
		r.prov["agency.name"] = r.agencyProv
	} else {
		r.fs = append(r.fs, report.Finding{Rule: RuleMissing, Severity: report.Error, Path: "agency.name",
			Message: "原文标题中没有找到行政机关名称，请填写"})
	}
	if r.region != "" {
		rep.Agency.Region = r.region
		r.prov["agency.region"] = r.regionProv
	} else {
		r.fs = append(r.fs, report.Finding{Rule: RuleMissing, Severity: report.Warning, Path: "agency.region",
			Message: "年报中通常不写行政区划，请补填（例如“河南省洛阳市西工区”）"})
	}
	if r.credit != "" {
		rep.Agency.CreditCode = r.credit
		r.prov["agency.creditCode"] = r.creditProv
	}
	if r.published != "" {
		rep.PublishedOn = r.published
		r.prov["publishedOn"] = r.publishedProv
	}
	r.missingCells()
}

// missingCells flags the cells neither read nor flagged; a table of which
// nothing was found is one finding.
func (r *recognizer) missingCells() {
	cells := r.d.layout.Cells()
	for _, table := range []int{2, 3, 4} {
		var missing []int
		found, first := false, -1
		for i, spec := range cells {
			if spec.Table != table {
				continue
			}
			if first < 0 {
				first = i
			}
			c, _ := r.rep.Cell(spec.Path)
			switch {
			case c.State != report.Absent:
				found = true
			case !r.flagged[i]:
				missing = append(missing, i)
			}
			if r.flagged[i] {
				found = true
			}
		}
		if len(missing) == 0 {
			continue
		}
		if !found {
			path := fmt.Sprintf("table%d", table)
			r.cellFinding(first, report.Finding{Rule: RuleMissing, Severity: report.Error, Path: path,
				Message: fmt.Sprintf("原文中没有找到%s，请对照原文填写", report.FieldLabel(path))})
			continue
		}
		for _, i := range missing {
			r.cellFinding(i, report.Finding{Rule: RuleMissing, Severity: report.Error, Path: cells[i].Path,
				Message: fmt.Sprintf("原文中没有找到%s的数值，请对照原文填写", r.describe(i))})
		}
	}
}
