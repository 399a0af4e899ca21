package bag

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

// FuzzVerify: arbitrary bytes never panic Verify, a nil error means no
// problems, and the problem list stays within its cap.
func FuzzVerify(f *testing.F) {
	valid, _ := buildBag(f, testInfo(), fakeReports(1, 300, 200))
	f.Add(valid)
	f.Add(valid[:len(valid)/2])
	f.Add(rezip(f, []entry{{name: "../x", body: []byte("x")}, {name: base + bagitName, body: []byte(bagitTxt)}}))
	f.Add([]byte("PK\x05\x06" + string(make([]byte, 18))))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		rep, err := Verify(bytes.NewReader(data), int64(len(data)))
		if (err == nil) != rep.OK() {
			t.Fatalf("error %v with %d problems", err, len(rep.Problems))
		}
		if err != nil && !errors.Is(err, ErrInvalid) {
			t.Fatalf("error %v does not wrap ErrInvalid", err)
		}
		if len(rep.Problems) > MaxProblems {
			t.Fatalf("%d problems listed, cap %d", len(rep.Problems), MaxProblems)
		}
	})
}

// FuzzLineScanner: tag files split into the lines RFC 8493 means (CRLF, LF
// or CR ends a line), as splitting the whole text would, whatever the
// chunking; a line over MaxLineBytes comes back empty and marked long.
func FuzzLineScanner(f *testing.F) {
	f.Add("a\r\nb\rc\nd", 1)
	f.Add("\r\r\n\n", 3)
	f.Add("x\r", 1)
	f.Add("", 7)
	f.Fuzz(func(t *testing.T, text string, long int) {
		if long%4 == 0 { // now and then a line too long to keep
			text += strings.Repeat("L", MaxLineBytes+1) + "\r\nz"
		}
		want := strings.Split(strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n"), "\n")
		if want[len(want)-1] == "" {
			want = want[:len(want)-1]
		}
		s := newLineScanner(iotest.OneByteReader(strings.NewReader(text)))
		var got []string
		for s.Scan() {
			line := string(s.Line())
			if s.long {
				line = strings.Repeat("L", MaxLineBytes+1)
			}
			got = append(got, line)
			if s.n != len(got) {
				t.Fatalf("line number %d, want %d", s.n, len(got))
			}
		}
		for i := range want {
			if len(want[i]) > MaxLineBytes {
				want[i] = strings.Repeat("L", MaxLineBytes+1) // only a long line of L is generated
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("lines of %.80q:\n got %.200q\nwant %.200q", text, got, want)
		}
	})
}
