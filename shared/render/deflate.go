package render

import (
	"bytes"
	"encoding/binary"
	"hash/adler32"
	"runtime"
	"sync"

	"github.com/klauspost/compress/flate"
)

// Streams are compressed with FlateDecode: a zlib header, raw deflate
// data, and the Adler-32 of the input. The deflate is
// github.com/klauspost/compress/flate's stateless encoder: it keeps no
// writer (a level-2 writer holds 850 KB of tables, which a new process
// must allocate and fault in, once per goroutine), and on the font subsets
// it is as fast as its level 2 and 3–4× faster than compress/flate's, for
// about 2% more bytes.

// zlibHeader is the two-byte zlib header: deflate, 32 KB window, "fast"
// level, with its check bits.
var zlibHeader = []byte{0x78, 0x5E}

// zlibCompress returns data as a zlib stream.
func zlibCompress(data []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(data)/2 + 64)
	return zlibTo(&buf, data)
}

// zlibTo returns data as a zlib stream made in buf, which it resets: the
// result is valid until buf is used again.
func zlibTo(buf *bytes.Buffer, data []byte) []byte {
	buf.Reset()
	buf.Write(zlibHeader)
	// Writes to a bytes.Buffer cannot fail.
	_ = flate.StatelessDeflate(buf, data, true, nil)
	return binary.BigEndian.AppendUint32(buf.Bytes(), adler32.Checksum(data))
}

// chunkSize is the piece of a font compressed by one goroutine.
const chunkSize = 64 << 10

// dictSize is how much of the data before a chunk is given to its
// encoder as a dictionary, the most the stateless encoder uses: matches may
// reach back into the previous chunk, so cutting costs almost nothing.
const dictSize = 8 << 10

// zlibParts is a zlib stream in pieces: the header, the deflated chunks
// and the Adler-32 of the input, written one after another.
type zlibParts [][]byte

// release hands the deflated chunks back for reuse.
func (z zlibParts) release() {
	for _, p := range z[1 : len(z)-1] {
		putBuffer(p)
	}
}

func (z zlibParts) len() int {
	n := 0
	for _, p := range z {
		n += len(p)
	}
	return n
}

// compressAll zlib-compresses each of data in the background, cutting each
// into chunks that are deflated in parallel and joined into one stream
// (the technique of pigz): a deflate stream is a sequence of blocks, and a
// non-final chunk ends with an empty stored block, on a byte boundary, so
// the next chunk's blocks can follow it. wait returns the results in order,
// as pieces that the file takes one after another. The caller keeps
// working meanwhile, so on two CPUs font compression leaves the critical
// path.
func compressAll(data [][]byte) (wait func() []zlibParts) {
	type job struct {
		doc, part int
		chunk     []byte
		dict      []byte
		last      bool
	}
	var jobs []job
	out := make([]zlibParts, len(data))
	for i, d := range data {
		n := max(1, (len(d)+chunkSize-1)/chunkSize)
		out[i] = make(zlibParts, n+2)
		out[i][0] = zlibHeader
		for k := range n {
			start, end := k*chunkSize, min(len(d), (k+1)*chunkSize)
			jobs = append(jobs, job{i, k + 1, d[start:end], d[max(0, start-dictSize):start], k == n-1})
		}
	}
	// One worker per CPU but the caller's, and the caller takes what is
	// left once it waits: no more goroutines run than there are CPUs (each
	// encoder takes 256 KB of token buffer from a pool that every garbage
	// collection empties), and the caller does not sit idle.
	next := make(chan job, len(jobs))
	for _, j := range jobs {
		next <- j
	}
	close(next)
	work := func() {
		for j := range next {
			// Glyph outlines deflate to about 70%.
			buf := bytes.NewBuffer(getBuffer(len(j.chunk)*3/4 + 1024))
			_ = flate.StatelessDeflate(buf, j.chunk, j.last, j.dict)
			out[j.doc][j.part] = buf.Bytes()
		}
	}
	var wg sync.WaitGroup
	for range min(len(jobs), max(1, runtime.GOMAXPROCS(0)-1)) {
		wg.Go(work)
	}
	for i, d := range data {
		out[i][len(out[i])-1] = binary.BigEndian.AppendUint32(nil, adler32.Checksum(d))
	}
	return func() []zlibParts {
		work()
		wg.Wait()
		return out
	}
}
