package inbox

import (
	"context"
	"os"
	"testing"

	"github.com/nianbao/nianbao/shared/inbox/inboxtest"
)

// benchBatch makes a batch of published reports, half pages, half PDFs.
func benchBatch(b *testing.B) inboxtest.Batch {
	rnd, err := renderer()
	if err != nil {
		b.Fatal(err)
	}
	return inboxtest.Write(b, b.TempDir(), rnd, inboxtest.Options{N: 100})
}

// BenchmarkProcess files one published report (a web page or a PDF) on the
// filesystem store: import, agency match, check, render, filing with the
// original, the entry. Each report is a new agency's; the store is fresh
// for every pass over the batch.
func BenchmarkProcess(b *testing.B) {
	batch := benchBatch(b)
	list, err := os.ReadFile(batch.Agencies)
	if err != nil {
		b.Fatal(err)
	}
	for _, kind := range []string{"html", "pdf"} {
		var inputs []Input
		for _, f := range batch.Files {
			if f.Kind == kind {
				data, err := os.ReadFile(f.Path)
				if err != nil {
					b.Fatal(err)
				}
				inputs = append(inputs, NewInput(inboxtest.Year, f.Path, data))
			}
		}
		b.Run(kind, func(b *testing.B) {
			var p *Processor
			i := 0
			b.ReportAllocs()
			for b.Loop() {
				if i%len(inputs) == 0 {
					b.StopTimer()
					var st = fsStoreFor(b)
					p = processorOn(b, st)
					putObject(b, st, AgenciesKey(inboxtest.Year, "agencies.csv"), list)
					b.StartTimer()
				}
				if _, err := p.Process(context.Background(), inputs[i%len(inputs)]); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
