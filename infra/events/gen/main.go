// Command gen writes testdata/events/*.json: the API Gateway HTTP API
// (payload 2.0) events, and the scheduled event, that the functions
// receive on AWS. Request bodies are copied from the testdata reports, so
// regenerate after changing those:
//
//	go run ./infra/events/gen        (from the repository root)
//
// A test fails while the committed files differ from what gen writes.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	root := flag.String("root", ".", "repository root")
	flag.Parse()
	files, err := generate(os.DirFS(*root))
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	dir := filepath.Join(*root, eventsDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.name), f.data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
	}
}
