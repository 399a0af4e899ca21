package inbox

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/imports"
	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/render"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/reportpdf"
	"github.com/nianbao/nianbao/shared/store"
	"github.com/nianbao/nianbao/shared/store/fsstore"
	"github.com/nianbao/nianbao/shared/template"
	"github.com/nianbao/nianbao/shared/testkit"
)

var renderer = sync.OnceValues(render.New)

// newProcessor returns a processor over a fresh filesystem store, filing
// with the real renderer at a fixed clock.
func newProcessor(t testing.TB) (*Processor, *fsstore.Store) {
	t.Helper()
	st := fsStoreFor(t)
	return processorOn(t, st), st
}

func fsStoreFor(t testing.TB) *fsstore.Store {
	t.Helper()
	st, err := fsstore.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func processorOn(t testing.TB, st store.Store) *Processor {
	t.Helper()
	rnd, err := renderer()
	if err != nil {
		t.Fatal(err)
	}
	clock := time.Date(2024, 4, 10, 2, 0, 0, 0, time.UTC)
	reg := registry.New(st, rnd).WithClock(func() time.Time { return clock })
	p := New(reg, st)
	p.queue = p.queue.WithClock(func() time.Time { return clock })
	return p
}

// published is a repository report as an agency publishes it: without its
// credit code and region, under another name when one is given.
func published(t testing.TB, file, name string) *report.Report {
	t.Helper()
	data := testkit.Testdata(t, file)
	r, fs := report.Decode(data)
	if r == nil || report.HasErrors(fs) {
		t.Fatalf("%s: %v", file, fs)
	}
	if name != "" {
		r.Title = strings.ReplaceAll(r.DisplayTitle(), r.Agency.Name, name)
		r.Agency.Name = name
	}
	r.Agency.CreditCode, r.Agency.Region = "", ""
	return r
}

// page is a report as a web page.
func page(t testing.TB, r *report.Report) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := template.HTML(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pdf is a report as our renderer prints it: a PDF with a text layer.
func pdf(t testing.TB, r *report.Report) []byte {
	t.Helper()
	rnd, err := renderer()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := rnd.Render(context.Background(), &b, reportpdf.Document(r)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The seed's agency and two others of its district, as an office lists them.
const (
	seedCode    = "11410303MB0000001X"
	civilCode   = "11410303MB0000009N"
	civilName   = "西工区民政局"
	agenciesCSV = "机关名称,统一社会信用代码,行政区划\n" +
		"西工区教育体育局," + seedCode + ",河南省洛阳市西工区\n" +
		"洛阳市西工区民政局," + civilCode + ",河南省洛阳市西工区\n"
)

func putObject(t testing.TB, st store.Store, key string, data []byte) {
	t.Helper()
	if _, err := st.Put(context.Background(), key, data, store.PutOptions{}); err != nil {
		t.Fatal(err)
	}
}

func process(t testing.TB, p *Processor, year int, name string, data []byte) imports.Entry {
	t.Helper()
	e, err := p.Process(context.Background(), NewInput(year, name, data))
	if err != nil {
		t.Fatalf("Process(%s): %v", name, err)
	}
	return e
}

func reasonCodes(e imports.Entry) []string {
	var out []string
	for _, r := range e.Reasons {
		out = append(out, r.Code)
	}
	return out
}

func creditCodeCheck(first17 string) (byte, bool) { return report.CreditCodeCheck(first17) }
