// Package bag writes and verifies the yearly archive of 年报: a BagIt 1.0
// bag (RFC 8493) serialised as one zip file.
//
// A bag is self-describing and checkable without this software: bagit.txt
// names the format, bag-info.txt says who made it and when, data/ holds the
// payload (each agency's current PDF, canonical JSON and findings, and the
// original an imported report was read from; data/index.csv, a table of
// every report that opens in Excel and WPS), and manifest-sha256.txt and
// tagmanifest-sha256.txt list the SHA-256 of every file, in the format
// `sha256sum -c` reads. Chinese archival practice
// (DA/T 47, DA/T 48) asks for exactly this kind of package.
//
// Writer streams: each payload file passes through once, is hashed on the
// way and is copied into the zip without being held in memory. What it does
// keep grows with the number of files, not their size (a manifest line and
// an index row each). The output is deterministic: fixed entry order and
// modification times taken from Info, never the clock, so the same inputs
// give the same bytes and the same SHA-256.
//
// Verify reads a bag zip back and reports every problem by file: damaged
// content, files missing from or added to the manifests, a wrong
// Payload-Oxum, unsafe names. It bounds what it reads, so a hostile zip
// costs a bounded amount of memory and time.
package bag
