package fsstore

import (
	"errors"
	"fmt"
	"os"

	"github.com/nianbao/nianbao/shared/store"
)

// unavailable marks the errors of a disk that cannot take writes now — full,
// over quota, read-only — and of a process out of file descriptors as
// store.ErrUnavailable, as s3store marks a server that is down: what is
// stored is intact, nothing half-written is visible, and the client should
// try again later (503 with Retry-After), not read it as a fault of the
// request or of the code (500). The cause stays in the chain for the log.
func unavailable(err error) error {
	if err == nil || errors.Is(err, store.ErrUnavailable) {
		return err
	}
	for _, e := range unavailableErrnos {
		if errors.Is(err, e) {
			return fmt.Errorf("%w: %w", store.ErrUnavailable, err)
		}
	}
	return err
}

// fileWrite writes to an object's temporary file. Tests replace it to fill
// the disk.
var fileWrite = (*os.File).Write
