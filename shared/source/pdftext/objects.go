package pdftext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/pdfcpu/pdfcpu/pkg/filter"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/nianbao/nianbao/shared/source"
)

// pdfcpu parses the file's objects (cross-reference tables and streams,
// object streams, filters, repair of broken offsets, decryption); everything
// from the content streams up is ours. See docs/import.md for the choice.

// pdfcpu reads a configuration directory from $HOME unless told not to; a
// Lambda has no writable home, and the reader needs none of it. (This is
// what pdfcpu's api.DisableConfigDir does; importing pdfcpu/pkg/api would
// link its form package and with it go-runewidth, whose package
// initialisation alone takes some 30 ms of every process's start.)
var disableConfigDir = sync.OnceFunc(func() { model.ConfigPath = "disable" })

// objects is an opened file: its objects and the budget of decompressed
// bytes left for the streams the reader decodes (contents, forms, CMaps).
type objects struct {
	x      *model.XRefTable
	budget int64
}

// errBudget is returned when the streams inflate past the budget.
var errBudget = errors.New("decompressed streams past the limit")

// open parses data. A file that needs a password is refused as encrypted;
// one that opens with the empty user password is read decrypted.
func open(ctx context.Context, data []byte, lim source.Limits) (*objects, error) {
	disableConfigDir()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	conf.Limits.MaxStreamBytes = lim.MaxBytes
	conf.Limits.MaxDecodeBytes = lim.MaxInflated
	conf.Limits.MaxImageBytes = lim.MaxInflated
	conf.Limits.MaxObjectCount = 1 << 20
	conf.Limits.MaxXRefEntries = 1 << 20
	conf.Limits.MaxObjectStreamCount = 1 << 16
	conf.Limits.MaxRecursionDepth = min(conf.Limits.MaxRecursionDepth, 64)
	c, err := pdfcpu.ReadWithContext(ctx, bytes.NewReader(data), conf)
	if err != nil {
		return nil, openError(err)
	}
	if err := c.EnsurePageCount(); err != nil {
		return nil, source.Refuse(source.Malformed, "PDF 文件已损坏：找不到页面，请用 WPS 或 Word 重新导出 PDF 后再导入", err)
	}
	return &objects{x: c.XRefTable, budget: lim.MaxInflated}, nil
}

func openError(err error) error {
	msg := err.Error()
	switch {
	case errors.Is(err, pdfcpu.ErrWrongPassword), strings.Contains(msg, "password"), strings.Contains(msg, "encrypt"):
		return source.Refuse(source.Encrypted, "PDF 设置了打开密码：请在 WPS 或 Acrobat 中取消密码（文档加密→移除密码）后重新保存，再导入", err)
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	}
	return source.Refuse(source.Malformed, "PDF 文件已损坏，无法读取：请用 WPS 或 Word 重新导出 PDF 后再导入", err)
}

// resolve follows indirect references; a reference to a reference (rare but
// legal) is followed a few times, never in a loop.
func (o *objects) resolve(v types.Object) types.Object {
	for range 8 {
		ref, ok := v.(types.IndirectRef)
		if !ok {
			return v
		}
		r, err := o.x.Dereference(ref)
		if err != nil {
			return nil
		}
		v = r
	}
	return nil
}

func (o *objects) dict(v types.Object) types.Dict {
	switch d := o.resolve(v).(type) {
	case types.Dict:
		return d
	case types.StreamDict:
		return d.Dict
	}
	return nil
}

func (o *objects) array(v types.Object) types.Array {
	a, _ := o.resolve(v).(types.Array)
	return a
}

func (o *objects) num(v types.Object) (float64, bool) {
	switch n := o.resolve(v).(type) {
	case types.Integer:
		return float64(n), true
	case types.Float:
		return float64(n), true
	}
	return 0, false
}

func (o *objects) name(v types.Object) string {
	n, _ := o.resolve(v).(types.Name)
	return string(n)
}

// bytes returns a string object's bytes (literal or hex).
func (o *objects) bytes(v types.Object) []byte {
	switch s := o.resolve(v).(type) {
	case types.StringLiteral:
		b, _ := types.Unescape(string(s))
		return b
	case types.HexLiteral:
		b, _ := s.Bytes()
		return b
	}
	return nil
}

// text returns a text string such as the Info dictionary's Title: UTF-16BE
// with its byte-order mark as PDF says, UTF-16LE with its mark as WPS writes
// it, UTF-8 with its mark (PDF 2.0), else PDFDocEncoding.
func (o *objects) text(v types.Object) string {
	return textString(o.bytes(v))
}

func textString(b []byte) string {
	switch {
	case len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF:
		return utf16BE(string(b[2:]))
	case len(b) >= 2 && b[0] == 0xFF && b[1] == 0xFE:
		u := make([]byte, 0, len(b)-2)
		for i := 2; i+1 < len(b); i += 2 {
			u = append(u, b[i+1], b[i])
		}
		return utf16BE(string(u))
	case len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF:
		return strings.ToValidUTF8(string(b[3:]), "")
	case utf8.Valid(b):
		return string(b)
	}
	rs := make([]rune, len(b))
	for i, c := range b {
		rs[i] = rune(c) // PDFDocEncoding agrees with Latin-1 where titles live
	}
	return string(rs)
}

// stream decodes a stream within what is left of the budget.
func (o *objects) stream(v types.Object) ([]byte, error) {
	sd, ok := o.resolve(v).(types.StreamDict)
	if !ok {
		return nil, nil
	}
	if o.budget <= 0 {
		return nil, errBudget
	}
	sd.Content = nil // decode afresh: a shared stream is charged each time it is used
	if err := sd.DecodeWithLimit(o.budget); err != nil {
		if errors.Is(err, filter.ErrDecodeLimitExceeded) {
			return nil, fmt.Errorf("%w: %w", errBudget, err)
		}
		return nil, err
	}
	o.budget -= int64(len(sd.Content))
	return sd.Content, nil
}

// isStream tells a stream from other objects.
func (o *objects) isStream(v types.Object) bool {
	_, ok := o.resolve(v).(types.StreamDict)
	return ok
}

// page returns page n's dictionary with its inherited resources and boxes.
func (o *objects) page(n int) (types.Dict, *model.InheritedPageAttrs, error) {
	d, _, attrs, err := o.x.PageDict(n, false)
	if err != nil {
		return nil, nil, err
	}
	if d == nil {
		return nil, nil, fmt.Errorf("page %d: no page dictionary", n)
	}
	return d, attrs, nil
}

// title returns the Info dictionary's Title, "" when none.
func (o *objects) title() string {
	if o.x.Info == nil {
		return ""
	}
	info := o.dict(*o.x.Info)
	if info == nil {
		return ""
	}
	return strings.TrimSpace(o.text(info["Title"]))
}

// meta returns the Info dictionary's text entries under their PDF names
// (Title, Author, Subject, Keywords, Creator, Producer); nianbao's own PDFs
// name the agency as Author and the format version among the Keywords.
func (o *objects) meta() map[string]string {
	if o.x.Info == nil {
		return nil
	}
	info := o.dict(*o.x.Info)
	m := map[string]string{}
	for _, k := range []string{"Title", "Author", "Subject", "Keywords", "Creator", "Producer"} {
		if v := strings.TrimSpace(o.text(info[k])); v != "" && len(v) <= 4096 {
			m[k] = v
		}
	}
	if len(m) == 0 {
		return nil
	}
	return m
}
