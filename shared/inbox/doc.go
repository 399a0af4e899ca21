// Package inbox files a year's published reports that arrive as files —
// web pages, PDFs, Word and Excel documents, text dumps — put under
// inbox/{year}/ in the bucket (each put triggers the import function), or
// dropped into the local server's folder, or named to `nianbao import
// --file`. All three feed Processor.Process:
//
//   - the file is imported (shared/ingest);
//   - its agency is matched by the name it prints against the year's list
//     (inbox/{year}/agencies.csv or .xlsx, else the roster), which gives
//     the 统一社会信用代码 and 行政区划 published reports rarely print;
//   - a valid draft of a known agency is filed, its original kept beside
//     it as source.{ext}; anything else waits for a person in the review
//     queue (shared/imports) with the draft, its findings and why; a file
//     that is no report is refused with the reason.
//
// The same file (by SHA-256) always comes to the same entry, so putting it
// again changes nothing, except that a report waiting only for its agency
// is matched again. A new agencies file matches every such report again
// (Rematch). Storage failures are returned for the caller to retry and
// recorded in the entry (failed) meanwhile; nothing is filed half: the
// registry's manifest-last filing sees to that, and the entry is written
// after the filing.
package inbox
