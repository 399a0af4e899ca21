package xlsx_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/xlsx"
)

// rows renders what Rows gives: "n:" then the cells separated by "|",
// numbers marked with "#".
func rows(t *testing.T, data []byte, width int) ([]string, error) {
	t.Helper()
	var out []string
	err := xlsx.Rows(context.Background(), data, source.DefaultLimits, width, func(row int, cells []xlsx.Value) error {
		var s []string
		for _, c := range cells {
			if c.Number {
				c.Text += "#"
			}
			s = append(s, c.Text)
		}
		out = append(out, fmt.Sprintf("%d:%s", row, strings.Join(s, "|")))
		return nil
	})
	return out, err
}

func TestRows(t *testing.T) {
	tests := []struct {
		name  string
		book  book
		width int
		want  []string
	}{
		{"rows as the sheet numbers them, values as held",
			book{sheets: []string{"名册"}, shared: []string{`<t>机关名称</t>`, `<r><t>西工区</t></r><r><t>教育局</t></r>`},
				xml: map[string]string{"名册": sheetData(
					row("1", c("A1", ` t="s"`, `<v>0</v>`), c("C1", ` t="inlineStr"`, `<is><t>类别</t></is>`)),
					row("4", c("A4", ` t="s"`, `<v>1</v>`), c("B4", ``, `<v>114103030000000000</v>`), c("C4", ` t="str"`, `<f>"部"&amp;"门"</f><v>部门</v>`), c("D4", ` t="b"`, `<v>0</v>`)),
					`<row r="5"/>`,
					row("6", c("B6", ` s="2"`, ``), c("E6", ` t="n"`, `<v>326.57999999999998</v>`)))}},
			8, []string{"1:机关名称||类别", "4:西工区教育局|114103030000000000#|部门|FALSE", "5:", "6:||||326.58#"}},
		{"cells past the width left out",
			book{sheets: []string{"S"}, xml: map[string]string{"S": sheetData(row("1", c("A1", ``, `<v>1</v>`), c("B1", ``, `<v>2</v>`), c("XFD1", ``, `<v>3</v>`)))}},
			2, []string{"1:1#|2#"}},
		{"cells and rows without references follow one another",
			book{sheets: []string{"S"}, xml: map[string]string{"S": `<sheetData><row><c><v>1</v></c><c><v>2</v></c></row><row><c r="B2"><v>3</v></c></row></sheetData>`}},
			4, []string{"1:1#|2#", "2:|3#"}},
		{"the first sheet a person sees",
			book{sheets: []string{"隐藏", "名册"}, hidden: map[string]bool{"隐藏": true},
				xml: map[string]string{"隐藏": sheetData(row("1", c("A1", ``, `<v>9</v>`))), "名册": sheetData(row("2", c("A2", ``, `<v>1</v>`)))}},
			4, []string{"2:1#"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := rows(t, tt.book.bytes(t), tt.width)
			if err != nil {
				t.Fatalf("Rows: %v", err)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("rows:\ngot  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestRowsStopsAndRefuses(t *testing.T) {
	data := book{sheets: []string{"S"}, xml: map[string]string{"S": sheetData(row("1", c("A1", ``, `<v>1</v>`)), row("2", c("A2", ``, `<v>2</v>`)))}}.bytes(t)
	stop := errors.New("enough")
	n := 0
	err := xlsx.Rows(context.Background(), data, source.DefaultLimits, 4, func(int, []xlsx.Value) error { n++; return stop })
	if err != stop || n != 1 {
		t.Errorf("fn's error: Rows = %v after %d rows, want it at once", err, n)
	}
	for name, data := range map[string][]byte{
		"not a zip":        []byte("PK\x03\x04 and nothing more"),
		"no visible sheet": book{sheets: []string{"h"}, hidden: map[string]bool{"h": true}, xml: map[string]string{"h": sheetData()}}.bytes(t),
		"a zip bomb":       bomb(t),
	} {
		err := xlsx.Rows(context.Background(), data, source.DefaultLimits, 4, func(int, []xlsx.Value) error { return nil })
		if !errors.Is(err, source.ErrRefused) {
			t.Errorf("%s: Rows = %v, want a refusal", name, err)
		}
	}
}
