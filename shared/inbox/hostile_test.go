package inbox

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/nianbao/nianbao/shared/imports"
)

// TestHostileAmongGood: hostile files in a batch are refused one by one
// while the good files around them are filed, processed concurrently as
// the CLI and Lambda's concurrent invocations do.
func TestHostileAmongGood(t *testing.T) {
	p, st := newProcessor(t)
	var csv strings.Builder
	csv.WriteString(agenciesCSV)
	files := map[string][]byte{}
	want := map[string]imports.State{}
	for i := range 6 {
		name := fmt.Sprintf("西工区第%c%c局", '甲'+rune(i), '乙'+rune(i))
		code := fmt.Sprintf("11410303MB000010%d", i)
		code += string(checkChar(t, code))
		fmt.Fprintf(&csv, "%s,%s,河南省洛阳市西工区\n", name, code)
		r := published(t, "seed-2020.json", name)
		if i%2 == 0 {
			files[name+".html"] = page(t, r)
		} else {
			files[name+".pdf"] = pdf(t, r)
		}
	}
	for name := range files {
		want[name] = imports.Filed
	}
	rng := rand.New(rand.NewPCG(1, 2))
	noise := make([]byte, 2<<20)
	for i := range noise {
		noise[i] = byte(rng.Uint32())
	}
	hostile := map[string][]byte{
		"noise.bin":      noise,
		"broken.pdf":     append([]byte("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R"), noise[:4096]...),
		"nested.html":    []byte(strings.Repeat("<div>", 200_000) + "政府信息公开工作年度报告" + strings.Repeat("</div>", 200_000)),
		"fake.docx":      append([]byte("PK\x03\x04"), noise[:100_000]...),
		"all-digits.txt": bytes.Repeat([]byte("一、本年新收政府信息公开申请数量 1234567890123456789 "), 20_000),
	}
	for name, data := range hostile {
		files[name] = data
		want[name] = imports.Refused
	}
	want["all-digits.txt"] = "" // a text with a year-less table: refused or for review, never filed
	putObject(t, st, AgenciesKey(2020, "agencies.csv"), []byte(csv.String()))

	var mu sync.Mutex
	got := map[string]imports.Entry{}
	work := make(chan string)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for name := range work {
				e, err := p.Process(context.Background(), NewInput(2020, name, files[name]))
				if err != nil {
					t.Errorf("%s: %v", name, err)
				}
				mu.Lock()
				got[name] = e
				mu.Unlock()
			}
		})
	}
	for name := range files {
		work <- name
	}
	close(work)
	wg.Wait()
	for name, state := range want {
		e := got[name]
		switch {
		case state == "" && e.State == imports.Filed:
			t.Errorf("%s was filed", name)
		case state != "" && e.State != state:
			t.Errorf("%s: %s %v, want %s", name, e.State, e.Reasons, state)
		}
	}
}

func checkChar(t *testing.T, first17 string) byte {
	t.Helper()
	c, ok := creditCodeCheck(first17)
	if !ok {
		t.Fatalf("no check character for %q", first17)
	}
	return c
}
