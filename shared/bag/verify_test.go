package bag

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/testkit"
)

const base = "nianbao-2020-410000/"

// tamper returns a modified copy of a bag's entries.
type tamper func(t *testing.T, entries []entry) []entry

func replaceBody(name string, f func([]byte) []byte) tamper {
	return func(t *testing.T, entries []entry) []entry {
		out := slices.Clone(entries)
		for i, e := range out {
			if e.name == base+name {
				out[i].body = f(bytes.Clone(e.body))
				return out
			}
		}
		t.Fatalf("no entry %s", name)
		return nil
	}
}

func drop(name string) tamper {
	return func(t *testing.T, entries []entry) []entry {
		out := slices.DeleteFunc(slices.Clone(entries), func(e entry) bool { return e.name == base+name })
		if len(out) == len(entries) {
			t.Fatalf("no entry %s", name)
		}
		return out
	}
}

func addEntry(name, body string) tamper {
	return func(t *testing.T, entries []entry) []entry {
		return append(slices.Clone(entries), entry{name: name, body: []byte(body)})
	}
}

func flipFirstByte(b []byte) []byte { b[0] ^= 1; return b }

// TestVerifyCatches: each kind of damage is found and named.
func TestVerifyCatches(t *testing.T) {
	reports := fakeReports(2, 4000, 900)
	zipped, _ := buildBag(t, testInfo(), reports)
	entries := unzip(t, zipped)
	pdf := "data/" + reports[0].folder() + "/report.pdf"
	json := "data/" + reports[1].folder() + "/report.json"

	tests := []struct {
		name   string
		tamper tamper
		want   []Problem // Detail is not compared
	}{
		{"payload byte changed", replaceBody(pdf, flipFirstByte), []Problem{{Path: pdf, Kind: Mismatch}}},
		{"payload deleted", drop(json), []Problem{{Path: json, Kind: Missing}, {Path: bagInfoName, Kind: OxumWrong}}},
		{"payload added", addEntry(base+"data/extra.pdf", "x"), []Problem{
			{Path: "data/extra.pdf", Kind: Unlisted}, {Path: bagInfoName, Kind: OxumWrong}}},
		{"tag file added", addEntry(base+"notes.txt", "x"), []Problem{{Path: "notes.txt", Kind: Unlisted}}},
		{"index changed", replaceBody("data/index.csv", func(b []byte) []byte { return append(b, "x,y\r\n"...) }), []Problem{
			{Path: "data/index.csv", Kind: Mismatch}, {Path: bagInfoName, Kind: OxumWrong}}},
		{"manifest line removed", replaceBody(manifestName, func(b []byte) []byte {
			lines := strings.SplitAfter(string(b), "\n")
			return []byte(strings.Join(slices.DeleteFunc(lines, func(l string) bool { return strings.HasSuffix(l, pdf+"\n") }), ""))
		}), []Problem{{Path: pdf, Kind: Unlisted}, {Path: manifestName, Kind: Mismatch}}},
		{"oxum edited", replaceBody(bagInfoName, func(b []byte) []byte {
			return []byte(strings.Replace(string(b), "Payload-Oxum: ", "Payload-Oxum: 1", 1))
		}), []Problem{{Path: bagInfoName, Kind: Mismatch}, {Path: bagInfoName, Kind: OxumWrong}}},
		{"bagit.txt wrong version", replaceBody(bagitName, func([]byte) []byte {
			return []byte("BagIt-Version: 0.96\nTag-File-Character-Encoding: UTF-8\n")
		}), []Problem{{Path: bagitName, Kind: Malformed}, {Path: bagitName, Kind: Mismatch}}},
		{"bagit.txt deleted", drop(bagitName), []Problem{{Path: bagitName, Kind: Missing}, {Path: bagitName, Kind: Missing}}},
		{"manifest deleted", drop(manifestName), []Problem{{Path: manifestName, Kind: Missing}, {Path: manifestName, Kind: Missing}}},
		{"tag manifest deleted", drop(tagManifestName), []Problem{{Path: tagManifestName, Kind: Missing}}},
		{"md5 manifest added", addEntry(base+"manifest-md5.txt", ""), []Problem{
			{Path: "manifest-md5.txt", Kind: Unsupported}, {Path: "manifest-md5.txt", Kind: Unlisted}}},
		{"climbing name", addEntry("../evil.txt", "x"), []Problem{{Path: "../evil.txt", Kind: UnsafePath}}},
		{"climbing inside", addEntry(base+"data/../../evil.txt", "x"), []Problem{{Path: base + "data/../../evil.txt", Kind: UnsafePath}}},
		{"absolute name", addEntry("/etc/cron.d/x", "x"), []Problem{{Path: "/etc/cron.d/x", Kind: UnsafePath}}},
		{"backslash name", addEntry(base+`data\..\..\x`, "x"), []Problem{{Path: base + `data\..\..\x`, Kind: UnsafePath}}},
		{"outside the bag directory", addEntry("other/x", "x"), []Problem{{Path: "other/x", Kind: UnsafePath}}},
		{"duplicate entry", addEntry(base+pdf, "x"), []Problem{{Path: pdf, Kind: Duplicate}}},
		{"case-folded duplicate", addEntry(base+strings.ToUpper(pdf[:4])+pdf[4:], "x"), []Problem{{Path: strings.ToUpper(pdf[:4]) + pdf[4:], Kind: Duplicate}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := rezip(t, tt.tamper(t, entries))
			rep, err := Verify(bytes.NewReader(bad), int64(len(bad)))
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("Verify error = %v, want ErrInvalid", err)
			}
			checkProblems(t, rep, tt.want)
		})
	}
}

