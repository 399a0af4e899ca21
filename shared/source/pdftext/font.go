package pdftext

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// font is what text extraction needs of a font: how to cut a shown string
// into codes, each code's text and advance, and whether the face is bold.
type font struct {
	name      string
	composite bool   // Type0: multi-byte codes, CIDs
	vertical  bool   // Identity-V and the other -V CMaps: glyphs advance downwards
	enc       *cmap  // embedded encoding CMap of a Type0 font
	predef    string // predefined CMap family: "identity", "ucs2", "utf16", "gbk"
	toUni     *cmap  // ToUnicode
	simple    [256]rune
	widths    map[uint32]float64 // by CID (Type0) or code, in text space units per size
	dw        float64            // default width
	vy        float64            // vertical advance (Type0 -V), per size, usually -1
	scale     float64            // glyph space to text space: 1/1000, or a Type3 FontMatrix
	bold      bool
	unmapped  bool // no ToUnicode and no known encoding: text is unknown
}

// glyphCode is one code of a shown string.
type glyphCode struct {
	text  string // "" when unknown
	width float64
	space bool // the single-byte code 32, to which word spacing applies
}

// decode cuts s into codes.
func (f *font) decode(s string, out []glyphCode) []glyphCode {
	out = out[:0]
	for len(s) > 0 {
		var c uint32
		var n int
		switch {
		case !f.composite:
			c, n = uint32(s[0]), 1
		case f.enc != nil:
			c, n = f.enc.next(s, 2)
		case f.predef == "gbk":
			n = 1
			if s[0] >= 0x81 && s[0] <= 0xFE && len(s) > 1 {
				n = 2
			}
			c, _ = code(s[:n])
		case f.predef == "utf16" && len(s) >= 4 && s[0] >= 0xD8 && s[0] <= 0xDB:
			c, _ = code(s[:4])
			n = 4
		case f.predef != "":
			c, n = (*cmap)(nil).next(s, 2)
		default: // an unknown CMap name: the ToUnicode's codespace is the best guide
			c, n = f.toUni.next(s, 2)
		}
		raw := s[:n]
		s = s[n:]
		out = append(out, glyphCode{text: f.text(c, raw), width: f.width(c, n), space: n == 1 && c == 32})
	}
	return out
}

func (f *font) text(c uint32, raw string) string {
	if t, ok := f.toUni.unicode(c); ok {
		return t
	}
	if !f.composite {
		if r := f.simple[c&0xFF]; r != 0 {
			return string(r)
		}
		return ""
	}
	switch f.predef {
	case "ucs2", "utf16":
		return utf16BE(raw)
	case "gbk":
		if len(raw) == 1 {
			return raw
		}
		b, err := simplifiedchinese.GB18030.NewDecoder().String(raw)
		if err == nil && utf8.ValidString(b) && !strings.ContainsRune(b, utf8.RuneError) {
			return b
		}
	}
	return ""
}

func (f *font) width(c uint32, n int) float64 {
	key := c
	if f.composite && f.enc != nil {
		if cid, ok := f.enc.cid(c); ok {
			key = cid
		}
	}
	if w, ok := f.widths[key]; ok {
		return w
	}
	if f.composite && f.predef == "gbk" && n == 1 {
		return f.dw / 2 // half-width Latin of the Adobe-GB1 collection
	}
	return f.dw
}

