// Package recognize maps a read document (source.Document) onto the report
// contract: it finds the format version, the metadata, the six prose
// sections and every cell of 表二, 表三 and 表四, and says for each cell how
// it was found (Provenance) and what a person must check (import findings).
//
// The format's labels, rows, columns and identities come from
// shared/report's layouts and shared/validate's identities; this package
// adds only the variants real reports print (aliases.go). Rows are found by
// their labels, through numbering, spacing, punctuation and OCR variation,
// typos and fragments; rows whose label was lost are placed by position
// between found rows; cells printed run together (“规范性文件7777166”) are
// split in every way the format allows, and a split is accepted only when it
// is the one that satisfies the format's identities. Nothing is invented: a
// cell that cannot be read with certainty is left unset with a finding that
// says why and, where there are some, lists the candidates.
package recognize
