package export

import (
	"context"
	"io"
	"strconv"
	"sync"
	"testing"

	"github.com/nianbao/nianbao/shared/members"
	"github.com/nianbao/nianbao/shared/members/memberstest"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/testkit"
)

var (
	provinceOnce sync.Once
	province     []members.Member
)

// provinceMembers is a province's year as the office reads it: 5,000
// agencies in 50 regions, every tenth with an error (表三's identity broken)
// and so a few findings each, read and checked by members.Read.
func provinceMembers(b *testing.B) []members.Member {
	provinceOnce.Do(func() {
		src := memberstest.New()
		var entries []members.Entry
		for i := range 5000 {
			region := "浙江省某市第" + strconv.Itoa(i%50) + "区"
			r := memberstest.Agency(b, i+1, "第"+strconv.Itoa(i)+"号机关", region, int64(1+i%7))
			if i%10 == 0 {
				r.SetCell("table3.newReceived.naturalPerson", report.Num(int64(i)))
			}
			entries = append(entries, src.File(b, r, now))
		}
		ms, err := members.Read(context.Background(), src, entries, now)
		if err != nil {
			b.Fatal(err)
		}
		province = ms
	})
	return province
}

// countingWriter counts what the workbook's bytes would be.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// BenchmarkWrite writes a province's workbook (5,000 agencies × the three
// tables' ~330 columns, and the findings) to a discarding writer: the time,
// the heap's peak above what the members already hold, and the file's size.
func BenchmarkWrite(b *testing.B) {
	ms := provinceMembers(b)
	var size int64
	var peak uint64
	for b.Loop() {
		var w countingWriter
		m := testkit.MeasureMemory(func() {
			if err := Write(context.Background(), io.Writer(&w), Input{Year: 2023, Members: ms, Now: now}); err != nil {
				b.Fatal(err)
			}
		})
		size, peak = w.n, max(peak, m.Peak)
	}
	b.ReportMetric(testkit.MiB(peak), "peak-heap-MiB")
	b.ReportMetric(float64(size)/(1<<20), "xlsx-MiB")
}
