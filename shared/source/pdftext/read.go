package pdftext

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"

	"github.com/nianbao/nianbao/shared/source"
)

// Read reads a PDF's text layer into a document: headings, paragraphs and
// tables in reading order, each with its page and position.
//
// A PDF without text (a scan) is refused as needing OCR; one that needs a
// password is refused as encrypted (one that opens with the empty password
// is read); a damaged file, or one past lim (bytes, pages, decompressed
// streams — MaxInflated —, cells, blocks), is refused with a reason in
// Chinese. Read never panics: a parser failure is a refusal.
func Read(ctx context.Context, data []byte, lim source.Limits) (doc *source.Document, err error) {
	if err := lim.CheckSize(data); err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			doc = nil
			err = source.Refuse(source.Malformed, "PDF 文件已损坏，无法读取：请用 WPS 或 Word 重新导出 PDF 后再导入",
				fmt.Errorf("panic: %v\n%s", r, debug.Stack()))
		}
	}()
	o, err := open(ctx, data, lim)
	if err != nil {
		return nil, err
	}
	n := o.x.PageCount
	if n > lim.MaxPages {
		return nil, source.Refuse(source.TooComplex, fmt.Sprintf("PDF 有 %d 页，超过了 %d 页的上限，不像是一份年报", n, lim.MaxPages), nil)
	}
	if n == 0 {
		return nil, source.Refuse(source.Malformed, "PDF 没有页面", nil)
	}
	pages := make([][]item, n)
	heights := make([]float64, n)
	width := 0.0
	var glyphs, unmapped, images int
	for i := range n {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		p, err := readPage(ctx, o, i+1)
		switch {
		case errors.Is(err, errBudget):
			return nil, source.Refuse(source.InflateLimit, fmt.Sprintf("PDF 解压后的内容超过 %d MB，不像是一份年报，已拒绝", lim.MaxInflated>>20), err)
		case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
			return nil, err
		case err != nil:
			return nil, source.Refuse(source.Malformed, fmt.Sprintf("PDF 第 %d 页已损坏，无法读取：请用 WPS 或 Word 重新导出 PDF 后再导入", i+1), err)
		}
		glyphs += len(p.glyphs)
		unmapped += p.unmapped
		images += p.images
		heights[i] = p.height
		width = max(width, p.width)
		pages[i] = lay(p)
	}
	switch {
	case glyphs == 0 && images > 0:
		return nil, source.Refuse(source.Scanned, "这是扫描件（PDF 里只有图片，没有文字层）：请先做文字识别（OCR），或导入原始的 Word、WPS 文件", nil)
	case glyphs == 0:
		return nil, source.Refuse(source.Scanned, "PDF 里没有可读取的文字：请导入原始的 Word、WPS 文件，或先做文字识别（OCR）", nil)
	case unmapped*4 > glyphs:
		// Fonts without a character map: what comes out is not the text.
		return nil, source.Refuse(source.Scanned, "PDF 的文字无法还原（字体没有字符映射，复制出来是乱码）：请导入原始的 Word、WPS 文件，或先做文字识别（OCR）", nil)
	}
	dropFurniture(pages, heights)
	blocks, err := build(pages, measure(pages, width), lim)
	if err != nil {
		return nil, err
	}
	return &source.Document{Kind: source.PDF, Title: o.title(), Blocks: blocks, Meta: o.meta()}, nil
}
