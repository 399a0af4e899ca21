// Command trim cuts a TrueType font down to the Unicode ranges a
// government report needs, so that the fonts embedded in the renderer stay
// small. The output depends only on the input bytes and the ranges below.
//
// Usage:
//
//	go run ./infra/fonts/trim -in NotoSerifSC_400Regular.ttf -out NotoSerifSC-Regular.ttf
package main

import (
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/nianbao/nianbao/shared/render/ttf"
)

// keep lists the BMP blocks kept. Every block a report plausibly uses is
// here; the CJK Unified Ideographs block dominates the size.
var keep = [][2]rune{
	{0x0020, 0x007E}, // ASCII
	{0x00A0, 0x00FF}, // Latin-1 supplement
	{0x02C6, 0x02DD}, // spacing modifiers (ˇ ˉ)
	{0x0391, 0x03C9}, // Greek letters (α β Ω in technical text)
	{0x2000, 0x206F}, // general punctuation (— … ‰ “ ”)
	{0x2100, 0x218F}, // letterlike symbols and number forms (℃ № Ⅰ Ⅱ)
	{0x2190, 0x21FF}, // arrows
	{0x2200, 0x22FF}, // mathematical operators (≤ ≥ ≠)
	{0x2460, 0x24FF}, // enclosed alphanumerics (① ⑴ ⒈)
	{0x2500, 0x257F}, // box drawing
	{0x25A0, 0x25FF}, // geometric shapes (○ ● □ ■ △)
	{0x2600, 0x26FF}, // miscellaneous symbols (★ ☆)
	{0x3000, 0x303F}, // CJK symbols and punctuation
	{0x3200, 0x32FF}, // enclosed CJK letters (㈠ ㈡)
	{0x3300, 0x33FF}, // CJK compatibility (㎡ ㎏)
	{0x4E00, 0x9FFF}, // CJK unified ideographs
	{0xFE30, 0xFE4F}, // CJK compatibility forms
	{0xFF00, 0xFFEF}, // half-width and full-width forms
}

func main() {
	in := flag.String("in", "", "source TrueType font")
	out := flag.String("out", "", "trimmed font to write")
	flag.Parse()
	if *in == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	n, err := trim(*in, *out)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %d characters\n", *out, n)
}

func trim(in, out string) (int, error) {
	data, err := os.ReadFile(in)
	if err != nil {
		return 0, fmt.Errorf("trim: %w", err)
	}
	font, err := ttf.Parse(data)
	if err != nil {
		return 0, fmt.Errorf("trim %s: %w", in, err)
	}
	var runes []rune
	for _, r := range font.Runes() {
		for _, k := range keep {
			if r >= k[0] && r <= k[1] {
				runes = append(runes, r)
				break
			}
		}
	}
	sub, err := font.Subset(runes)
	if err != nil {
		return 0, fmt.Errorf("trim %s: %w", in, err)
	}
	if err := os.WriteFile(out, sub.Data, 0o644); err != nil {
		return 0, fmt.Errorf("trim: %w", err)
	}
	return len(runes), nil
}