// checkProblems compares path and kind of each problem, in order.
func checkProblems(t *testing.T, rep Verification, want []Problem) {
	t.Helper()
	var got []Problem
	for _, p := range rep.Problems {
		got = append(got, Problem{Path: p.Path, Kind: p.Kind})
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems =\n  %v\nwant (path and kind)\n  %v", rep.Problems, want)
	}
}

// TestVerifyDamagedZip: damage below the manifests (the zip structure,
// a CRC) is found too.
func TestVerifyDamagedZip(t *testing.T) {
	zipped, _ := buildBag(t, testInfo(), fakeReports(2, 4000, 900))
	pdfAt := bytes.Index(zipped, []byte("%PDF-1.7"))
	if pdfAt < 0 {
		t.Fatal("no stored PDF in the zip")
	}
	corrupt := bytes.Clone(zipped)
	corrupt[pdfAt+100] ^= 0xFF
	tests := []struct {
		name string
		zip  []byte
		want []Problem
	}{
		{"byte flipped in the zip", corrupt, []Problem{{Path: "data/11410303MB0000000X/2020/report.pdf", Kind: Unreadable}}},
		{"truncated", zipped[:len(zipped)-100], []Problem{{Kind: Unreadable}}},
		{"truncated to half", zipped[:len(zipped)/2], []Problem{{Kind: Unreadable}}},
		{"empty", nil, []Problem{{Kind: Unreadable}}},
		{"not a zip", []byte("%PDF-1.7 this is not a bag"), []Problem{{Kind: Unreadable}}},
		{"empty zip", rezip(t, nil), []Problem{{Kind: Missing}, {Path: bagitName, Kind: Missing}, {Path: manifestName, Kind: Missing},
			{Path: tagManifestName, Kind: Missing}, {Path: bagInfoName, Kind: Missing}}},
	}
	for _, tt := range tests {
		rep, err := Verify(bytes.NewReader(tt.zip), int64(len(tt.zip)))
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: Verify error = %v, want ErrInvalid", tt.name, err)
		}
		t.Run(tt.name, func(t *testing.T) { checkProblems(t, rep, tt.want) })
	}
}

// TestVerifyZipBomb: an entry that inflates far beyond the zip's size is
// refused before it is decompressed.
func TestVerifyZipBomb(t *testing.T) {
	bomb := rezip(t, []entry{{name: base + "data/zeros.json", body: make([]byte, 64<<20), method: zip.Deflate}})
	rep, err := Verify(bytes.NewReader(bomb), int64(len(bomb)))
	if !errors.Is(err, ErrInvalid) {
		t.Fatalf("Verify error = %v, want ErrInvalid", err)
	}
	checkProblems(t, rep, []Problem{{Kind: TooLarge}})
}

