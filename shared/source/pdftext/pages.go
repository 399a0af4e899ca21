package pdftext

import (
	"context"
	"fmt"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// readPage runs page n's content streams.
func readPage(ctx context.Context, o *objects, n int) (*page, error) {
	d, attrs, err := o.page(n)
	if err != nil {
		return nil, fmt.Errorf("page %d: %w", n, err)
	}
	disp := display{llx: 0, lly: 0, urx: 595, ury: 842}
	box := attrs.MediaBox
	if attrs.CropBox != nil && attrs.CropBox.Width() > 1 && attrs.CropBox.Height() > 1 {
		box = attrs.CropBox
	}
	if box != nil && box.Width() > 1 && box.Height() > 1 {
		disp = display{llx: box.LL.X, lly: box.LL.Y, urx: box.UR.X, ury: box.UR.Y}
	}
	disp.rotate = ((attrs.Rotate % 360) + 360) % 360 / 90 * 90
	p := &page{number: n}
	p.width, p.height = disp.size()
	res := attrs.Resources
	if res == nil {
		res = types.Dict{}
	}
	in := newInterp(ctx, o, disp, p)
	var streams []types.Object
	switch c := o.resolve(d["Contents"]).(type) {
	case types.StreamDict:
		streams = append(streams, d["Contents"])
	case types.Array:
		streams = c
	}
	// A page's streams are one stream cut at token boundaries (PDF 7.8.2).
	var data []byte
	for _, s := range streams {
		b, err := o.stream(s)
		if err != nil {
			return nil, fmt.Errorf("page %d contents: %w", n, err)
		}
		data = append(append(data, b...), '\n')
	}
	in.run(data, res)
	if in.err != nil {
		return nil, fmt.Errorf("page %d: %w", n, in.err)
	}
	return p, nil
}
