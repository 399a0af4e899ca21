package report

import "strconv"

// Report is one decoded annual report. Its table cells are held in layout order;
// read them with Cell and change them with SetCell.
type Report struct {
	FormatVersion Version
	ReportYear    int
	Agency        Agency
	Title         string // as sent; "" when absent (see DisplayTitle)
	PublishedOn   string // YYYY-MM-DD, "" when absent
	Sections      Sections

	layout *Layout
	cells  []Cell
}

// Agency is the filing body.
type Agency struct {
	Name       string
	CreditCode string
	Region     string // "" when absent
}

// Sections holds the six sections' prose; paragraphs are separated by '\n'.
type Sections struct {
	Overview                string // 一、总体情况
	Proactive               string // text above 表二
	Requests                string // text above 表三
	ReviewLitigation        string // text above 表四
	ProblemsAndImprovements string // 五、存在的主要问题及改进情况
	OtherMatters            string // 六、其他需要报告的事项
}

// SectionHeadings are the six headings both formats print, in order.
var SectionHeadings = [6]string{
	"一、总体情况",
	"二、主动公开政府信息情况",
	"三、收到和处理政府信息公开申请情况",
	"四、政府信息公开行政复议、行政诉讼情况",
	"五、存在的主要问题及改进情况",
	"六、其他需要报告的事项",
}

// InOrder returns the six sections' text in heading order.
func (s *Sections) InOrder() [6]string {
	return [6]string{s.Overview, s.Proactive, s.Requests, s.ReviewLitigation, s.ProblemsAndImprovements, s.OtherMatters}
}

// New returns an empty report of version v (every cell Absent), or nil for an
// unknown version. It is how generators and forms start a report.
func New(v Version, year int) *Report {
	l := LayoutOf(v)
	if l == nil {
		return nil
	}
	return &Report{FormatVersion: v, ReportYear: year, layout: l, cells: make([]Cell, len(l.cells))}
}

// Layout returns the report's cell layout; nil if its version is unknown.
func (r *Report) Layout() *Layout { return r.layout }

// Cell returns the cell at path; ok is false for a path the layout lacks.
func (r *Report) Cell(path string) (c Cell, ok bool) {
	if r.layout == nil {
		return Cell{}, false
	}
	i, ok := r.layout.index[path]
	if !ok {
		return Cell{}, false
	}
	return r.cells[i], true
}

// CellAt returns the cell at layout index i.
func (r *Report) CellAt(i int) Cell { return r.cells[i] }

// SetCell replaces the cell at path and reports whether the path exists.
func (r *Report) SetCell(path string, c Cell) bool {
	if r.layout == nil {
		return false
	}
	i, ok := r.layout.index[path]
	if ok {
		r.cells[i] = c
	}
	return ok
}

// Clone returns a deep copy.
func (r *Report) Clone() *Report {
	c := *r
	c.cells = append([]Cell(nil), r.cells...)
	return &c
}

// DisplayTitle returns the title, or the contract's default
// {agency.name}{reportYear}年政府信息公开工作年度报告.
func (r *Report) DisplayTitle() string {
	if r.Title != "" {
		return r.Title
	}
	return r.Agency.Name + strconv.Itoa(r.ReportYear) + "年政府信息公开工作年度报告"
}
