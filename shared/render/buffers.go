package render

import "sync"

// Big byte buffers are kept from one render to the next: the file being
// written, the object stream, the page contents, the font subsets and all
// the compressed pieces are over a megabyte per report, and handing them
// back to the garbage collector every time makes it run every few renders.
// A sync.Pool would be emptied by each collection; this keeps buffers up
// to a fixed total, so memory stays bounded whatever is rendered.
var buffers struct {
	sync.Mutex
	kept  [][]byte
	bytes int // total capacity of kept
}

// maxKeptBytes bounds the memory the kept buffers hold: about two renders'
// worth of a report.
const maxKeptBytes = 4 << 20

// getBuffer returns an empty buffer with room for at least n bytes.
func getBuffer(n int) []byte {
	buffers.Lock()
	defer buffers.Unlock()
	// The most recently kept buffer that is big enough.
	for i := len(buffers.kept) - 1; i >= 0; i-- {
		if b := buffers.kept[i]; cap(b) >= n {
			last := len(buffers.kept) - 1
			buffers.kept[i] = buffers.kept[last]
			buffers.kept[last] = nil
			buffers.kept = buffers.kept[:last]
			buffers.bytes -= cap(b)
			return b[:0]
		}
	}
	return make([]byte, 0, n)
}

// putBuffer keeps b for a later getBuffer, unless that would pass the
// bound; nothing may use b afterwards.
func putBuffer(b []byte) {
	if cap(b) == 0 {
		return
	}
	buffers.Lock()
	defer buffers.Unlock()
	if buffers.bytes+cap(b) > maxKeptBytes {
		return
	}
	buffers.kept = append(buffers.kept, b)
	buffers.bytes += cap(b)
}
