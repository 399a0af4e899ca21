package xlsx_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/xlsx"
	"github.com/nianbao/nianbao/shared/template/templatetest"
)

// BenchmarkRead reads the 2021 example as a filled workbook (five sheets,
// about 200 value cells, formulas, merged headers) with this reader and,
// side by side, with excelize doing the same work (every sheet's raw
// values, its merged ranges, the defined names and custom properties). Run
// with -count to interleave them.
func BenchmarkRead(b *testing.B) {
	data := templatetest.Filled(b, templatetest.Load(b, "example-2021.json"), source.XLSX)
	b.Run("nianbao", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		templatetest.ReportCPU(b, func() {
			if _, err := xlsx.Read(context.Background(), data, source.DefaultLimits); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("excelize", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		templatetest.ReportCPU(b, func() {
			if err := readExcelize(data); err != nil {
				b.Fatal(err)
			}
		})
	})
}

func readExcelize(data []byte) error {
	opts := excelize.Options{RawCellValue: true, UnzipSizeLimit: source.DefaultLimits.MaxInflated, UnzipXMLSizeLimit: source.DefaultLimits.MaxInflated}
	f, err := excelize.OpenReader(bytes.NewReader(data), opts)
	if err != nil {
		return err
	}
	defer f.Close()
	for _, s := range f.GetSheetList() {
		if _, err := f.GetRows(s, opts); err != nil {
			return err
		}
		if _, err := f.GetMergeCells(s); err != nil {
			return err
		}
	}
	f.GetDefinedName()
	_, err = f.GetCustomProps()
	return err
}

// BenchmarkRead10MB reports the heap a 10 MB input needs (peak-MB; the
// target is 100 MB): a filled workbook with a 10 MB picture, a sheet of
// far too many cells (refused at MaxCells), and shared strings that
// inflate past MaxPart (refused before they are read).
func BenchmarkRead10MB(b *testing.B) {
	filled := templatetest.Filled(b, templatetest.Load(b, "example-2021.json"), source.XLSX)
	inputs := []struct {
		name string
		data []byte
		code string // the refusal expected, "" to read
	}{
		{"picture", templatetest.WithPart(b, filled, "xl/media/image1.png", templatetest.Noise(10<<20-len(filled)-1024)), ""},
		{"cells", manyCells(b), source.TooComplex},
		{"strings", bigStrings(b), source.TooComplex},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.data)))
			var peak uint64
			for b.Loop() {
				peak = max(peak, templatetest.PeakHeap(func() {
					_, err := xlsx.Read(context.Background(), in.data, source.DefaultLimits)
					checkOutcome(b, err, in.code)
				}))
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
			b.ReportMetric(float64(len(in.data))/(1<<20), "input-MB")
		})
	}
}

func checkOutcome(b *testing.B, err error, code string) {
	if code == "" && err != nil {
		b.Fatal(err)
	}
	if code != "" && !strings.Contains(fmt.Sprint(err), code) {
		b.Fatalf("got %v, want refusal %s", err, code)
	}
}

// manyCells is a workbook whose one sheet has half a million numeric cells
// in about 13 MB of XML, within MaxPart.
func manyCells(b *testing.B) []byte {
	var sd strings.Builder
	sd.WriteString("<sheetData>")
	noise := templatetest.Noise(1 << 20)
	for r := range 25_000 {
		fmt.Fprintf(&sd, `<row r="%d">`, r+1)
		for c := range 20 {
			fmt.Fprintf(&sd, `<c r="%c%d"><v>%d</v></c>`, 'A'+c, r+1, noise[(r*20+c)%len(noise)])
		}
		sd.WriteString("</row>")
	}
	sd.WriteString("</sheetData>")
	return book{sheets: []string{"S"}, xml: map[string]string{"S": sd.String()}}.bytes(b)
}

// bigStrings is a workbook of about 9 MB of shared strings that compress
// only twofold, inflating past MaxPart.
func bigStrings(b *testing.B) []byte {
	noise := templatetest.Noise(9 << 20)
	var ss []string
	for i := 0; i+64 <= len(noise); i += 64 {
		ss = append(ss, fmt.Sprintf("<t>%x</t>", noise[i:i+64]))
	}
	return book{sheets: []string{"S"}, shared: ss, xml: map[string]string{"S": sheetData(row("1", c("A1", ` t="s"`, "<v>0</v>")))}}.bytes(b)
}
