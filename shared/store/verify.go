package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
)

// VerifyReader wraps the content of an object so that reading it to the
// end checks it against size and, unless sha256Hex is empty, its SHA-256.
// On a mismatch the final Read returns an error wrapping
// ErrChecksumMismatch instead of io.EOF, so a damaged object is never taken
// for a complete one. It never reads past size, so bytes beyond it are
// not seen; sources check their own length (a file header, Content-Length).
func VerifyReader(rc io.ReadCloser, size int64, sha256Hex string) io.ReadCloser {
	v := &verifier{rc: rc, left: size}
	if sha256Hex != "" {
		want, err := hex.DecodeString(sha256Hex)
		if err != nil || len(want) != sha256.Size {
			v.err = fmt.Errorf("%w: malformed sha256 %q", ErrChecksumMismatch, sha256Hex)
		}
		v.h, v.want = sha256.New(), want
	}
	return v
}

type verifier struct {
	rc   io.ReadCloser
	left int64
	h    hash.Hash // nil when there is no digest to check
	want []byte
	err  error // sticky once the end is reached
}

func (v *verifier) Read(p []byte) (int, error) {
	if v.err != nil {
		return 0, v.err
	}
	if v.left == 0 {
		return 0, v.finish()
	}
	if int64(len(p)) > v.left {
		p = p[:v.left]
	}
	n, err := v.rc.Read(p)
	if v.h != nil {
		v.h.Write(p[:n])
	}
	v.left -= int64(n)
	switch {
	case v.left == 0:
		return n, v.finish()
	case errors.Is(err, io.EOF):
		v.err = fmt.Errorf("%w: content ended %d bytes early", ErrChecksumMismatch, v.left)
		return n, v.err
	}
	return n, err
}

// finish checks the digest once all size bytes are in.
func (v *verifier) finish() error {
	v.err = io.EOF
	if v.h != nil && !bytes.Equal(v.h.Sum(nil), v.want) {
		v.err = fmt.Errorf("%w: content does not match its sha256", ErrChecksumMismatch)
	}
	return v.err
}

func (v *verifier) Close() error { return v.rc.Close() }
