package render

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

func render(t testing.TB, r *Renderer, doc *Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := r.Render(context.Background(), &buf, doc); err != nil {
		t.Fatalf("Render: %v", err)
	}
	return buf.Bytes()
}

func TestHasGlyph(t *testing.T) {
	r := newRenderer(t)
	tests := []struct {
		r    rune
		want bool
	}{
		{'A', true}, {'0', true}, {'中', true}, {'（', true}, {'“', true}, {'—', true},
		{'〇', true}, {'℃', true}, {'①', true}, {'㈠', true},
		{0x2B5AE, false}, // 𫖮, outside the BMP
		{'\t', false}, {0xE000, false}, {'가', false}, {-1, false},
	}
	for _, tt := range tests {
		if got := r.HasGlyph(tt.r); got != tt.want {
			t.Errorf("HasGlyph(%q U+%04X) = %v, want %v", tt.r, tt.r, got, tt.want)
		}
	}
}

func TestRenderRejectsMissingGlyphs(t *testing.T) {
	r := newRenderer(t)
	tests := []struct {
		name string
		doc  *Document
		rune rune
	}{
		{"non-BMP in paragraph", &Document{Blocks: []Block{Paragraph{"张𫖮"}}}, 0x2B5AE},
		{"Hangul in title", &Document{Title: "보고서"}, '보'},
		{"tab in heading", &Document{Blocks: []Block{Heading{"一、\t总体"}}}, '\t'},
		{"private use in cell", &Document{Blocks: []Block{Table{Widths: []float64{1}, Body: [][]Cell{{{Text: "\uE000"}}}}}}, 0xE000},
		{"invalid UTF-8", &Document{Blocks: []Block{Paragraph{"a\xffb"}}}, 0xFFFD},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := r.Render(context.Background(), &buf, tt.doc)
			var ge *GlyphError
			if !errors.As(err, &ge) || !errors.Is(err, ErrGlyph) {
				t.Fatalf("Render error = %v, want a *GlyphError", err)
			}
			if ge.Rune != tt.rune {
				t.Errorf("GlyphError.Rune = %U, want %U", ge.Rune, tt.rune)
			}
			if buf.Len() != 0 {
				t.Errorf("wrote %d bytes despite the error", buf.Len())
			}
		})
	}
}

