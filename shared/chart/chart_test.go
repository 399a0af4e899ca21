package chart

import (
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/testkit"
)

var eventAttr = regexp.MustCompile(`\son[a-z]+="`)

var update = flag.Bool("update", false, "rewrite testdata/golden/chart-*.svg")

func charts() map[string]string {
	return map[string]string{
		"chart-bars.svg": Bars{ID: "requests", Title: "各机关收到申请数", Desc: "本年新收政府信息公开申请最多的机关",
			Labels: []string{"湖州市自然资源和规划局", "吴兴区人民政府", "一个名字非常非常非常非常非常长的机关名称需要截短", "其余 12 个机关"},
			Series: []Series{{Name: "本年新收", Values: []int64{116, 348, 12, 1520}}}, Unit: "件"}.SVG(),
		"chart-stacked.svg": Bars{ID: "review", Title: "行政复议、行政诉讼", Desc: "按结果分",
			Labels: []string{"行政复议", "未经复议直接起诉", "复议后起诉"},
			Series: []Series{{Name: "结果维持", Values: []int64{6, 6, 3}}, {Name: "结果纠正", Values: []int64{3, 0, 0}},
				{Name: "其他结果", Values: []int64{3, 0, 0}}, {Name: "尚未审结", Values: []int64{3, 3, 0}}}, Unit: "件"}.SVG(),
		"chart-lines.svg": Lines{ID: "trend", Title: "历年趋势", Desc: "2021–2023 年",
			X:      []string{"2021", "2022", "2023"},
			Series: []Series{{Name: "本年新收", Values: []int64{820, 1040, 696}}, {Name: "行政复议与诉讼", Values: []int64{12, 20, 9}}}, Unit: "件"}.SVG(),
		"chart-one-year.svg": Lines{ID: "one", Title: "历年趋势", Desc: "仅 2023 年",
			X: []string{"2023"}, Series: []Series{{Name: "本年新收", Values: []int64{0}}}}.SVG(),
	}
}

func TestGolden(t *testing.T) {
	for name, got := range charts() {
		path := testkit.Path(t, "testdata", "golden", name)
		if *update {
			if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want := strings.TrimSuffix(string(testkit.Testdata(t, "golden/"+name)), "\n")
		if got != want {
			t.Errorf("%s differs from the golden file (go test ./shared/chart -update rewrites it):\ngot  %s\nwant %s", name, got, want)
		}
	}
}

func TestChartsAreStaticWellFormedAndLabelled(t *testing.T) {
	hostile := Bars{ID: `x" onclick="y`, Title: `<script>alert(1)</script>`, Desc: `" onload="x`,
		Labels: []string{"a&b<c>\x01"}, Series: []Series{{Name: `</text><script>`, Values: []int64{-5}}}}.SVG()
	for name, doc := range map[string]string{"hostile": hostile, "lines": charts()["chart-lines.svg"], "bars": charts()["chart-bars.svg"]} {
		if strings.Contains(doc, "<script") || eventAttr.MatchString(doc) {
			t.Errorf("%s: has a script or an event attribute: %s", name, doc)
		}
		if !strings.Contains(doc, `role="img"`) || !strings.Contains(doc, `-t">`) || !strings.Contains(doc, `-d">`) {
			t.Errorf("%s: not labelled for assistive technology", name)
		}
		dec := xml.NewDecoder(strings.NewReader(doc))
		for {
			_, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s: not well-formed XML: %v\n%s", name, err, doc)
			}
		}
	}
}

func TestGroupAndFit(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -1500: "-1,500"} {
		if got := Group(n); got != want {
			t.Errorf("Group(%d) = %s, want %s", n, got, want)
		}
	}
	if got := fit("一二三四五六七八九十", 5*fontSize); got != "一二三四…" {
		t.Errorf("fit: got %s", got)
	}
}
