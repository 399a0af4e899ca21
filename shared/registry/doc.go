// Package registry files validated reports in an object store and finds them
// again: the supervising office's register of every agency's 年报.
//
// Layout in the bucket (one prefix per version of a report):
//
//	reports/{year}/{creditCode}/{sha256}/report.json    canonical JSON (RFC 8785); sha256 is its hash
//	reports/{year}/{creditCode}/{sha256}/report.pdf     the archival PDF
//	reports/{year}/{creditCode}/{sha256}/findings.json  the validator's warnings
//	reports/{year}/{creditCode}/{sha256}/source.{ext}   the original an imported report was read from
//	reports/{year}/{creditCode}/{sha256}/manifest.json  written last, create-only: the version exists
//	                                                    only once its manifest does
//	reports/{year}/{creditCode}/latest.json             the current version and every acknowledged
//	                                                    one, updated by compare-and-swap
//
// Keys are built only from validated fields: a year, a credit code whose check
// character holds, and a SHA-256 in hex.
package registry
