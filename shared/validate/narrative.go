package validate

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/nianbao/nianbao/shared/report"
)

// target is one reading of a figure in the prose: the sum of some cells.
type target struct {
	label string
	paths []string
}

// phrase is a way real reports state a table figure in prose (S4). A figure
// must equal one of its targets; several targets make an ambiguous phrase,
// which can only ever warn when it matches none of them.
type phrase struct {
	keywords []string
	units    []string
	version  report.Version // "" for both formats
	targets  func(l *report.Layout, cl claim) []target
	// after runs on a figure once it is checked, for follow-up figures in the same clause.
	after func(c *checker, cl claim, section report.TextField)
}

func cellTarget(l *report.Layout, path string) target {
	return target{label: l.Describe(path), paths: []string{path}}
}

func one(path string) func(*report.Layout, claim) []target {
	return func(l *report.Layout, _ claim) []target { return []target{cellTarget(l, path)} }
}

const (
	t3NewReceived = "table3.newReceived.total"
	t3Carried     = "table3.carriedOverFromLastYear.total"
	t3ToNext      = "table3.carriedToNextYear.total"
)

// table2Row describes a 表二 row that prose mentions by name.
type table2Row struct {
	base     string // table2.art20_5.licensing
	keywords []string
}

var decisionRows = []table2Row{
	{"table2.art20_5.licensing", []string{"行政许可"}},
	{"table2.art20_5.otherExternalServices", []string{"其他对外管理服务事项", "其它对外管理服务事项"}},
	{"table2.art20_6.penalty", []string{"行政处罚"}},
	{"table2.art20_6.coercion", []string{"行政强制"}},
	{"table2.art20_8.administrativeFees", []string{"行政事业性收费"}},
}

var phrases = sync.OnceValue(buildPhrases)

func buildPhrases() []phrase {
	ps := []phrase{
		{keywords: []string{"新收"}, units: []string{"件"}, targets: one(t3NewReceived)},
		{keywords: []string{"上年结转", "上年度结转"}, units: []string{"件"}, targets: one(t3Carried)},
		{keywords: []string{"结转下年度", "结转至下年度", "结转到下年度", "结转下一年度"}, units: []string{"件"}, targets: one(t3ToNext)},
		{keywords: []string{"收到"}, units: []string{"件"}, targets: func(l *report.Layout, _ claim) []target {
			// 收到申请N件 may mean 新收 alone or 新收 plus 上年结转.
			return []target{cellTarget(l, t3NewReceived),
				{label: "本年新收与上年结转之和", paths: []string{t3NewReceived, t3Carried}}}
		}},
		{keywords: []string{"行政复议"}, units: []string{"件", "起"}, targets: one("table4.reconsideration.total")},
		{keywords: []string{"行政诉讼"}, units: []string{"件", "起"}, targets: func(*report.Layout, claim) []target {
			return []target{{label: "表四行政诉讼（未经复议直接起诉与复议后起诉）总计之和",
				paths: []string{"table4.litigationDirect.total", "table4.litigationAfterReconsideration.total"}}}
		}},
		{keywords: []string{"规章"}, units: []string{"件"}, targets: documentTargets("table2.art20_1.regulations")},
		{keywords: []string{"规范性文件"}, units: []string{"件"}, targets: documentTargets("table2.art20_1.normativeDocuments")},
		{keywords: []string{"行政事业性收费"}, units: []string{"万元"}, version: report.Format2021,
			targets: one("table2.art20_8.administrativeFees.feeAmountWanYuan")},
	}
	for _, row := range decisionRows {
		ps = append(ps, phrase{keywords: row.keywords, units: []string{"件", "项"}, targets: decisionTargets(row.base), after: itemChange(row.base)})
	}
	return ps
}

// decisionTargets reads 件 as decisions and, in the 2019 format, 项 as the
// year's item count (上一年项目数量 + 本年增/减). In the 2021 format 项 has no cell.
func decisionTargets(base string) func(*report.Layout, claim) []target {
	return func(l *report.Layout, cl claim) []target {
		if cl.unit == "件" {
			if _, ok := l.Index(base + ".decisions"); ok {
				return []target{cellTarget(l, base+".decisions")}
			}
			return nil
		}
		if _, ok := l.Index(base + ".prevYearItemCount"); !ok {
			return nil
		}
		return []target{{label: "表二“" + l.Cells()[mustIndex(l, base+".prevYearItemCount")].Row + "”的本年事项数（上一年项目数量加本年增/减）",
			paths: []string{base + ".prevYearItemCount", base + ".itemCountChange"}}}
	}
}

