package source

import (
	"archive/zip"
	"bytes"
	"strings"
)

// Detect tells a document's kind from its content, never from its name: a
// clerk's 年报.doc may well be a .docx, a crawler's page.txt HTML. Files no
// reader can take are refused with a reason that says what to do.
func Detect(data []byte, lim Limits) (Kind, error) {
	if err := lim.CheckSize(data); err != nil {
		return "", err
	}
	head := data[:min(len(data), 8<<10)]
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return "", Refuse(Malformed, "文件是空的", nil)
	case bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF-")):
		return PDF, nil
	case bytes.HasPrefix(data, cfbMagic):
		return "", legacy(data)
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return container(data, lim)
	case bytes.HasPrefix(data, []byte(`{\rtf`)):
		return "", Refuse(Unsupported, "这是 RTF 文件：请在 Word 或 WPS 中另存为 .docx 后再导入", nil)
	case officeXML(head) != nil:
		return "", officeXML(head)
	case isImage(head):
		return "", Refuse(Scanned, "这是图片，没有文字：请导入带文字的 Word、Excel、网页或 PDF 文件，或先做文字识别（OCR）", nil)
	case looksHTML(head):
		return HTML, nil
	case bytes.IndexByte(head, 0) >= 0:
		return "", Refuse(Unsupported, "无法识别的文件类型：可以导入 .docx、.xlsx、网页（.html）、带文字层的 PDF 和文本文件（.txt、.md）", nil)
	}
	return Text, nil
}

// cfbMagic opens an OLE compound file: the binary Office formats (.doc,
// .xls), WPS's own (.wps, .et), and password-protected .docx and .xlsx.
var cfbMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// legacy says which compound file this is from its stream names, which the
// directory stores in UTF-16LE.
func legacy(data []byte) error {
	has := func(name string) bool { return bytes.Contains(data, utf16le(name)) }
	switch {
	case has("EncryptedPackage"), has("EncryptionInfo"), has("\x06DataSpaces"):
		return Refuse(Encrypted, "文件设置了打开密码：请取消密码（文件→信息→保护文档）后另存为 .docx 或 .xlsx 再导入", nil)
	case has("WordDocument"):
		return Refuse(Legacy, "这是旧版 Word/WPS 文字格式（.doc/.wps）：请在 Word 或 WPS 中“另存为” .docx 后再导入", nil)
	case has("Workbook"), has("Book"):
		return Refuse(Legacy, "这是旧版 Excel/WPS 表格格式（.xls/.et）：请在 Excel 或 WPS 中“另存为” .xlsx 后再导入", nil)
	}
	return Refuse(Legacy, "这是旧版 Office/WPS 二进制格式：请另存为 .docx 或 .xlsx 后再导入", nil)
}

func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

// container tells the Office Open XML kinds apart by their parts; it reads
// only the zip's directory.
func container(data []byte, lim Limits) (Kind, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", Refuse(Malformed, "文件已损坏：压缩结构无法读取，请重新保存后再导入", err)
	}
	if len(zr.File) > lim.MaxEntries {
		return "", Refuse(InflateLimit, "文件内部条目过多，不像是一份年报，已拒绝", nil)
	}
	var kind Kind
	for _, f := range zr.File {
		name := strings.ToLower(f.Name)
		switch {
		case strings.HasSuffix(name, "vbaproject.bin"):
			return "", Refuse(MacroEnabled, "文件含有宏（.docm/.xlsm）：为安全起见不导入，请另存为不含宏的 .docx 或 .xlsx", nil)
		case name == "word/document.xml":
			kind = DOCX
		case name == "xl/workbook.xml":
			kind = XLSX
		case name == "xl/workbook.bin":
			return "", Refuse(Unsupported, "这是 Excel 二进制工作簿（.xlsb）：请在 Excel 中“另存为” .xlsx 后再导入", nil)
		case name == "ppt/presentation.xml":
			return "", Refuse(Unsupported, "这是 PowerPoint 演示文稿：请导入年报的 Word、Excel、网页或 PDF 文件", nil)
		case name == "mimetype", strings.HasPrefix(name, "content.xml"):
			if kind == "" {
				return "", Refuse(Unsupported, "这是 OpenDocument 文件（.odt/.ods）：请另存为 .docx 或 .xlsx 后再导入", nil)
			}
		}
	}
	if kind == "" {
		return "", Refuse(Unsupported, "这是压缩包，不是 Word 或 Excel 文件：请解压后分别导入其中的文件", nil)
	}
	return kind, nil
}

// officeXML refuses the single-file formats Office saves besides OOXML:
// Word and Excel 2003 XML, and Word's single-file web page (.mht). They
// would otherwise pass for text or a web page and read as markup.
func officeXML(head []byte) error {
	b := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	switch {
	case bytes.HasPrefix(b, []byte("<?xml")) && (bytes.Contains(b, []byte(`progid="Word.Document"`)) || bytes.Contains(b, []byte("<w:wordDocument")) || bytes.Contains(b, []byte("<pkg:package"))):
		return Refuse(Unsupported, "这是 Word 2003 XML 文档：请在 Word 或 WPS 中“另存为” .docx 后再导入", nil)
	case bytes.HasPrefix(b, []byte("<?xml")) && (bytes.Contains(b, []byte(`progid="Excel.Sheet"`)) || bytes.Contains(b, []byte("urn:schemas-microsoft-com:office:spreadsheet"))):
		return Refuse(Unsupported, "这是 Excel 2003 XML 表格：请在 Excel 或 WPS 中“另存为” .xlsx 后再导入", nil)
	case bytes.HasPrefix(b, []byte("MIME-Version:")) || bytes.HasPrefix(b, []byte("From:")) && bytes.Contains(b, []byte("MIME-Version:")):
		return Refuse(Unsupported, "这是单个文件网页（.mht）：请另存为 .docx 或网页（.html）后再导入", nil)
	}
	return nil
}

func isImage(b []byte) bool {
	for _, magic := range [][]byte{
		{0x89, 'P', 'N', 'G'}, {0xFF, 0xD8, 0xFF}, []byte("GIF8"), []byte("II*\x00"), []byte("MM\x00*"), []byte("BM"),
	} {
		if bytes.HasPrefix(b, magic) {
			return true
		}
	}
	return len(b) >= 12 && bytes.Equal(b[:4], []byte("RIFF")) && bytes.Equal(b[8:12], []byte("WEBP"))
}

// looksHTML is true when the text starts with markup that only a web page
// has; a Markdown dump with a stray <br> stays text.
func looksHTML(b []byte) bool {
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) == 0 || b[0] != '<' {
		return false
	}
	lower := bytes.ToLower(b)
	for _, tag := range []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<table", "<div", "<p>", "<p ", "<!--"} {
		if bytes.HasPrefix(lower, []byte(tag)) {
			return true
		}
	}
	return bytes.Contains(lower, []byte("<html")) || bytes.Contains(lower, []byte("<body"))
}
