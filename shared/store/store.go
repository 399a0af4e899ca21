package store

import (
	"context"
	"io"
	"time"
)

// Store is the contract every object store implements (fsstore, s3store);
// storetest.Run checks an implementation against it, and docs/store.md
// describes each method's guarantees.
type Store interface {
	// Put writes body under key. PutOptions make it create-only or a
	// compare-and-swap on the ETag.
	Put(ctx context.Context, key string, body []byte, opts PutOptions) (Info, error)
	// Get streams an object; reading it to the end checks its size and
	// SHA-256. The caller closes it.
	Get(ctx context.Context, key string) (io.ReadCloser, Info, error)
	Head(ctx context.Context, key string) (Info, error)
	// List returns at most limit objects under prefix whose keys sort after
	// startAfter, in byte order.
	List(ctx context.Context, prefix, startAfter string, limit int) ([]Info, error)
	// Delete removes an object; a missing key is not an error.
	Delete(ctx context.Context, key string) error
	// PresignGet returns a URL that serves the object for ttl, or an error
	// matching ErrNotSupported.
	PresignGet(ctx context.Context, key string, ttl time.Duration, filename string) (string, error)
}

// Creator is a Store that also streams a write whose size is not known in
// advance (a yearly archive): see Writer. storetest.RunCreate checks it.
type Creator interface {
	Store
	Create(ctx context.Context, key string, opts PutOptions) (Writer, error)
}