// loadFont reads a font dictionary.
func loadFont(o *objects, d types.Dict) *font {
	f := &font{scale: 1.0 / 1000, widths: map[uint32]float64{}}
	f.name = fontName(o.name(d["BaseFont"]))
	sub := o.name(d["Subtype"])
	if data, err := o.stream(d["ToUnicode"]); err == nil && data != nil {
		f.toUni = parseCMap(data)
	}
	desc := d
	if sub == "Type0" {
		f.composite = true
		f.dw = 1
		if a := o.array(d["DescendantFonts"]); len(a) > 0 {
			desc = o.dict(a[0])
		}
		if desc == nil {
			desc = types.Dict{}
		}
		if f.name == "" {
			f.name = fontName(o.name(desc["BaseFont"]))
		}
		f.compositeEncoding(o, d["Encoding"])
		if dw, ok := o.num(desc["DW"]); ok {
			f.dw = dw * f.scale
		}
		f.cidWidths(o, o.array(desc["W"]))
		f.vy = -1
		if a := o.array(desc["DW2"]); len(a) == 2 {
			if v, ok := o.num(a[1]); ok {
				f.vy = v * f.scale
			}
		}
	} else {
		if sub == "Type3" {
			if m := o.array(d["FontMatrix"]); len(m) == 6 {
				if a, ok := o.num(m[0]); ok && a != 0 {
					f.scale = a
				}
			}
		}
		f.simpleEncoding(o, d["Encoding"])
		first, _ := o.num(d["FirstChar"])
		for i, w := range o.array(d["Widths"]) {
			if v, ok := o.num(w); ok && i < 256 {
				f.widths[uint32(int(first)+i)] = v * f.scale
			}
		}
		f.dw = 0.5 // standard 14 fonts have no Widths: an average Latin advance
		if fd := o.dict(d["FontDescriptor"]); fd != nil {
			if mw, ok := o.num(fd["MissingWidth"]); ok && mw > 0 {
				f.dw = mw * f.scale
			}
		}
	}
	f.bold = boldName(f.name)
	if fd := o.dict(desc["FontDescriptor"]); fd != nil {
		if w, ok := o.num(fd["FontWeight"]); ok && w >= 600 {
			f.bold = true
		}
		if fl, ok := o.num(fd["Flags"]); ok && int(fl)&(1<<18) != 0 {
			f.bold = true
		}
	}
	f.unmapped = f.toUni == nil && f.composite && f.predef != "ucs2" && f.predef != "utf16" && f.predef != "gbk"
	return f
}

// compositeEncoding reads a Type0 font's Encoding: a predefined CMap name
// or an embedded CMap stream.
func (f *font) compositeEncoding(o *objects, enc types.Object) {
	if o.isStream(enc) {
		if data, err := o.stream(enc); err == nil {
			f.enc = parseCMap(data)
		}
		if d := o.dict(enc); d != nil {
			f.vertical = o.num1(d["WMode"]) == 1
		}
		return
	}
	name := o.name(enc)
	f.vertical = strings.HasSuffix(name, "-V")
	switch {
	case strings.HasPrefix(name, "Identity-"):
		f.predef = "identity"
	case strings.Contains(name, "UCS2"):
		f.predef = "ucs2"
	case strings.Contains(name, "UTF16"):
		f.predef = "utf16"
	case strings.HasPrefix(name, "GB"): // GB-EUC, GBpc-EUC, GBK-EUC, GBK2K, GBT
		f.predef = "gbk"
	}
}

func (o *objects) num1(v types.Object) float64 {
	n, _ := o.num(v)
	return n
}

// cidWidths reads a CIDFont's W array: c [w1 w2 …] and c1 c2 w.
func (f *font) cidWidths(o *objects, w types.Array) {
	n := 0
	for i := 0; i < len(w) && n < maxCMapEntries; {
		first, ok := o.num(w[i])
		if !ok || i+1 >= len(w) {
			return
		}
		if list := o.array(w[i+1]); list != nil {
			for j, v := range list {
				if x, ok := o.num(v); ok {
					f.widths[uint32(int(first)+j)] = x * f.scale
					n++
				}
			}
			i += 2
			continue
		}
		last, ok1 := o.num(w[i+1])
		if i+2 >= len(w) || !ok1 {
			return
		}
		x, _ := o.num(w[i+2])
		for c := int(first); c <= int(last) && n < maxCMapEntries; c++ {
			f.widths[uint32(c)] = x * f.scale
			n++
		}
		i += 3
	}
}

