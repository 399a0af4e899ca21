// Package docx reads WordprocessingML (.docx as Word and WPS write it) into a
// source.Document: paragraphs and headings in reading order, tables as grids
// with gridSpan and vMerge resolved, the text of content controls with their
// tags as cell keys, the core title and the custom properties.
package docx

import (
	"context"
	"fmt"

	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/ooxml"
)

// Read reads a .docx. Bytes that are no WordprocessingML package, or that
// pass lim, are refused with a *source.RefusedError.
func Read(ctx context.Context, data []byte, lim source.Limits) (*source.Document, error) {
	pkg, err := ooxml.Open(data, lim)
	if err != nil {
		return nil, err
	}
	main, err := pkg.MainPart()
	if err != nil || !pkg.Has(main) {
		return nil, source.Refuse(source.Malformed, "这不是 Word 文档：文件中没有正文部分，请用 Word 或 WPS 另存为 .docx 后再导入", err)
	}
	rels, err := pkg.Rels(main)
	if err != nil {
		return nil, err
	}
	r := &reader{ctx: ctx, lim: lim}
	for _, rel := range rels {
		switch rel.Type {
		case "styles":
			if r.styles, err = readStyles(pkg, rel.Target); err != nil {
				return nil, fmt.Errorf("read styles: %w", err)
			}
		case "numbering":
			if r.numbering, err = readNumbering(pkg, rel.Target); err != nil {
				return nil, fmt.Errorf("read numbering: %w", err)
			}
		}
	}
	body, err := r.document(pkg, main)
	if err != nil {
		return nil, err
	}
	doc := &source.Document{Kind: source.DOCX}
	if doc.Title, doc.Meta, err = pkg.Properties(); err != nil {
		return nil, fmt.Errorf("read properties: %w", err)
	}
	if err := r.emit(doc, body.items); err != nil {
		return nil, err
	}
	return doc, nil
}

// emit lays the read items out as the document's blocks, numbering tables
// in reading order.
func (r *reader) emit(doc *source.Document, items []item) error {
	for _, it := range items {
		if it.rows == nil {
			doc.Blocks = append(doc.Blocks, it.block)
			continue
		}
		r.tables++
		t, ok := source.Layout(it.rows, r.tables, r.lim.MaxSpan, r.lim.MaxCells)
		if !ok {
			return source.Refuse(source.TooComplex, fmt.Sprintf("第%d个表格过大（超过 %d 个单元格），不像是年报的表格，已拒绝", r.tables, r.lim.MaxCells), nil)
		}
		doc.Blocks = append(doc.Blocks, source.Block{Kind: source.TableBlock, Table: t, Loc: t.Loc})
	}
	return nil
}
