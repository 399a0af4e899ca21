package templatetest

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/source"
)

func grid(t *testing.T, rows [][]source.SourceCell) *source.Table {
	t.Helper()
	tb, ok := source.Layout(rows, 1, 64, 1000)
	if !ok {
		t.Fatal("layout")
	}
	return tb
}

func TestCompare(t *testing.T) {
	want := grid(t, [][]source.SourceCell{
		{{Text: "信息内容"}, {Text: "本年制发件数"}},
		{{Text: "规章"}, {Text: "3", Key: "table2.x"}},
	})
	// The same table split more finely, inside a page.
	same := grid(t, [][]source.SourceCell{
		{{Text: "标题", ColSpan: 3}},
		{{Text: "信息 内容", ColSpan: 2}, {Text: "本年制发件数"}},
		{{Text: "规章", ColSpan: 2}, {Text: "3"}},
	})
	if d := Compare(same, want); len(d) != 0 {
		t.Errorf("Compare found differences in the same table: %q", d)
	}
	changed := grid(t, [][]source.SourceCell{{{Text: "信息内容"}, {Text: "本年制发件数"}}, {{Text: "规章"}, {Text: "4"}}})
	if d := Compare(changed, want); len(d) != 1 || !strings.Contains(d[0], "row 2") {
		t.Errorf("Compare(a changed value) = %q, want one difference in row 2", d)
	}
	shifted := grid(t, [][]source.SourceCell{{{Text: "信息内容"}, {}, {Text: "本年制发件数"}}, {{Text: "规章"}, {Text: "3"}, {}}})
	if d := Compare(shifted, want); len(d) != 1 || !strings.Contains(d[0], "label above") {
		t.Errorf("Compare(a value under the wrong column) = %q, want one label difference", d)
	}
	if d := CompareKeyed(changed, want); len(d) != 1 {
		t.Errorf("CompareKeyed(a changed, unkeyed value) = %q, want one difference", d)
	}
	base := map[string]string{"a": "1", "b": "2"}
	if d := DiffMutant(base, map[string]string{"a": "2", "b": "3"}, "a", "2"); len(d) != 1 || !strings.Contains(d[0], "changed b") {
		t.Errorf("DiffMutant = %q, want b reported", d)
	}
}
