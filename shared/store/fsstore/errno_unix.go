//go:build unix

package fsstore

import "syscall"

// unavailableErrnos: no space, no quota left, a file system remounted
// read-only (what ext4 does after an I/O error), no file descriptor left.
var unavailableErrnos = []error{syscall.ENOSPC, syscall.EDQUOT, syscall.EROFS, syscall.EMFILE, syscall.ENFILE}
