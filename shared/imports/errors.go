package imports

import "errors"

var (
	// ErrNotFound: no entry for that original and year.
	ErrNotFound = errors.New("no such import")
	// ErrBadRef: a malformed {year}/{sha256}.
	ErrBadRef = errors.New("malformed import reference")
	// ErrCorrupt: a stored entry that is not what its key says.
	ErrCorrupt = errors.New("stored import entry is corrupt")
	// ErrConflict: the entry changed while it was being updated.
	ErrConflict = errors.New("import entry changed concurrently")
	// ErrNotInReview: the entry is not waiting for a person (already
	// filed, refused, or failing).
	ErrNotInReview = errors.New("import is not waiting for review")
)
