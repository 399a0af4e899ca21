package inbox

import "github.com/nianbao/nianbao/shared/source"

// original says how an original of a kind is kept: the extension of
// source.{ext} and the media type it is served with. A web page or a text
// file keeps the encoding it came in (often GBK), so no charset is
// claimed: a browser reads the page's own declaration.
type original struct{ ext, contentType string }

var originals = map[source.Kind]original{
	source.PDF:  {"pdf", "application/pdf"},
	source.DOCX: {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
	source.XLSX: {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	source.HTML: {"html", "text/html"},
	source.Text: {"txt", "text/plain"},
}
