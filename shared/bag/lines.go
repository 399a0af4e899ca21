package bag

import (
	"bufio"
	"bytes"
	"io"
)

// lineScanner reads a tag file line by line in bounded memory. Lines end at
// CRLF, LF or CR (RFC 8493 allows all three); a final line end is
// optional. A line longer than MaxLineBytes is returned empty with Long
// set, its bytes skipped, so that one endless line costs nothing.
type lineScanner struct {
	sc       *bufio.Scanner
	line     []byte
	n        int  // 1-based number of the current line
	long     bool // the current line was longer than MaxLineBytes
	skipped  bool // inside a long line: its bytes are being dropped
	afterCR  bool // the last line ended with CR: a LF next belongs to it
	searched int  // bytes of the pending data known to hold no line end
}

func newLineScanner(r io.Reader) *lineScanner {
	s := &lineScanner{sc: bufio.NewScanner(r)}
	s.sc.Buffer(make([]byte, 4096), MaxLineBytes)
	s.sc.Split(s.split)
	return s
}

// Scan advances to the next line and reports whether there is one.
func (s *lineScanner) Scan() bool {
	s.long = false
	if !s.sc.Scan() {
		return false
	}
	s.n++
	return true
}

// Line is the current line without its end; it is valid until the next Scan.
func (s *lineScanner) Line() []byte { return s.line }

// Err is the first read error (a damaged entry), not io.EOF.
func (s *lineScanner) Err() error { return s.sc.Err() }

func (s *lineScanner) split(data []byte, atEOF bool) (int, []byte, error) {
	if s.afterCR && len(data) > 0 {
		s.afterCR = false
		if data[0] == '\n' {
			return 1, nil, nil
		}
	}
	// Asked again with more data, the scanner passes the same bytes first:
	// search only the new ones, or a line arriving in small reads would
	// cost quadratic time.
	if i := bytes.IndexAny(data[s.searched:], "\r\n"); i >= 0 {
		i += s.searched
		s.searched, s.afterCR = 0, data[i] == '\r'
		return i + 1, s.token(data[:i]), nil
	}
	if atEOF && (len(data) > 0 || s.skipped) {
		s.searched = 0
		return len(data), s.token(data), nil
	}
	if len(data) >= MaxLineBytes {
		s.searched, s.skipped = 0, true // drop what there is; the line is returned when it ends
		return len(data), nil, nil
	}
	s.searched = len(data)
	return 0, nil, nil // more data
}

// token makes line the line the next Scan returns: never nil, which would
// be no line at all; empty for a line too long to keep.
func (s *lineScanner) token(line []byte) []byte {
	line = line[:len(line):len(line)]
	if s.skipped {
		s.skipped, s.long = false, true
		line = line[:0]
	}
	s.line = line
	return line
}
