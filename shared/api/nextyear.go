package api

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/shared/nextyear"
	"github.com/nianbao/nianbao/shared/report"
)

// nextYearDraft is GET /reports/{id}/next-year: the report JSON to start
// the following year from, and the cells it took from this year's.
type nextYearDraft struct {
	From          string          `json:"from"`
	Year          int             `json:"year"`
	FormatVersion report.Version  `json:"formatVersion"`
	Draft         json.RawMessage `json:"draft"` // the contract's JSON, with blanks to fill
	Carried       []carriedCell   `json:"carried"`
}

// carriedCell is a cell of the draft filled from this year's report, named
// in both years' words for the form to show.
type carriedCell struct {
	nextyear.Carried
	Label  string `json:"label"`  // the draft's cell, in its table's words
	Source string `json:"source"` // where its value comes from, in this year's report
}

func (ix *index) nextYear(ctx context.Context, req Request) Response {
	id := pathParam(req, "id")
	if _, err := ix.reg.Manifest(ctx, id); err != nil {
		return failure(ctx, ix.log, req, err)
	}
	r, err := ix.reg.Report(ctx, id)
	if err != nil {
		return failure(ctx, ix.log, req, err)
	}
	d, err := nextyear.From(r)
	if errors.Is(err, nextyear.ErrNoNextYear) {
		return problem(req, 409, "no-next-year", "这份年报没有可接续的下一年度")
	}
	if err != nil {
		return failure(ctx, ix.log, req, err)
	}
	out := nextYearDraft{From: id, Year: d.Report.ReportYear, FormatVersion: d.Report.FormatVersion,
		Draft: d.Report.Canonical(), Carried: make([]carriedCell, len(d.Carried))}
	for i, c := range d.Carried {
		from := make([]string, len(c.From))
		for k, p := range c.From {
			from[k] = r.Layout().Describe(p)
		}
		out.Carried[i] = carriedCell{Carried: c, Label: d.Report.Layout().Describe(c.Path),
			Source: strconv.Itoa(r.ReportYear) + " 年度报告" + strings.Join(from, "加")}
	}
	return jsonResponse(200, out)
}
