package ooxml

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// Rel is one internal relationship of a part.
type Rel struct {
	Type   string // the type's last segment, e.g. "officeDocument", "worksheet": transitional and strict agree on it
	Target string // the part it points at, resolved
}

// Rels reads the relationships of part ("" for the package's own). A part
// without relationships has none; external targets are left out.
func (p *Package) Rels(part string) (map[string]Rel, error) {
	name := "_rels/.rels"
	if part != "" {
		name = path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
	}
	rels := map[string]Rel{}
	if !p.Has(name) {
		return rels, nil
	}
	d, err := p.Decoder(name)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return rels, nil
		}
		if err != nil {
			return nil, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "Relationship" || strings.EqualFold(Attr(se, "TargetMode"), "External") {
			continue
		}
		t := Attr(se, "Type")
		rels[Attr(se, "Id")] = Rel{Type: t[strings.LastIndexByte(t, '/')+1:], Target: Resolve(part, Attr(se, "Target"))}
	}
}

// MainPart returns the package's main part (word/document.xml,
// xl/workbook.xml, or wherever the package's relationships say).
func (p *Package) MainPart() (string, error) {
	rels, err := p.Rels("")
	if err != nil {
		return "", err
	}
	for _, r := range rels {
		if r.Type == "officeDocument" && p.Has(r.Target) {
			return r.Target, nil
		}
	}
	return "", fmt.Errorf("the package names no main part: %w", ErrNoPart)
}
