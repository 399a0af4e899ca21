package bag

import (
	"bytes"
	"errors"
	"testing"
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
