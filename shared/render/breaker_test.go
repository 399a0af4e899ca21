package render

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// fixedWidth measures CJK as 1, half-width characters as 0.5: a line of
// width 10 holds ten hanzi.
func fixedWidth(r rune) float64 {
	if r < 0x2000 {
		return 0.5
	}
	return 1
}

func lineTexts(ls []line) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.text()
	}
	return out
}

func TestBreakText(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		width float64
		want  []string
	}{
		{"fills lines", "一二三四五六七八九十", 4, []string{"一二三四", "五六七八", "九十"}},
		{"comma not at line start", "一二三四，五六", 4, []string{"一二三", "四，五六"}},
		{"full stop not at line start", "一二三四。", 4, []string{"一二三", "四。"}},
		{"closing bracket and comma", "一二三四）。五", 4, []string{"一二三", "四）。五"}},
		{"opening bracket not at line end", "一二三（四）", 4, []string{"一二三", "（四）"}},
		{"opening quote not at line end", "一二三“四”", 4, []string{"一二三", "“四”"}},
		{"title marks", "一二三《四》", 4, []string{"一二三", "《四》"}},
		{"dash pair not split", "一二三——四", 4, []string{"一二", "三——四"}},
		{"ellipsis pair not split", "一二三……", 4, []string{"一二", "三……"}},
		{"number kept whole", "一二2020年", 3.5, []string{"一二", "2020年"}},
		{"decimal kept whole", "金额768.0000万元", 5, []string{"金额", "768.0000万", "元"}},
		{"word kept whole", "用LED屏幕", 2, []string{"用", "LED", "屏幕"}},
		{"break space dropped", "ab cd ef", 2.5, []string{"ab", "cd", "ef"}},
		{"space inside line kept", "ab cd", 3, []string{"ab cd"}},
		{"word wider than line is cut", "abcdefghij", 2, []string{"abcd", "efgh", "ij"}},
		{"empty", "", 4, []string{""}},
		{"half-width comma after hanzi", "一二三四,五", 4, []string{"一二三", "四,五"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lineTexts(breakText(tt.in, fixedWidth, tt.width, tt.width))
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("breakText(%q, width %v) = %q, want %q", tt.in, tt.width, got, tt.want)
			}
		})
	}
}

func TestBreakTextKinsokuOnSeed(t *testing.T) {
	s := loadSeed(t)
	for key, text := range s.Sections {
		for _, para := range strings.Split(text, "\n") {
			for _, width := range []float64{7, 13, 20, 36} {
				for i, l := range breakText(para, fixedWidth, width-2, width) {
					txt := l.text()
					if txt == "" {
						continue
					}
					first, _ := utf8.DecodeRuneInString(txt)
					last, _ := utf8.DecodeLastRuneInString(txt)
					if i > 0 && classOf(first)&classNoStart != 0 {
						t.Errorf("%s width %v line %d starts with %q: %q", key, width, i, first, txt)
					}
					if !l.end && classOf(last)&classNoEnd != 0 {
						t.Errorf("%s width %v line %d ends with %q: %q", key, width, i, last, txt)
					}
				}
			}
		}
	}
}

// checkLossless fails unless the lines, concatenated, equal s minus the
// spaces at break points (and at its ends), and no line is wider than
// allowed unless it is a single unbreakable piece.
func checkLossless(t *testing.T, s string, first, rest float64) {
	t.Helper()
	rem := s
	for i, l := range breakText(s, fixedWidth, first, rest) {
		txt := l.text()
		rem = strings.TrimLeft(rem, " ")
		if !strings.HasPrefix(rem, txt) {
			t.Fatalf("line %d of %q is %q, want a prefix of %q", i, s, txt, rem)
		}
		rem = rem[len(txt):]
		if strings.HasPrefix(txt, " ") || strings.HasSuffix(txt, " ") {
			t.Errorf("line %d of %q has a break space: %q", i, s, txt)
		}
		limit := rest
		if i == 0 {
			limit = first
		}
		if l.width > limit+1e-9 && len(l.units) > 1 {
			t.Errorf("line %d of %q is %v wide, limit %v: %q", i, s, l.width, limit, txt)
		}
	}
	if strings.TrimLeft(rem, " ") != "" {
		t.Errorf("lines of %q lost %q", s, rem)
	}
}

func TestBreakTextLossless(t *testing.T) {
	s := loadSeed(t)
	for _, text := range s.Sections {
		for _, para := range strings.Split(text, "\n") {
			for _, w := range []float64{1, 3, 8, 36} {
				checkLossless(t, para, w, w)
			}
		}
	}
	for _, in := range []string{"a  b", "  lead", "一 二  三", "x——y", "（（（（（（", "，，，，，，", "aaaaaaaaaaaaaaaaaaaaa bbbbbbbbbb"} {
		for _, w := range []float64{0.5, 1, 2, 3} {
			checkLossless(t, in, w, w)
		}
	}
}

