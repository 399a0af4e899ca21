package store

import (
	"errors"
	"io"
)

// Writer streams the content of one object that becomes visible only when
// Close succeeds. Stores return it from
//
//	Create(ctx, key, PutOptions) (Writer, error)
//
// Until Close returns without error nothing is visible under the key, and
// an earlier object under it is untouched. After a failed Write or Close,
// or a canceled context, nothing new is visible either; Abort releases what
// the store holds (a temporary file, a multipart upload). Create-only
// (PutOptions.IfNoneMatch) is decided at Close, so a writer that loses the
// race learns it only after sending its content.
//
// A Writer is not safe for concurrent use.
type Writer interface {
	io.Writer
	// Close commits the object and returns its metadata, including the
	// SHA-256 of everything written. Calling Close or Abort again after
	// Close returns an error and changes nothing.
	Close() (Info, error)
	// Abort discards the object. It is safe to call after Close (it does
	// nothing then) and more than once, so callers can defer it.
	Abort() error
}

// ErrWriterDone is returned by a Writer used after Close or Abort.
var ErrWriterDone = errors.New("writer already closed or aborted")
