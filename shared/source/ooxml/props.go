package ooxml

import (
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
	if _, err := d.Root(); err != nil {
		return "", err
	}
	title := ""
	err = d.Children(func(se Elem) error {
		if se.Local != "title" {
			return d.Skip()
		}
		t, err := d.Text()
		title = strings.TrimSpace(t)
		return err
	})
	return title, err
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
	if _, err := d.Root(); err != nil {
		return err
	}
	return d.Children(func(se Elem) error {
		if se.Local != "property" {
			return d.Skip()
		}
		name := se.Attr("name")
		return d.Children(func(se Elem) error { // the value, whatever its type
			v, err := d.Text()
			if err == nil && name != "" && len(into) < maxProps {
				into[name] = v
			}
			return err
		})
	})
}
