package schema

import _ "embed"

// ID is the schema's $id.
const ID = "urn:nianbao:report:v1"

//go:embed report.schema.json
var source string

// JSON returns the schema document. Each call returns a fresh copy, so
// callers may keep or modify it.
func JSON() []byte { return []byte(source) }

// BlankPattern is the pattern of $defs/text, which rejects blank strings:
// a text must hold one character that is not Unicode white space.
const BlankPattern = "[^\\t\\n\\v\\f\\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
