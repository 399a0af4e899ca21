package docx_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/docx"
)

// blocks renders a document compactly: "h1:text", "p:text", and a table as
// "t:" followed by its rows, cells separated by "|", covered cells as "^".
func blocks(doc *source.Document) []string {
	var out []string
	for _, b := range doc.Blocks {
		switch b.Kind {
		case source.Heading:
			out = append(out, fmt.Sprintf("h%d:%s", b.Level, b.Text))
		case source.Paragraph:
			out = append(out, "p:"+b.Text)
		case source.TableBlock:
			var rows []string
			for r := range b.Table.Grid {
				var cells []string
				for _, c := range b.Table.Grid[r] {
					s := c.Text
					if c.Covered {
						s = "^"
					}
					if c.Key != "" {
						s += "#" + c.Key
					}
					cells = append(cells, s)
				}
				rows = append(rows, strings.Join(cells, "|"))
			}
			out = append(out, "t:"+strings.Join(rows, "/"))
		}
	}
	return out
}

func TestRead(t *testing.T) {
	headingStyles := `<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="标题 2"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="mine"><w:name w:val="我的标题"/><w:basedOn w:val="a3"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="outl"><w:name w:val="x"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>`
	chineseList := `<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>` +
		`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>` +
		`<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl></w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>` +
		`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>` +
		`<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>`
	numbered := func(id, lvl, text string) string {
		return `<w:p><w:pPr><w:numPr><w:ilvl w:val="` + lvl + `"/><w:numId w:val="` + id + `"/></w:numPr></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	styled := func(style, text string) string {
		return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	tests := []struct {
		name  string
		parts map[string]string
		want  []string
	}{
		{"paragraphs and runs joined, empty paragraphs dropped",
			map[string]string{"body": `<w:p><w:r><w:t>本年新收</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">116 件</w:t></w:r></w:p><w:p/>` + p("　　第二段　")},
			[]string{"p:本年新收116 件", "p:第二段"}},
		{"tabs, breaks, hidden, deleted and field-code text",
			map[string]string{"body": `<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r>` +
				`<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del>` +
				`<w:ins><w:r><w:t>d</w:t></w:r></w:ins><w:r><w:instrText>PAGE</w:instrText></w:r><w:hyperlink><w:r><w:t>e</w:t></w:r></w:hyperlink></w:p>`},
			[]string{"p:a\tb\ncde"}},
		{"headings by style name, outline level and Title",
			map[string]string{"styles": headingStyles, "body": styled("Title", "某局2023年年报") + styled("1", "一、总体情况") + styled("a3", "（一）主动公开") +
				styled("mine", "（二）依申请公开") + styled("outl", "1.规章") +
				`<w:p><w:pPr><w:pStyle w:val="1"/><w:outlineLvl w:val="9"/></w:pPr><w:r><w:t>正文级别</w:t></w:r></w:p>` +
				`<w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>直接大纲</w:t></w:r></w:p>`},
			[]string{"h1:某局2023年年报", "h1:一、总体情况", "h2:（一）主动公开", "h2:（二）依申请公开", "h3:1.规章", "p:正文级别", "h2:直接大纲"}},
		{"numbering renders labels; Chinese-numbered short lines are headings",
			map[string]string{"numbering": chineseList, "body": numbered("1", "0", "总体情况") + numbered("1", "1", "主动公开") +
				numbered("1", "2", "规章制定情况。本年制发规章0件。") + numbered("1", "1", "依申请公开") + numbered("1", "0", "主动公开政府信息情况") +
				numbered("1", "1", "本年度共受理申请116件，办结114件。") + numbered("2", "0", "要点") + numbered("3", "0", "存在的主要问题及改进情况")},
			[]string{"h1:一、总体情况", "h2:（一）主动公开", "p:1.规章制定情况。本年制发规章0件。", "h2:（二）依申请公开", "h1:二、主动公开政府信息情况",
				"p:（一）本年度共受理申请116件，办结114件。", "p:要点", "h1:五、存在的主要问题及改进情况"}},
		{"gridSpan and vMerge resolved",
			map[string]string{"body": `<w:tbl><w:tr>` + tc(`<w:vMerge w:val="restart"/>`, "A") + tc(`<w:gridSpan w:val="2"/>`, "B") + `</w:tr>` +
				`<w:tr>` + tc(`<w:vMerge/>`, "") + tc("", "C") + tc("", "D") + `</w:tr>` +
				`<w:tr>` + tc(`<w:vMerge/>`, "") + tc(`<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>`, "E") + `</w:tr>` +
				`<w:tr>` + tc("", "F") + tc(`<w:gridSpan w:val="2"/><w:vMerge w:val="continue"/>`, "") + `</w:tr></w:tbl>`},
			[]string{"t:A|B|^/^|C|D/^|E|^/F|^|^"}},
		{"an orphan vMerge continuation stands alone; gridBefore keeps columns",
			map[string]string{"body": `<w:tbl><w:tr>` + tc(`<w:vMerge/>`, "x") + tc("", "y") + `</w:tr>` +
				`<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>` + tc("", "z") + `</w:tr></w:tbl>`},
			[]string{"t:x|y/|z"}},
		{"a cell's paragraphs are its lines",
			map[string]string{"body": `<w:tbl><w:tr><w:tc>` + p("一、本年新收") + p("政府信息公开申请数量") + `</w:tc>` + tc("", "116") + `</w:tr>` +
				`<w:tr>` + tc("", "a") + tc("", "b") + `</w:tr></w:tbl>`},
			[]string{"t:一、本年新收\n政府信息公开申请数量|116/a|b"}},
		{"a one-cell layout table is a frame: its content goes on as blocks",
			map[string]string{"body": `<w:tbl><w:tr><w:tc>` + p("标题") + `<w:tbl><w:tr>` + tc("", "1") + tc("", "2") + `</w:tr></w:tbl>` + p("说明") + `</w:tc></w:tr></w:tbl>`},
			[]string{"p:标题", "t:1|2", "p:说明"}},
		{"a nested table comes before the table holding it",
			map[string]string{"body": `<w:tbl><w:tr><w:tc>` + p("外") + `<w:tbl><w:tr>` + tc("", "内1") + tc("", "内2") + `</w:tr></w:tbl></w:tc>` + tc("", "右") + `</w:tr></w:tbl>`},
			[]string{"t:内1|内2", "t:外|右"}},
		{"content controls: text read, tags as cell keys, placeholders skipped",
			map[string]string{"body": `<w:sdt><w:sdtPr><w:tag w:val="sections.overview"/></w:sdtPr><w:sdtContent>` + p("概述") + `</w:sdtContent></w:sdt>` +
				`<w:tbl><w:tr>` + tc("", "规章") +
				`<w:tc><w:p><w:sdt><w:sdtPr><w:tag w:val="table2.a.b"/></w:sdtPr><w:sdtContent><w:r><w:t>7</w:t></w:r></w:sdtContent></w:sdt></w:p></w:tc>` +
				`<w:sdt><w:sdtPr><w:tag w:val="table2.a.c"/></w:sdtPr><w:sdtContent><w:tc><w:p><w:r><w:t>8</w:t></w:r></w:p></w:tc></w:sdtContent></w:sdt>` +
				`<w:tc><w:p><w:sdt><w:sdtPr><w:tag w:val="table2.a.d"/><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>单击此处输入文字。</w:t></w:r></w:sdtContent></w:sdt></w:p></w:tc>` +
				`</w:tr></w:tbl>`},
			[]string{"p:概述", "t:规章|7#table2.a.b|8#table2.a.c|#table2.a.d"}},
		{"text boxes read once: the compatibility fallback repeats them",
			map[string]string{"body": `<w:p><w:r><w:t>前</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:inline xmlns:wp="x"><a:graphic xmlns:a="y"><a:graphicData><wps:wsp xmlns:wps="z"><wps:txbx><w:txbxContent>` +
				p("框中文字") + `</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape xmlns:v="v"><v:textbox><w:txbxContent>` +
				p("框中文字") + `</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`},
			[]string{"p:框中文字", "p:前"}},
		{"strict OOXML namespaces read the same",
			map[string]string{"document": `<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body>` + p("严格格式") + `</w:body></w:document>`},
			[]string{"p:严格格式"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := docx.Read(context.Background(), pkg(t, tt.parts), source.DefaultLimits)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if got := blocks(doc); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("blocks:\ngot  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestReadLocations(t *testing.T) {
	data := pkg(t, map[string]string{"title": "某局年报", "body": p("一") + `<w:p/>` + p("二") +
		`<w:tbl><w:tr>` + tc("", "a") + tc("", "b") + `</w:tr><w:tr>` + tc("", "c") + tc("", "d") + `</w:tr></w:tbl>`})
	doc, err := docx.Read(context.Background(), data, source.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "某局年报" || doc.Kind != source.DOCX {
		t.Errorf("title %q kind %q, want 某局年报 docx", doc.Title, doc.Kind)
	}
	if got := doc.Blocks[1].Loc.Line; got != 3 {
		t.Errorf("second paragraph's line = %d, want 3 (paragraphs are counted, empty ones too)", got)
	}
	d := doc.Blocks[2].Table.Grid[1][1]
	if d.Loc.Table != 1 || d.Loc.Row != 2 || d.Loc.Col != 2 || d.Loc.Line != 7 {
		t.Errorf("cell d's location = %+v, want table 1 row 2 column 2, paragraph 7", d.Loc)
	}
}

func TestReadCancelled(t *testing.T) {
	var body strings.Builder
	for range 2000 {
		body.WriteString(p("x"))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := docx.Read(ctx, pkg(t, map[string]string{"body": body.String()}), source.DefaultLimits); !errors.Is(err, context.Canceled) {
		t.Fatalf("Read with a cancelled context = %v, want context.Canceled", err)
	}
}