// documentTargets picks the 表二（一） column a verb names; with no verb any of the three may be meant.
func documentTargets(base string) func(*report.Layout, claim) []target {
	verbs := map[report.Version][][2]string{
		report.Format2021: {{"废止", "repealed"}, {"现行有效", "inForce"}, {"有效", "inForce"}, {"制发", "issued"}, {"制定", "issued"}, {"印发", "issued"}, {"出台", "issued"}},
		report.Trial2019:  {{"公开总", "totalPublished"}, {"累计", "totalPublished"}, {"新公开", "newlyPublished"}, {"新制作", "newlyMade"}, {"制定", "newlyMade"}, {"印发", "newlyMade"}},
	}
	return func(l *report.Layout, cl claim) []target {
		best, at := "", -1
		for _, v := range verbs[l.Version] {
			if i := strings.LastIndex(cl.lead, v[0]); i > at {
				best, at = v[1], i
			}
		}
		if best != "" {
			return []target{cellTarget(l, base+"."+best)}
		}
		var ts []target
		for _, st := range l.Table2[:1] {
			for _, col := range st.Columns {
				ts = append(ts, cellTarget(l, base+"."+col.Key))
			}
		}
		return ts
	}
}

func mustIndex(l *report.Layout, path string) int {
	i, ok := l.Index(path)
	if !ok {
		panic("layout lacks " + path)
	}
	return i
}

// scan is what the prose check looks for, built on first use: a process
// that never validates prose (most of the CLI's commands) need not pay for
// it at start-up.
type scan struct {
	// all stops a figure's search at another phrase's keyword, S10's included.
	all *keywordSet
	// byFirst indexes the keywords by their first character, so that the
	// prose is scanned once rather than once per keyword; isFirst is its
	// fast filter.
	byFirst map[rune][]keywordUse
	isFirst [1 << 16]bool
}

// keywordUse ties a keyword to its phrase, or to a check of its own.
type keywordUse struct {
	keyword string
	phrase  *phrase
	check   func(c *checker, f report.TextField, text string, pos int)
}

var scanOf = sync.OnceValue(func() *scan {
	ps := phrases()
	ks := []string{procurementKeyword, "其中"}
	for _, p := range ps {
		ks = append(ks, p.keywords...)
	}
	sc := &scan{all: newKeywordSet(ks), byFirst: map[rune][]keywordUse{}}
	for i := range ps {
		for _, kw := range ps[i].keywords {
			r, size := utf8.DecodeRuneInString(kw)
			if size != 3 {
				panic("keyword " + kw + " must start with a three-byte character")
			}
			sc.byFirst[r] = append(sc.byFirst[r], keywordUse{keyword: kw, phrase: &ps[i]})
			sc.isFirst[r] = true
		}
	}
	for _, kw := range noneReceivedKeywords {
		r, _ := utf8.DecodeRuneInString(kw)
		sc.byFirst[r] = append(sc.byFirst[r], keywordUse{keyword: kw, check: (*checker).noneReceived})
		sc.isFirst[r] = true
	}
	return sc
})

// narrative is S4: figures in the prose must agree with the tables.
func (c *checker) narrative() {
	l := c.r.Layout()
	sc := scanOf()
	for _, f := range report.TextFields {
		if !f.Multiline {
			continue
		}
		text := f.Get(c.r)
		for pos := 0; pos+2 < len(text); pos++ {
			// Every keyword starts with a three-byte character: decode only those, inline.
			b0 := text[pos]
			if b0&0xF0 != 0xE0 {
				continue
			}
			r := rune(b0&0x0F)<<12 | rune(text[pos+1]&0x3F)<<6 | rune(text[pos+2]&0x3F)
			if !sc.isFirst[r] {
				continue
			}
			for _, use := range sc.byFirst[r] {
				if !strings.HasPrefix(text[pos:], use.keyword) {
					continue
				}
				if use.check != nil {
					use.check(c, f, text, pos)
					continue
				}
				p := use.phrase
				if p.version != "" && p.version != l.Version {
					continue
				}
				cl, ok := claimAt(text, pos, len(use.keyword), p.units, sc.all)
				if !ok {
					continue
				}
				c.checkClaim(RuleS4, f, cl, p.targets(l, cl))
				if p.after != nil {
					p.after(c, cl, f)
				}
			}
		}
	}
}

