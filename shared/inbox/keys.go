package inbox

import (
	"fmt"
	"strings"

	"github.com/nianbao/nianbao/shared/imports"
)

// Prefix is where files for import are put: inbox/{year}/….
const Prefix = "inbox/"

// AgencyFiles are the names of a year's agencies file, in the order they
// are looked for: inbox/{year}/agencies.csv, then .xlsx.
var AgencyFiles = []string{"agencies.csv", "agencies.xlsx"}

// Key is what an inbox key names.
type Key struct {
	Year int
	// Name is the file's path under the year: a.pdf, 区县/b.html.
	Name string
	// Agencies marks the year's agencies file, which is a list, not a
	// report.
	Agencies bool
}

// ParseKey reads an inbox key: inbox/{year}/{name}, the name not empty and
// not a folder marker.
func ParseKey(key string) (Key, error) {
	rest, ok := strings.CutPrefix(key, Prefix)
	if !ok {
		return Key{}, fmt.Errorf("%q is not under %s", key, Prefix)
	}
	y, name, ok := strings.Cut(rest, "/")
	if !ok || name == "" || strings.HasSuffix(name, "/") {
		return Key{}, fmt.Errorf("%q: want %s{year}/{file}", key, Prefix)
	}
	year, err := imports.ParseYear(y)
	if err != nil {
		return Key{}, fmt.Errorf("%q: %w", key, err)
	}
	k := Key{Year: year, Name: name}
	for _, f := range AgencyFiles {
		k.Agencies = k.Agencies || strings.EqualFold(name, f)
	}
	return k, nil
}

// AgenciesKey is where a year's agencies file of the given name lives.
func AgenciesKey(year int, file string) string { return fmt.Sprintf("%s%d/%s", Prefix, year, file) }
