package inbox

import (
	"os"
	"testing"

	"github.com/nianbao/nianbao/shared/imports"
	"github.com/nianbao/nianbao/shared/inbox/inboxtest"
)

// TestBatch: a batch of published pages and PDFs — most agencies listed,
// some not, some files no report — comes out as the batch says.
func TestBatch(t *testing.T) {
	p, st := newProcessor(t)
	rnd, _ := renderer()
	b := inboxtest.Write(t, t.TempDir(), rnd, inboxtest.Options{N: 12, Unlisted: 4, Junk: 6})
	list, err := os.ReadFile(b.Agencies)
	if err != nil {
		t.Fatal(err)
	}
	putObject(t, st, AgenciesKey(inboxtest.Year, "agencies.csv"), list)
	for _, f := range b.Files {
		data, err := os.ReadFile(f.Path)
		if err != nil {
			t.Fatal(err)
		}
		e := process(t, p, inboxtest.Year, f.Path, data)
		want := imports.Filed
		switch {
		case f.Agency == "":
			want = imports.Refused
		case !f.Listed:
			want = imports.Review
		}
		if e.State != want || e.State == imports.Filed && (e.Agency == nil || e.Agency.CreditCode != f.CreditCode) {
			t.Errorf("%s (%s): %s %v %+v, want %s", f.Path, f.Kind, e.State, e.Reasons, e.Agency, want)
		}
	}
}
