package registry

import (
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/shared/report"
)

// ID names one version of one agency's report for one year:
// {year}-{creditCode}-{sha256 of the canonical JSON}.
type ID struct {
	Year       int
	CreditCode string
	SHA256     string
}

// ParseID reads an ID from a URL, accepting nothing that could not have been
// made by String.
func ParseID(s string) (ID, error) {
	parts := strings.Split(s, "-")
	if len(parts) != 3 {
		return ID{}, errBadID
	}
	year, err := strconv.Atoi(parts[0])
	if err != nil || len(parts[0]) != 4 || year < 2019 {
		return ID{}, errBadYear
	}
	if !report.ValidCreditCode(parts[1]) {
		return ID{}, errBadCode
	}
	if len(parts[2]) != 64 || strings.ToLower(parts[2]) != parts[2] {
		return ID{}, errBadSHA
	}
	if _, err := hex.DecodeString(parts[2]); err != nil {
		return ID{}, errBadSHA
	}
	return ID{Year: year, CreditCode: parts[1], SHA256: parts[2]}, nil
}

func (id ID) String() string {
	return strconv.Itoa(id.Year) + "-" + id.CreditCode + "-" + id.SHA256
}

// agencyPrefix holds every version of the agency's report for the year.
func agencyPrefix(year int, creditCode string) string {
	return "reports/" + strconv.Itoa(year) + "/" + creditCode + "/"
}

func (id ID) key(file string) string {
	return agencyPrefix(id.Year, id.CreditCode) + id.SHA256 + "/" + file
}

func latestKey(year int, creditCode string) string {
	return agencyPrefix(year, creditCode) + latestFile
}

// The objects of a version, and the pointer to the current one.
const (
	FileJSON     = "report.json"
	FilePDF      = "report.pdf"
	FileFindings = "findings.json"
	fileManifest = "manifest.json"
	latestFile   = "latest.json"
)
