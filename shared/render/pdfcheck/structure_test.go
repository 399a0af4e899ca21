package pdfcheck

import (
	"strings"
	"testing"
)

func TestParseStructText(t *testing.T) {
	out := `Document
  H1 (block)
    "标题"
  Table (block)
    THead
      TR
        TH <H05>:
           /Scope /Column
           /ColSpan 3
          "申请人情况"
    TBody
      TR
        TH <H07>:
           /Scope /Row
           /RowSpan 20
          "三、本年度"
          "办理结果"
        TD:
           /Headers [(H05) (H07)]
          "0"
  P (block)
    "正文"
`
	root, err := ParseStructText(out)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range root.Content() {
		got = append(got, Expect{e.Type, e.Text, tableAttrs(e.Attrs)}.String())
	}
	want := []string{
		`H1 "标题"`,
		`TH "申请人情况"map[ColSpan:3 Scope:Column]`,
		`TH "三、本年度办理结果"map[RowSpan:20 Scope:Row]`,
		`TD "0"`,
		`P "正文"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("content of\n%s\ngot\n%s\nwant\n%s", out, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if tr := root.Find("TR"); len(tr) != 2 || tr[1].Parent.Type != "TBody" {
		t.Errorf("Find(TR) = %d rows, want 2, the second in TBody", len(tr))
	}
	td := root.Find("TD")[0]
	if got, want := strings.Join(td.Headers(root), "|"), "申请人情况|三、本年度办理结果"; got != want {
		t.Errorf("Headers of the TD = %q, want %q", got, want)
	}
}

func TestParseStructTextErrors(t *testing.T) {
	for _, out := range []string{
		`"text before any element"`,
		"/Scope /Row",
		"Document\n      P",
	} {
		if _, err := ParseStructText(out); err == nil {
			t.Errorf("ParseStructText(%q) = nil error, want one", out)
		}
	}
}
