package storetest

import (
	"bytes"
	"context"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/nianbao/nianbao/shared/store"
)

// BenchmarkPutGet measures one Put and one full Get (with checksum
// verification) of a size-byte object per iteration, each to a new key.
func BenchmarkPutGet(b *testing.B, s store.Store, size int) {
	body := make([]byte, size)
	rand.NewChaCha8([32]byte{2}).Read(body)
	ctx := context.Background()
	buf := bytes.NewBuffer(make([]byte, 0, size))
	b.SetBytes(int64(2 * size))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		key := "bench/" + strconv.Itoa(i)
		i++
		if _, err := s.Put(ctx, key, body, store.PutOptions{ContentType: "application/pdf"}); err != nil {
			b.Fatal(err)
		}
		rc, _, err := s.Get(ctx, key)
		if err != nil {
			b.Fatal(err)
		}
		buf.Reset()
		_, err = buf.ReadFrom(rc)
		rc.Close()
		if err != nil {
			b.Fatal(err)
		}
		if buf.Len() != size {
			b.Fatalf("Get returned %d bytes, want %d", buf.Len(), size)
		}
	}
}
