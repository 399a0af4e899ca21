package fsstore

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/nianbao/nianbao/shared/store"
)

// An object file starts with magic, a big-endian uint32 length and that
// many bytes of JSON metadata; the content follows.
var magic = []byte("NBFS\x01")

const (
	prefixLen = 5 + 4
	// maxHeaderLen bounds what is read from a file before trusting it.
	maxHeaderLen = 4096
)

// errCorrupt marks an object file that does not parse.
var errCorrupt = errors.New("corrupt object file")

type header struct {
	Size        int64  `json:"size"`
	ETag        string `json:"etag"`
	SHA256      string `json:"sha256"`
	ContentType string `json:"contentType"`
}

// encodeHeader returns the bytes that precede the content.
func encodeHeader(h header) ([]byte, error) {
	meta, err := json.Marshal(h)
	if err != nil {
		return nil, fmt.Errorf("encode header: %w", err)
	}
	if len(meta) > maxHeaderLen {
		return nil, fmt.Errorf("encode header: %d bytes > %d", len(meta), maxHeaderLen)
	}
	buf := make([]byte, 0, prefixLen+len(meta))
	buf = append(buf, magic...)
	buf = binary.BigEndian.AppendUint32(buf, uint32(len(meta)))
	return append(buf, meta...), nil
}

// readHeader reads the header from r, leaving r at the content. fileSize
// is the size of the whole file, checked against the recorded content size.
// It returns the header and its length in bytes.
func readHeader(r io.Reader, fileSize int64) (header, int64, error) {
	var pre [prefixLen]byte
	if _, err := io.ReadFull(r, pre[:]); err != nil {
		return header{}, 0, fmt.Errorf("%w: prefix: %v", errCorrupt, err)
	}
	if !bytes.Equal(pre[:len(magic)], magic) {
		return header{}, 0, fmt.Errorf("%w: bad magic %q", errCorrupt, pre[:len(magic)])
	}
	n := binary.BigEndian.Uint32(pre[len(magic):])
	if n > maxHeaderLen {
		return header{}, 0, fmt.Errorf("%w: header length %d > %d", errCorrupt, n, maxHeaderLen)
	}
	meta := make([]byte, n)
	if _, err := io.ReadFull(r, meta); err != nil {
		return header{}, 0, fmt.Errorf("%w: header: %v", errCorrupt, err)
	}
	dec := json.NewDecoder(bytes.NewReader(meta))
	dec.DisallowUnknownFields()
	var h header
	if err := dec.Decode(&h); err != nil {
		return header{}, 0, fmt.Errorf("%w: header: %v", errCorrupt, err)
	}
	hlen := int64(prefixLen) + int64(n)
	if err := h.check(fileSize - hlen); err != nil {
		return header{}, 0, err
	}
	return h, hlen, nil
}

func (h header) check(contentSize int64) error {
	if h.Size != contentSize {
		return fmt.Errorf("%w: header says %d bytes, file holds %d", errCorrupt, h.Size, contentSize)
	}
	if len(h.SHA256) != 64 {
		return fmt.Errorf("%w: sha256 %q", errCorrupt, h.SHA256)
	}
	if _, err := hex.DecodeString(h.SHA256); err != nil {
		return fmt.Errorf("%w: sha256 %q", errCorrupt, h.SHA256)
	}
	if h.ETag == "" {
		return fmt.Errorf("%w: empty etag", errCorrupt)
	}
	if _, err := (store.PutOptions{ContentType: h.ContentType}).Normalize(); err != nil || h.ContentType == "" {
		return fmt.Errorf("%w: content type %q", errCorrupt, h.ContentType)
	}
	return nil
}
