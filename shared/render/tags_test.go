package render

import (
	"slices"
	"strings"
	"testing"
)

// TestTags checks the structure the layout records, without tools: a tree
// rooted at the Document, content only in leaf elements, leaves met in the
// content in the order of the tree (reading order is drawing order), each
// cell's text tagged once, and folios and repeats as artifacts.
func TestTags(t *testing.T) {
	leaves := []string{tagH1, tagH2, tagP, tagCaption, tagTH, tagTD}
	r := newRenderer(t)
	for name, doc := range map[string]*Document{"seed": seedDocument(t), "long": longDocument(t)} {
		t.Run(name, func(t *testing.T) {
			tr, err := r.Layout(doc)
			if err != nil {
				t.Fatal(err)
			}
			if len(tr.Tags) == 0 || tr.Tags[0].Type != tagDocument || tr.Tags[0].Parent != -1 {
				t.Fatalf("Tags[0] = %+v, want the Document", tr.Tags[:min(1, len(tr.Tags))])
			}
			hasKids := make([]bool, len(tr.Tags))
			for i, tg := range tr.Tags[1:] {
				if tg.Parent < 0 || tg.Parent > i {
					t.Errorf("tag %d (%s) has parent %d, want an earlier tag", i+1, tg.Type, tg.Parent)
					continue
				}
				hasKids[tg.Parent] = true
			}
			last := 0
			pages := map[int][]int{} // tag -> pages where its text is
			for n, p := range tr.Pages {
				for _, txt := range p.Texts {
					switch {
					case txt.Role == roleFolio:
						if txt.Artifact != ArtifactFooter {
							t.Errorf("page %d: folio %q is not a footer artifact", n+1, txt.Text)
						}
						continue
					case txt.Artifact == ArtifactRepeat:
						if txt.Role != roleCell || n == 0 {
							t.Errorf("page %d: %s %q repeated", n+1, txt.Role, txt.Text)
						}
						continue
					case txt.Artifact != "":
						t.Errorf("page %d: %q is a %q artifact", n+1, txt.Text, txt.Artifact)
						continue
					}
					tg := tr.Tags[txt.Tag]
					if hasKids[txt.Tag] || !slices.Contains(leaves, tg.Type) {
						t.Errorf("page %d: %q in tag %d (%s), not a leaf", n+1, txt.Text, txt.Tag, tg.Type)
					}
					if txt.Tag < last {
						t.Errorf("page %d: %q in tag %d after tag %d: content out of reading order", n+1, txt.Text, txt.Tag, last)
					}
					last = txt.Tag
					if ps := pages[txt.Tag]; len(ps) == 0 || ps[len(ps)-1] != n {
						pages[txt.Tag] = append(ps, n)
					}
				}
			}
			for tag, ps := range pages {
				if typ := tr.Tags[tag].Type; (typ == tagTH || typ == tagTD) && len(ps) > 1 {
					t.Errorf("cell tag %d drawn as content on pages %v, want one page", tag, ps)
				}
			}
		})
	}
}

// In the seed, 表三 crosses a page break: its header and the label of
// 三、本年度办理结果 are drawn again on the next page, as artifacts.
func TestTagsRepeatAcrossPages(t *testing.T) {
	tr, err := newRenderer(t).Layout(seedDocument(t))
	if err != nil {
		t.Fatal(err)
	}
	second := pagesWith(tr, "四、结转下年度继续办理")[0] - 1
	want := map[string]bool{"申请人情况": false, "三": false}
	for _, txt := range tr.Pages[second].Texts {
		if _, ok := want[txt.Text]; ok {
			want[txt.Text] = true
			if txt.Artifact != ArtifactRepeat {
				t.Errorf("%q on the table's second page is %+v, want a repeat artifact", txt.Text, txt)
			}
		}
	}
	for s, seen := range want {
		if !seen {
			t.Errorf("%q not drawn on the table's second page", s)
		}
	}
}

// Every cell of 表三 names its headers: the figure for 商业企业 in the row
// 1.属于国家秘密 is under 申请人情况, 法人或其他组织 and 商业企业, and in the
// rows of 三、本年度办理结果, （三）不予公开 and 1.属于国家秘密.
func TestTableHeaders(t *testing.T) {
	tr, err := newRenderer(t).Layout(seedDocument(t))
	if err != nil {
		t.Fatal(err)
	}
	text := map[int]string{}
	for _, p := range tr.Pages {
		for _, txt := range p.Texts {
			if txt.Artifact == "" {
				text[txt.Tag] += txt.Text
			}
		}
	}
	// The row header, then the TDs of its row: 自然人 and 商业企业 come first.
	row := -1
	for i, tg := range tr.Tags {
		if tg.Type == tagTH && text[i] == "1.属于国家秘密" {
			row = tg.Parent
		}
	}
	if row < 0 {
		t.Fatal("no row header 1.属于国家秘密")
	}
	var cells []int
	for i, tg := range tr.Tags {
		if tg.Parent == row && tg.Type == tagTD {
			cells = append(cells, i)
		}
	}
	if len(cells) != 7 {
		t.Fatalf("row 1.属于国家秘密 has %d TDs, want 7", len(cells))
	}
	var got []string
	for _, h := range tr.Tags[cells[1]].Headers {
		if tr.Tags[h].Type != tagTH {
			t.Errorf("header %d is a %s", h, tr.Tags[h].Type)
		}
		got = append(got, text[h])
	}
	want := []string{"申请人情况", "法人或其他组织", "商业企业", "三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("headers of 商业企业 × 1.属于国家秘密 = %q, want %q", got, want)
	}
}
