package store

import "errors"

// Sentinel errors. Implementations wrap them with the operation and key, so
// test with errors.Is.
var (
	// ErrNotFound: the object does not exist.
	ErrNotFound = errors.New("object not found")
	// ErrPreconditionFailed: a create-only write found the key taken, or a
	// compare-and-swap write found a different ETag (or no object).
	ErrPreconditionFailed = errors.New("precondition failed")
	// ErrUnavailable: the store could not be reached or failed on its side
	// (connection refused, timeout, 5xx). Callers answer 503 + Retry-After.
	ErrUnavailable = errors.New("store unavailable")
	// ErrNotSupported: the implementation cannot do this operation
	// (fsstore cannot presign URLs).
	ErrNotSupported = errors.New("not supported by this store")
	// ErrInvalidKey: the key breaks the rules of ValidateKey. The error is
	// a *KeyError.
	ErrInvalidKey = errors.New("invalid key")
	// ErrInvalidArgument: options, prefix, limit or TTL are not acceptable.
	ErrInvalidArgument = errors.New("invalid argument")
	// ErrChecksumMismatch: the bytes stored or read do not match their
	// SHA-256.
	ErrChecksumMismatch = errors.New("checksum mismatch")
)

// KeyError reports why a key was rejected. It matches ErrInvalidKey.
type KeyError struct {
	Key    string // possibly long; Error shortens it
	Reason string
}

// maxKeyInError keeps error messages readable when a hostile key is huge.
const maxKeyInError = 80

func (e *KeyError) Error() string {
	k := e.Key
	if len(k) > maxKeyInError {
		k = k[:maxKeyInError] + "…"
	}
	return "invalid key " + quote(k) + ": " + e.Reason
}

// Unwrap makes errors.Is(err, ErrInvalidKey) true.
func (e *KeyError) Unwrap() error { return ErrInvalidKey }
