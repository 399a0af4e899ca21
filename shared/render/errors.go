package render

import (
	"errors"
	"fmt"
)

// Sentinel errors, wrapped with context by the functions that return them.
var (
	ErrNilDocument = errors.New("render: nil document")
	ErrNilBlock    = errors.New("render: nil block")
	ErrBlockType   = errors.New("render: unknown block type")
	ErrTableGrid   = errors.New("render: table cells do not tile the grid")
	ErrGlyph       = errors.New("render: character not in font")
	ErrNoTitle     = errors.New("render: document has no title") // PDF/UA requires one
	ErrPDF         = errors.New("render: pdf writer failed")
)

// GlyphError reports a character that a face used for it cannot draw.
// Validators should reject such text before it reaches the renderer.
type GlyphError struct {
	Rune  rune
	Face  string // "serif" or "sans"
	Where string // e.g. "title", "block 3 (paragraph)"
}

func (e *GlyphError) Error() string {
	return fmt.Sprintf("render: %s: %q (U+%04X) not in %s font", e.Where, e.Rune, e.Rune, e.Face)
}

// Unwrap makes errors.Is(err, ErrGlyph) true.
func (e *GlyphError) Unwrap() error { return ErrGlyph }