// TestVerifyTooManyEntries: a zip with more than MaxEntries entries is
// refused without reading them, even when its end record says it has one:
// archive/zip would read every header there is.
func TestVerifyTooManyEntries(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a zip of 262,145 entries")
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := range MaxEntries + 1 {
		if _, err := zw.CreateHeader(&zip.FileHeader{Name: base + "data/" + strings.Repeat("x", i%7) + string(rune('a'+i%26)), Method: zip.Store}); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	honest := buf.Bytes()
	lying := bytes.Clone(honest)
	end := bytes.LastIndex(lying, []byte("PK\x06\x06")) // the zip64 end record
	if end < 0 {
		t.Fatal("no zip64 end record")
	}
	binary.LittleEndian.PutUint64(lying[end+24:], 1) // entries on this disk
	binary.LittleEndian.PutUint64(lying[end+32:], 1) // entries: 1, as archive/zip compares them modulo 65536
	for _, z := range []struct {
		name string
		zip  []byte
	}{{"honest end record", honest}, {"end record saying 1", lying}} {
		var rep Verification
		var err error
		mem := testkit.MeasureMemory(func() { rep, err = Verify(bytes.NewReader(z.zip), int64(len(z.zip))) })
		if !errors.Is(err, ErrInvalid) {
			t.Fatalf("%s: Verify error = %v, want ErrInvalid", z.name, err)
		}
		checkProblems(t, rep, []Problem{{Kind: TooLarge}})
		// archive/zip would have spent about 60 MiB on the entries.
		if mem.Peak > 8<<20 {
			t.Errorf("%s: peak heap %.1f MiB refusing the zip; want at most 8 MiB", z.name, testkit.MiB(mem.Peak))
		}
	}
}

// TestVerifyProblemCap: problems beyond MaxProblems are counted, not
// listed.
func TestVerifyProblemCap(t *testing.T) {
	entries := []entry{{name: base + bagitName, body: []byte(bagitTxt)}, {name: base + manifestName}}
	for i := range MaxProblems + 10 {
		entries = append(entries, entry{name: base + "data/f" + strings.Repeat("0", i%5) + string(rune('a'+i%26)) + "/" + string(rune('A'+i/26%26)) + string(rune('a'+i/676))})
	}
	bad := rezip(t, entries)
	rep, err := Verify(bytes.NewReader(bad), int64(len(bad)))
	if !errors.Is(err, ErrInvalid) || len(rep.Problems) != MaxProblems || rep.Omitted == 0 {
		t.Errorf("Verify = %d problems listed, %d omitted (%v); want %d listed and some omitted", len(rep.Problems), rep.Omitted, err, MaxProblems)
	}
}

func TestManifestLine(t *testing.T) {
	sum := strings.Repeat("ab", 32)
	tests := []struct {
		line, sum, path string
		ok              bool
	}{
		{sum + "  data/a b.pdf", sum, "data/a b.pdf", true},
		{sum + " data/x", sum, "data/x", true},
		{sum + "\tdata/x", sum, "data/x", true},
		{strings.ToUpper(sum) + " *data/x", sum, "data/x", true},
		{sum + "  ", "", "", false},
		{sum[:63] + "  data/x", "", "", false},
		{sum + "0  data/x", "", "", false},
		{"data/x", "", "", false},
		{"", "", "", false},
	}
	for _, tt := range tests {
		s, p, ok := manifestLine(tt.line)
		if s != tt.sum || p != tt.path || ok != tt.ok {
			t.Errorf("manifestLine(%q) = %q, %q, %v; want %q, %q, %v", tt.line, s, p, ok, tt.sum, tt.path, tt.ok)
		}
	}
}

func TestBagInfoReader(t *testing.T) {
	read := func(text string) bagInfoReader {
		var b bagInfoReader
		lines := newLineScanner(strings.NewReader(text))
		for lines.Scan() {
			b.line(lines.n, string(lines.Line()), lines.long)
		}
		return b
	}
	tests := []struct {
		text string
		want bagInfoReader
	}{
		{"Source-Organization: 河南省\r\nExternal-Description: a long\n  folded value\nPayload-Oxum: 10.2\n", bagInfoReader{last: "Payload-Oxum", oxums: 1, oxum: "10.2"}},
		{"Payload-Oxum: 10.2\nPayload-Oxum: 11.2\n", bagInfoReader{last: "Payload-Oxum", oxums: 2, oxum: "10.2"}},
		{"Payload-Oxum: 10\n\t.2\nX: y", bagInfoReader{last: "X", oxums: 1, oxum: "10 .2"}},
		{"Good: 1\nno colon here\n", bagInfoReader{bad: 2}},
		{"Good: 1\n" + strings.Repeat("x", MaxLineBytes+1) + ": 2\n", bagInfoReader{bad: 2}},
	}
	for _, tt := range tests {
		if got := read(tt.text); got != tt.want {
			t.Errorf("bag-info %.60q: %+v, want %+v", tt.text, got, tt.want)
		}
	}
}
