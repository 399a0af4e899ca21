package bag

import "errors"

// Sentinel errors; test with errors.Is.
var (
	// ErrInvalidName: a payload name is not a safe relative path, or is
	// taken.
	ErrInvalidName = errors.New("invalid payload name")
	// ErrInvalidInfo: Info or a Record has a missing or malformed field.
	ErrInvalidInfo = errors.New("invalid bag metadata")
	// ErrSizeMismatch: a payload reader gave more or fewer bytes than
	// declared.
	ErrSizeMismatch = errors.New("payload size differs from the declared size")
	// ErrClosed: the Writer was used after Close or after a failure that
	// left its zip unfinished.
	ErrClosed = errors.New("bag writer closed")
	// ErrInvalid: Verify found problems; the Report lists them.
	ErrInvalid = errors.New("bag is not valid")
)
