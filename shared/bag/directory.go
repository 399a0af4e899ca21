package bag

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// archive/zip reads a zip's whole central directory into memory before
// anything can be checked: a File of about 200 bytes per entry, plus its
// name, and it keeps reading headers for as long as they parse, whatever
// the end record says. checkDirectory walks the directory first, the way
// archive/zip will, in constant memory, and refuses a zip with more than
// MaxEntries entries or MaxDirectoryBytes of directory; budgetReader then
// stops archive/zip itself should the two ever read a zip differently.

// The zip records checkDirectory reads (APPNOTE.TXT 4.3.12, 4.3.14–16).
const (
	dirHeaderSig   = 0x02014b50
	dirHeaderLen   = 46
	dirEndSig      = 0x06054b50
	dirEndLen      = 22
	dir64LocSig    = 0x07064b50
	dir64LocLen    = 20
	dir64EndSig    = 0x06064b50
	dir64EndLen    = 56
	directorySlack = 1 << 20 // what archive/zip reads besides the directory: end records, look-ahead
)

// checkDirectory returns an error when the zip's central directory is over
// the limits. A zip it cannot make sense of passes: archive/zip then says
// what is wrong with it.
func checkDirectory(r io.ReaderAt, size int64) error {
	end, ok := findDirectoryEnd(r, size)
	if !ok {
		return nil
	}
	if end.records > MaxEntries {
		return fmt.Errorf("the zip declares %d entries, at most %d", end.records, MaxEntries)
	}
	if end.size > MaxDirectoryBytes {
		return fmt.Errorf("the zip's directory declares %d bytes, at most %d", end.size, MaxDirectoryBytes)
	}
	start := end.offset - int64(end.size) - int64(end.dirOffset)
	if start > 0 && isDirHeader(r, int64(end.dirOffset)) {
		start = 0 // as archive/zip: an end record that miscounts a prefix
	}
	start += int64(end.dirOffset)
	if start < 0 || start >= size {
		return nil
	}
	// Read headers until one does not parse, as archive/zip does.
	br := bufio.NewReaderSize(io.NewSectionReader(r, start, size-start), 64<<10)
	var h [dirHeaderLen]byte
	var entries, bytes int64
	for {
		if _, err := io.ReadFull(br, h[:]); err != nil || binary.LittleEndian.Uint32(h[:]) != dirHeaderSig {
			return nil
		}
		n := int64(binary.LittleEndian.Uint16(h[28:])) + int64(binary.LittleEndian.Uint16(h[30:])) + int64(binary.LittleEndian.Uint16(h[32:]))
		entries++
		bytes += dirHeaderLen + n
		switch {
		case entries > MaxEntries:
			return fmt.Errorf("more than %d entries", MaxEntries)
		case bytes > MaxDirectoryBytes:
			return fmt.Errorf("the zip's directory is larger than %d bytes", MaxDirectoryBytes)
		}
		if _, err := br.Discard(int(n)); err != nil {
			return nil
		}
	}
}

// directoryEnd is what a zip's end records say.
type directoryEnd struct {
	offset    int64  // where the (zip64) end record starts
	records   uint64 // entries in the directory
	size      uint64 // bytes of the directory
	dirOffset uint64 // where the directory starts, relative to the zip's start
}

// findDirectoryEnd finds the end record as archive/zip does: the last
// signature whose comment fits, in the last 1 KiB, then the last 65 KiB;
// then the zip64 end record when a field is saturated.
func findDirectoryEnd(r io.ReaderAt, size int64) (directoryEnd, bool) {
	var buf []byte
	var at int64
	found := false
	for _, n := range []int64{1024, 65 * 1024} {
		n = min(n, size)
		buf = make([]byte, n)
		if _, err := r.ReadAt(buf, size-n); err != nil && !errors.Is(err, io.EOF) {
			return directoryEnd{}, false
		}
		if p := lastDirEnd(buf); p >= 0 {
			buf, at, found = buf[p:], size-n+int64(p), true
			break
		}
		if n == size {
			break
		}
	}
	if !found || len(buf) < dirEndLen {
		return directoryEnd{}, false
	}
	le := binary.LittleEndian
	d := directoryEnd{offset: at, records: uint64(le.Uint16(buf[10:])), size: uint64(le.Uint32(buf[12:])), dirOffset: uint64(le.Uint32(buf[16:]))}
	if d.records == 0xffff || d.size == 0xffff || d.dirOffset == 0xffffffff {
		var loc [dir64LocLen]byte
		if at < dir64LocLen {
			return d, true
		}
		if _, err := r.ReadAt(loc[:], at-dir64LocLen); err != nil {
			return directoryEnd{}, false
		}
		if le.Uint32(loc[:]) != dir64LocSig || le.Uint32(loc[4:]) != 0 || le.Uint32(loc[16:]) != 1 {
			return d, true // not zip64 after all
		}
		var end [dir64EndLen]byte
		p := int64(le.Uint64(loc[8:]))
		if p < 0 || p > size-dir64EndLen {
			return directoryEnd{}, false
		}
		if _, err := r.ReadAt(end[:], p); err != nil || le.Uint32(end[:]) != dir64EndSig {
			return directoryEnd{}, false
		}
		d = directoryEnd{offset: p, records: le.Uint64(end[32:]), size: le.Uint64(end[40:]), dirOffset: le.Uint64(end[48:])}
	}
	if d.size > 1<<62 || d.dirOffset > 1<<62 {
		return directoryEnd{}, false
	}
	return d, true
}

// lastDirEnd is archive/zip's findSignatureInBlock.
func lastDirEnd(b []byte) int {
	for i := len(b) - dirEndLen; i >= 0; i-- {
		if b[i] == 'P' && b[i+1] == 'K' && b[i+2] == 0x05 && b[i+3] == 0x06 {
			if n := int(b[i+dirEndLen-2]) | int(b[i+dirEndLen-1])<<8; n+dirEndLen+i > len(b) {
				return -1
			}
			return i
		}
	}
	return -1
}

// isDirHeader reports whether a directory header starts at off.
func isDirHeader(r io.ReaderAt, off int64) bool {
	var sig [4]byte
	_, err := r.ReadAt(sig[:], off)
	return err == nil && binary.LittleEndian.Uint32(sig[:]) == dirHeaderSig
}

var errBudget = errors.New("read budget exhausted")

// budgetReader fails once left bytes have been read, while left is not
// negative: archive/zip reads the directory through it, then the entries
// with the budget lifted.
type budgetReader struct {
	r    io.ReaderAt
	left int64
}

func (b *budgetReader) ReadAt(p []byte, off int64) (int, error) {
	if b.left < 0 {
		return b.r.ReadAt(p, off)
	}
	if int64(len(p)) > b.left {
		return 0, errBudget
	}
	n, err := b.r.ReadAt(p, off)
	b.left -= int64(n)
	return n, err
}
