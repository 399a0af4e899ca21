// Package members is what a supervising office reads of its year: the
// catalog's entry for every agency that filed (Catalog), joined with the
// office's roster (Join), and the members' current reports themselves
// (Read), fetched a few at a time with every read bounded.
//
// The catalog is an interface declared here, with what the dashboard, the
// summary, the statistics and the export need; Registry implements it over
// the registry.
package members
