//go:build !unix

package fsstore

// unavailableErrnos: fsstore's cross-process guarantees need flock, so on
// other systems it is a single-process convenience and no error is mapped.
var unavailableErrnos []error
