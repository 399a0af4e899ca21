// Package nextyear starts an agency's report for the following year from
// this year's: the prose as a starting point, and the cells the format
// carries from one year into the next. It never computes a figure the
// format does not define from last year's, and never fills a cell it cannot.
package nextyear

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/shared/report"
)

// ErrNoNextYear: the report's format is unknown or its year is the last one
// the contract allows.
var ErrNoNextYear = errors.New("no next year for this report")

// Draft is the next year's report, with the cells it took from this year's.
type Draft struct {
	Report  *report.Report
	Carried []Carried // in the next year's layout order
}

// Carried is a cell of the draft filled from this year's report.
type Carried struct {
	Path string   `json:"path"`
	From []string `json:"from"` // the cells of this year's report it comes from
}

// The rows and columns the formats carry across years (report-format.md;
// S1 and S3 check the same in a filed report).
const (
	carriedOver  = "table3.carriedOverFromLastYear."
	carriedToNew = "table3.carriedToNextYear."
	prevItems    = "prevYearItemCount"
	itemsChange  = "itemCountChange"
)

// From returns the draft for the year after r's: agency, prose and a title
// naming the new year; 上年结转 set to r's 结转下年度继续办理 per column;
// in the 2019 format, each 上一年项目数量 set to r's 上一年项目数量 + 本年增/减;
// the format version the new year needs, where crossing from the 2019 trial
// format to the 2021 one carries only what both have. Every other cell is
// left empty for the clerk.
func From(r *report.Report) (*Draft, error) {
	if r.Layout() == nil {
		return nil, fmt.Errorf("%w: unknown format %q", ErrNoNextYear, r.FormatVersion)
	}
	year := r.ReportYear + 1
	if year > report.MaxYear {
		return nil, fmt.Errorf("%w: %d is the last year", ErrNoNextYear, r.ReportYear)
	}
	next := report.New(report.VersionForYear(year), year)
	next.Agency = r.Agency
	next.Sections = r.Sections
	next.Title = nextTitle(r.Title, r.ReportYear)
	d := &Draft{Report: next}
	// In layout order: 表二, then 表三.
	if next.FormatVersion == report.Trial2019 && r.FormatVersion == report.Trial2019 {
		for _, st := range next.Layout().Table2 {
			if !hasColumns(st, prevItems, itemsChange) {
				continue
			}
			for _, row := range st.Rows {
				base := "table2." + st.Key + "." + row.Key + "."
				d.carry(base+prevItems, []string{base + prevItems, base + itemsChange}, itemsNextYear, r)
			}
		}
	}
	for _, col := range next.Layout().Table3.Columns {
		d.carry(carriedOver+col.Key, []string{carriedToNew + col.Key}, func(cs []report.Cell) (report.Cell, bool) {
			return cs[0], cs[0].State != report.Absent
		}, r)
	}
	return d, nil
}

// carry sets the draft's cell at path from the cells at from in r, as
// compute says, when it says it can.
func (d *Draft) carry(path string, from []string, compute func([]report.Cell) (report.Cell, bool), r *report.Report) {
	cells := make([]report.Cell, len(from))
	for i, p := range from {
		c, ok := r.Cell(p)
		if !ok {
			return
		}
		cells[i] = c
	}
	c, ok := compute(cells)
	if !ok || !d.Report.SetCell(path, c) {
		return
	}
	d.Carried = append(d.Carried, Carried{Path: path, From: from})
}

// itemsNextYear is next year's 上一年项目数量: this year's count plus its
// change, when both are figures and the sum is a count. A "/" or a
// negative sum leaves the cell to the clerk.
func itemsNextYear(cs []report.Cell) (report.Cell, bool) {
	prev, change := cs[0], cs[1]
	if prev.State != report.Number || change.State != report.Number {
		return report.Cell{}, false
	}
	sum := prev.Value + change.Value
	if sum < 0 {
		return report.Cell{}, false
	}
	return report.Cell{State: report.Number, Value: sum}, true
}

func hasColumns(st report.SubTable, keys ...string) bool {
	for _, k := range keys {
		found := false
		for _, c := range st.Columns {
			found = found || c.Key == k
		}
		if !found {
			return false
		}
	}
	return true
}

// nextTitle moves a title that names its year ("…2020年政府信息公开工作年度
// 报告") to the next year; any other title is dropped, so that the default
// title, which names the year, applies.
func nextTitle(title string, year int) string {
	this, next := strconv.Itoa(year)+"年", strconv.Itoa(year+1)+"年"
	if !strings.Contains(title, this) {
		return ""
	}
	return strings.ReplaceAll(title, this, next)
}
