package rosterfile

import (
	"github.com/nianbao/nianbao/shared/roster"

	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/nianbao/nianbao/shared/report/reporttest"
)

var (
	code1 = reporttest.CreditCode(1)
	code2 = reporttest.CreditCode(2)
	code3 = reporttest.CreditCode(3)
)

const head = "机关名称,统一社会信用代码,行政区划,类别\n"

func TestParseAcceptsWhatOfficesSave(t *testing.T) {
	body := head +
		"西工区教育体育局," + code1 + ",河南省洛阳市西工区,部门\n" +
		"\n" + // blank rows are skipped
		" 西工区人民政府 ,\t" + strings.ToLower(code2) + "\u3000,河南省洛阳市西工区,政府\n"
	want := []roster.Agency{
		{Name: "西工区教育体育局", CreditCode: code1, Region: "河南省洛阳市西工区", Category: roster.Department},
		{Name: "西工区人民政府", CreditCode: code2, Region: "河南省洛阳市西工区", Category: roster.Government},
	}
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(body)
	if err != nil {
		t.Fatal(err)
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(strings.ReplaceAll(strings.ReplaceAll(body, "\t", ""), ",", "\t"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"utf-8", []byte(body)},
		{"utf-8 with BOM", []byte("\xef\xbb\xbf" + body)},
		{"gb18030", []byte(gb)},
		{"utf-16 tab-separated", []byte(utf16)},
		{"crlf", []byte(strings.ReplaceAll(body, "\n", "\r\n"))},
		{"title row naming the year", []byte("2024年度政府信息公开工作年度报告报送名册\n" + body)},
		{"notes in the headings and a year column", []byte("机关名称,统一社会信用代码（18位）,行政区划,类别(部门/政府),年度,备注\n" +
			"西工区教育体育局," + code1 + ",河南省洛阳市西工区,部门,2024,\n" +
			"西工区人民政府," + code2 + ",河南省洛阳市西工区,政府,2024年,新增\n")},
		{"columns in another order", []byte("类别,行政区划,机关名称,统一社会信用代码\n" +
			"部门,河南省洛阳市西工区,西工区教育体育局," + code1 + "\n" +
			"政府,河南省洛阳市西工区,西工区人民政府," + code2 + "\n")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Parse(tc.data, 2024)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if r.Year != 2024 || len(r.Agencies) != len(want) {
				t.Fatalf("got year %d, %d agencies %+v; want 2024, %+v", r.Year, len(r.Agencies), r.Agencies, want)
			}
			for i := range want {
				if r.Agencies[i] != want[i] {
					t.Errorf("agency %d: got %+v, want %+v", i, r.Agencies[i], want[i])
				}
			}
		})
	}
}

func TestParseNamesEveryProblem(t *testing.T) {
	badCheck := code1[:17] + string(otherThan(code1[17]))
	for _, tc := range []struct {
		name string
		body string
		want []string // each problem's message, in order
	}{
		{"bad credit codes", head +
			"甲局," + badCheck + ",某区,部门\n" +
			"乙局,1234,某区,部门\n" +
			"丙局,1.14103E+17,某区,部门\n" +
			"丁局,11330500MB1D0000I1,某区,部门\n",
			[]string{
				"第 2 行“统一社会信用代码”列：“" + badCheck + "”的校验码不符（按前 17 位应为“" + code1[17:] + "”），请核对",
				"第 3 行“统一社会信用代码”列：“1234”不是 18 位（有 4 位）",
				"第 4 行“统一社会信用代码”列：“1.14103E+17”被表格软件当作数字（科学计数法）显示：请把该列设为“文本”格式，重新输入代码",
				"第 5 行“统一社会信用代码”列：“11330500MB1D0000I1”含有统一社会信用代码不用的字符（只用数字和除 I、O、S、V、Z 以外的大写字母）",
			}},
		{"duplicates", head +
			"甲局," + code1 + ",某区,部门\n" +
			"乙局," + code2 + ",某区,部门\n" +
			"甲局（重复）," + code1 + ",某区,部门\n",
			[]string{"第 4 行“统一社会信用代码”列：“" + code1 + "”与第 2 行重复：同一机关只能列一次"}},
		{"unknown and empty categories", head +
			"甲局," + code1 + ",某区,单位\n" +
			"乙局," + code2 + ",某区,\n",
			[]string{
				"第 2 行“类别”列：“单位”不是有效类别，应为“部门”或“政府”（决定报送期限：部门 1 月 31 日，政府 3 月 31 日）",
				"第 3 行“类别”列：不能为空，应为“部门”或“政府”",
			}},
		{"empty cells", head + "," + code1 + ",,部门\n",
			[]string{"第 2 行“机关名称”列：不能为空", "第 2 行“行政区划”列：不能为空"}},
		{"year mismatch in the title", "2023年度报送名册\n" + head + "甲局," + code1 + ",某区,部门\n",
			[]string{"第 1 行：标题写明 2023 年度，而上传的是 2024 年度的名册"}},
		{"year mismatch in a year column", "机关名称,统一社会信用代码,行政区划,类别,年度\n甲局," + code1 + ",某区,部门,2023\n",
			[]string{"第 2 行“年度”列：写的是“2023”，而上传的是 2024 年度的名册"}},
		{"missing column", "机关名称,统一社会信用代码,类别\n甲局," + code1 + ",部门\n",
			[]string{"第 1 行：表头缺少“行政区划”列；应有：机关名称、统一社会信用代码、行政区划、类别"}},
		{"no header", "甲局," + code1 + ",某区,部门\n",
			[]string{"找不到表头行：前 20 行中应有一行写明 机关名称、统一社会信用代码、行政区划、类别"}},
		{"header only", head, []string{"名册在表头之后没有任何机关"}},
		{"broken quotes", head + "\"甲局," + code1 + ",某区,部门\n",
			[]string{"第 2 行起：CSV 格式错误（引号不成对），请检查引号"}},
		{"old excel", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", []string{"这是旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV（逗号分隔）后再上传"}},
		{"not text", "\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01", []string{"无法识别文件编码：请以 UTF-8 或 GB18030（GBK）编码的 CSV，或 .xlsx 格式上传"}},
		{"empty", " \n", []string{"文件是空的"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.body), 2024)
			var inv *roster.InvalidError
			if !errors.As(err, &inv) || !errors.Is(err, roster.ErrInvalid) {
				t.Fatalf("Parse(%q): got %v, want an *InvalidError", tc.body, err)
			}
			var got []string
			for _, p := range inv.Problems {
				got = append(got, p.Message)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("Parse(%q) problems:\ngot  %q\nwant %q", tc.body, got, tc.want)
			}
		})
	}
}

