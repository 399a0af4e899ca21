package render

// Big byte buffers are kept from one render to the next: the file being
// written, the object stream, the compression buffer and the compressed
// font chunks are a megabyte per report, and handing them back to the
// garbage collector every time makes it run every few renders. A sync.Pool
// would be emptied by each collection; this keeps up to a fixed number, of
// a bounded size: at most 12 MB stay held, about 1.5 MB for reports
// (a render uses about nine buffers).
var buffers = make(chan []byte, 12)

// maxKept is the largest buffer kept; a bigger one (a very long document)
// goes back to the garbage collector.
const maxKept = 1 << 20

// getBuffer returns an empty buffer with room for at least n bytes.
func getBuffer(n int) []byte {
	for {
		select {
		case b := <-buffers:
			if cap(b) >= n {
				return b[:0]
			}
			// Too small for this one: let it go and look again, so that
			// the kept buffers grow to what renders need.
		default:
			return make([]byte, 0, n)
		}
	}
}

// putBuffer keeps b for a later getBuffer; nothing may use b afterwards.
func putBuffer(b []byte) {
	if cap(b) == 0 || cap(b) > maxKept {
		return
	}
	select {
	case buffers <- b:
	default:
	}
}
