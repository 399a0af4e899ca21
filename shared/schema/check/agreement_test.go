package check

import (
	"testing"

	"github.com/nianbao/nianbao/shared/report"
)

// decoderBound names the accepted documents that the Go decoder rejects on
// purpose: bounds the schema cannot state (reportYear ≤ 9999; the validator
// then holds it to the current year).
var decoderBound = map[string]bool{"year 10^40": true}

// decoderAgrees checks that report.Decode accepts exactly what the schema
// accepts, so the two descriptions of the contract cannot drift apart. The
// decoder is stricter only where JSON Schema cannot speak: the credit code's
// check character, duplicate keys and the year bound.
func decoderAgrees(t *testing.T, doc []byte, schemaValid bool) {
	t.Helper()
	r, fs := report.Decode(doc)
	decoderValid := r != nil && !report.HasErrors(fs)
	if decoderValid != schemaValid {
		t.Errorf("schema says valid=%v, decoder says valid=%v (findings %+v)", schemaValid, decoderValid, fs)
	}
}
