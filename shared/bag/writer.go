package bag

import (
	"archive/zip"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"path"
	"slices"
	"strings"
)

// copyBufSize is the one buffer each Writer copies payload through.
const copyBufSize = 64 << 10

// Writer writes a bag zip to an io.Writer. Add payload files, add index
// records, then Close. It is not safe for concurrent use.
type Writer struct {
	info    Info
	out     *hashCounter
	zw      *zip.Writer
	buf     []byte
	files   []fileSum       // payload files in the order added
	taken   map[string]bool // lower-cased payload paths (true) and their directories (false)
	records []Record
	octets  int64
	err     error // sticky: the zip is unfinished or closed
}

// fileSum is a file's path inside the bag (e.g. "data/x/report.pdf") and
// its SHA-256.
type fileSum struct {
	path string
	sum  [sha256.Size]byte
}

// Summary describes a finished bag.
type Summary struct {
	Bytes        int64  // size of the zip
	SHA256       string // lower-case hex of the whole zip, hashed as written
	PayloadOxum  string // "octets.files", as in bag-info.txt
	PayloadBytes int64  // payload octets, data/index.csv included
	PayloadFiles int64  // payload files, data/index.csv included
	Reports      int    // records in data/index.csv
}

// NewWriter starts a bag on w. Info is checked by the first call that
// writes: Add, AddRecord or Close return ErrInvalidInfo if it is wrong.
func NewWriter(w io.Writer, info Info) *Writer {
	out := &hashCounter{w: w, h: sha256.New()}
	// data/index.csv is written at Close; reserving it also keeps it from
	// being used as a directory.
	taken := map[string]bool{indexName: true}
	bw := &Writer{info: info, out: out, zw: zip.NewWriter(out), taken: taken}
	if err := info.validate(); err != nil {
		bw.err = err
	}
	return bw
}

// Add copies one payload file into the bag as data/<name>; name is a
// slash-separated relative path such as "11410303MB0000001X/2020/report.pdf".
// r is read once, to its end, and must yield exactly size bytes.
//
// A bad name or a context canceled before the copy starts leaves the
// Writer usable. A failure during the copy (a read error, a wrong size,
// cancellation) leaves a partial zip entry, so the Writer fails from then
// on and the output must be discarded.
func (w *Writer) Add(ctx context.Context, name string, size int64, r io.Reader) error {
	if w.err != nil {
		return w.err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("add %s: %w", name, err)
	}
	if size < 0 {
		return fmt.Errorf("add %s: %w: negative size %d", name, ErrSizeMismatch, size)
	}
	if err := w.claim(name); err != nil {
		return fmt.Errorf("add %q: %w", name, err)
	}
	ew, err := w.entry(payloadDir + name)
	if err != nil {
		return w.fail(fmt.Errorf("add %s: %w", name, err))
	}
	if w.buf == nil {
		w.buf = make([]byte, copyBufSize)
	}
	h := sha256.New()
	src := &ctxReader{ctx: ctx, r: io.LimitReader(r, size)}
	n, err := io.CopyBuffer(io.MultiWriter(ew, h), src, w.buf)
	if err != nil {
		return w.fail(fmt.Errorf("add %s: %w", name, err))
	}
	if n != size {
		return w.fail(fmt.Errorf("add %s: %w: got %d bytes, declared %d", name, ErrSizeMismatch, n, size))
	}
	// The declared size must be the whole file, not a prefix of it.
	if extra, _ := io.ReadFull(r, w.buf[:1]); extra > 0 {
		return w.fail(fmt.Errorf("add %s: %w: more than the declared %d bytes", name, ErrSizeMismatch, size))
	}
	w.record(payloadDir+name, h)
	w.octets += size
	return nil
}

// AddRecord adds a row to data/index.csv. Rows keep the order added.
func (w *Writer) AddRecord(r Record) error {
	if w.err != nil {
		return w.err
	}
	if err := r.validate(); err != nil {
		return err
	}
	w.records = append(w.records, r)
	return nil
}

// Close writes data/index.csv, the manifests and the tag files, and
// finishes the zip. It does not close the underlying io.Writer.
func (w *Writer) Close() (Summary, error) {
	if w.err != nil {
		return Summary{}, w.err
	}
	s, err := w.finish()
	if err != nil {
		return Summary{}, w.fail(fmt.Errorf("close bag: %w", err))
	}
	w.err = ErrClosed
	return s, nil
}

