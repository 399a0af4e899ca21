package export

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/shared/members"
	"github.com/nianbao/nianbao/shared/members/memberstest"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/roster"
	"github.com/nianbao/nianbao/shared/testkit"
	"github.com/nianbao/nianbao/shared/xlsxwrite"
)

var now = time.Date(2024, 4, 2, 9, 0, 0, 0, roster.Beijing)

// workbook exports the example ×1 and ×2, the second with a "/" amount and
// a broken identity, and a third member whose report cannot be read.
func workbook(t *testing.T) ([]byte, *report.Report) {
	t.Helper()
	src := memberstest.New()
	var entries []members.Entry
	entries = append(entries, src.File(t, memberstest.Agency(t, 1, "吴兴区人民政府", "浙江省湖州市吴兴区", 1), now))
	second := memberstest.Agency(t, 2, "南浔区人民政府", "浙江省湖州市南浔区", 2)
	second.SetCell("table2.art20_8.administrativeFees.feeAmountWanYuan", report.Cell{State: report.NotApplicable})
	second.SetCell("table3.newReceived.naturalPerson", report.Num(1))
	entries = append(entries, src.File(t, second, now))
	third := src.File(t, memberstest.Agency(t, 3, "德清县人民政府", "浙江省湖州市德清县", 3), now)
	src.Corrupt(third.ID, []byte("null"))
	entries = append(entries, third)
	ms, err := members.Read(context.Background(), src, entries, now)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Write(context.Background(), &b, Input{Year: 2023, Region: "浙江省湖州市", Members: ms, Now: now}); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return b.Bytes(), memberstest.Example(t)
}

func TestWorkbookReadsBack(t *testing.T) {
	data, ex := workbook(t)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("excelize cannot open the export: %v", err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "表二,表三,表四,问题" {
		t.Errorf("sheets: got %s", got)
	}
	l := report.LayoutOf(report.Format2021)
	for _, sh := range sheets(l) {
		depth := len(sh.columns[0].levels)
		first := depth + 2 // the title, the heading rows, then the first agency
		for j, c := range sh.columns {
			ref := cellName(j, first-1)
			got, err := f.GetCellValue(sh.name, ref)
			if err != nil {
				t.Fatal(err)
			}
			var want string
			switch {
			case j == 0:
				want = "吴兴区人民政府"
			case j == 1:
				want = memberstest.Agency(t, 1, "", "", 1).Agency.CreditCode
			case j == 2:
				want = "浙江省湖州市吴兴区"
			default:
				want = ex.CellAt(c.cell).String()
			}
			if got != want {
				t.Errorf("%s!%s (%s): got %q, want %q", sh.name, ref, strings.Join(c.levels, "/"), got, want)
			}
			typ, _ := f.GetCellType(sh.name, ref)
			if j > 2 && typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
				t.Errorf("%s!%s: a number stored as %v", sh.name, ref, typ)
			}
		}
		rows, err := f.GetRows(sh.name)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != first+1 { // two readable members
			t.Errorf("%s: %d rows, want %d", sh.name, len(rows), first+1)
		}
	}
	if v, _ := f.GetCellValue("表二", cellName(len(sheets(l)[0].columns)-1, 5)); v != "/" {
		t.Errorf("the second member's \"/\" amount: got %q", v)
	}
}

