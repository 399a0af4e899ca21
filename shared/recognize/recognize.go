package recognize

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/source"
)

// recognizer holds one recognition's state.
type recognizer struct {
	doc    *source.Document
	pieces []piece
	roles  []role // of each piece
	d      *dicts
	rep    *report.Report
	prov   map[string]Provenance
	fs     []report.Finding
	cellFs []cellFinding // findings at cells, sorted into layout order at the end

	keyed   bool // a filled template: cells named by their paths
	runs    []*run
	cons    []constraint
	flagged map[int]bool // cells that already carry an import finding
	// strays are the numbers printed beside each table (2, 3, 4), outside
	// its grid: a blank cell of such a table may have lost its number
	// there, and is not inferred.
	strays map[int][]string

	versionProv   Provenance
	title         string
	titleProv     Provenance
	year          int
	yearProv      Provenance
	agency        string
	agencyProv    Provenance
	published     string
	publishedProv Provenance
	credit        string
	creditProv    Provenance
	region        string
	regionProv    Provenance
	keyedText     [6]string // sections a template named by their path
}

type cellFinding struct {
	cell int
	f    report.Finding
}

// Recognize maps doc onto the contract. The error is a *source.RefusedError
// (code source.NotReport) when the document holds neither the format's headings
// nor its tables, or the context's error.
func Recognize(ctx context.Context, doc *source.Document) (*Draft, error) {
	r := &recognizer{doc: doc, prov: map[string]Provenance{}, flagged: map[int]bool{}, strays: map[int][]string{}}
	r.pieces = segment(doc)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.metadata()
	v, err := r.version()
	if err != nil {
		return nil, err
	}
	r.d = dictsOf()[v]
	r.pieces = r.splitMixed(r.pieces)
	r.keyed = r.hasKeys()
	var lines map[int][]line
	r.roles, lines = r.classify()
	if r.keyed {
		r.keyedCells()
	} else {
		r.tables(lines)
	}
	r.rep = report.New(v, r.year)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.decide()
	r.sections()
	r.fill()
	return &Draft{Report: r.rep, Provenance: r.prov, Findings: r.findings()}, nil
}

// version decides the format version: a template's metadata says it;
// else the labels only one version prints; else the report year. A
// document with none of these and no heading is not a report.
func (r *recognizer) version() (report.Version, error) {
	if k, v := metaValue(r.doc, metaVersion); report.LayoutOf(report.Version(v)) != nil {
		r.versionProv = Provenance{Method: Exact, Source: "文件元数据“" + k + "”", Text: v}
		return report.Version(v), nil
	}
	if v, found, ok := detectVersion(r.documentSkeleton()); ok {
		r.versionProv = Provenance{Method: LabelMatched, Source: "表格标签", Text: strings.Join(found[:min(3, len(found))], "、")}
		return v, nil
	}
	if r.year != 0 {
		r.versionProv = Provenance{Method: Inferred, Source: "报告年度", Text: fmt.Sprint(r.year)}
		return report.VersionForYear(r.year), nil
	}
	if !slices.ContainsFunc(r.pieces, func(p piece) bool { return p.heading }) {
		return "", source.Refuse(source.NotReport, "没有找到年报的标题、六个部分或表二至表四：这份文件不像是政府信息公开工作年度报告", nil)
	}
	r.versionProv = Provenance{Method: Inferred, Source: "缺省", Text: "未找到年度和表格，按 2021 年格式"}
	r.fs = append(r.fs, report.Finding{Rule: RuleMissing, Severity: report.Error, Path: "formatVersion",
		Message: "没有找到报告年度和表格标签，无法判断格式版本：已按 2021 年格式导入，请核对"})
	return report.Format2021, nil
}

// documentSkeleton is the Chinese characters of the whole document, for
// the fingerprints.
func (r *recognizer) documentSkeleton() string {
	var b strings.Builder
	for _, p := range r.pieces {
		if p.table != nil {
			for _, row := range p.table.Grid {
				for _, c := range row {
					if !c.Covered {
						b.WriteString(skeleton(c.Text))
					}
				}
			}
			continue
		}
		b.WriteString(skeleton(p.text))
	}
	return b.String()
}

// cellFinding adds a finding at a cell.
func (r *recognizer) cellFinding(cell int, f report.Finding) {
	r.cellFs = append(r.cellFs, cellFinding{cell: cell, f: f})
	if f.Severity == report.Error {
		r.flagged[cell] = true
	}
}

// strayCell flags a cell blank in a table beside which numbers stand
// outside the grid: its own may be among them, so the value the
// identities give is only proposed.
func (r *recognizer) strayCell(c int, v cellVal) {
	strays := strings.Join(r.strays[r.d.layout.Cells()[c].Table], " ")
	r.cellFinding(c, report.Finding{Rule: RuleMissing, Severity: report.Error, Path: r.d.layout.Cells()[c].Path, Want: v.v.String(),
		Message: fmt.Sprintf("%s在原文表格中为空白，而表格线外另有数字“%s”，该列可能落在了表格外；按勾稽关系应为 %s，请对照原文填写",
			r.describe(c), clip(strays, 40), v.cell())})
}

func (r *recognizer) describe(cell int) string {
	return r.d.layout.Describe(r.d.layout.Cells()[cell].Path)
}

// findings puts the metadata findings first, then the cells' in layout
// order, then the sections'.
func (r *recognizer) findings() []report.Finding {
	slices.SortStableFunc(r.cellFs, func(a, b cellFinding) int { return a.cell - b.cell })
	out := make([]report.Finding, 0, len(r.fs)+len(r.cellFs))
	var meta, text []report.Finding
	for _, f := range r.fs {
		if strings.HasPrefix(f.Path, "sections") {
			text = append(text, f)
		} else {
			meta = append(meta, f)
		}
	}
	out = append(out, meta...)
	for _, c := range r.cellFs {
		out = append(out, c.f)
	}
	return append(out, text...)
}

// decide runs the identities over the runs and records every cell.
func (r *recognizer) decide() {
	cells := r.d.layout.Cells()
	r.cons = append(r.cons, r.d.identities...)
	s := solve(cells, r.runs, r.cons)
	for _, rn := range r.runs {
		for i, c := range rn.cells {
			v, ok := s.value[c]
			switch {
			case !ok:
			case s.inferred[c] && !rn.cands[0][i].known() && len(r.strays[cells[c].Table]) > 0:
				r.strayCell(c, v)
			default:
				r.setCell(c, v, rn, s.inferred[c], rn.cands[0][i])
			}
		}
		if tuples, ok := s.ambiguous[rn]; ok {
			r.ambiguous(rn, tuples, s.failed[rn])
		}
		if _, amb := s.ambiguous[rn]; !amb && (len(rn.cands) > 1 || rn.mode == readLossy || rn.mode == readSplit && cutNumber(rn.cands[0])) {
			r.inferredRun(rn, s) // the identities chose among the readings, values were placed, or digits cut
		}
	}
	for c, why := range s.unknown {
		if why == "" {
			why = whyLost
		}
		r.cellFinding(c, report.Finding{Rule: RuleMissing, Severity: report.Error, Path: cells[c].Path,
			Message: fmt.Sprintf("%s在原文中%s，勾稽关系也无法确定，请对照原文填写", r.describe(c), why)})
	}
}
