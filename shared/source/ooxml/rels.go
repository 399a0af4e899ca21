package ooxml

import (
	"fmt"
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
	if _, err := d.Root(); err != nil {
		return nil, err
	}
	err = d.Children(func(se Elem) error {
		if se.Local == "Relationship" && !strings.EqualFold(se.Attr("TargetMode"), "External") && len(rels) < maxRels {
			t := se.Attr("Type")
			rels[se.Attr("Id")] = Rel{Type: t[strings.LastIndexByte(t, '/')+1:], Target: Resolve(part, se.Attr("Target"))}
		}
		return d.Skip()
	})
	return rels, err
}

const maxRels = 4096

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