func (w *Writer) finish() (Summary, error) {
	index, err := indexCSV(w.records)
	if err != nil {
		return Summary{}, err
	}
	if err := w.writeFile(payloadDir+indexName, index); err != nil {
		return Summary{}, err
	}
	w.octets += int64(len(index))
	payload := w.files
	files := int64(len(payload))

	var tags []fileSum
	for _, t := range []struct {
		name string
		body []byte
	}{
		{bagitName, []byte(bagitTxt)},
		{bagInfoName, w.info.bagInfo(w.octets, files, len(w.records))},
		{manifestName, manifest(payload)},
	} {
		if err := w.writeFile(t.name, t.body); err != nil {
			return Summary{}, err
		}
		tags = append(tags, w.files[len(w.files)-1])
	}
	if err := w.writeFile(tagManifestName, manifest(tags)); err != nil {
		return Summary{}, err
	}
	if err := w.zw.Close(); err != nil {
		return Summary{}, fmt.Errorf("finish zip: %w", err)
	}
	return Summary{
		Bytes:        w.out.n,
		SHA256:       hex.EncodeToString(w.out.h.Sum(nil)),
		PayloadOxum:  oxum(w.octets, files),
		PayloadBytes: w.octets,
		PayloadFiles: files,
		Reports:      len(w.records),
	}, nil
}

// claim reserves a payload name, refusing unsafe names, names taken, and
// names that differ from a taken one only in letter case or that use a
// file as a directory (either would break extraction on some systems).
func (w *Writer) claim(name string) error {
	if err := validName(name); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalidName, err)
	}
	key := strings.ToLower(name)
	if w.taken[key] {
		return fmt.Errorf("%w: name taken", ErrInvalidName)
	}
	if _, isDir := w.taken[key]; isDir {
		return fmt.Errorf("%w: name is already a directory", ErrInvalidName)
	}
	for dir := path.Dir(key); dir != "."; dir = path.Dir(dir) {
		if w.taken[dir] {
			return fmt.Errorf("%w: %s is a file", ErrInvalidName, dir)
		}
	}
	w.taken[key] = true
	for dir := path.Dir(key); dir != "."; dir = path.Dir(dir) {
		w.taken[dir] = false
	}
	return nil
}

// entry starts the zip entry for a path inside the bag.
func (w *Writer) entry(p string) (io.Writer, error) {
	method := zip.Store
	if deflateText && compressible(p) {
		method = zip.Deflate
	}
	return w.zw.CreateHeader(&zip.FileHeader{
		Name:     w.info.Name + "/" + p,
		Method:   method,
		Modified: w.info.Date.UTC(),
	})
}

// writeFile adds a file held in memory (index and tag files).
func (w *Writer) writeFile(p string, body []byte) error {
	ew, err := w.entry(p)
	if err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	if _, err := ew.Write(body); err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	h := sha256.New()
	h.Write(body)
	w.record(p, h)
	return nil
}

func (w *Writer) record(p string, h hash.Hash) {
	var fs fileSum
	fs.path = p
	h.Sum(fs.sum[:0])
	w.files = append(w.files, fs)
}

// fail makes err the Writer's final state.
func (w *Writer) fail(err error) error {
	if w.err == nil {
		w.err = err
	}
	return err
}

// manifest renders manifest lines sorted by path, with two spaces as
// sha256sum writes them, so `sha256sum -c` can check an unpacked bag.
func manifest(files []fileSum) []byte {
	sorted := slices.SortedFunc(slices.Values(files), func(a, b fileSum) int { return cmp.Compare(a.path, b.path) })
	var b strings.Builder
	for _, f := range sorted {
		b.WriteString(hex.EncodeToString(f.sum[:]))
		b.WriteString("  ")
		b.WriteString(encodePath(f.path))
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

// deflateText, when true, deflates text files (JSON, CSV, tag files).
// It is false: measured on typical reports (docs/archive.md), deflating
// the JSON saves 7% of the zip and costs a third of the throughput, and a
// stored zip's bytes depend only on the zip format, not on the flate
// implementation of the Go release that rebuilds the bag years later. The
// switch stays so that the benchmark can measure the trade-off again.
var deflateText = false

// compressible reports whether a file is text that deflates well.
func compressible(p string) bool {
	switch path.Ext(p) {
	case ".json", ".csv", ".txt", ".xml":
		return true
	}
	return false
}

// hashCounter passes writes through, counting and hashing them.
type hashCounter struct {
	w io.Writer
	h hash.Hash
	n int64
}

func (c *hashCounter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.h.Write(p[:n])
	c.n += int64(n)
	return n, err
}

// ctxReader stops a copy when its context ends.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
