//go:build integration

package registry

import (
	"net/http"
	"testing"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"

	"github.com/nianbao/nianbao/shared/store"
	"github.com/nianbao/nianbao/shared/store/s3store"
	"github.com/nianbao/nianbao/shared/store/s3store/s3test"
)

// BenchmarkCatalogS3 runs benchCatalog against MinIO and versitygw started on
// loopback: the catalog's costs over the network, server side and warm.
//
// The benchmark's 64 concurrent filings share one client; deployed, each is
// a Lambda instance with its own warm connection. The client therefore
// keeps 64 idle connections instead of the SDK's 10, so that the figures are
// not those of reconnecting.
func BenchmarkCatalogS3(b *testing.B) {
	for _, kind := range s3test.Kinds {
		b.Run(string(kind), func(b *testing.B) {
			srv := s3test.Start(b, kind)
			benchCatalog(b, func(b *testing.B) store.Store {
				cfg := srv.Config()
				cfg.HTTPClient = awshttp.NewBuildableClient().WithTransportOptions(func(t *http.Transport) {
					t.MaxIdleConnsPerHost = 64
				})
				s, err := s3store.New(cfg, s3store.Options{Bucket: srv.NewBucket(b), UsePathStyle: true})
				if err != nil {
					b.Fatal(err)
				}
				return s
			})
		})
	}
}