func TestWorkbookHeadingsAreMergedAsTheFormatPrintsThem(t *testing.T) {
	data, _ := workbook(t)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	merged := map[string]map[string]string{}
	for _, name := range []string{"表二", "表三", "表四"} {
		merged[name] = map[string]string{}
		mcs, err := f.GetMergeCells(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, mc := range mcs {
			merged[name][mc.GetCellValue()] += mc.GetStartAxis() + ":" + mc.GetEndAxis() + " "
		}
	}
	// Columns: 3 agency columns, then 表三's 25 rows × 7 columns.
	for _, tc := range []struct{ sheet, label, want string }{
		{"表三", "机关名称", "A2:A6 "},
		{"表三", "一、本年新收政府信息公开申请数量", "D2:J4 "}, // over its 7 columns and down to the column headings
		{"表三", "三、本年度办理结果", "R2:FO2 "},       // over the 22 result rows (2021 format, （七）总计 included) × 7
		{"表四", "行政诉讼", "I2:R2 "},
		{"表四", "行政复议", "D2:H3 "},
		{"表二", "第二十条第（一）项", "D2:I2 "},
	} {
		if got := merged[tc.sheet][tc.label]; got != tc.want {
			t.Errorf("%s “%s”: merged %q, want %q", tc.sheet, tc.label, got, tc.want)
		}
	}
	if n := strings.Count(merged["表三"]["法人或其他组织"], ":"); n != 25 {
		t.Errorf("表三 法人或其他组织 merged %d times, want once per row (25)", n)
	}
	if got := merged["表三"]["自然人"]; !strings.HasPrefix(got, "D5:D6 ") {
		t.Errorf("表三 自然人 spans both column heading rows: got %q", got)
	}
}

func TestFindingsSheet(t *testing.T) {
	data, _ := workbook(t)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("问题")
	if err != nil {
		t.Fatal(err)
	}
	var text []string
	for _, r := range rows {
		text = append(text, strings.Join(r, "|"))
	}
	all := strings.Join(text, "\n")
	for _, want := range []string{"南浔区人民政府|" + memberstest.Agency(t, 2, "", "", 1).Agency.CreditCode + "|H1|错误|表三 四、结转下年度继续办理|自然人|",
		"南浔区人民政府|" + memberstest.Agency(t, 2, "", "", 1).Agency.CreditCode + "|S7|警告|",
		"德清县人民政府|" + memberstest.Agency(t, 3, "", "", 1).Agency.CreditCode + "|unreadable|错误|||年报无法解析，未列入各表"} {
		if !strings.Contains(all, want) {
			t.Errorf("the findings sheet lacks %q:\n%s", want, all)
		}
	}
}

// LibreOffice, as a stand-in for Excel and WPS, opens the workbook and
// reads 表三's numbers as numbers.
func TestLibreOfficeOpensTheWorkbook(t *testing.T) {
	if testing.Short() {
		t.Skip("starts LibreOffice")
	}
	soffice := testkit.Tool(t, "soffice")
	data, ex := workbook(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "export.xlsx")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	// The CSV filter's options: comma-separated, UTF-8, the second sheet (表三).
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "export*.csv"))
	if len(matches) == 0 {
		t.Fatal("soffice wrote no CSV")
	}
	csv, err := os.ReadFile(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	nr, _ := ex.Cell("table3.newReceived.naturalPerson")
	want := "吴兴区人民政府," + memberstest.Agency(t, 1, "", "", 1).Agency.CreditCode + ",浙江省湖州市吴兴区," + strconv.FormatInt(int64(nr.Value/report.Unit), 10) + ","
	if !strings.Contains(string(csv), want) {
		t.Errorf("LibreOffice's CSV of 表三 lacks %q:\n%.600s", want, csv)
	}
}

// cellName is the reference of the cell at col and row, both 0-based.
func cellName(col, row int) string { return xlsxwrite.Ref(row+1, col+1) }

// Amounts reach the file as the decimals the report holds, digit for digit
// (a spreadsheet reads them to 15 significant digits; through float64 the
// export would have written 123456789012.34567).
func TestAmountsAreExact(t *testing.T) {
	r := memberstest.Agency(t, 1, "吴兴区人民政府", "浙江省湖州市吴兴区", 1)
	r.SetCell("table2.art20_8.administrativeFees.feeAmountWanYuan", report.Cell{State: report.Number, Value: 123456789012_345678})
	m := members.Member{Entry: members.Entry{Name: r.Agency.Name, CreditCode: r.Agency.CreditCode, Region: r.Agency.Region}, Report: r}
	var b bytes.Buffer
	if err := Write(context.Background(), &b, Input{Year: 2023, Members: []members.Member{m}, Now: now}); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open("xl/worksheets/sheet1.xml") // 表二
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(sheet, []byte("<v>123456789012.345678</v>")) {
		t.Error("表二 does not hold the fee amount 123456789012.345678 as written")
	}
}

func TestWriteStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Write(ctx, io.Discard, Input{Year: 2023, Now: now}); !errors.Is(err, context.Canceled) {
		t.Errorf("Write with a cancelled context: %v", err)
	}
}
