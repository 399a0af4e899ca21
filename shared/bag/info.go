package bag

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Info describes a bag. Name and Date fix the bytes of the zip, so the
// same Info and inputs always give the same file.
type Info struct {
	// Name is the bag's base directory inside the zip, which RFC 8493
	// wants to match the zip's file name without ".zip", e.g.
	// "nianbao-2020-410000". One path segment.
	Name string
	// SourceOrganization is the body that made the bag (bag-info.txt
	// Source-Organization), e.g. "河南省人民政府办公厅".
	SourceOrganization string
	// ExternalIdentifier names the bag outside this system (bag-info.txt
	// External-Identifier), e.g. "nianbao:2020:410000".
	ExternalIdentifier string
	// Description is optional free text (External-Description).
	Description string
	// Date is the Bagging-Date and the modification time of every zip
	// entry. It is an input, never the clock, so that rebuilding a bag
	// reproduces it. Zip stores whole seconds from 1980 to 2107.
	Date time.Time
}

// maxTagValue bounds one bag-info value: the file stays readable, and
// nothing unbounded reaches it.
const maxTagValue = 1024

// zipEpoch and zipEnd bound what an MS-DOS zip time can hold.
var (
	zipEpoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	zipEnd   = time.Date(2107, 12, 31, 23, 59, 58, 0, time.UTC)
)

func (in Info) validate() error {
	if err := validSegment(in.Name); err != nil {
		return fmt.Errorf("%w: Name %q: %v", ErrInvalidInfo, in.Name, err)
	}
	fields := []struct {
		label, value string
		required     bool
	}{
		{"Source-Organization", in.SourceOrganization, true},
		{"External-Identifier", in.ExternalIdentifier, true},
		{"External-Description", in.Description, false},
	}
	for _, f := range fields {
		if f.value == "" && f.required {
			return fmt.Errorf("%w: %s is empty", ErrInvalidInfo, f.label)
		}
		if err := validTagValue(f.value); err != nil {
			return fmt.Errorf("%w: %s: %v", ErrInvalidInfo, f.label, err)
		}
	}
	if d := in.Date.UTC(); d.Before(zipEpoch) || d.After(zipEnd) {
		return fmt.Errorf("%w: Date %v outside the zip range 1980–2107", ErrInvalidInfo, in.Date)
	}
	return nil
}

// validTagValue accepts one line of UTF-8 without control characters, so a
// value can never start a new label.
func validTagValue(v string) error {
	if len(v) > maxTagValue {
		return fmt.Errorf("longer than %d bytes", maxTagValue)
	}
	if !utf8.ValidString(v) {
		return fmt.Errorf("not valid UTF-8")
	}
	if strings.TrimSpace(v) != v {
		return fmt.Errorf("leading or trailing space")
	}
	for _, r := range v {
		if unicode.IsControl(r) {
			return fmt.Errorf("control character %q", r)
		}
	}
	return nil
}

// bagitTxt is the bag declaration, byte for byte as RFC 8493 §2.1.1 shows.
const bagitTxt = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"

// bagInfo renders bag-info.txt. Labels are in a fixed order.
func (in Info) bagInfo(octets, files int64, reports int) []byte {
	var b strings.Builder
	line := func(label, value string) {
		if value != "" {
			b.WriteString(label + ": " + value + "\n")
		}
	}
	line("Source-Organization", in.SourceOrganization)
	line("External-Identifier", in.ExternalIdentifier)
	line("External-Description", in.Description)
	line("Bagging-Date", in.Date.UTC().Format(time.DateOnly))
	line("Bag-Software-Agent", "nianbao shared/bag")
	line("Payload-Oxum", oxum(octets, files))
	line("Bag-Size", humanSize(octets))
	line("Report-Count", strconv.Itoa(reports))
	return []byte(b.String())
}

// oxum is the Payload-Oxum value: payload octets, a dot, payload files.
func oxum(octets, files int64) string {
	return strconv.FormatInt(octets, 10) + "." + strconv.FormatInt(files, 10)
}

// humanSize renders n bytes in decimal units with up to one decimal, the
// form of RFC 8493's Bag-Size examples ("260 GB").
func humanSize(n int64) string {
	units := []string{"bytes", "KB", "MB", "GB", "TB", "PB", "EB"}
	if n < 1000 {
		return strconv.FormatInt(n, 10) + " bytes"
	}
	v, i := float64(n), 0
	for v >= 999.95 && i < len(units)-1 {
		v /= 1000
		i++
	}
	return strconv.FormatFloat(v, 'f', 1, 64) + " " + units[i]
}
