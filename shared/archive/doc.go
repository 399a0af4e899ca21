// Package archive packs a year's reports into one BagIt bag for the archives:
// the current version of every agency's report (PDF, canonical JSON, findings,
// and the original of an imported one) with data/index.csv, streamed
// straight into the object store.
//
// The same set of reports always gives the same bag, byte for byte: entries
// come in credit-code order, and the bag's name and date derive from the set
// (the hash of the versions' IDs and the latest validation time), never from
// the clock. The bag is written create-only under
// archives/{year}/nianbao-{year}-{set}.zip, so archiving an unchanged year
// again finds the bag already there.
//
// One Lambda run archives a year: at the throughput measured here (see
// docs/archive.md) 15 minutes hold far more reports than a province files.
// Past that, the work splits by region prefix (one bag per prefix, a Step
// Functions map state over the prefixes); the status object tracks each.
package archive
