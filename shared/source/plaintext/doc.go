// Package plaintext reads text dumps of reports into a source.Document: OCR
// output, crawler text, PDF→Markdown conversions and hand-typed .txt/.md
// files. It understands Markdown headings and pipe tables, tab-separated
// table lines, a crawler's "key: value" header, page footers such as
// “— 3 —” (dropped as noise) and lines hard-wrapped at a page's width
// (joined back into paragraphs). Every block keeps its first line number.
//
// It decodes UTF-8 (with or without a byte-order mark), UTF-16 with a
// byte-order mark, and GB18030 (which covers GBK and GB2312) when the bytes
// are not UTF-8.
package plaintext
