// Package pdfcheck checks rendered PDFs with outside tools, for tests:
// poppler's dump of the structure tree (pdfinfo -struct-text), parsed
// into a tree a test can walk; a pikepdf script that checks marked content
// against the structure tree the way a PDF/UA checker does; and PDFBox
// Preflight, a PDF/A-1b validator, for what it covers.
//
// Like testkit.Tool, each check skips the test when its tool is missing,
// and fails it under CI, where infra/deps.sh installs them.
package pdfcheck