// checkClaim warns when the figure matches none of the targets. A target with a
// missing or "/" cell cannot be compared and silences the check.
func (c *checker) checkClaim(rule string, f report.TextField, cl claim, ts []target) {
	if len(ts) == 0 {
		return
	}
	var wants []string
	for _, t := range ts {
		v, na, ok := c.sum(t.paths)
		if !ok || len(na) > 0 || v == cl.value {
			return
		}
		wants = append(wants, fmt.Sprintf("%s（%s）", t.label, v))
	}
	related := []string{f.Path}
	for _, t := range ts {
		related = append(related, t.paths...)
	}
	related = without(related, ts[0].paths[0])
	first, _, _ := c.sum(ts[0].paths)
	msg := fmt.Sprintf("“%s”中写有“%s”，与%s不一致", f.Label, cl.excerpt, strings.Join(wants, "或"))
	if len(ts) > 1 {
		msg += "；这一说法有多种理解，均对不上"
	}
	msg += c.itemsHint(ts[0], cl)
	c.add(report.Finding{Rule: rule, Severity: report.Warning, Path: ts[0].paths[0], Related: related,
		Got: cl.value.String(), Want: first.String(), Message: msg})
}

// itemsHint explains the classic confusion of the 2019 format: a figure given in
// 项 that is really the number of decisions (件).
func (c *checker) itemsHint(t target, cl claim) string {
	if cl.unit != "项" || len(t.paths) != 2 || !strings.HasSuffix(t.paths[0], ".prevYearItemCount") {
		return ""
	}
	decisions := strings.TrimSuffix(t.paths[0], "prevYearItemCount") + "decisions"
	if d, ok := c.r.Cell(decisions); ok && d.State == report.Number && d.Value == cl.value {
		return fmt.Sprintf("；%s 是处理决定数量（件），而“项”指事项数", cl.value)
	}
	return ""
}

// itemChange checks 较去年减少N项 after a 2019 item figure against 本年增/减.
func itemChange(base string) func(*checker, claim, report.TextField) {
	return func(c *checker, cl claim, f report.TextField) {
		if cl.unit != "项" {
			return
		}
		path := base + ".itemCountChange"
		if _, ok := c.r.Layout().Index(path); !ok {
			return
		}
		delta, excerpt, ok := changeClaim(cl.rest)
		if !ok {
			return
		}
		cell, _ := c.r.Cell(path)
		if cell.State != report.Number || cell.Value == delta {
			return
		}
		c.add(report.Finding{Rule: RuleS4, Severity: report.Warning, Path: path, Related: []string{f.Path},
			Got: delta.String(), Want: cell.Value.String(),
			Message: fmt.Sprintf("“%s”中写有“%s%s”，与%s（%s）不一致", f.Label, cl.excerpt, excerpt, c.r.Layout().Describe(path), cell.Value)})
	}
}

// changeClaim reads a change figure right after an item figure: ，较去年减少71项.
func changeClaim(rest string) (report.Decimal, string, bool) {
	s := strings.TrimLeft(rest, "，,、 ")
	for _, cmp := range []string{"较去年", "较上年", "比去年", "比上年", "较上一年", "同比"} {
		after, ok := strings.CutPrefix(s, cmp)
		if !ok {
			continue
		}
		sign := report.Decimal(0)
		for _, w := range [][2]string{{"减少", "-"}, {"下降", "-"}, {"增加", "+"}, {"增长", "+"}, {"新增", "+"}} {
			if a, ok := strings.CutPrefix(after, w[0]); ok {
				after, sign = a, 1
				if w[1] == "-" {
					sign = -1
				}
				break
			}
		}
		if sign == 0 {
			return 0, "", false
		}
		v, end, ok := readNumber(after, 0)
		if !ok || !strings.HasPrefix(after[end:], "项") {
			return 0, "", false
		}
		consumed := len(rest) - len(after) + end + len("项")
		return sign * v, rest[:consumed], true
	}
	return 0, "", false
}

// noneReceived checks 未收到政府信息公开申请 (at text[pos:]) against 本年新收.
func (c *checker) noneReceived(f report.TextField, text string, pos int) {
	clause := text[pos:]
	if end := strings.IndexFunc(clause, clauseEnd); end >= 0 {
		clause = clause[:end]
	}
	if !strings.Contains(clause, "申请") {
		return
	}
	cell, _ := c.r.Cell(t3NewReceived)
	if cell.State == report.Number && cell.Value != 0 {
		c.add(report.Finding{Rule: RuleS4, Severity: report.Warning, Path: t3NewReceived, Related: []string{f.Path},
			Got: "0", Want: cell.Value.String(),
			Message: fmt.Sprintf("“%s”中写有“%s”，但%s为 %s", f.Label, clause, c.r.Layout().Describe(t3NewReceived), cell.Value)})
	}
}

// noneReceivedKeywords say that no request came in at all.
var noneReceivedKeywords = []string{"未收到", "没有收到", "未接到"}