func TestRenderErrors(t *testing.T) {
	r := newRenderer(t)
	if err := r.Render(context.Background(), &bytes.Buffer{}, nil); !errors.Is(err, ErrNilDocument) {
		t.Errorf("Render(nil) = %v, want ErrNilDocument", err)
	}
	if err := r.Render(context.Background(), &bytes.Buffer{}, &Document{Title: "标题", Blocks: []Block{nil}}); !errors.Is(err, ErrNilBlock) {
		t.Errorf("Render(nil block) = %v, want ErrNilBlock", err)
	}
	if err := r.Render(context.Background(), &bytes.Buffer{}, &Document{Blocks: []Block{Paragraph{"正文"}}}); !errors.Is(err, ErrNoTitle) {
		t.Errorf("Render(no title) = %v, want ErrNoTitle", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := r.Render(ctx, &bytes.Buffer{}, seedDocument(t)); !errors.Is(err, context.Canceled) {
		t.Errorf("Render(cancelled) = %v, want context.Canceled", err)
	}
}

func TestRenderDeterministic(t *testing.T) {
	r := newRenderer(t)
	doc := seedDocument(t)
	a := render(t, r, doc)
	b := render(t, newRenderer(t), doc)
	if !bytes.Equal(a, b) {
		t.Fatalf("two renders differ (%d and %d bytes)", len(a), len(b))
	}
}

// TestRenderDeterministicAcrossProcesses renders in a child process (map
// iteration order and addresses differ between processes) and compares.
func TestRenderDeterministicAcrossProcesses(t *testing.T) {
	if os.Getenv("RENDER_CHILD_OUT") != "" {
		return // the child's work is done by TestMain-free helper below
	}
	out := filepath.Join(t.TempDir(), "child.pdf")
	cmd := exec.Command(os.Args[0], "-test.run=^TestRenderChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "RENDER_CHILD_OUT="+out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("child render: %v\n%s", err, msg)
	}
	child, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if parent := render(t, newRenderer(t), seedDocument(t)); !bytes.Equal(parent, child) {
		t.Errorf("child process rendered %d bytes, this process %d; they differ", len(child), len(parent))
	}
}

func TestRenderChild(t *testing.T) {
	out := os.Getenv("RENDER_CHILD_OUT")
	if out == "" {
		t.Skip("helper for TestRenderDeterministicAcrossProcesses")
	}
	if err := os.WriteFile(out, render(t, newRenderer(t), seedDocument(t)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestLayoutGolden compares the seed report's layout with
// testdata/seed.trace.json; run with -update to accept a change.
func TestLayoutGolden(t *testing.T) {
	tr, err := newRenderer(t).Layout(seedDocument(t))
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.MarshalIndent(tr, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "seed.trace.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		var w Trace
		if err := json.Unmarshal(want, &w); err != nil {
			t.Fatalf("%s: %v", golden, err)
		}
		t.Errorf("layout differs from %s (run go test -update to accept): %s", golden, firstDiff(tr, &w))
	}
}

// firstDiff describes the first differing page or run of two traces.
func firstDiff(got, want *Trace) string {
	if len(got.Pages) != len(want.Pages) {
		return "got " + itoa(len(got.Pages)) + " pages, want " + itoa(len(want.Pages))
	}
	for i := range got.Pages {
		g, w := got.Pages[i], want.Pages[i]
		for k := range min(len(g.Texts), len(w.Texts)) {
			if g.Texts[k] != w.Texts[k] {
				return "page " + itoa(i+1) + ": got " + toJSON(g.Texts[k]) + ", want " + toJSON(w.Texts[k])
			}
		}
		if len(g.Texts) != len(w.Texts) || len(g.Boxes) != len(w.Boxes) {
			return "page " + itoa(i+1) + ": different number of texts or boxes"
		}
		for k := range g.Boxes {
			if g.Boxes[k] != w.Boxes[k] {
				return "page " + itoa(i+1) + ": got box " + toJSON(g.Boxes[k]) + ", want " + toJSON(w.Boxes[k])
			}
		}
	}
	return "outline differs"
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func toJSON(v any) string { b, _ := json.Marshal(v); return string(b) }

func TestLayoutSeedShape(t *testing.T) {
	tr, err := newRenderer(t).Layout(seedDocument(t))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(tr.Pages); n < 4 || n > 6 {
		t.Errorf("seed report laid out on %d pages, want 4–6", n)
	}
	if len(tr.Outline) != 6 {
		t.Errorf("outline has %d entries, want the 6 section headings", len(tr.Outline))
	}
	for i, p := range tr.Pages {
		folio := p.Texts[len(p.Texts)-1]
		if want := "— " + itoa(i+1) + " —"; folio.Text != want || folio.Role != roleFolio {
			t.Errorf("page %d ends with %q (%s), want folio %q", i+1, folio.Text, folio.Role, want)
		}
	}
	// Title lines (possibly several runs each) are centred.
	m := newRenderer(t).serif.measure(titlePt)
	type extent struct{ l, r float64 }
	lines := map[float64]extent{}
	for _, txt := range tr.Pages[0].Texts {
		if txt.Role != roleTitle {
			continue
		}
		w := 0.0
		for _, c := range txt.Text {
			w += m(c)
		}
		e, ok := lines[txt.Y]
		if !ok {
			e = extent{txt.X, txt.X + w}
		}
		lines[txt.Y] = extent{min(e.l, txt.X), max(e.r, txt.X+w)}
	}
	if len(lines) != 2 {
		t.Errorf("title on %d lines, want 2", len(lines))
	}
	for y, e := range lines {
		if d := (e.l - marginL) - (marginL + textW - e.r); d > 0.05 || d < -0.05 {
			t.Errorf("title line at y=%v off centre by %.2f mm", y, d/2)
		}
	}
}
