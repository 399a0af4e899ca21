package ooxml

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// Properties returns the core title (dc:title) and the custom properties
// (name → value), which is where nianbao's templates declare their format
// version. Missing property parts are no error.
func (p *Package) Properties() (title string, custom map[string]string, err error) {
	rels, err := p.Rels("")
	if err != nil {
		return "", nil, err
	}
	custom = map[string]string{}
	for _, r := range rels {
		switch r.Type {
		case "core-properties", "metadata/core-properties":
			if title, err = p.coreTitle(r.Target); err != nil {
				return "", nil, err
			}
		case "custom-properties":
			if err = p.customProps(r.Target, custom); err != nil {
				return "", nil, err
			}
		}
	}
	return title, custom, nil
}

func (p *Package) coreTitle(part string) (string, error) {
	if !p.Has(part) {
		return "", nil
	}
	d, err := p.Decoder(part)
	if err != nil {
		return "", err
	}
	defer d.Close()
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return "", nil
		}
		if err != nil {
			return "", err
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "title" && d.Depth() == 2 {
			t, err := d.Text()
			return strings.TrimSpace(t), err
		}
	}
}

// maxProps bounds the custom properties kept: a file may declare thousands.
const maxProps = 256

func (p *Package) customProps(part string, into map[string]string) error {
	if !p.Has(part) {
		return nil
	}
	d, err := p.Decoder(part)
	if err != nil {
		return err
	}
	defer d.Close()
	name := ""
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		se, ok := tok.(xml.StartElement)
		switch {
		case !ok:
		case se.Name.Local == "property" && d.Depth() == 2:
			name = Attr(se, "name")
		case d.Depth() == 3 && name != "":
			v, err := d.Text()
			if err != nil {
				return err
			}
			if len(into) < maxProps {
				into[name] = v
			}
			name = ""
		}
	}
}
