//go:build integration

package registry

import (
	"testing"

	"github.com/nianbao/nianbao/shared/store"
	"github.com/nianbao/nianbao/shared/store/s3store/s3test"
)

// BenchmarkCatalogS3 runs benchCatalog against MinIO and versitygw started on
// loopback: the catalog's costs over the network, server side and warm.
func BenchmarkCatalogS3(b *testing.B) {
	for _, kind := range s3test.Kinds {
		b.Run(string(kind), func(b *testing.B) {
			srv := s3test.Start(b, kind)
			benchCatalog(b, func(b *testing.B) store.Store { return s3Store(b, srv) })
		})
	}
}
