package s3store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/nianbao/nianbao/shared/store"
)

// Put stores body under key with its SHA-256, which the server checks.
//
// A conditional write that was retried after its response was lost can
// report store.ErrPreconditionFailed although the first try succeeded;
// callers that must know compare Head's SHA256 with their own.
func (s *Store) Put(ctx context.Context, key string, body []byte, opts store.PutOptions) (store.Info, error) {
	info, err := s.put(ctx, key, body, opts)
	if err != nil {
		return store.Info{}, fmt.Errorf("put %s: %w", key, err)
	}
	return info, nil
}

func (s *Store) put(ctx context.Context, key string, body []byte, opts store.PutOptions) (store.Info, error) {
	opts, err := opts.Normalize()
	if err != nil {
		return store.Info{}, err
	}
	if err := store.ValidateKey(key); err != nil {
		return store.Info{}, err
	}
	sum := sha256.Sum256(body)
	b64 := base64.StdEncoding.EncodeToString(sum[:])
	in := &s3.PutObjectInput{
		Bucket:            &s.bucket,
		Key:               &key,
		Body:              bytes.NewReader(body),
		ContentLength:     aws.Int64(int64(len(body))),
		ContentType:       &opts.ContentType,
		ChecksumAlgorithm: types.ChecksumAlgorithmSha256,
		ChecksumSHA256:    &b64,
	}
	if opts.IfNoneMatch {
		in.IfNoneMatch = aws.String("*")
	}
	if opts.IfMatch != "" {
		in.IfMatch = &opts.IfMatch
	}
	out, err := s.client.PutObject(ctx, in)
	if err != nil {
		mapped := mapError(err)
		if opts.IfMatch != "" && errors.Is(mapped, store.ErrNotFound) {
			// S3 answers 404 when there is nothing to compare with; for the
			// caller that is a lost swap like any other (and not "not found").
			return store.Info{}, fmt.Errorf("%w: no object to compare (%v)", store.ErrPreconditionFailed, err)
		}
		return store.Info{}, mapped
	}
	if got := aws.ToString(out.ChecksumSHA256); got != "" && got != b64 {
		return store.Info{}, fmt.Errorf("%w: server stored sha256 %s, sent %s", store.ErrChecksumMismatch, got, b64)
	}
	return store.Info{
		Key:         key,
		Size:        int64(len(body)),
		ETag:        aws.ToString(out.ETag),
		SHA256:      hex.EncodeToString(sum[:]),
		ContentType: opts.ContentType,
	}, nil
}

// Get opens key. Reading to the end checks the content against its size
// and stored SHA-256 (store.ErrChecksumMismatch otherwise). The caller
// closes the reader.
func (s *Store) Get(ctx context.Context, key string) (io.ReadCloser, store.Info, error) {
	if err := store.ValidateKey(key); err != nil {
		return nil, store.Info{}, fmt.Errorf("get %s: %w", key, err)
	}
	out, err := s.client.GetObject(ctx, &s3.GetObjectInput{
		Bucket:       &s.bucket,
		Key:          &key,
		ChecksumMode: types.ChecksumModeEnabled,
	})
	if err != nil {
		return nil, store.Info{}, fmt.Errorf("get %s: %w", key, mapError(err))
	}
	info := store.Info{
		Key:          key,
		Size:         aws.ToInt64(out.ContentLength),
		ETag:         aws.ToString(out.ETag),
		SHA256:       sha256Hex(out.ChecksumSHA256),
		ContentType:  aws.ToString(out.ContentType),
		LastModified: aws.ToTime(out.LastModified).UTC(),
	}
	body := &readErrors{rc: out.Body, key: key}
	return store.VerifyReader(body, info.Size, info.SHA256), info, nil
}

// readErrors maps errors of a response body being read: a connection
// dropped mid-object is store.ErrUnavailable like any other transport
// failure.
type readErrors struct {
	rc  io.ReadCloser
	key string
}

func (r *readErrors) Read(p []byte) (int, error) {
	n, err := r.rc.Read(p)
	if err != nil && err != io.EOF {
		err = fmt.Errorf("get %s: read: %w", r.key, mapError(err))
	}
	return n, err
}

func (r *readErrors) Close() error { return r.rc.Close() }

