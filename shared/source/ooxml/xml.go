package ooxml

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"

	"github.com/nianbao/nianbao/shared/source"
)

// Decoder reads one part's XML token by token with its nesting bounded.
// encoding/xml expands no entity a document declares, so a billion-laughs
// part fails on its first undefined entity instead of growing.
type Decoder struct {
	part  string
	rc    io.ReadCloser
	d     *xml.Decoder
	depth int
	max   int
}

// Decoder opens a part for reading as XML. Close it when done.
func (p *Package) Decoder(name string) (*Decoder, error) {
	rc, err := p.OpenPart(name)
	if err != nil {
		return nil, err
	}
	d := xml.NewDecoder(rc)
	d.Strict = true
	return &Decoder{part: name, rc: rc, d: d, max: p.lim.MaxDepth}, nil
}

// Close releases the part's stream.
func (d *Decoder) Close() error { return d.rc.Close() }

// Depth returns the nesting depth after the last token: 1 inside the root.
func (d *Decoder) Depth() int { return d.depth }

// Token returns the next token, with names as written (Space holds the
// prefix), io.EOF at the end, and a refusal when the part is malformed or
// nests deeper than the limit. An empty element <x/> comes as a start and an
// end. CharData is only valid until the next call.
func (d *Decoder) Token() (xml.Token, error) {
	tok, err := d.d.RawToken()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, io.EOF
		}
		var refused *source.RefusedError
		if errors.As(err, &refused) {
			return nil, err
		}
		return nil, source.Refuse(source.Malformed, "文件已损坏：内部 XML 无法解析，请重新保存后再导入", fmt.Errorf("%s: %w", d.part, err))
	}
	switch tok.(type) {
	case xml.StartElement:
		d.depth++
		if d.depth > d.max {
			return nil, source.Refuse(source.TooComplex, "文件结构嵌套过深，不像是一份年报，已拒绝", fmt.Errorf("%s nests deeper than %d", d.part, d.max))
		}
	case xml.EndElement:
		d.depth--
	}
	return tok, nil
}

// Skip reads past the end of the element whose start was the last token.
func (d *Decoder) Skip() error {
	target := d.depth - 1
	for d.depth > target {
		if _, err := d.Token(); err != nil {
			if errors.Is(err, io.EOF) {
				return source.Refuse(source.Malformed, "文件已损坏：内部 XML 不完整，请重新保存后再导入", fmt.Errorf("%s: %w", d.part, io.ErrUnexpectedEOF))
			}
			return err
		}
	}
	return nil
}

// Text returns the character data of the element whose start was the last
// token, up to its end; child elements' text is included.
func (d *Decoder) Text() (string, error) {
	var b []byte
	target := d.depth - 1
	for d.depth > target {
		tok, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = source.Refuse(source.Malformed, "文件已损坏：内部 XML 不完整，请重新保存后再导入", fmt.Errorf("%s: %w", d.part, io.ErrUnexpectedEOF))
			}
			return "", err
		}
		if cd, ok := tok.(xml.CharData); ok {
			b = append(b, cd...)
		}
	}
	return string(b), nil
}

// Attr returns the value of the attribute with the local name, "" when absent.
func Attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// AttrNS is Attr for an attribute written with a given prefix, such as r:id.
func AttrNS(se xml.StartElement, prefix, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local && a.Name.Space == prefix {
			return a.Value
		}
	}
	return ""
}

// Children calls fn for each child element of the element whose start was
// the last token, and returns at its end. fn must read its element to the
// end (Skip, Text, or Children again); character data between children is
// ignored.
func (d *Decoder) Children(fn func(se xml.StartElement) error) error {
	for {
		tok, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return source.Refuse(source.Malformed, "文件已损坏：内部 XML 不完整，请重新保存后再导入", fmt.Errorf("%s: %w", d.part, io.ErrUnexpectedEOF))
			}
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := fn(t); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

// Root reads to the part's root element and returns it.
func (d *Decoder) Root() (xml.StartElement, error) {
	for {
		tok, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return xml.StartElement{}, source.Refuse(source.Malformed, "文件已损坏：内部 XML 是空的，请重新保存后再导入", fmt.Errorf("%s: no root element", d.part))
			}
			return xml.StartElement{}, err
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se, nil
		}
	}
}
