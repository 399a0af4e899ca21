package report

// TextField describes one of the document's text fields.
type TextField struct {
	Path      string
	Label     string // the field as a clerk knows it
	Required  bool
	MinRunes  int
	MaxRunes  int
	Multiline bool // paragraphs separated by '\n'
	ref       func(*Report) *string
}

// Get returns the field's value in r.
func (f TextField) Get(r *Report) string { return *f.ref(r) }

// MaxSectionRunes caps each section: a thirty-page report has about 40,000
// characters of prose, so 100,000 leaves room without letting one field fill
// the whole document budget.
const MaxSectionRunes = 100_000

func section(key, label string, required bool, ref func(*Report) *string) TextField {
	return TextField{Path: "sections." + key, Label: label, Required: required, MinRunes: 1,
		MaxRunes: MaxSectionRunes, Multiline: true, ref: ref}
}

// TextFields lists every free-text field, in document order. agency.creditCode
// and publishedOn have their own syntax and are checked apart.
var TextFields = []TextField{
	{Path: "agency.name", Label: "行政机关名称", Required: true, MinRunes: 2, MaxRunes: 64,
		ref: func(r *Report) *string { return &r.Agency.Name }},
	{Path: "agency.region", Label: "行政区划", MinRunes: 1, MaxRunes: 64,
		ref: func(r *Report) *string { return &r.Agency.Region }},
	{Path: "title", Label: "报告标题", MinRunes: 1, MaxRunes: 128,
		ref: func(r *Report) *string { return &r.Title }},
	section("overview", SectionHeadings[0], true, func(r *Report) *string { return &r.Sections.Overview }),
	section("proactive", SectionHeadings[1], false, func(r *Report) *string { return &r.Sections.Proactive }),
	section("requests", SectionHeadings[2], false, func(r *Report) *string { return &r.Sections.Requests }),
	section("reviewLitigation", SectionHeadings[3], false, func(r *Report) *string { return &r.Sections.ReviewLitigation }),
	section("problemsAndImprovements", SectionHeadings[4], true, func(r *Report) *string { return &r.Sections.ProblemsAndImprovements }),
	section("otherMatters", SectionHeadings[5], true, func(r *Report) *string { return &r.Sections.OtherMatters }),
}

// FieldLabel names a top-level or text field path for messages; "" if unknown.
func FieldLabel(path string) string {
	switch path {
	case "formatVersion":
		return "格式版本"
	case "reportYear":
		return "报告年度"
	case "agency":
		return "行政机关信息"
	case "agency.creditCode":
		return "统一社会信用代码"
	case "publishedOn":
		return "发布日期"
	case "sections":
		return "正文各部分"
	case "table2":
		return "表二（主动公开政府信息情况）"
	case "table3":
		return "表三（收到和处理政府信息公开申请情况）"
	case "table4":
		return "表四（政府信息公开行政复议、行政诉讼情况）"
	}
	for _, f := range TextFields {
		if f.Path == path {
			return f.Label
		}
	}
	return ""
}
