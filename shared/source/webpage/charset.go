package webpage

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/nianbao/nianbao/shared/source"
)

// prescanBytes is how far into the page a charset declaration is looked
// for; CMS pages put long comments and scripts before it.
const prescanBytes = 8 << 10

// decode returns the page as UTF-8 text.
func decode(data []byte) ([]byte, error) {
	enc := declared(data)
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data, enc = data[3:], nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		enc = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		enc = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
	case enc == nil && !utf8.Valid(data), enc == encoding.Nop && !utf8.Valid(data):
		// Undeclared, or declared UTF-8 but not: Chinese sites' other
		// encoding.
		enc = simplifiedchinese.GB18030
	case enc == encoding.Nop:
		enc = nil
	case enc == simplifiedchinese.GB18030 && utf8.Valid(data) && !ascii(data):
		// Saved again as UTF-8 with the old declaration: GBK text is
		// almost never valid UTF-8.
		enc = nil
	}
	if enc == nil {
		if utf8.Valid(data) {
			return data, nil
		}
		return bytes.ToValidUTF8(data, []byte("\uFFFD")), nil
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, source.Refuse(source.Malformed, "网页的文字编码无法识别：请另存为 UTF-8 编码后再导入", err)
	}
	return out, nil
}

// declared returns the encoding the page declares in a <meta> tag:
// encoding.Nop for UTF-8, nil for none or an unknown one.
func declared(data []byte) encoding.Encoding {
	z := html.NewTokenizer(bytes.NewReader(data[:min(len(data), prescanBytes)]))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return nil
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) != "meta" || !hasAttr {
				continue
			}
			var charset, httpEquiv, content string
			for {
				k, v, more := z.TagAttr()
				switch strings.ToLower(string(k)) {
				case "charset":
					charset = string(v)
				case "http-equiv":
					httpEquiv = strings.ToLower(string(v))
				case "content":
					content = string(v)
				}
				if !more {
					break
				}
			}
			if charset == "" && httpEquiv == "content-type" {
				if i := strings.Index(strings.ToLower(content), "charset="); i >= 0 {
					charset = strings.Trim(content[i+len("charset="):], `"' ;`)
				}
			}
			if charset != "" {
				return lookup(charset)
			}
		}
	}
}

// lookup maps a charset label to its decoder; the Chinese labels all go to
// GB18030, their superset, which also reads what sites mislabel.
func lookup(label string) encoding.Encoding {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "gbk", "gb2312", "gb_2312", "gb_2312-80", "gb18030", "x-gbk", "cp936", "ms936", "windows-936", "csgb2312", "chinese", "euc-cn":
		return simplifiedchinese.GB18030
	case "utf-8", "utf8":
		return encoding.Nop
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		return nil
	}
	return enc
}

func ascii(data []byte) bool {
	for _, c := range data {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
