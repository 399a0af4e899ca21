// Package ingest is the product's import API: it turns the documents people
// have (text and Markdown dumps, web pages; Word, Excel and PDF as their
// readers join the table in readers.go) into a draft report in the
// contract, with the provenance of every value and the findings a person
// must resolve — the importer's first, then the ordinary validator's on the
// draft. `nianbao import`, the HTTP API and the S3-inbox function share it.
package ingest
