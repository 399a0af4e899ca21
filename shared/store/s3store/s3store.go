// Package s3store is the object store on S3 or an S3-compatible server
// (MinIO, versitygw). Every PUT carries a SHA-256 checksum the server
// verifies; create-only writes send If-None-Match: *, compare-and-swap
// writes send If-Match. SDK errors are mapped to the sentinels of package
// store.
//
// The endpoint comes from the aws.Config (config.LoadDefaultConfig honours
// AWS_ENDPOINT_URL_S3); path-style addressing, which local servers need, is
// an option because the SDK has no environment switch for it.
package s3store

import (
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Defaults for Options.
const (
	DefaultMaxAttempts = 3
	DefaultMaxBackoff  = time.Second
)

// Options configure a Store.
type Options struct {
	Bucket string
	// UsePathStyle addresses http://host/bucket/key instead of
	// http://bucket.host/key. Set it from S3_FORCE_PATH_STYLE=true.
	UsePathStyle bool
	// MaxAttempts bounds the tries of one call, the first included
	// (0: DefaultMaxAttempts). Retries cover 5xx, throttling and dropped
	// connections.
	MaxAttempts int
	// MaxBackoff caps the wait between tries (0: DefaultMaxBackoff).
	MaxBackoff time.Duration
}

// Store is an S3 bucket. It is safe for concurrent use.
type Store struct {
	client  *s3.Client
	presign *s3.PresignClient
	bucket  string
}

// New returns a Store for opts.Bucket using cfg's endpoint, region and
// credentials.
func New(cfg aws.Config, opts Options) (*Store, error) {
	if opts.Bucket == "" {
		return nil, errors.New("s3store: no bucket")
	}
	if opts.MaxAttempts < 0 || opts.MaxBackoff < 0 {
		return nil, fmt.Errorf("s3store: negative MaxAttempts %d or MaxBackoff %v", opts.MaxAttempts, opts.MaxBackoff)
	}
	attempts := orDefault(opts.MaxAttempts, DefaultMaxAttempts)
	backoff := orDefault(opts.MaxBackoff, DefaultMaxBackoff)
	client := s3.NewFromConfig(cfg, func(o *s3.Options) {
		o.UsePathStyle = opts.UsePathStyle
		o.Retryer = retry.NewStandard(func(so *retry.StandardOptions) {
			so.MaxAttempts = attempts
			so.MaxBackoff = backoff
			// The default token bucket turns a server restart into
			// "retry quota exceeded" for a while after; attempts are
			// already bounded per call.
			so.RateLimiter = ratelimit.None
		})
	})
	return &Store{client: client, presign: s3.NewPresignClient(client), bucket: opts.Bucket}, nil
}

// orDefault returns v, or def when v is the zero value.
func orDefault[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}
