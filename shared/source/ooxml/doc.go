// Package ooxml opens Office Open XML packages (.docx, .xlsx) for the
// readers, within source.Limits: the zip is checked before anything is
// inflated (entry count, declared sizes, compression ratio), every part is
// read as a stream whose inflated bytes count against one budget, and XML is
// walked token by token with its nesting bounded. Both readers use it, so a
// zip bomb or a billion-laughs part is refused in one place.
//
// Elements are matched by local name only, so Strict OOXML (whose namespaces
// differ from the transitional ones Word and Excel write) reads the same.
package ooxml
