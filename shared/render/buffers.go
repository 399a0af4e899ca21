package render

// Big byte buffers are kept from one render to the next: the file being
// written, the object stream, the compression buffer and the compressed
// font chunks are a megabyte per report, and handing them back to the
// garbage collector every time makes it run every few renders. A sync.Pool
// would be emptied by each collection; this keeps up to a fixed number.
var buffers = make(chan []byte, 16)

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
	if cap(b) == 0 || cap(b) > 4<<20 {
		return
	}
	select {
	case buffers <- b:
	default:
	}
}