// Head returns the metadata of key.
func (s *Store) Head(ctx context.Context, key string) (store.Info, error) {
	if err := store.ValidateKey(key); err != nil {
		return store.Info{}, fmt.Errorf("head %s: %w", key, err)
	}
	out, err := s.client.HeadObject(ctx, &s3.HeadObjectInput{
		Bucket:       &s.bucket,
		Key:          &key,
		ChecksumMode: types.ChecksumModeEnabled,
	})
	if err != nil {
		return store.Info{}, fmt.Errorf("head %s: %w", key, mapError(err))
	}
	return store.Info{
		Key:          key,
		Size:         aws.ToInt64(out.ContentLength),
		ETag:         aws.ToString(out.ETag),
		SHA256:       sha256Hex(out.ChecksumSHA256),
		ContentType:  aws.ToString(out.ContentType),
		LastModified: aws.ToTime(out.LastModified).UTC(),
	}, nil
}

// sha256Hex converts the base64 x-amz-checksum-sha256 to hex. A missing
// header (an object written without a checksum) or a composite multipart
// checksum ("…-3") gives "", which means "not known".
func sha256Hex(b64 *string) string {
	v := aws.ToString(b64)
	if v == "" || strings.Contains(v, "-") {
		return ""
	}
	raw, err := base64.StdEncoding.DecodeString(v)
	if err != nil || len(raw) != sha256.Size {
		return ""
	}
	return hex.EncodeToString(raw)
}

// Delete removes key; a missing key is not an error.
func (s *Store) Delete(ctx context.Context, key string) error {
	if err := store.ValidateKey(key); err != nil {
		return fmt.Errorf("delete %s: %w", key, err)
	}
	_, err := s.client.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &s.bucket, Key: &key})
	if err = mapError(err); err != nil && !errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("delete %s: %w", key, err)
	}
	return nil
}

// List returns up to limit objects (at most store.MaxListLimit) whose keys
// start with prefix and sort after startAfter, in lexical order. Entries
// carry Key, Size, ETag and LastModified.
func (s *Store) List(ctx context.Context, prefix, startAfter string, limit int) ([]store.Info, error) {
	infos, err := s.list(ctx, prefix, startAfter, limit)
	if err != nil {
		return nil, fmt.Errorf("list %q after %q: %w", prefix, startAfter, err)
	}
	return infos, nil
}

func (s *Store) list(ctx context.Context, prefix, startAfter string, limit int) ([]store.Info, error) {
	limit, err := store.ListLimit(limit)
	if err != nil {
		return nil, err
	}
	if err := store.ValidatePrefix(prefix); err != nil {
		return nil, err
	}
	in := &s3.ListObjectsV2Input{Bucket: &s.bucket, Prefix: &prefix}
	if startAfter != "" {
		in.StartAfter = &startAfter
	}
	var infos []store.Info
	// A server may return a short page that is still truncated, so follow
	// continuation tokens until limit entries or the end.
	for len(infos) < limit {
		in.MaxKeys = aws.Int32(int32(limit - len(infos)))
		out, err := s.client.ListObjectsV2(ctx, in)
		if err != nil {
			return nil, mapError(err)
		}
		for _, o := range out.Contents {
			infos = append(infos, store.Info{
				Key:          aws.ToString(o.Key),
				Size:         aws.ToInt64(o.Size),
				ETag:         aws.ToString(o.ETag),
				LastModified: aws.ToTime(o.LastModified).UTC(),
			})
		}
		if !aws.ToBool(out.IsTruncated) || out.NextContinuationToken == nil {
			break
		}
		in.ContinuationToken = out.NextContinuationToken
	}
	return infos, nil
}

// PresignGet returns a URL that fetches key without credentials until ttl
// passes. A non-empty filename makes the response a download with that
// name (RFC 5987 filename*, so Chinese names survive). The object's
// existence is not checked.
func (s *Store) PresignGet(ctx context.Context, key string, ttl time.Duration, filename string) (string, error) {
	if err := store.ValidateKey(key); err != nil {
		return "", fmt.Errorf("presign %s: %w", key, err)
	}
	if err := store.ValidateTTL(ttl); err != nil {
		return "", fmt.Errorf("presign %s: %w", key, err)
	}
	in := &s3.GetObjectInput{Bucket: &s.bucket, Key: &key}
	if filename != "" {
		in.ResponseContentDisposition = aws.String(store.ContentDisposition(filename))
	}
	req, err := s.presign.PresignGetObject(ctx, in, s3.WithPresignExpires(ttl))
	if err != nil {
		return "", fmt.Errorf("presign %s: %w", key, err)
	}
	return req.URL, nil
}
