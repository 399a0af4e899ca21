package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/go-json-experiment/json/jsontext"
)

// MaxDocumentBytes caps a whole report document.
const MaxDocumentBytes = 1 << 20

// MaxYear bounds reportYear syntactically; the validator checks it against the
// current year.
const MaxYear = 9999

// Decode reads a report document strictly: unknown fields, duplicate keys, wrong
// types, null, blank strings and out-of-range numbers are findings that name
// their path, and decoding goes on past them so a clerk sees every problem at
// once. Numbers are read exactly, never through float64.
//
// The report is nil only when the document cannot be used at all: it is not
// JSON, not an object, or larger than MaxDocumentBytes; the findings then hold
// one "syntax" finding. Otherwise the report is returned even when findings
// hold errors: cells that failed are Absent.
func Decode(data []byte) (*Report, []Finding) {
	if len(data) > MaxDocumentBytes {
		return nil, []Finding{syntaxFinding("", fmt.Sprintf("文档大小 %d 字节，超过 %d 字节（1 MiB）的上限", len(data), MaxDocumentBytes))}
	}
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		return nil, []Finding{syntaxFinding("", "文档以字节顺序标记（BOM）开头，请以不带 BOM 的 UTF-8 保存")}
	}
	d := &decoder{rep: &Report{}}
	d.document(data)
	if d.err != nil {
		return nil, []Finding{d.syntax()}
	}
	return d.rep, d.fs.List()
}

type decoder struct {
	dec *jsontext.Decoder
	rep *Report
	fs  Findings // bounded: a flood of unknown or repeated fields is counted, not kept
	err error    // a syntax error: decoding stops
}

func newTokenDecoder(data []byte) *jsontext.Decoder {
	// Duplicate names are detected per object below, so they become findings with a path.
	return jsontext.NewDecoder(bytes.NewReader(data), jsontext.AllowDuplicateNames(true))
}

func (d *decoder) document(data []byte) {
	d.dec = newTokenDecoder(data)
	if k := d.dec.PeekKind(); k != '{' {
		if d.err = d.peekErr(); d.err == nil {
			d.err = errNotObject
		}
		return
	}
	deferred := map[string]jsontext.Value{}
	seen, _ := d.object("", func(name string) bool {
		switch name {
		case "formatVersion":
			d.formatVersion()
		case "reportYear":
			d.reportYear()
		case "agency":
			d.agency()
		case "title":
			d.text(TextFields[2])
		case "publishedOn":
			d.publishedOn()
		case "sections":
			d.sections()
		case "table2", "table3", "table4":
			if l := d.rep.layout; l != nil {
				d.tree(l.root.child(name))
			} else if v, err := d.dec.ReadValue(); err != nil {
				d.err = err
			} else {
				deferred[name] = bytes.Clone(v) // the version may come later in the document
			}
		default:
			return false
		}
		return true
	})
	if d.err != nil {
		return
	}
	if _, err := d.dec.ReadToken(); err != io.EOF {
		d.err = errTrailing
		return
	}
	d.requireAll("", seen, "formatVersion", "reportYear", "agency", "sections", "table2", "table3", "table4")
	if d.rep.layout == nil {
		return // tables cannot be read without a known version; formatVersion's finding says why
	}
	for _, name := range []string{"table2", "table3", "table4"} {
		if v, ok := deferred[name]; ok {
			d.dec = newTokenDecoder(v)
			d.tree(d.rep.layout.root.child(name))
		}
	}
}

var (
	errNotObject = errors.New("document is not a JSON object")
	errTrailing  = errors.New("data after the top-level value")
)

// object reads an object member by member, calling member for each name. member
// returns false for a name it does not know. Unknown and repeated names become
// findings and their values are skipped. It returns the names it accepted, and
// false when the value was not an object at all (already reported).
func (d *decoder) object(path string, member func(name string) bool) ([]string, bool) {
	if d.err != nil {
		return nil, false
	}
	if k := d.dec.PeekKind(); k != '{' {
		d.wrongType(path, "对象", k)
		return nil, false
	}
	if _, d.err = d.dec.ReadToken(); d.err != nil {
		return nil, false
	}
	names := make([]string, 0, 8)
	for d.err == nil && d.dec.PeekKind() != '}' {
		tok, err := d.dec.ReadToken()
		if err != nil {
			d.err = err
			return nil, false
		}
		name := tok.String()
		switch {
		case contains(names, name):
			d.addOrCount(func() Finding {
				p := join(path, name)
				return Finding{Rule: RuleDuplicateKey, Severity: Error, Path: p,
					Message: fmt.Sprintf("字段“%s”重复出现；每个字段只能填写一次", describe(d.rep.layout, p))}
			})
			d.skip()
		case member(name):
			names = append(names, name)
		default:
			d.addOrCount(func() Finding {
				p := join(path, name)
				return Finding{Rule: RuleUnknownField, Severity: Error, Path: p,
					Message: fmt.Sprintf("未知字段“%s”，格式中没有这一项", clip(p, maxPathBytes))}
			})
			d.skip()
		}
	}
	if d.err == nil {
		_, d.err = d.dec.ReadToken()
	}
	return names, d.err == nil
}

func (d *decoder) requireAll(path string, seen []string, keys ...string) {
	for _, k := range keys {
		if !contains(seen, k) {
			d.missing(join(path, k))
		}
	}
}

func (d *decoder) missing(path string) {
	d.add(Finding{Rule: RuleRequired, Severity: Error, Path: path,
		Message: fmt.Sprintf("缺少必填项“%s”", describe(d.rep.layout, path))})
}

// tree reads a table object of the layout.
func (d *decoder) tree(n *node) {
	seen, ok := d.object(n.path, func(name string) bool {
		k := n.child(name)
		if k == nil {
			return false
		}
		if k.kind != 0 {
			d.cell(k)
		} else {
			d.tree(k)
		}
		return true
	})
	if !ok {
		return
	}
	for _, k := range n.kids {
		if !contains(seen, k.key) {
			d.missing(k.path)
		}
	}
}
