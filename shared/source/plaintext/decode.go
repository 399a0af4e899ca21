package plaintext

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/nianbao/nianbao/shared/source"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// maxReplacementShare is the share of undecodable characters past which the
// bytes are not text in any encoding this package knows.
const maxReplacementShare = 0.01

// decode returns data as UTF-8 text.
func decode(data []byte) (string, error) {
	var enc encoding.Encoding
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		data = data[len(bomUTF8):]
	case bytes.HasPrefix(data, bomUTF16LE):
		enc = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
	case bytes.HasPrefix(data, bomUTF16BE):
		enc = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
	}
	if enc == nil {
		if utf8.Valid(data) {
			return string(data), nil
		}
		// Not UTF-8: Chinese Windows editors and older sites save GBK or
		// GB2312, both subsets of GB18030.
		enc = simplifiedchinese.GB18030
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", source.Refuse(source.Malformed, "无法识别文件的文字编码：请另存为 UTF-8 编码的文本后再导入", err)
	}
	text := string(out)
	if bad := strings.Count(text, "\uFFFD"); float64(bad) > maxReplacementShare*float64(utf8.RuneCountInString(text))+1 {
		return "", source.Refuse(source.Malformed, "无法识别文件的文字编码：请另存为 UTF-8 编码的文本后再导入", nil)
	}
	return text, nil
}
