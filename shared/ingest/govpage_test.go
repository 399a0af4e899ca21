package ingest

import (
	"fmt"
	"html"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/nianbao/nianbao/shared/report"
)

// govPage renders a report the way government CMS pages publish it: GBK
// with an http-equiv declaration, site chrome around the article (menus,
// breadcrumbs, a share bar, scripts, a footer), the title in a block of its
// own, headings as bold paragraphs, the tables with the format's merged
// cells, 本年增/减 signed, 采购总金额 in 元.
func govPage(t testing.TB, r *report.Report) []byte {
	t.Helper()
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w(`<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>政府信息公开年报_%s</title>
<meta name="ArticleTitle" content="%s"/>
<script type="text/javascript">var siteName = "某某市人民政府门户网站"; document.write("<div>欢迎访问</div>");</script>
<style>.nav li { float: left }</style>
</head><body>
<div class="header"><div class="logo">某某市人民政府</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/bsfw/">办事服务</a></li></ul></div>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年报</div>
<div class="main"><div class="con_title"><h1>%s</h1><div class="info">发布时间：2021-01-28 来源：本机关 【字体：大 中 小】</div></div>
<div class="TRS_Editor">
`, html.EscapeString(r.Agency.Name), html.EscapeString(r.DisplayTitle()), html.EscapeString(r.DisplayTitle()))
	sections := r.Sections.InOrder()
	for i, heading := range report.SectionHeadings {
		w("<p style=\"text-indent:2em\"><strong>%s</strong></p>\n", heading)
		for _, para := range strings.Split(sections[i], "\n") {
			if para != "" {
				w("<p style=\"text-indent:2em\"><span style=\"font-family:仿宋\">%s</span></p>\n", html.EscapeString(para))
			}
		}
		switch i {
		case 1:
			table2(w, r)
		case 2:
			table3(w, r)
		case 3:
			table4(w, r)
		}
	}
	w(`<p style="text-align:right">%s</p><p style="text-align:right">2021年1月28日</p>
</div></div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
<div class="footer"><p>主办单位：某某市人民政府办公室　网站标识码：4100000001　ICP备案号：豫ICP备00000000号</p>
<p>地址：某某市某某路1号　联系电话：0379-00000000</p></div>
<script>var _hmt = _hmt || []; /* 统计代码 */</script>
</body></html>`, html.EscapeString(r.Agency.Name))
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(b.String())
	if err != nil {
		t.Fatalf("encode the page as GBK: %v", err)
	}
	return []byte(gbk)
}

type writer func(format string, args ...any)

// cellText prints a cell as the page would: a sign on 本年增/减, 采购总金额
// in 元 with its unit, "/" as printed.
func cellText(r *report.Report, path string) string {
	c, _ := r.Cell(path)
	switch {
	case c.State != report.Number:
		return c.String()
	case strings.HasSuffix(path, "itemCountChange") && c.Value > 0:
		return "+" + c.Value.String()
	case strings.HasSuffix(path, "procurementTotalAmount"):
		return (c.Value * 10_000).String() + "元"
	}
	return c.Value.String()
}

func table2(w writer, r *report.Report) {
	l := r.Layout()
	const width = 4 // label + three value columns; one or two columns span the rest
	w("<table border=\"1\" cellspacing=\"0\" class=\"MsoNormalTable\"><tbody>\n")
	for _, st := range l.Table2 {
		w("<tr><td colspan=\"%d\"><p align=\"center\"><b>%s</b></p></td></tr>\n", width, st.Caption)
		spans := make([]int, len(st.Columns))
		for i := range spans {
			spans[i] = 1
		}
		spans[len(spans)-1] += width - 1 - len(st.Columns)
		w("<tr><td>信息内容</td>")
		for i, c := range st.Columns {
			w("<td colspan=\"%d\">%s</td>", spans[i], c.Label)
		}
		w("</tr>\n")
		for _, it := range st.Rows {
			w("<tr><td>%s</td>", it.Label)
			for i, c := range st.Columns {
				w("<td colspan=\"%d\">%s</td>", spans[i], cellText(r, "table2."+st.Key+"."+it.Key+"."+c.Key))
			}
			w("</tr>\n")
		}
	}
	w("</tbody></table>\n")
}

func table3(w writer, r *report.Report) {
	t3 := r.Layout().Table3
	w(`<table border="1"><tbody>
<tr><td rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
`)
	count := func(from int, same func(report.Row) bool) int {
		n := 0
		for _, row := range t3.Rows[from:] {
			if !same(row) {
				break
			}
			n++
		}
		return n
	}
	for i, row := range t3.Rows {
		w("<tr>")
		switch {
		case row.Level2 == "":
			w("<td colspan=\"3\">%s</td>", row.Level1)
		default:
			if i == 0 || t3.Rows[i-1].Level1 != row.Level1 {
				w("<td rowspan=\"%d\">%s</td>", count(i, func(o report.Row) bool { return o.Level1 == row.Level1 }), row.Level1)
			}
			switch {
			case row.Level3 == "":
				w("<td colspan=\"2\">%s</td>", row.Level2)
			default:
				if t3.Rows[i-1].Level2 != row.Level2 {
					w("<td rowspan=\"%d\">%s</td>", count(i, func(o report.Row) bool { return o.Level2 == row.Level2 }), row.Level2)
				}
				w("<td>%s</td>", row.Level3)
			}
		}
		for _, c := range t3.Columns {
			w("<td>%s</td>", cellText(r, row.Path()+"."+c.Key))
		}
		w("</tr>\n")
	}
	w("</tbody></table>\n")
}

func table4(w writer, r *report.Report) {
	t4 := r.Layout().Table4
	w(`<table border="1"><tbody>
<tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
<tr><td rowspan="2">结果维持</td><td rowspan="2">结果纠正</td><td rowspan="2">其他结果</td><td rowspan="2">尚未审结</td><td rowspan="2">总计</td><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
<tr>`)
	for range 2 {
		for _, c := range t4.Columns {
			w("<td>%s</td>", c.Label)
		}
	}
	w("</tr>\n<tr>")
	for _, g := range t4.Groups {
		for _, c := range t4.Columns {
			w("<td>%s</td>", cellText(r, "table4."+g.Key+"."+c.Key))
		}
	}
	w("</tr>\n</tbody></table>\n")
}
