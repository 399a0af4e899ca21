// Package hostile generates a corpus of hostile requests against nianbao's
// HTTP API — oversized and truncated bodies, wrong media types, malformed,
// deeply nested and duplicate-key JSON, absurd numbers, invalid UTF-8,
// control and non-BMP characters, markup in every text field, traversal in
// every path parameter, unknown routes and methods, zip bombs, disguised
// files and malformed multipart bodies for the import — and its tests send them
// through the local gateway to the real handlers on a temporary store.
//
// The rule the tests enforce: a hostile request gets a 4xx with a JSON error
// message, never a 5xx; markup that is valid text is stored and rendered
// inert; a hostile document sent for import is answered with the refusal
// that names what is wrong with it.
package hostile
