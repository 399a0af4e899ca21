// Package store holds the vocabulary shared by the object-store
// implementations: errors, object metadata, write options and key rules.
//
// Two implementations exist: s3store (any S3-compatible server) and fsstore
// (a local directory, the default when running on one machine). Both
// implement Store, the contract declared once here, and Creator, its
// streamed writes; consumers (registry, archive) take these interfaces.
// The storetest package checks that an implementation follows the contract,
// so a third backend is one more package that passes it.
package store