func FuzzBreakText(f *testing.F) {
	for _, s := range []string{"一二三四，五六", "用LED屏幕 ab cd", "（一）主动公开情况。", "x——y……z", ""} {
		f.Add(s, 3.0)
	}
	f.Fuzz(func(t *testing.T, s string, w float64) {
		if !utf8.ValidString(s) || strings.ContainsRune(s, '\n') || !(w >= 0.5 && w <= 100) {
			t.Skip()
		}
		checkLossless(t, s, w, w)
	})
}

func TestPlaceLineJustifies(t *testing.T) {
	tests := []struct {
		name        string
		in          string
		width       float64
		wantSpacing float64
		wantRuns    []string
	}{
		{"CJK spread evenly", "一二三四五", 6, 0.25, []string{"一二三四五"}},
		{"word kept tight", "一ab二", 4, 0.5, []string{"一", "ab", "二"}},
		{"already full", "一二三", 3, 0, []string{"一二三"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := breakText(tt.in, fixedWidth, 100, 100)[0]
			l.end = false // a line inside a paragraph
			runs := placeLine(nil, l, 0, tt.width, true, 10)
			var texts []string
			for _, r := range runs {
				texts = append(texts, r.text)
			}
			if fmt.Sprint(texts) != fmt.Sprint(tt.wantRuns) {
				t.Fatalf("runs of %q = %q, want %q", tt.in, texts, tt.wantRuns)
			}
			if got := runs[0].spacing; !near(got, tt.wantSpacing) {
				t.Errorf("spacing of %q in %v = %v, want %v", tt.in, tt.width, got, tt.wantSpacing)
			}
			// The last glyph must end exactly at the right edge.
			lastRun := runs[len(runs)-1]
			end := lastRun.x
			for _, c := range lastRun.text {
				end += fixedWidth(c) + lastRun.spacing
			}
			if lastRun.spacing != 0 {
				end -= lastRun.spacing
			}
			if !near(end, tt.width) {
				t.Errorf("%q ends at %v, want %v", tt.in, end, tt.width)
			}
		})
	}
}

func TestPlaceLineLastLineNotJustified(t *testing.T) {
	l := breakText("一二三", fixedWidth, 10, 10)[0]
	if !l.end {
		t.Fatal("single line not marked as paragraph end")
	}
	if runs := placeLine(nil, l, 0, 10, true, 10); runs[0].spacing != 0 {
		t.Errorf("last line spaced by %v, want 0", runs[0].spacing)
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

func TestBalanceTitle(t *testing.T) {
	tests := []struct {
		title string
		width float64
		lines int
	}{
		{"西工区教育体育局2020年政府信息公开工作年度报告", 20, 2},
		{"西工区教育体育局2020年政府信息公开工作年度报告", 15, 2},
		{"上海市人民政府办公厅2019年政府信息公开工作年度报告", 24, 2},
		{"某某市某某区某某街道办事处关于二〇二〇年度政府信息公开工作情况的年度报告", 15, 3},
		{"短标题", 20, 1},
		{"湖州市自然资源和规划局2023年政府信息公开工作年度报告", 17, 2},
	}
	for _, tt := range tests {
		ls := balance(tt.title, fixedWidth, tt.width)
		got := lineTexts(ls)
		if len(ls) != tt.lines {
			t.Errorf("balance(%q, %v) = %q: %d lines, want %d", tt.title, tt.width, got, len(ls), tt.lines)
			continue
		}
		if strings.Join(got, "") != tt.title {
			t.Errorf("balance(%q) lost characters: %q", tt.title, got)
		}
		minW, maxW := ls[0].width, ls[0].width
		for _, l := range ls {
			minW, maxW = min(minW, l.width), max(maxW, l.width)
			if l.width > tt.width {
				t.Errorf("balance(%q): line %q is %v wide, limit %v", tt.title, l.text(), l.width, tt.width)
			}
		}
		for _, l := range got {
			if strings.HasPrefix(l, "年") {
				t.Errorf("balance(%q, %v) = %q: the year is split from 年", tt.title, tt.width, got)
			}
		}
		// Balanced: no line is a stub of one or two characters, and lines
		// differ by at most two characters.
		if len(ls) > 1 && (minW < 3 || maxW-minW > 2) {
			t.Errorf("balance(%q, %v) = %q: widths %v..%v not balanced", tt.title, tt.width, got, minW, maxW)
		}
	}
}
