package render

import "testing"

// The fixtures, for the tests of package render_test: those check PDFs
// with pdfcheck, which imports render, so they cannot be internal tests.

func SeedDocument(t testing.TB) *Document { return seedDocument(t) }

func LongDocument(t testing.TB) *Document { return longDocument(t) }
