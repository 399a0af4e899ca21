package check

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"github.com/nianbao/nianbao/shared/testkit"
)

// FuzzValidate feeds arbitrary bytes to Validate: it must not panic, must
// classify every failure as one of its sentinel errors, and must accept only
// input that is one JSON value and stays valid after a round trip through a
// different decoder.
func FuzzValidate(f *testing.F) {
	f.Add(testkit.Testdata(f, seed2020))
	f.Add(testkit.Testdata(f, example2021))
	f.Add([]byte(`{"formatVersion":"2021","reportYear":2023,"table3":{"newReceived":{"total":"/"}}}`))
	f.Add([]byte(`{"table2":{"art20_8":{"administrativeFees":{"feeAmountWanYuan":1e-7}}}}`))
	f.Add([]byte(`{"reportYear":1e10000000,"agency":{"staff":[0.5e-99999999]}}`))
	f.Add([]byte(`[]`))
	f.Add([]byte(`"\u3000"`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		err := Validate(doc)
		switch {
		case err == nil:
		case errors.Is(err, ErrInvalid):
			var serr *Error
			if !errors.As(err, &serr) || len(serr.Violations) == 0 {
				t.Fatalf("Validate(%q) = %v: ErrInvalid without violations", doc, err)
			}
			return
		case errors.Is(err, ErrSyntax), errors.Is(err, ErrTooLarge):
			return
		default:
			t.Fatalf("Validate(%q) = %v: matches no sentinel error", doc, err)
		}
		if !json.Valid(doc) {
			t.Fatalf("Validate(%q) = nil for input encoding/json rejects", doc)
		}
		dec := json.NewDecoder(bytes.NewReader(doc))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("decode accepted document: %v", err)
		}
		again, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("re-encode accepted document: %v", err)
		}
		if err := Validate(again); err != nil {
			t.Fatalf("Validate(re-encoded %q) = %v, want nil", again, err)
		}
	})
}
