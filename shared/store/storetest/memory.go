package storetest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/nianbao/nianbao/shared/store"
)

// Memory is a store.Store in memory that passes Run, for tests that run a
// scenario hundreds of times (crash injection at every write) where fsync
// would dominate. It cannot presign (store.ErrNotSupported).
type Memory struct {
	mu      sync.Mutex
	objects map[string]memObject
}

type memObject struct {
	body []byte
	info store.Info
}

// NewMemory returns an empty in-memory store.
func NewMemory() *Memory { return &Memory{objects: map[string]memObject{}} }

func (m *Memory) Put(ctx context.Context, key string, body []byte, opts store.PutOptions) (store.Info, error) {
	if err := ctx.Err(); err != nil {
		return store.Info{}, err
	}
	if err := store.ValidateKey(key); err != nil {
		return store.Info{}, fmt.Errorf("put %s: %w", key, err)
	}
	opts, err := opts.Normalize()
	if err != nil {
		return store.Info{}, fmt.Errorf("put %s: %w", key, err)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	old, exists := m.objects[key]
	if (opts.IfNoneMatch && exists) || (opts.IfMatch != "" && (!exists || !store.SameETag(opts.IfMatch, old.info.ETag))) {
		return store.Info{}, fmt.Errorf("put %s: %w", key, store.ErrPreconditionFailed)
	}
	info := store.Info{Key: key, Size: int64(len(body)), ETag: store.MD5ETag(body), SHA256: store.SHA256Hex(body),
		ContentType: opts.ContentType, LastModified: time.Now()}
	m.objects[key] = memObject{body: bytes.Clone(body), info: info}
	info.LastModified = time.Time{} // as a PUT response
	return info, nil
}

func (m *Memory) Get(ctx context.Context, key string) (io.ReadCloser, store.Info, error) {
	info, err := m.Head(ctx, key)
	if err != nil {
		return nil, store.Info{}, err
	}
	m.mu.Lock()
	body := m.objects[key].body
	m.mu.Unlock()
	return io.NopCloser(bytes.NewReader(body)), info, nil
}

func (m *Memory) Head(ctx context.Context, key string) (store.Info, error) {
	if err := ctx.Err(); err != nil {
		return store.Info{}, err
	}
	if err := store.ValidateKey(key); err != nil {
		return store.Info{}, fmt.Errorf("head %s: %w", key, err)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	o, ok := m.objects[key]
	if !ok {
		return store.Info{}, fmt.Errorf("head %s: %w", key, store.ErrNotFound)
	}
	return o.info, nil
}

func (m *Memory) List(ctx context.Context, prefix, startAfter string, limit int) ([]store.Info, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	limit, err := store.ListLimit(limit)
	if err != nil {
		return nil, err
	}
	if err := store.ValidatePrefix(prefix); err != nil {
		return nil, fmt.Errorf("list %s: %w", prefix, err)
	}
	m.mu.Lock()
	var keys []string
	for k := range m.objects {
		if strings.HasPrefix(k, prefix) && k > startAfter {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	out := make([]store.Info, 0, min(limit, len(keys)))
	for _, k := range keys[:min(limit, len(keys))] {
		in := m.objects[k].info
		out = append(out, store.Info{Key: in.Key, Size: in.Size, ETag: in.ETag, LastModified: in.LastModified})
	}
	m.mu.Unlock()
	return out, nil
}

func (m *Memory) Delete(ctx context.Context, key string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := store.ValidateKey(key); err != nil {
		return fmt.Errorf("delete %s: %w", key, err)
	}
	m.mu.Lock()
	delete(m.objects, key)
	m.mu.Unlock()
	return nil
}

func (m *Memory) PresignGet(ctx context.Context, key string, ttl time.Duration, filename string) (string, error) {
	if err := store.ValidateKey(key); err != nil {
		return "", fmt.Errorf("presign %s: %w", key, err)
	}
	if err := store.ValidateTTL(ttl); err != nil {
		return "", fmt.Errorf("presign %s: %w", key, err)
	}
	return "", fmt.Errorf("presign %s: %w", key, store.ErrNotSupported)
}
