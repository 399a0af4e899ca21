// Package imports keeps the record of every file the inbox has imported
// for a year, one object per original:
//
//	imports/{year}/{sha256 of the original}.json   the entry: state, why it needs a person, the draft,
//	                                               its findings and provenance, the filed version
//	imports/{year}/{sha256 of the original}.{ext}  the original of a report waiting for a person
//
// An entry is filed (the report is in the registry, its original kept
// beside it as source.{ext}), review (a person must complete the draft and
// file it from the form), refused (not a report that can be read) or
// failed (storage failed; the inbox retries). The same original always has
// the same entry, which is how re-putting a file stays idempotent. The
// review page lists a year's entries; filing one from the form marks it
// filed. The package is light on purpose: the functions that list and
// file entries link it without the import engine.
package imports
