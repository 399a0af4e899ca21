package ttf

import (
	"bytes"
	"errors"
	"os"
	"slices"
	"testing"
)

func loadFont(t testing.TB, name string) (*Font, []byte) {
	t.Helper()
	data, err := os.ReadFile("../fonts/" + name)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(data)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return f, data
}

func TestParseEmbeddedFonts(t *testing.T) {
	for _, tt := range []struct {
		file, ps string
	}{
		{"NotoSerifSC-Regular.ttf", "NotoSerifSC-Regular"},
		{"NotoSansSC-Bold.ttf", "NotoSansSC-Bold"},
	} {
		f, _ := loadFont(t, tt.file)
		if got := f.PostScriptName(); got != tt.ps {
			t.Errorf("%s: PostScriptName = %q, want %q", tt.file, got, tt.ps)
		}
		if f.UnitsPerEm() != 1000 {
			t.Errorf("%s: UnitsPerEm = %d, want 1000", tt.file, f.UnitsPerEm())
		}
		for _, r := range []rune{'A', '中', '（', '—', '\u3000'} {
			if !f.HasRune(r) {
				t.Errorf("%s lacks %q", tt.file, r)
			}
		}
		for _, r := range []rune{0x2B5AE, '\t', 0x0400, -5} {
			if f.HasRune(r) {
				t.Errorf("%s claims %U, which trimming removed", tt.file, r)
			}
		}
		if adv, ok := f.Advance('中'); !ok || adv != 1000 {
			t.Errorf("%s: Advance('中') = %d, %v, want 1000", tt.file, adv, ok)
		}
		d := f.Descriptor()
		if d.Ascent <= 0 || d.Descent >= 0 || d.XMax <= d.XMin {
			t.Errorf("%s: implausible descriptor %+v", tt.file, d)
		}
	}
}

func TestSubsetRoundTrip(t *testing.T) {
	f, _ := loadFont(t, "NotoSerifSC-Regular.ttf")
	runes := []rune("政府信息公开工作年度报告（一）2020年，“三安全一稳定”—— A-z 0.5%")
	sub, err := f.Subset(runes)
	if err != nil {
		t.Fatal(err)
	}
	g, err := Parse(sub.Data)
	if err != nil {
		t.Fatalf("Parse(subset): %v", err)
	}
	if len(sub.Advances) != g.NumGlyphs() {
		t.Errorf("subset lists %d advances for %d glyphs", len(sub.Advances), g.NumGlyphs())
	}
	if !slices.IsSorted(sub.Runes) {
		t.Errorf("Subset.Runes not sorted: %q", sub.Runes)
	}
	for i, r := range sub.Runes {
		newID, ok := g.GlyphIndex(r)
		if !ok || newID != sub.GIDs[i] {
			t.Errorf("subset maps %q to %d, %v; Subset.GIDs says %d", r, newID, ok, sub.GIDs[i])
		}
		oldID, _ := f.GlyphIndex(r)
		if !bytes.Equal(g.glyph(newID), f.glyph(oldID)) {
			t.Errorf("outline of %q changed in the subset", r)
		}
		a, _ := f.Advance(r)
		b, _ := g.Advance(r)
		if a != b || int(sub.Advances[newID]) != a {
			t.Errorf("advance of %q: font %d, subset %d, Subset.Advances %d", r, a, b, sub.Advances[newID])
		}
	}
	if g.HasRune('字') {
		t.Error("subset maps a rune it was not asked for")
	}
	// Input order and duplicates do not change the bytes.
	rev := slices.Clone(runes)
	slices.Reverse(rev)
	again, err := f.Subset(append(rev, runes...))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Data, sub.Data) {
		t.Error("subset bytes depend on rune order")
	}
}

func TestSubsetMissingRune(t *testing.T) {
	f, _ := loadFont(t, "NotoSansSC-Bold.ttf")
	_, err := f.Subset([]rune{'中', 0x2B5AE})
	var me *MissingGlyphError
	if !errors.As(err, &me) || me.Rune != 0x2B5AE || !errors.Is(err, ErrNoGlyph) {
		t.Errorf("Subset with a missing rune: err = %v, want MissingGlyphError for U+2B5AE", err)
	}
}

func TestParseErrors(t *testing.T) {
	_, data := loadFont(t, "NotoSansSC-Bold.ttf")
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrFormat},
		{"OpenType CFF", append([]byte("OTTO"), make([]byte, 20)...), ErrNotGlyf},
		{"directory cut", data[:40], ErrFormat},
		{"tables cut", data[:4096], ErrFormat},
	}
	for _, tt := range tests {
		if _, err := Parse(tt.data); !errors.Is(err, tt.want) {
			t.Errorf("Parse(%s) = %v, want %v", tt.name, err, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	font, err := os.ReadFile("../fonts/NotoSansSC-Bold.ttf")
	if err != nil {
		f.Fatal(err)
	}
	parsed, err := Parse(font)
	if err != nil {
		f.Fatal(err)
	}
	small, err := parsed.Subset([]rune("一、总体情况（）"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(small.Data)
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := Parse(data)
		if err != nil {
			return
		}
		// A font that parses must subset without panicking.
		_, _ = g.Subset(g.Runes())
	})
}

// A reused buffer, whatever it held, gives the same bytes as a fresh one.
func TestSubsetIntoDirtyBuffer(t *testing.T) {
	f, _ := loadFont(t, "NotoSansSC-Bold.ttf")
	runes := []rune("一、总体情况（二）2020年")
	fresh, err := f.Subset(runes)
	if err != nil {
		t.Fatal(err)
	}
	dirty := bytes.Repeat([]byte{0xFF}, len(fresh.Data)+100)
	reused, err := f.SubsetInto(dirty, runes)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(reused.Data, fresh.Data) {
		t.Fatalf("SubsetInto a buffer of 0xFF gave %d bytes differing from Subset's %d", len(reused.Data), len(fresh.Data))
	}
	if &reused.Data[0] != &dirty[0] {
		t.Error("SubsetInto did not use the buffer it was given, which had room")
	}
}
