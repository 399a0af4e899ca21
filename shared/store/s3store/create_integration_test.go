//go:build integration

package s3store

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/nianbao/nianbao/shared/store"

	"github.com/nianbao/nianbao/shared/store/s3store/s3test"
	"github.com/nianbao/nianbao/shared/store/storetest"
)

var _ store.Creator = (*Store)(nil)

func TestCreateConformance(t *testing.T) {
	for _, kind := range s3test.Kinds {
		t.Run(string(kind), func(t *testing.T) {
			srv := s3test.Start(t, kind)
			storetest.RunCreate(t, func(t *testing.T) store.Creator { return newServerStore(t, srv, Options{}) })
		})
	}
}

// TestCreateLeavesNoUploads: a multipart object's ETag shows its parts,
// and neither Abort nor a lost create-only Close leaves an unfinished
// upload behind (invisible, but stored and billed).
func TestCreateLeavesNoUploads(t *testing.T) {
	for _, kind := range s3test.Kinds {
		t.Run(string(kind), func(t *testing.T) {
			srv := s3test.Start(t, kind)
			s := newServerStore(t, srv, Options{})
			ctx := t.Context()
			body := bytes.Repeat([]byte{'b'}, 2*PartSize+1)
			write := func(abort bool) (store.Info, error) {
				w, err := s.Create(ctx, "big", store.PutOptions{IfNoneMatch: true})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := w.Write(body); err != nil {
					t.Fatal(err)
				}
				if abort {
					return store.Info{}, w.Abort()
				}
				return w.Close()
			}
			if _, err := write(true); err != nil {
				t.Fatalf("Abort: %v", err)
			}
			info, err := write(false)
			if err != nil {
				t.Fatalf("first Close: %v", err)
			}
			if !strings.HasSuffix(strings.Trim(info.ETag, `"`), "-3") {
				t.Errorf("ETag %s, want a 3-part multipart ETag", info.ETag)
			}
			if _, err := write(false); !errors.Is(err, store.ErrPreconditionFailed) {
				t.Errorf("second create-only Close error = %v, want ErrPreconditionFailed", err)
			}
			out, err := srv.Client().ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: &s.bucket})
			if err != nil {
				t.Fatal(err)
			}
			if len(out.Uploads) != 0 {
				t.Errorf("%d multipart uploads left, want 0", len(out.Uploads))
			}
		})
	}
}

func BenchmarkCreate20MiB(b *testing.B) {
	for _, kind := range s3test.Kinds {
		b.Run(string(kind), func(b *testing.B) {
			srv := s3test.Start(b, kind)
			storetest.BenchmarkCreate(b, newServerStore(b, srv, Options{}), storetest.LargeObjectSize)
		})
	}
}
