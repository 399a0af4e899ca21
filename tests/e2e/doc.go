// Package e2e drives the filing form and the index pages in headless
// Chromium, against the whole stack served in-process on a free port. Its
// tests carry the integration build tag and need the chromium binary:
//
//	go test -tags integration ./e2e
//	go test -tags integration ./e2e -run TestFileSeed -args -update   # rewrites docs/images/*.png
//
// Without chromium they skip, unless CI is set: then they fail.
package e2e
