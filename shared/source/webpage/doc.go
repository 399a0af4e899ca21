// Package webpage reads government web pages into a source.Document: the
// article a CMS page carries inside its site chrome (navigation, headers,
// footers, share bars, scripts), as headings, paragraphs and tables with
// rowspan and colspan laid out by source.Layout.
//
// The charset comes from a byte-order mark, <meta charset> or <meta
// http-equiv="Content-Type">, else from the bytes themselves (UTF-8 or
// GB18030, which covers GBK and GB2312). The page is read in one pass with
// a bounded stack of open elements: nesting past source.Limits.MaxDepth is
// refused, and no tree of the whole page is built.
package webpage
