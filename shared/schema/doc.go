// Package schema holds the JSON Schema (draft 2020-12) of the report
// contract, as GET /schema serves it; its subpackage check validates
// documents against it. The split keeps the schema library, whose package
// initialisation costs milliseconds, out of every binary that only serves
// the document.
//
// The schema is the contract's machine-readable form for clients in any
// language. It checks shape, types and ranges; what JSON Schema cannot say
// (the credit-code check character, the table identities, the current year,
// duplicate keys, glyph coverage) is left to the report validator.
package schema
