package xlsxwrite_test

import (
	"io"
	"strconv"
	"testing"

	"github.com/nianbao/nianbao/shared/testkit"
	"github.com/nianbao/nianbao/shared/xlsxwrite"
)

// rows writes n rows of 200 cells — an agency's name and code, then counts
// and amounts, as the office's export does — to w.
func rows(w io.Writer, n int) error {
	wb := xlsxwrite.New(w, xlsxwrite.Options{})
	bold, err := wb.Style(xlsxwrite.Style{Bold: true})
	if err != nil {
		return err
	}
	s, err := wb.AddSheet("表三", xlsxwrite.SheetOptions{FreezeRows: 1, FreezeCols: 1})
	if err != nil {
		return err
	}
	cells := make([]xlsxwrite.Cell, 200)
	for r := 1; r <= n; r++ {
		cells[0] = xlsxwrite.Text("第" + strconv.Itoa(r) + "号机关").With(bold)
		cells[1] = xlsxwrite.Text("11330500MB1D" + strconv.Itoa(100000+r))
		for j := 2; j < len(cells); j++ {
			if j%10 == 0 {
				cells[j] = xlsxwrite.Number(strconv.Itoa(r%1000) + ".58")
			} else {
				cells[j] = xlsxwrite.Int(int64(r * j % 977))
			}
		}
		if err := s.WriteRow(r, xlsxwrite.Row{Cells: cells}); err != nil {
			return err
		}
	}
	if err := s.Merge(xlsxwrite.Range{Top: 1, Left: 3, Bottom: 1, Right: 9}); err != nil {
		return err
	}
	return wb.Close()
}

// The heap a workbook needs does not grow with its rows: ten times the rows
// take no more than the few buffers they pass through.
func TestStreamingMemoryIsFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 2.2 million cells")
	}
	peak := map[int]uint64{}
	for _, n := range []int{1_000, 10_000} {
		var err error
		m := testkit.MeasureMemory(func() { err = rows(io.Discard, n) })
		if err != nil {
			t.Fatal(err)
		}
		peak[n] = m.Peak
		t.Logf("%6d rows × 200 cells: peak heap %.2f MiB, %.1f MiB allocated", n, testkit.MiB(m.Peak), testkit.MiB(m.Allocated))
	}
	if peak[10_000] > 4<<20 || peak[10_000] > 2*peak[1_000]+(1<<20) {
		t.Errorf("peak heap %.2f MiB for 10,000 rows, %.2f MiB for 1,000: the rows are held", testkit.MiB(peak[10_000]), testkit.MiB(peak[1_000]))
	}
}

// BenchmarkRows writes 5,000 rows of 200 cells, a province's export of one
// table.
func BenchmarkRows(b *testing.B) {
	var n int64
	for b.Loop() {
		var w countingWriter
		if err := rows(&w, 5_000); err != nil {
			b.Fatal(err)
		}
		n = w.n
	}
	b.ReportMetric(float64(n)/(1<<20), "xlsx-MiB")
	b.ReportMetric(5000*200*float64(b.N)/b.Elapsed().Seconds()/1e6, "Mcells/s")
}

type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }
