package report

// Version names a national format (docs/report-format.md, "The two versions").
type Version string

const (
	// Trial2019 is the 2019 trial format (国办公开办函〔2019〕60号), used for reports on 2019 and 2020.
	Trial2019 Version = "2019-trial"
	// Format2021 is the 2021 format (国办公开办函〔2021〕30号), used for reports on 2021 and later.
	Format2021 Version = "2021"
)

// Versions lists every known format, oldest first.
var Versions = []Version{Trial2019, Format2021}

// VersionForYear returns the format a report on year y must use.
func VersionForYear(y int) Version {
	if y <= 2020 {
		return Trial2019
	}
	return Format2021
}

// Label is the version's name as a clerk knows it.
func (v Version) Label() string {
	switch v {
	case Trial2019:
		return "2019年试行格式"
	case Format2021:
		return "2021年格式"
	}
	return string(v)
}
