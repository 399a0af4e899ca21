package ooxml

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/nianbao/nianbao/shared/source"
)

// MaxPart bounds one XML part, which is read whole: 16 MiB of
// WordprocessingML is some five hundred pages, far more than any report.
const MaxPart = 16 << 20

// Decoder reads one XML part element by element. It is a small tokenizer of
// its own rather than encoding/xml, which read a report-sized document at
// about 20 MB/s, too slow for the import's budget; OOXML parts are plain
// UTF-8 XML without DTDs, which is all it reads. A DOCTYPE is refused (the
// format forbids it, and it is how billion-laughs entities arrive), as are
// unknown entities, mismatched tags and nesting past the limit.
type Decoder struct {
	part  string
	data  []byte
	pos   int
	max   int
	stack [][]byte          // open elements' qualified names
	empty bool              // the last start was <x/>: its end comes next
	names map[string]string // interned local names and prefixes
}

// Elem is an element's start: its prefix, local name and raw attributes.
type Elem struct {
	Space, Local string
	attrs        []byte
	d            *Decoder
}

// Decoder reads a part whole and returns a decoder of it; there is nothing
// to close.
func (p *Package) Decoder(name string) (*Decoder, error) {
	f, ok := p.files[partKey(name)]
	if !ok {
		return nil, fmt.Errorf("%s: %w", name, ErrNoPart)
	}
	if f.UncompressedSize64 > MaxPart {
		return nil, source.Refuse(source.TooComplex, "文件内容过多（单个部分超过 16 MB），不像是一份年报，已拒绝", fmt.Errorf("%s declares %d bytes", name, f.UncompressedSize64))
	}
	rc, err := p.OpenPart(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	// archive/zip fails an entry that inflates past its declared size, so
	// the declared size is the buffer's.
	data := make([]byte, f.UncompressedSize64)
	if _, err := io.ReadFull(rc, data); err != nil {
		return nil, asRefusal(err, name)
	}
	// Reading on to the end makes archive/zip check the CRC and fail an
	// entry that inflates past its declared size.
	if n, err := rc.Read(make([]byte, 1)); n > 0 || !errors.Is(err, io.EOF) {
		if err == nil {
			err = errors.New("more data than declared")
		}
		return nil, asRefusal(err, name)
	}
	return NewDecoder(name, data, p.lim.MaxDepth), nil
}

// asRefusal keeps a refusal (the inflate budget) and calls anything else
// damage.
func asRefusal(err error, part string) error {
	var refused *source.RefusedError
	if errors.As(err, &refused) {
		return err
	}
	return source.Refuse(source.Malformed, "文件已损坏：内部数据无法解压，请重新保存后再导入", fmt.Errorf("read %s: %w", part, err))
}

// NewDecoder decodes data, naming it part in errors.
func NewDecoder(part string, data []byte, maxDepth int) *Decoder {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	return &Decoder{part: part, data: data, max: maxDepth, names: map[string]string{}}
}

// Depth returns the nesting depth: 1 inside the root element.
func (d *Decoder) Depth() int { return len(d.stack) }

func (d *Decoder) malformed(what string) error {
	return source.Refuse(source.Malformed, "文件已损坏：内部 XML 无法解析，请重新保存后再导入", fmt.Errorf("%s at byte %d: %s", d.part, d.pos, what))
}

type tokKind uint8

const (
	tokEOF tokKind = iota
	tokStart
	tokEnd
	tokText
)

// next returns the next token: a start (with the element), an end, or
// character data (raw, with entities unexpanded; cdata set for a CDATA
// section). An empty element <x/> is a start and then an end.
func (d *Decoder) next() (kind tokKind, el Elem, text []byte, cdata bool, err error) {
	if d.empty {
		d.empty = false
		d.stack = d.stack[:len(d.stack)-1]
		return tokEnd, Elem{}, nil, false, nil
	}
	if d.pos >= len(d.data) {
		if len(d.stack) > 0 {
			return tokEOF, Elem{}, nil, false, d.malformed("unexpected end")
		}
		return tokEOF, Elem{}, nil, false, nil
	}
	b := d.data[d.pos:]
	if b[0] != '<' {
		i := bytes.IndexByte(b, '<')
		if i < 0 {
			i = len(b)
		}
		d.pos += i
		return tokText, Elem{}, b[:i], false, nil
	}
	switch {
	case bytes.HasPrefix(b, []byte("<?")):
		i := bytes.Index(b, []byte("?>"))
		if i < 0 {
			return 0, Elem{}, nil, false, d.malformed("unterminated processing instruction")
		}
		d.pos += i + 2
		return d.next()
	case bytes.HasPrefix(b, []byte("<!--")):
		i := bytes.Index(b[4:], []byte("-->"))
		if i < 0 {
			return 0, Elem{}, nil, false, d.malformed("unterminated comment")
		}
		d.pos += 4 + i + 3
		return d.next()
	case bytes.HasPrefix(b, []byte("<![CDATA[")):
		i := bytes.Index(b[9:], []byte("]]>"))
		if i < 0 {
			return 0, Elem{}, nil, false, d.malformed("unterminated CDATA")
		}
		d.pos += 9 + i + 3
		return tokText, Elem{}, b[9 : 9+i], true, nil
	case bytes.HasPrefix(b, []byte("<!")):
		return 0, Elem{}, nil, false, source.Refuse(source.Malformed, "文件内部含有 DTD 声明，这不是 Word 或 Excel 正常保存的文件，已拒绝", fmt.Errorf("%s: a DOCTYPE or markup declaration", d.part))
	case len(b) > 1 && b[1] == '/':
		name, n := scanName(b[2:])
		rest := trimSpace(b[2+n:])
		if n == 0 || len(rest) == 0 || rest[0] != '>' {
			return 0, Elem{}, nil, false, d.malformed("bad end tag")
		}
		if len(d.stack) == 0 || !bytes.Equal(d.stack[len(d.stack)-1], name) {
			return 0, Elem{}, nil, false, d.malformed("mismatched end tag " + string(name))
		}
		d.stack = d.stack[:len(d.stack)-1]
		d.pos = len(d.data) - len(rest) + 1
		return tokEnd, Elem{}, nil, false, nil
	}
	name, n := scanName(b[1:])
	if n == 0 {
		return 0, Elem{}, nil, false, d.malformed("bad start tag")
	}
	i := 1 + n
	attrStart := i
	var quote byte
	for ; i < len(b); i++ {
		c := b[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
			continue
		case c == '"' || c == '\'':
			quote = c
			continue
		case c == '<':
			return 0, Elem{}, nil, false, d.malformed("'<' inside a tag")
		case c != '>':
			continue
		}
		break
	}
	if i >= len(b) {
		return 0, Elem{}, nil, false, d.malformed("unterminated start tag")
	}
	attrs := b[attrStart:i]
	empty := len(attrs) > 0 && attrs[len(attrs)-1] == '/'
	if empty {
		attrs = attrs[:len(attrs)-1]
	}
	if len(d.stack) >= d.max {
		return 0, Elem{}, nil, false, source.Refuse(source.TooComplex, "文件结构嵌套过深，不像是一份年报，已拒绝", fmt.Errorf("%s nests deeper than %d", d.part, d.max))
	}
	d.stack = append(d.stack, name)
	d.pos += i + 1
	el = Elem{attrs: attrs, d: d}
	if k := bytes.IndexByte(name, ':'); k >= 0 {
		el.Space, el.Local = d.intern(name[:k]), d.intern(name[k+1:])
	} else {
		el.Local = d.intern(name)
	}
	d.empty = empty
	return tokStart, el, nil, false, nil
}

// scanName returns the XML name at the start of b and its length.
func scanName(b []byte) ([]byte, int) {
	i := 0
	for i < len(b) {
		c := b[i]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '>' || c == '/' || c == '=' || c == '<' || c == '"' || c == '\'' {
			break
		}
		i++
	}
	return b[:i], i
}

func (d *Decoder) intern(b []byte) string {
	if s, ok := d.names[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(d.names) < 4096 {
		d.names[s] = s
	}
	return s
}

// Children calls fn for each child element of the element whose start was
// the last token, and returns at its end. fn must read its element to the
// end (Skip, Text, or Children again); character data between children is
// ignored.
func (d *Decoder) Children(fn func(el Elem) error) error {
	for {
		kind, el, _, _, err := d.next()
		switch {
		case err != nil:
			return err
		case kind == tokEOF:
			return d.malformed("unexpected end")
		case kind == tokStart:
			if err := fn(el); err != nil {
				return err
			}
		case kind == tokEnd:
			return nil
		}
	}
}

// Skip reads past the end of the element whose start was the last token.
func (d *Decoder) Skip() error {
	target := len(d.stack) - 1
	for len(d.stack) > target {
		kind, _, _, _, err := d.next()
		if err != nil {
			return err
		}
		if kind == tokEOF {
			return d.malformed("unexpected end")
		}
	}
	return nil
}

// Text returns the character data of the element whose start was the last
// token, up to its end, entities expanded; child elements' text is included.
func (d *Decoder) Text() (string, error) {
	var b []byte
	target := len(d.stack) - 1
	for len(d.stack) > target {
		kind, _, text, cdata, err := d.next()
		if err != nil {
			return "", err
		}
		switch kind {
		case tokEOF:
			return "", d.malformed("unexpected end")
		case tokText:
			if cdata {
				b = append(b, text...)
			} else if b, err = d.unescape(b, text); err != nil {
				return "", err
			}
		}
	}
	if !utf8.Valid(b) {
		b = bytes.ToValidUTF8(b, []byte("\uFFFD"))
	}
	return string(b), nil
}

// Root reads to the part's root element and returns it.
func (d *Decoder) Root() (Elem, error) {
	for {
		kind, el, _, _, err := d.next()
		switch {
		case err != nil:
			return Elem{}, err
		case kind == tokEOF:
			return Elem{}, d.malformed("no root element")
		case kind == tokStart:
			return el, nil
		case kind == tokEnd:
			return Elem{}, d.malformed("end before the root element")
		}
	}
}

// unescape appends text to b with its entity and character references
// expanded; an unknown entity is malformed (no DTD can declare one).
func (d *Decoder) unescape(b, text []byte) ([]byte, error) {
	for {
		i := bytes.IndexByte(text, '&')
		if i < 0 {
			return append(b, text...), nil
		}
		b = append(b, text[:i]...)
		text = text[i:]
		j := bytes.IndexByte(text, ';')
		if j < 0 || j > 12 {
			return nil, d.malformed("bad entity reference")
		}
		ref := string(text[1:j])
		text = text[j+1:]
		switch ref {
		case "lt":
			b = append(b, '<')
		case "gt":
			b = append(b, '>')
		case "amp":
			b = append(b, '&')
		case "quot":
			b = append(b, '"')
		case "apos":
			b = append(b, '\'')
		default:
			if len(ref) < 2 || ref[0] != '#' {
				return nil, d.malformed("unknown entity &" + ref + ";")
			}
			var n uint64
			var err error
			if ref[1] == 'x' || ref[1] == 'X' {
				n, err = strconv.ParseUint(ref[2:], 16, 32)
			} else {
				n, err = strconv.ParseUint(ref[1:], 10, 32)
			}
			if err != nil || n > utf8.MaxRune {
				return nil, d.malformed("bad character reference &" + ref + ";")
			}
			b = utf8.AppendRune(b, rune(n))
		}
	}
}

// Attr returns the value of the attribute with the local name (any
// prefix), "" when absent.
func (e Elem) Attr(local string) string { return e.attr("", local, false) }

// AttrNS is Attr for an attribute written with the given prefix, such as r:id.
func (e Elem) AttrNS(prefix, local string) string { return e.attr(prefix, local, true) }

func (e Elem) attr(prefix, local string, withPrefix bool) string {
	b := e.attrs
	for {
		b = trimSpace(b)
		eq := bytes.IndexByte(b, '=')
		if eq < 0 {
			return ""
		}
		name := b[:eq]
		for len(name) > 0 && isSpace(name[len(name)-1]) {
			name = name[:len(name)-1]
		}
		rest := trimSpace(b[eq+1:])
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			return ""
		}
		end := bytes.IndexByte(rest[1:], rest[0])
		if end < 0 {
			return ""
		}
		value := rest[1 : 1+end]
		b = rest[2+end:]
		space, loc := []byte(nil), name
		if k := bytes.IndexByte(name, ':'); k >= 0 {
			space, loc = name[:k], name[k+1:]
		}
		if string(loc) != local || withPrefix && string(space) != prefix {
			continue
		}
		if bytes.IndexByte(value, '&') < 0 {
			return string(value)
		}
		out, err := e.d.unescape(nil, value)
		if err != nil {
			return ""
		}
		return string(out)
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// trimSpace drops leading XML white space (bytes.TrimLeft with a cutset is
// several times slower on this hot path).
func trimSpace(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	return b
}
