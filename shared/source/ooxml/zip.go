package ooxml

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/nianbao/nianbao/shared/source"
)

// maxRatio bounds how much one large entry may inflate: Word's and Excel's
// XML compresses ten- to a hundredfold (repetitive tables up to some three
// hundredfold), a deflate bomb a thousandfold.
const (
	maxRatio     = 500
	ratioFloor   = 1 << 20 // entries smaller than this inflate as they like
	bombedReason = "文件内部压缩数据异常（解压后过大），不像是正常的 Word 或 Excel 文件，已拒绝"
)

// Package is an opened OOXML zip.
type Package struct {
	lim    source.Limits
	files  map[string]*zip.File // by part name, without a leading slash, case-folded
	budget int64                // inflated bytes still allowed
}

// Open checks the container before anything is inflated: the file's size,
// the number of entries, the declared sizes of all entries together and the
// compression ratio of each large entry.
func Open(data []byte, lim source.Limits) (*Package, error) {
	if err := lim.CheckSize(data); err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, source.Refuse(source.Malformed, "文件已损坏：压缩结构无法读取，请重新保存后再导入", err)
	}
	if len(zr.File) > lim.MaxEntries {
		return nil, source.Refuse(source.InflateLimit, fmt.Sprintf("文件内部条目过多（%d 个），不像是一份年报，已拒绝", len(zr.File)), nil)
	}
	p := &Package{lim: lim, files: make(map[string]*zip.File, len(zr.File)), budget: lim.MaxInflated}
	var declared uint64
	for _, f := range zr.File {
		declared += f.UncompressedSize64
		if declared > uint64(lim.MaxInflated) {
			return nil, source.Refuse(source.InflateLimit, bombedReason, fmt.Errorf("entries declare more than %d bytes", lim.MaxInflated))
		}
		if f.UncompressedSize64 > ratioFloor && f.UncompressedSize64 > maxRatio*max(f.CompressedSize64, 1) {
			return nil, source.Refuse(source.InflateLimit, bombedReason, fmt.Errorf("%s inflates %d times", f.Name, f.UncompressedSize64/max(f.CompressedSize64, 1)))
		}
		p.files[partKey(f.Name)] = f
	}
	return p, nil
}

func partKey(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(name, `\`, "/"), "/"))
}

// Has reports whether the package holds the part.
func (p *Package) Has(name string) bool { _, ok := p.files[partKey(name)]; return ok }

// ErrNoPart is returned for a part the package lacks.
var ErrNoPart = errors.New("no such part")

// OpenPart returns the part's inflated bytes as a stream. Reading past the
// package's inflate budget fails with a refusal; archive/zip itself fails an
// entry that inflates past its declared size.
func (p *Package) OpenPart(name string) (io.ReadCloser, error) {
	f, ok := p.files[partKey(name)]
	if !ok {
		return nil, fmt.Errorf("%s: %w", name, ErrNoPart)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, source.Refuse(source.Malformed, "文件已损坏：内部数据无法解压，请重新保存后再导入", fmt.Errorf("open %s: %w", name, err))
	}
	return &budgeted{rc: rc, p: p}, nil
}

type budgeted struct {
	rc io.ReadCloser
	p  *Package
}

func (b *budgeted) Read(buf []byte) (int, error) {
	n, err := b.rc.Read(buf)
	b.p.budget -= int64(n)
	if b.p.budget < 0 {
		return n, source.Refuse(source.InflateLimit, bombedReason, fmt.Errorf("inflated past %d bytes", b.p.lim.MaxInflated))
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return n, source.Refuse(source.Malformed, "文件已损坏：内部数据无法解压，请重新保存后再导入", err)
	}
	return n, err
}

func (b *budgeted) Close() error { return b.rc.Close() }

// Resolve returns the part a relationship of part from points at: targets
// are relative to the source part's folder unless they start with a slash.
func Resolve(from, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Join(path.Dir(from), target), "/")
}
