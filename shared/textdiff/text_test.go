package textdiff

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// spell returns the old and the new paragraph a Paragraph's spans spell.
func spell(p Paragraph) (old, new string) {
	var o, n strings.Builder
	for _, s := range p.Spans {
		if s.Op != Insert {
			o.WriteString(s.Text)
		}
		if s.Op != Delete {
			n.WriteString(s.Text)
		}
	}
	return o.String(), n.String()
}

// checkText fails unless the changed paragraphs, with the unchanged ones,
// account for both texts exactly: each change spells its paragraphs, and
// the paragraphs no change names are the same, in order, in both.
func checkText(t *testing.T, a, b string, got []Paragraph) {
	t.Helper()
	pa, pb := paragraphs(a), paragraphs(b)
	usedA, usedB := map[int]bool{}, map[int]bool{}
	for _, p := range got {
		old, new := spell(p)
		if p.Old > 0 {
			if p.Old > len(pa) || pa[p.Old-1] != old || usedA[p.Old] {
				t.Fatalf("Text(%q, %q): %+v does not spell old paragraph %d", a, b, p, p.Old)
			}
			usedA[p.Old] = true
		} else if old != "" {
			t.Fatalf("Text(%q, %q): inserted paragraph %+v has old text", a, b, p)
		}
		if p.New > 0 {
			if p.New > len(pb) || pb[p.New-1] != new || usedB[p.New] {
				t.Fatalf("Text(%q, %q): %+v does not spell new paragraph %d", a, b, p, p.New)
			}
			usedB[p.New] = true
		} else if new != "" {
			t.Fatalf("Text(%q, %q): deleted paragraph %+v has new text", a, b, p)
		}
		if p.Old == 0 && p.New == 0 {
			t.Fatalf("Text(%q, %q): paragraph %+v has no position", a, b, p)
		}
	}
	var restA, restB []string
	for i, s := range pa {
		if !usedA[i+1] {
			restA = append(restA, s)
		}
	}
	for i, s := range pb {
		if !usedB[i+1] {
			restB = append(restB, s)
		}
	}
	if !slices.Equal(restA, restB) {
		t.Fatalf("Text(%q, %q): the paragraphs left unnamed differ: %q and %q", a, b, restA, restB)
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want string // the changes as JSON
	}{
		{"same", "甲\n乙", "甲\n乙", `null`},
		{"a paragraph added", "甲\n乙", "甲\n新的一段\n乙",
			`[{"new":2,"spans":[{"op":"insert","text":"新的一段"}]}]`},
		{"a paragraph removed", "甲\n乙\n丙", "甲\n丙",
			`[{"old":2,"spans":[{"op":"delete","text":"乙"}]}]`},
		{"a figure corrected", "2020年共有行政许可268项，较去年减少71项。", "2020年共有行政许可270项，较去年减少71项。",
			`[{"old":1,"new":1,"spans":[{"op":"equal","text":"2020年共有行政许可2"},{"op":"delete","text":"68"},{"op":"insert","text":"70"},{"op":"equal","text":"项，较去年减少71项。"}]}]`},
		{"two close edits read as one", "本年新收申请三件。", "本年新收申请五十件。",
			`[{"old":1,"new":1,"spans":[{"op":"equal","text":"本年新收申请"},{"op":"delete","text":"三"},{"op":"insert","text":"五十"},{"op":"equal","text":"件。"}]}]`},
		{"a rewrite shows old and new", "工作机制不断完善。", "全年未收到申请。",
			`[{"old":1,"spans":[{"op":"delete","text":"工作机制不断完善。"}]},{"new":1,"spans":[{"op":"insert","text":"全年未收到申请。"}]}]`},
		{"from nothing", "", "甲\n乙",
			`[{"new":1,"spans":[{"op":"insert","text":"甲"}]},{"new":2,"spans":[{"op":"insert","text":"乙"}]}]`},
		{"to nothing", "甲", "",
			`[{"old":1,"spans":[{"op":"delete","text":"甲"}]}]`},
		{"one replaced, one added", "甲乙丙丁戊\n己", "甲乙丙丁己戊\n庚\n己",
			`[{"old":1,"new":1,"spans":[{"op":"equal","text":"甲乙丙丁"},{"op":"insert","text":"己"},{"op":"equal","text":"戊"}]},{"new":2,"spans":[{"op":"insert","text":"庚"}]}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Text(tt.a, tt.b, &Budget{Steps: DefaultSteps})
			checkText(t, tt.a, tt.b, got)
			js, _ := json.Marshal(got)
			if string(js) != tt.want {
				t.Errorf("Text(%q, %q)\n got %s\nwant %s", tt.a, tt.b, js, tt.want)
			}
		})
	}
}

// A spent budget still gives a correct answer: changed paragraphs whole.
func TestTextBudget(t *testing.T) {
	a := strings.Repeat("政府信息公开工作有序推进。", 20) + "\n第二段"
	b := strings.Replace(a, "有序", "稳步", 3)
	full := Text(a, b, &Budget{Steps: DefaultSteps})
	if len(full) != 1 || full[0].Old != 1 || full[0].New != 1 {
		t.Fatalf("with a budget: %+v, want one changed paragraph", full)
	}
	budget := &Budget{Steps: 100}
	spent := Text(a, b, budget)
	checkText(t, a, b, spent)
	if len(spent) != 2 || spent[0].Spans[0].Op != Delete || spent[1].Spans[0].Op != Insert {
		t.Errorf("without budget: %+v, want the paragraph deleted and inserted whole", spent)
	}
	if budget.Steps < 0 {
		t.Errorf("the budget went negative: %d", budget.Steps)
	}
}

// Hostile sizes stay within the budget: two unrelated sections of 100,000
// characters each in thousands of paragraphs.
func TestTextLarge(t *testing.T) {
	var a, b strings.Builder
	for i := range 4000 {
		a.WriteString(strings.Repeat("甲", 25))
		b.WriteString(strings.Repeat("乙", 24) + string(rune('a'+i%26)))
		if i < 3999 {
			a.WriteByte('\n')
			b.WriteByte('\n')
		}
	}
	budget := &Budget{Steps: DefaultSteps}
	got := Text(a.String(), b.String(), budget)
	checkText(t, a.String(), b.String(), got)
	if len(got) != 8000 {
		t.Errorf("%d changed paragraphs, want 8000 (all deleted and inserted)", len(got))
	}
}

func FuzzText(f *testing.F) {
	f.Add("甲\n乙\n丙", "甲\n丁\n丙", 1000)
	f.Add("", "x", 10)
	f.Add("2020年共有行政许可268项", "2021年共有行政许可270项\n新段", DefaultSteps)
	f.Fuzz(func(t *testing.T, a, b string, steps int) {
		if len(a) > 4096 || len(b) > 4096 {
			return
		}
		a, b = strings.ToValidUTF8(a, "?"), strings.ToValidUTF8(b, "?")
		budget := &Budget{Steps: steps}
		checkText(t, a, b, Text(a, b, budget))
	})
}
