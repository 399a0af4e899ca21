package xlsxwrite

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Properties are the document's properties: the core ones every office
// application shows (title, subject, author, dates) and custom ones, which
// programs read (nianbao's templates declare their format version there).
type Properties struct {
	Title, Subject, Creator string
	Created, Modified       time.Time // written in UTC to the second; zero: left out
	Custom                  []Property
}

// Property is a custom document property, written as text.
type Property struct{ Name, Value string }

// The format identifier every custom property of a user carries
// (FMTID_UserDefinedProperties).
const userDefined = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"

// xml returns the core and custom properties parts, nil when there is
// nothing to say in them.
func (p Properties) xml() (core, custom []byte, err error) {
	if p.Title != "" || p.Subject != "" || p.Creator != "" || !p.Created.IsZero() || !p.Modified.IsZero() {
		b := []byte(xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
			` xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"` +
			` xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
		for _, e := range []struct{ tag, v string }{{"dc:title", p.Title}, {"dc:subject", p.Subject}, {"dc:creator", p.Creator}} {
			if e.v != "" {
				b = append(b, "<"+e.tag+">"...)
				b = appendText(b, e.v)
				b = append(b, "</"+e.tag+">"...)
			}
		}
		for _, e := range []struct {
			tag string
			t   time.Time
		}{{"dcterms:created", p.Created}, {"dcterms:modified", p.Modified}} {
			if !e.t.IsZero() {
				b = append(b, "<"+e.tag+` xsi:type="dcterms:W3CDTF">`...)
				b = e.t.UTC().Truncate(time.Second).AppendFormat(b, "2006-01-02T15:04:05Z")
				b = append(b, "</"+e.tag+">"...)
			}
		}
		core = append(b, `</cp:coreProperties>`...)
	}
	if len(p.Custom) == 0 {
		return core, nil, nil
	}
	b := []byte(xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"` +
		` xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">`)
	seen := map[string]bool{}
	for i, c := range p.Custom {
		key := strings.ToLower(c.Name)
		if c.Name == "" || len(c.Name) > maxName || seen[key] {
			return nil, nil, fmt.Errorf("xlsxwrite: custom property %q: want a name of 1–%d bytes, each once", c.Name, maxName)
		}
		seen[key] = true
		b = append(b, `<property fmtid="`+userDefined+`" pid="`...)
		b = strconv.AppendInt(b, int64(i+2), 10) // pids 0 and 1 are reserved
		b = append(b, `" name="`...)
		b = appendAttr(b, c.Name)
		b = append(b, `"><vt:lpwstr>`...)
		b = appendText(b, c.Value)
		b = append(b, `</vt:lpwstr></property>`...)
	}
	return core, append(b, `</Properties>`...), nil
}