func TestParseCapsProblems(t *testing.T) {
	var b strings.Builder
	b.WriteString(head)
	for range roster.MaxProblems + 50 {
		b.WriteString("甲局,bad,某区,部门\n")
	}
	_, err := Parse([]byte(b.String()), 2024)
	var inv *roster.InvalidError
	if !errors.As(err, &inv) {
		t.Fatalf("got %v, want an *InvalidError", err)
	}
	if len(inv.Problems) != roster.MaxProblems || inv.Omitted != 50 {
		t.Errorf("got %d problems and %d omitted, want %d and 50", len(inv.Problems), inv.Omitted, roster.MaxProblems)
	}
}

func TestParseRefusesOversizedFiles(t *testing.T) {
	_, err := Parse(make([]byte, MaxBytes+1), 2024)
	if !errors.Is(err, roster.ErrInvalid) {
		t.Fatalf("got %v, want ErrInvalid", err)
	}
}

func otherThan(c byte) byte {
	if c == '0' {
		return '1'
	}
	return '0'
}

// TestParseAgencies: an agencies file is a roster whose 类别 may be absent
// or empty; a 类别 that is given must still be right, and everything else
// is checked as in a roster.
func TestParseAgencies(t *testing.T) {
	tests := []struct {
		name, body string
		want       []roster.Agency
		problems   []string
	}{
		{"no category column", "机关名称,统一社会信用代码,行政区划\n西工区教育体育局," + code1 + ",河南省洛阳市西工区\n",
			[]roster.Agency{{Name: "西工区教育体育局", CreditCode: code1, Region: "河南省洛阳市西工区"}}, nil},
		{"empty and given categories", head + "西工区教育体育局," + code1 + ",河南省洛阳市西工区,\n西工区人民政府," + code2 + ",河南省洛阳市西工区,政府\n",
			[]roster.Agency{{Name: "西工区教育体育局", CreditCode: code1, Region: "河南省洛阳市西工区"},
				{Name: "西工区人民政府", CreditCode: code2, Region: "河南省洛阳市西工区", Category: roster.Government}}, nil},
		{"a wrong category", head + "西工区教育体育局," + code1 + ",河南省洛阳市西工区,局\n", nil,
			[]string{"第 2 行“类别”列：“局”不是有效类别，应为“部门”或“政府”（决定报送期限：部门 1 月 31 日，政府 3 月 31 日）"}},
		{"no region column", "机关名称,统一社会信用代码\n西工区教育体育局," + code1 + "\n", nil,
			[]string{"第 1 行：表头缺少“行政区划”列；应有：机关名称、统一社会信用代码、行政区划"}},
		{"a bad code", "机关名称,统一社会信用代码,行政区划\n西工区教育体育局," + code3[:17] + "0,河南省洛阳市西工区\n", nil,
			[]string{"第 2 行“统一社会信用代码”列：“" + code3[:17] + "0”的校验码不符（按前 17 位应为“" + code3[17:] + "”），请核对"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ParseAgencies([]byte(tt.body), 2024)
			var inv *roster.InvalidError
			switch {
			case tt.problems == nil && err != nil:
				t.Fatalf("ParseAgencies(%q): %v", tt.body, err)
			case tt.problems == nil:
				if len(r.Agencies) != len(tt.want) {
					t.Fatalf("ParseAgencies(%q) = %+v, want %+v", tt.body, r.Agencies, tt.want)
				}
				for i := range tt.want {
					if r.Agencies[i] != tt.want[i] {
						t.Errorf("agency %d = %+v, want %+v", i, r.Agencies[i], tt.want[i])
					}
				}
			case !errors.As(err, &inv):
				t.Fatalf("ParseAgencies(%q) = %v, want problems %q", tt.body, err, tt.problems)
			default:
				var got []string
				for _, p := range inv.Problems {
					got = append(got, p.Message)
				}
				if strings.Join(got, "\n") != strings.Join(tt.problems, "\n") {
					t.Errorf("problems:\n got %q\nwant %q", got, tt.problems)
				}
			}
		})
	}
	if _, err := Parse([]byte("机关名称,统一社会信用代码,行政区划\n西工区教育体育局,"+code1+",河南省洛阳市西工区\n"), 2024); err == nil {
		t.Error("Parse accepts a roster without 类别")
	}
}
