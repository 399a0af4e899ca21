// Package store holds the vocabulary shared by the object-store
// implementations: errors, object metadata, write options and key rules.
//
// Two implementations exist: s3store (any S3-compatible server) and fsstore
// (a local directory, the default when running on one machine). They share
// one method set, which consumers restate as small interfaces where they use
// it:
//
//	Put(ctx, key, body, PutOptions) (Info, error)
//	Get(ctx, key) (io.ReadCloser, Info, error)
//	Head(ctx, key) (Info, error)
//	List(ctx, prefix, startAfter, limit) ([]Info, error)
//	Delete(ctx, key) error
//	PresignGet(ctx, key, ttl, filename) (string, error)
//
// The storetest package checks that an implementation follows the contract.
package store
