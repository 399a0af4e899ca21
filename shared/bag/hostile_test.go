package bag

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/testkit"
)

// compressed is a body deflated once, written into many entries with
// CreateRaw: hostile zips of hundreds of megabytes build in milliseconds.
type compressed struct {
	data []byte
	crc  uint32
	size uint64
}

// deflateRepeated deflates n copies of chunk.
func deflateRepeated(t testing.TB, chunk []byte, n int) compressed {
	t.Helper()
	var buf bytes.Buffer
	fw, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	h := crc32.NewIEEE()
	for range n {
		fw.Write(chunk)
		h.Write(chunk)
	}
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	return compressed{data: buf.Bytes(), crc: h.Sum32(), size: uint64(len(chunk) * n)}
}

// hostileZip writes a zip entry by entry.
type hostileZip struct {
	t   testing.TB
	buf bytes.Buffer
	zw  *zip.Writer
}

func newHostileZip(t testing.TB) *hostileZip {
	z := &hostileZip{t: t}
	z.zw = zip.NewWriter(&z.buf)
	return z
}

func (z *hostileZip) raw(name string, c compressed) {
	w, err := z.zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: c.crc,
		CompressedSize64: uint64(len(c.data)), UncompressedSize64: c.size, Modified: testDate})
	if err != nil {
		z.t.Fatal(err)
	}
	w.Write(c.data)
}

func (z *hostileZip) stored(name string, body []byte) {
	w, err := z.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store, Modified: testDate})
	if err != nil {
		z.t.Fatal(err)
	}
	w.Write(body)
}

// filler adds n incompressible payload bytes: a larger zip may declare more
// uncompressed bytes (MaxExpansion).
func (z *hostileZip) filler(n int) {
	body := make([]byte, n)
	rand.NewChaCha8([32]byte{1}).Read(body)
	z.stored(base+"data/filler.bin", body)
}

func (z *hostileZip) bytes() []byte {
	if err := z.zw.Close(); err != nil {
		z.t.Fatal(err)
	}
	return z.buf.Bytes()
}

// hostile is a zip made to cost Verify memory.
type hostile struct {
	name string
	zip  func(t testing.TB, scale int) []byte // scale ≈ the zip's size in MiB
}

const zeroSHA = "0000000000000000000000000000000000000000000000000000000000000000"

var hostiles = []hostile{
	// Top-level files of 16 MiB of zeros each, 90 bytes declared for each
	// byte of the zip: every one was held in memory whole.
	{"top-level files", func(t testing.TB, scale int) []byte {
		z := newHostileZip(t)
		z.filler(scale << 20)
		zeros := deflateRepeated(t, make([]byte, 1<<20), 16)
		for i := range 90 * scale / 16 {
			z.raw(fmt.Sprintf("%snotes-%d.txt", base, i), zeros)
		}
		return z.bytes()
	}},
	// A payload manifest of a million identical lines per MiB of zip.
	{"manifest of repeated lines", func(t testing.TB, scale int) []byte {
		z := newHostileZip(t)
		z.filler(scale << 20)
		line := []byte(zeroSHA + "  data/filler.bin\n")
		z.raw(base+manifestName, deflateRepeated(t, line, 60*scale<<20/len(line)))
		return z.bytes()
	}},
	// A payload manifest of distinct lines, each naming a missing file.
	{"manifest of distinct lines", func(t testing.TB, scale int) []byte {
		z := newHostileZip(t)
		var b strings.Builder
		for i := range 40_000 * scale {
			fmt.Fprintf(&b, "%s  data/%09d/%s\n", zeroSHA, i, strings.Repeat("x", 100))
		}
		z.raw(base+manifestName, deflateRepeated(t, []byte(b.String()), 1))
		return z.bytes()
	}},
	// Many small entries: the zip's own directory is most of the file.
	{"many entries", func(t testing.TB, scale int) []byte {
		z := newHostileZip(t)
		for i := range 9_000 * scale {
			z.stored(fmt.Sprintf("%sdata/%07d/%s", base, i, strings.Repeat("n", 40)), nil)
		}
		return z.bytes()
	}},
	// Names of 30 KB, far beyond any path.
	{"huge names", func(t testing.TB, scale int) []byte {
		z := newHostileZip(t)
		for i := range 16 * scale {
			z.stored(fmt.Sprintf("%sdata/%d%s", base, i, strings.Repeat("名", 10_000)), nil)
		}
		return z.bytes()
	}},
}

// TestVerifyHostileZipsCostBoundedMemory: whatever a zip holds, Verify's
// heap stays small. Before it streamed the tag files, the first zip below
// (1 MiB) cost over 180 MiB.
func TestVerifyHostileZipsCostBoundedMemory(t *testing.T) {
	const scale = 1
	for _, h := range hostiles {
		t.Run(h.name, func(t *testing.T) {
			zipped := h.zip(t, scale)
			var rep Verification
			var err error
			mem := testkit.MeasureMemory(func() { rep, err = Verify(bytes.NewReader(zipped), int64(len(zipped))) })
			t.Logf("%.1f MiB zip: %d problems (+%d); allocated %.1f MiB, peak heap %.1f MiB",
				testkit.MiB(uint64(len(zipped))), len(rep.Problems), rep.Omitted, testkit.MiB(mem.Allocated), testkit.MiB(mem.Peak))
			if err == nil {
				t.Errorf("a hostile zip verified")
			}
			if mem.Peak > 24<<20 {
				t.Errorf("peak heap %.1f MiB verifying a %.1f MiB zip; want at most 24 MiB", testkit.MiB(mem.Peak), testkit.MiB(uint64(len(zipped))))
			}
		})
	}
}

// maxEntries is the largest zip Verify reads through: MaxEntries entries
// whose names (60 bytes) bring the directory to 30 MiB, near
// MaxDirectoryBytes. Its heap is the most any zip costs.
var maxEntries = hostile{"MaxEntries entries", func(t testing.TB, _ int) []byte {
	z := newHostileZip(t)
	for i := range MaxEntries {
		z.stored(fmt.Sprintf("%sdata/%08d/%s", base, i, strings.Repeat("n", 23)), nil)
	}
	return z.bytes()
}}

// BenchmarkVerifyHostile reports Verify's peak heap on each hostile zip at
// 5 MiB, the size of the probe's first zip, and on the largest zip it
// reads through.
func BenchmarkVerifyHostile(b *testing.B) {
	for _, h := range append(hostiles, maxEntries) {
		b.Run(h.name, func(b *testing.B) {
			zipped := h.zip(b, 5)
			b.SetBytes(int64(len(zipped)))
			b.ReportAllocs()
			var peak uint64
			for b.Loop() {
				m := testkit.MeasureMemory(func() { Verify(bytes.NewReader(zipped), int64(len(zipped))) })
				peak = max(peak, m.Peak)
			}
			b.ReportMetric(testkit.MiB(uint64(len(zipped))), "zip-MiB")
			b.ReportMetric(testkit.MiB(peak), "peak-heap-MiB")
		})
	}
}
