package webpage

import (
	"context"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/nianbao/nianbao/shared/source"
)

func read(t *testing.T, page string) *source.Document {
	t.Helper()
	doc, err := Read(context.Background(), []byte(page), source.DefaultLimits)
	if err != nil {
		t.Fatalf("Read: %v\n%s", err, page)
	}
	return doc
}

// summary shows blocks as "P:text", "H1:text", "T:a|b/c|d".
func summary(doc *source.Document) string {
	var out []string
	for _, b := range doc.Blocks {
		switch b.Kind {
		case source.Paragraph:
			out = append(out, "P:"+b.Text)
		case source.Heading:
			out = append(out, "H"+string(rune('0'+b.Level))+":"+b.Text)
		case source.TableBlock:
			var rows []string
			for r := range b.Table.Rows() {
				rows = append(rows, strings.Join(b.Table.Texts(r), "|"))
			}
			out = append(out, "T:"+strings.Join(rows, "/"))
		}
	}
	return strings.Join(out, "\n")
}

// chromePage wraps an article in a CMS page's chrome.
func chromePage(head, article string) string {
	return `<html><head>` + head + `<title>部门文件_某某市人民政府</title>
<script>var s = "网站导航 首页 政务公开";</script><style>p{}</style></head><body>
<div class="header"><a href="/">首页</a><a href="/zwgk">政务公开</a><a href="/hd">互动交流</a></div>
<div class="nav_menu"><ul><li><a href="/1">政府信息公开指南</a></li><li><a href="/2">政府信息公开制度</a></li><li><a href="/3">法定主动公开内容</a></li></ul></div>
<div class="crumbs">当前位置：首页 &gt; 政务公开</div>
<div class="content"><div class="article_content">` + article + `</div>
<div class="bdshare">分享到：微信 微博</div></div>
<div id="footer">主办单位：某某市人民政府办公室 网站标识码：1234567890 备案号：某ICP备00000000号</div>
</body></html>`
}

func TestArticle(t *testing.T) {
	article := `<p>一、总体情况</p><p>本年度，本机关认真贯彻《中华人民共和国政府信息公开条例》，全面推进政务公开工作，主动公开政府信息一百余条。</p>
<p>（一）主动公开<br>全年主动公开政府信息。</p>
<table><tr><td colspan="3">第二十条第（一）项</td></tr><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td></tr><tr><td>规章</td><td>0</td><td>0</td></tr></table>
<h2>二、主动公开政府信息情况</h2>`
	doc := read(t, chromePage(`<meta charset="utf-8"><meta name="ArticleTitle" content="某局2023年政府信息公开工作年度报告">`, article))
	want := strings.Join([]string{
		"P:一、总体情况",
		"P:本年度，本机关认真贯彻《中华人民共和国政府信息公开条例》，全面推进政务公开工作，主动公开政府信息一百余条。",
		"P:（一）主动公开", "P:全年主动公开政府信息。",
		"T:第二十条第（一）项|第二十条第（一）项|第二十条第（一）项/信息内容|本年制发件数|本年废止件数/规章|0|0",
		"H2:二、主动公开政府信息情况",
	}, "\n")
	if got := summary(doc); got != want {
		t.Errorf("blocks\n got %s\nwant %s", got, want)
	}
	if doc.Meta["ArticleTitle"] != "某局2023年政府信息公开工作年度报告" || doc.Title != "部门文件_某某市人民政府" {
		t.Errorf("title %q, meta %v", doc.Title, doc.Meta)
	}
}

func TestSpans(t *testing.T) {
	page := `<table>
<tr><td rowspan="3" colspan="3">（本列数据的勾稽关系为：…）</td><td colspan="2">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td>法人</td></tr>
<tr><td>商业企业</td></tr>
<tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>1</td><td>2</td></tr>
<tr><td rowspan=1>（三）不予公开</td><td>1.属于国家秘密</td><td>3</td><td>4</td></tr>
</table>`
	doc := read(t, page)
	tb := doc.Blocks[0].Table
	if got := tb.Texts(4); strings.Join(got, "|") != "三、本年度办理结果|（三）不予公开|1.属于国家秘密|3|4" {
		t.Errorf("row 5 = %q", got)
	}
	if c := tb.Grid[4][0]; !c.Covered || c.OriginRow != 3 {
		t.Errorf("the rowspan's lower position = %+v", c)
	}
	if c := tb.Grid[2][3]; c.Text != "自然人" || !c.Covered {
		t.Errorf("自然人 spans two rows: %+v", c)
	}
}

