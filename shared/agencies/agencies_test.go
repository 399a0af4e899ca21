package agencies

import (
	"slices"
	"testing"

	"github.com/nianbao/nianbao/shared/roster"
)

var list = []roster.Agency{
	{Name: "西工区教育体育局", CreditCode: "11410303MB0000001X", Region: "河南省洛阳市西工区"},
	{Name: "洛阳市西工区民政局", CreditCode: "11410303MB0000009N", Region: "河南省洛阳市西工区"},
	{Name: "洛阳市教育局", CreditCode: "11410300MB0000003A", Region: "河南省洛阳市"},
	{Name: "教育局", CreditCode: "11410302MB0000004B", Region: "河南省洛阳市老城区"},
	{Name: "教育局", CreditCode: "11410304MB0000005C", Region: "河南省洛阳市瀍河回族区"},
	{Name: "平潭综合实验区市场监督管理局（知识产权局）", CreditCode: "12350128MB0000006D", Region: "福建省平潭综合实验区"},
	{Name: "自然资源局", CreditCode: "11330500MB1D00017E", Region: "浙江省湖州市"},
	{Name: "自然资源局", CreditCode: "11330500MB1D00018F", Region: "浙江省湖州市"},
}

func TestMatch(t *testing.T) {
	l := New(list)
	tests := []struct {
		name, printed, region string
		want                  string   // the credit code found, "" for none
		candidates            []string // the candidates of an ambiguous name
	}{
		{"exact", "西工区教育体育局", "", "11410303MB0000001X", nil},
		{"spaces and full-width spaces", " 西工区　教育 体育局\t", "", "11410303MB0000001X", nil},
		{"with its city", "洛阳市西工区教育体育局", "", "11410303MB0000001X", nil},
		{"with its province", "河南省洛阳市西工区教育体育局", "", "11410303MB0000001X", nil},
		{"listed with its city, printed without", "西工区民政局", "", "11410303MB0000009N", nil},
		{"listed with its city, printed with its province", "河南省洛阳市西工区民政局", "", "11410303MB0000009N", nil},
		{"a city's agency", "洛阳市教育局", "", "11410300MB0000003A", nil},
		{"full-width brackets", "平潭综合实验区市场监督管理局(知识产权局)", "", "12350128MB0000006D", nil},
		{"other brackets", "平潭综合实验区市场监督管理局【知识产权局】", "", "12350128MB0000006D", nil},
		{"one name, two regions", "教育局", "", "", []string{"11410302MB0000004B", "11410304MB0000005C"}},
		{"told apart by the printed region", "老城区教育局", "", "11410302MB0000004B", nil},
		{"told apart by the report's region", "教育局", "河南省洛阳市瀍河回族区", "11410304MB0000005C", nil},
		{"a region that fits neither tells nothing", "教育局", "浙江省", "", []string{"11410302MB0000004B", "11410304MB0000005C"}},
		{"two agencies, one name, one region", "湖州市自然资源局", "", "", []string{"11330500MB1D00017E", "11330500MB1D00018F"}},
		{"another district's agency", "老城区教育体育局", "", "", nil},
		{"the core alone is no name", "教育体育局", "", "", nil},
		{"empty", " ", "", "", nil},
		{"a near miss is no match", "西工区教育局", "", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := l.Match(tt.printed, tt.region)
			if m.Agency.CreditCode != tt.want || m.Found() != (tt.want != "") {
				t.Errorf("Match(%q, %q) = %q, want %q", tt.printed, tt.region, m.Agency.CreditCode, tt.want)
			}
			var got []string
			for _, c := range m.Candidates {
				got = append(got, c.CreditCode)
			}
			if !slices.Equal(got, tt.candidates) || m.Ambiguous != len(tt.candidates) {
				t.Errorf("Match(%q, %q) candidates %v (%d), want %v", tt.printed, tt.region, got, m.Ambiguous, tt.candidates)
			}
		})
	}
}

// TestExactBeatsVariant: a name that is one agency's own name is that
// agency, even when it is also another's name with a region in front.
func TestExactBeatsVariant(t *testing.T) {
	l := New([]roster.Agency{
		{Name: "洛阳市教育局", CreditCode: "11410300MB0000003A", Region: "河南省洛阳市"},
		{Name: "教育局", CreditCode: "11410300MB0000007G", Region: "河南省洛阳市"}, // the same body listed twice, badly
	})
	if m := l.Match("洛阳市教育局", ""); m.Agency.CreditCode != "11410300MB0000003A" {
		t.Errorf("Match = %+v, want the agency of that exact name", m)
	}
}

func TestLevels(t *testing.T) {
	tests := []struct {
		region string
		want   []string
	}{
		{"河南省洛阳市西工区", []string{"河南省", "洛阳市", "西工区"}},
		{"新疆维吾尔自治区伊犁哈萨克自治州伊宁县", []string{"新疆维吾尔自治区", "伊犁哈萨克自治州", "伊宁县"}},
		{"内蒙古自治区锡林郭勒盟正蓝旗", []string{"内蒙古自治区", "锡林郭勒盟", "正蓝旗"}},
		{"上海市浦东新区", []string{"上海市", "浦东新区"}},
		{"浙江省湖州市吴兴区", []string{"浙江省", "湖州市", "吴兴区"}},
		{"吉林省延边朝鲜族自治州延吉市", []string{"吉林省", "延边朝鲜族自治州", "延吉市"}},
		{"福建省平潭综合实验区", []string{"福建省", "平潭综合实验区"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := levels(tt.region); !slices.Equal(got, tt.want) {
			t.Errorf("levels(%q) = %q, want %q", tt.region, got, tt.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"西工区　教育体育局 ", "西工区教育体育局"},
		{"ＡＢＣ１２３", "ABC123"},
		{"某局（某办）", "某局(某办)"},
		{"某局〔某办〕", "某局(某办)"},
		{"河南省/洛阳市·西工区", "河南省洛阳市西工区"},
		{"某\u200b局\ufeff", "某局"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestByCode(t *testing.T) {
	l := New(list)
	if a, ok := l.ByCode("11410300MB0000003A"); !ok || a.Name != "洛阳市教育局" {
		t.Errorf("ByCode = %+v, %v", a, ok)
	}
	if _, ok := l.ByCode("11410300MB0000003B"); ok {
		t.Error("ByCode finds a code not listed")
	}
}
