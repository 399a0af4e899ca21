package ingest

import (
	"context"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/report"
)

// FuzzImport imports any bytes, seeded with a report as every fast producer
// makes it: a result comes back, refused or a draft whose every set cell
// has its provenance, and nothing panics. Run it as make fuzz does, with
// minimisation bounded (the seeds are documents of kilobytes):
// go test -run '^$' -fuzz FuzzImport -fuzzminimizetime 200x ./shared/ingest
// (about 2,500 imports a second here).
func FuzzImport(f *testing.F) {
	r := loadReport(f, "example-2021.json")
	for _, p := range fastProducers {
		f.Add(p.make(f, []*report.Report{r})[0])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Import(context.Background(), data, Options{Name: "fuzz"})
		if err != nil {
			t.Fatalf("error %v for a file: only the context's or an internal failure may be one", err)
		}
		if len(res.Findings) == 0 && !res.Valid() {
			t.Fatal("an invalid draft without findings")
		}
		for _, fd := range res.Findings {
			if fd.Rule == "" || fd.Message == "" || strings.HasPrefix(fd.Rule, "import-") && fd.Severity == "" {
				t.Fatalf("finding %+v", fd)
			}
		}
		d := res.Draft()
		if d == nil {
			return
		}
		for _, spec := range d.Layout().Cells() {
			if c, _ := d.Cell(spec.Path); c.State != report.Absent {
				if _, ok := res.Provenance[spec.Path]; !ok {
					t.Fatalf("%s = %s without provenance", spec.Path, c)
				}
			}
		}
	})
}