func TestCharsets(t *testing.T) {
	body := `<body><p>二、主动公开政府信息情况</p></body></html>`
	gbk := func(s string) string {
		out, err := simplifiedchinese.GBK.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	tests := []struct{ name, page string }{
		{"utf-8 declared", `<html><head><meta charset="utf-8"></head>` + body},
		{"utf-8 undeclared", `<html><head></head>` + body},
		{"utf-8 with BOM", "\xEF\xBB\xBF<html><head><meta charset=gbk></head>" + body},
		{"gbk meta charset", gbk(`<html><head><meta charset="GBK"></head>` + body)},
		{"gb2312 http-equiv", gbk(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>` + body)},
		{"gb2312 declared after a long comment", gbk(`<html><!--` + strings.Repeat("x", 2000) + `--><head><meta http-equiv="content-type" content="text/html;charset=GB2312"></head>` + body)},
		{"gbk undeclared", gbk(`<html><head></head>` + body)},
		{"utf-8 declared but gbk", gbk(`<html><head><meta charset="utf-8"></head>` + body)},
		{"gbk declared but saved as utf-8", `<html><head><meta charset="gb2312"></head>` + body},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := summary(read(t, tt.page)); got != "P:二、主动公开政府信息情况" {
				t.Errorf("got %q", got)
			}
		})
	}
}

// TestLayoutTable unwraps a table that lays out the page: its cells' own
// paragraphs and the tables inside come out in order.
func TestLayoutTable(t *testing.T) {
	page := `<table><tr><td><p>一、总体情况</p><p>正文。</p>
<table><tr><td>规章</td><td>0</td></tr></table><p>五、存在的主要问题及改进情况</p></td></tr></table>`
	want := "P:一、总体情况\nP:正文。\nT:规章|0\nP:五、存在的主要问题及改进情况"
	if got := summary(read(t, page)); got != want {
		t.Errorf("\n got %s\nwant %s", got, want)
	}
}

func TestImplicitEnds(t *testing.T) {
	page := `<p>甲<p>乙<table><tr><td>a<td>b<tr><td>c<td>d</table><ul><li>丙<li>丁</ul>`
	want := "P:甲\nP:乙\nT:a|b/c|d\nP:丙\nP:丁"
	if got := summary(read(t, page)); got != want {
		t.Errorf("\n got %s\nwant %s", got, want)
	}
}

func TestRefusals(t *testing.T) {
	tests := []struct {
		name string
		page string
		lim  func(*source.Limits)
		code string
	}{
		{"deep nesting", strings.Repeat("<div>", 300) + "x", nil, source.TooComplex},
		{"deep nesting of spans", strings.Repeat("<span><b>", 200) + "x", nil, source.TooComplex},
		{"too many cells", "<table>" + strings.Repeat("<tr><td>1</td><td>2</td></tr>", 100) + "</table>", func(l *source.Limits) { l.MaxCells = 50 }, source.TooComplex},
		{"too many blocks", strings.Repeat("<p>段</p>", 100), func(l *source.Limits) { l.MaxBlocks = 10 }, source.TooComplex},
		{"too large", "<p>年报</p>", func(l *source.Limits) { l.MaxBytes = 5 }, source.TooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lim := source.DefaultLimits
			if tt.lim != nil {
				tt.lim(&lim)
			}
			_, err := Read(context.Background(), []byte(tt.page), lim)
			var r *source.RefusedError
			if !errors.As(err, &r) || r.Code != tt.code {
				t.Fatalf("Read = %v, want refusal %s", err, tt.code)
			}
		})
	}
}

// TestHostileSpans clips rowspan and colspan: a cell cannot make the grid
// larger than the limits.
func TestHostileSpans(t *testing.T) {
	page := `<table><tr><td rowspan="2147483647" colspan="999999999">x</td><td>y</td></tr><tr><td>z</td></tr></table>`
	doc := read(t, page)
	tb := doc.Blocks[0].Table
	if tb.Cols() > source.DefaultLimits.MaxSpan+1 || tb.Rows() != 2 {
		t.Errorf("grid %d×%d", tb.Rows(), tb.Cols())
	}
}

func TestScanAttrs(t *testing.T) {
	tests := []struct {
		raw  string
		want attrs
	}{
		{`<td rowspan=2 COLSPAN="3">`, attrs{rowspan: "2", colspan: "3"}},
		{`<div class='nav menu' id=x data-x="a>b">`, attrs{class: "nav menu", id: "x"}},
		{`<meta name="ArticleTitle" content="某局&amp;某委2023年报告"/>`, attrs{name: "ArticleTitle", content: "某局&某委2023年报告"}},
		{`<meta property=og:title content=标题>`, attrs{property: "og:title", content: "标题"}},
		{`<td nowrap class = "c" >`, attrs{class: "c"}},
		{`<td class="unclosed>`, attrs{}},
	}
	for _, tt := range tests {
		var got attrs
		scanAttrs([]byte(tt.raw), &got)
		if got != tt.want {
			t.Errorf("scanAttrs(%s) = %+v, want %+v", tt.raw, got, tt.want)
		}
	}
}
