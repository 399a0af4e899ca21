package fsstore

import (
	"testing"

	"github.com/nianbao/nianbao/shared/store/storetest"
)

func BenchmarkPutGet100KB(b *testing.B) {
	s, err := New(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	storetest.BenchmarkPutGet(b, s, 100<<10)
}
