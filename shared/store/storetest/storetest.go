// Package storetest is the conformance suite every object store must pass,
// so that code tested against one store behaves the same on another.
package storetest

import (
	"context"
	"io"
	"time"

	"github.com/nianbao/nianbao/shared/store"
)

// Store is the method set the suite exercises: the full contract described
// in package store.
type Store interface {
	Put(ctx context.Context, key string, body []byte, opts store.PutOptions) (store.Info, error)
	Get(ctx context.Context, key string) (io.ReadCloser, store.Info, error)
	Head(ctx context.Context, key string) (store.Info, error)
	List(ctx context.Context, prefix, startAfter string, limit int) ([]store.Info, error)
	Delete(ctx context.Context, key string) error
	PresignGet(ctx context.Context, key string, ttl time.Duration, filename string) (string, error)
}
