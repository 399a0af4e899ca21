package plaintext

import (
	"context"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/nianbao/nianbao/shared/source"
)

func read(t *testing.T, text string) *source.Document {
	t.Helper()
	doc, err := Read(context.Background(), []byte(text), source.DefaultLimits)
	if err != nil {
		t.Fatalf("Read(%q): %v", text, err)
	}
	return doc
}

// summary shows blocks as "P:text", "H2:text", "T:a|b/c|d", "@line".
func summary(doc *source.Document) []string {
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
	return out
}

func TestRead(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"paragraphs and markdown", "# 某局2024年政府信息公开工作年度报告\n\n## 一、总体情况\n\n- (一) **主动公开情况。**全年公开。\n第二段\n",
			[]string{"H1:某局2024年政府信息公开工作年度报告", "H2:一、总体情况", "P:(一) 主动公开情况。全年公开。", "P:第二段"}},
		{"page footers are noise", "第一段\n— 3 —\n- 12 -\n第 3 页\n第3页 共5页\n3/5\n第二段", []string{"P:第一段", "P:第二段"}},
		{"a lone number is not a footer", "表格\n1\n", []string{"P:表格", "P:1"}},
		{"pipe table without separators or outer pipes", "| 信息内容 | 本年制发件数 |\n|---|:---:|\n| 规章 | 0 |\n规范性文件 \\| 1 | 2\n",
			[]string{"T:信息内容|本年制发件数/规章|0", "P:规范性文件 \\| 1 | 2"}},
		{"escaped pipe inside a cell", "| a \\| b | c |\n", []string{"T:a | b|c"}},
		{"tab separated rows form a table", "第二十条第(一)项\t\t\t\n信息内容\t本年新制作数量\n规章\t0\t0\t0\t\t\t\n\n正文",
			[]string{"P:第二十条第(一)项", "T:信息内容|本年新制作数量||/规章|0|0|0", "P:正文"}},
		{"lines with trailing tabs only are text", "甲\t\t\n乙\t\n", []string{"P:甲", "P:乙"}},
		{"crawler header", "标题: 某局2019年度政府信息公开工作年度报告\n发布时间: 2020-01-13 16:07\n==================== 正文 ====================\n当前位置：首页",
			[]string{"P:当前位置：首页"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := summary(read(t, tt.text)); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("blocks\n got %q\nwant %q\ninput %q", got, tt.want, tt.text)
			}
		})
	}
}

func TestCrawlerMeta(t *testing.T) {
	doc := read(t, "标题: 某局2019年度政府信息公开工作年度报告\n发布时间: 2020-01-13 16:07\n=== 正文 ===\n正文")
	if doc.Title != "某局2019年度政府信息公开工作年度报告" || doc.Meta["发布时间"] != "2020-01-13 16:07" {
		t.Errorf("title %q, meta %v", doc.Title, doc.Meta)
	}
}

// TestHardWrap joins lines a PDF converter wrapped at the page's width and
// keeps short lines (headings, last lines) apart.
func TestHardWrap(t *testing.T) {
	line := strings.Repeat("政府信息公开工作", 3) + "持续推进" // 28 characters, a page's width
	text := strings.Join([]string{
		"一、总体情况",
		line, line, "提质增效。",
		"（一）主动公开方面",
		line, "— 1 —", line, "全年公开。",
		line + "。", "新的一段。",
	}, "\n")
	want := []string{
		"P:一、总体情况",
		"P:" + line + line + "提质增效。",
		"P:（一）主动公开方面",
		"P:" + line + line + "全年公开。",
		"P:" + line + "。",
		"P:新的一段。",
	}
	if got := summary(read(t, text)); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
	// Whole paragraphs of any length are not a page's lines.
	short := "第一段很短。\n" + strings.Repeat("长", 300) + "\n第三段。"
	if got := summary(read(t, short)); len(got) != 3 {
		t.Errorf("unwrapped text joined: %q", got)
	}
}

func TestLineNumbers(t *testing.T) {
	doc := read(t, "甲\n\n乙\n| a | b |\n|---|---|\n| 1 | 2 |\n")
	if got := [3]int{doc.Blocks[0].Loc.Line, doc.Blocks[1].Loc.Line, doc.Blocks[2].Loc.Line}; got != [3]int{1, 3, 4} {
		t.Errorf("lines %v, want 1 3 4", got)
	}
	cell := doc.Blocks[2].Table.Grid[1][1]
	if cell.Text != "2" || cell.Loc != (source.Location{Line: 6}) {
		t.Errorf("cell %+v", cell)
	}
}

func TestEncodings(t *testing.T) {
	const text = "二、主动公开政府信息情况\n规章"
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String("二、主动公开政府信息情况\n规章")
	gb18030, _ := simplifiedchinese.GB18030.NewEncoder().String("𠀀年报") // a character outside GBK
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(text)
	tests := []struct {
		name, data, first string
	}{
		{"utf-8", text, "二、主动公开政府信息情况"},
		{"utf-8 with BOM", "\xEF\xBB\xBF" + text, "二、主动公开政府信息情况"},
		{"utf-16 with BOM", utf16, "二、主动公开政府信息情况"},
		{"gbk", gbk, "二、主动公开政府信息情况"},
		{"gb18030", gb18030, "𠀀年报"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := read(t, tt.data)
			if len(doc.Blocks) == 0 || doc.Blocks[0].Text != tt.first {
				t.Errorf("first block %v, want %q", summary(doc), tt.first)
			}
		})
	}
}

func TestRefusals(t *testing.T) {
	lim := source.DefaultLimits
	tests := []struct {
		name string
		data string
		lim  func(*source.Limits)
		code string
	}{
		{"not text in any encoding", strings.Repeat("\xff\xfe\xfd\x80", 50)[2:], nil, source.Malformed},
		{"too large", "年报", func(l *source.Limits) { l.MaxBytes = 3 }, source.TooLarge},
		{"too many blocks", strings.Repeat("段\n\n", 100), func(l *source.Limits) { l.MaxBlocks = 10 }, source.TooComplex},
		{"too many cells", strings.Repeat("|a|b|c|\n", 100), func(l *source.Limits) { l.MaxCells = 50 }, source.TooComplex},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := lim
			if tt.lim != nil {
				tt.lim(&l)
			}
			_, err := Read(context.Background(), []byte(tt.data), l)
			var r *source.RefusedError
			if !errors.As(err, &r) || r.Code != tt.code {
				t.Fatalf("Read = %v, want refusal %s", err, tt.code)
			}
		})
	}
}