// simpleEncoding builds the code-to-rune table of a simple font: a base
// encoding with the Differences applied.
func (f *font) simpleEncoding(o *objects, enc types.Object) {
	base := charmap.Windows1252 // WinAnsi; also what subset TrueType fonts mean by no encoding
	var diffs types.Array
	switch e := o.resolve(enc).(type) {
	case types.Name:
		if e == "MacRomanEncoding" {
			base = charmap.Macintosh
		}
	case types.Dict:
		if o.name(e["BaseEncoding"]) == "MacRomanEncoding" {
			base = charmap.Macintosh
		}
		diffs = o.array(e["Differences"])
	}
	for c := 32; c < 256; c++ {
		if r := base.DecodeByte(byte(c)); r != utf8.RuneError {
			f.simple[c] = r
		}
	}
	c := 0
	for _, v := range diffs {
		if n, ok := o.num(v); ok {
			c = int(n)
			continue
		}
		if c < 0 || c > 255 {
			continue
		}
		if r, ok := glyphRune(o.name(v)); ok {
			f.simple[c] = r
		} else {
			f.simple[c] = 0
		}
		c++
	}
}

// fontName strips a subset tag (ABCDEF+) from a BaseFont.
func fontName(s string) string {
	if i := strings.IndexByte(s, '+'); i == 6 {
		s = s[i+1:]
	}
	if !utf8.ValidString(s) { // some producers write GBK names
		if d, err := simplifiedchinese.GBK.NewDecoder().String(s); err == nil {
			s = d
		}
	}
	return s
}

// boldName tells bold faces by name: Latin weights and the Chinese 黑体
// family, which reports use for headings.
func boldName(name string) bool {
	n := strings.ToLower(name)
	for _, w := range []string{"bold", "black", "heavy", "semibold", "demi", "hei", "黑", "zhongsong", "中宋", "小标宋", "xbs"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// glyphRune maps a glyph name to its character: uniXXXX, uXXXX[XX] and the
// names of the Latin letters, digits and punctuation that appear in reports.
func glyphRune(name string) (rune, bool) {
	if r, ok := glyphNames[name]; ok {
		return r, true
	}
	if len(name) == 1 && name[0] > ' ' && name[0] < 0x7F {
		return rune(name[0]), true
	}
	if h, ok := strings.CutPrefix(name, "uni"); ok && len(h) >= 4 {
		return hexRune(h[:4])
	}
	if h, ok := strings.CutPrefix(name, "u"); ok && len(h) >= 4 && len(h) <= 6 {
		return hexRune(h)
	}
	return 0, false
}

func hexRune(h string) (rune, bool) {
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil || !utf8.ValidRune(rune(v)) {
		return 0, false
	}
	return rune(v), true
}

var glyphNames = map[string]rune{
	"space": ' ', "exclam": '!', "quotedbl": '"', "numbersign": '#', "dollar": '$', "percent": '%',
	"ampersand": '&', "quotesingle": '\'', "quoteright": '’', "quoteleft": '‘', "parenleft": '(', "parenright": ')',
	"asterisk": '*', "plus": '+', "comma": ',', "hyphen": '-', "minus": '−', "period": '.', "slash": '/',
	"zero": '0', "one": '1', "two": '2', "three": '3', "four": '4', "five": '5', "six": '6', "seven": '7',
	"eight": '8', "nine": '9', "colon": ':', "semicolon": ';', "less": '<', "equal": '=', "greater": '>',
	"question": '?', "at": '@', "bracketleft": '[', "backslash": '\\', "bracketright": ']',
	"asciicircum": '^', "underscore": '_', "grave": '`', "braceleft": '{', "bar": '|', "braceright": '}',
	"asciitilde": '~', "endash": '–', "emdash": '—', "bullet": '•', "quotedblleft": '“', "quotedblright": '”',
	"ellipsis": '…', "periodcentered": '·', "degree": '°', "multiply": '×', "divide": '÷', "yen": '¥',
	"section": '§', "copyright": '©', "registered": '®', "nbspace": ' ', "uni00A0": ' ', "fi": 'ﬁ', "fl": 'ﬂ',
}
