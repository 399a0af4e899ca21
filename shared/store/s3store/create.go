package s3store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/nianbao/nianbao/shared/store"
)

const (
	// PartSize is the size of each multipart part but the last. S3 wants
	// at least 5 MiB; 8 MiB keeps one writer's buffer small and still
	// allows objects of 80 GB within S3's 10,000 parts.
	PartSize = 8 << 20
	// maxParts is S3's limit on parts per upload.
	maxParts = 10000
	// abortTimeout bounds the clean-up of a failed upload, which runs even
	// when the caller's context is canceled.
	abortTimeout = 30 * time.Second
)

// Create starts a streamed write of key. Content is buffered up to
// PartSize (one part in memory at a time). An object that fits in one part
// is stored by a single PUT at Close, exactly as Put stores it. A larger one
// becomes a multipart upload: each part carries its SHA-256, which the
// server checks, and CompleteMultipartUpload commits it with If-None-Match
// or If-Match when asked, so create-only and compare-and-swap are decided
// by the server at commit. Until then the upload is invisible.
//
// S3 keeps no SHA-256 of the whole object for a multipart upload (only a
// checksum of the part checksums, and SHA-256 has no full-object mode), and
// metadata cannot carry it because it is fixed when the upload starts,
// before the content is known. So Close returns the SHA-256 of everything
// written, but Head and Get of a multipart object report SHA256 ""; the
// caller records the Close value where it needs it.
//
// A failed Write or Close, and Abort, abort the multipart upload.
func (s *Store) Create(ctx context.Context, key string, opts store.PutOptions) (store.Writer, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("create %s: %w", key, err)
	}
	opts, err := opts.Normalize()
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", key, err)
	}
	if err := store.ValidateKey(key); err != nil {
		return nil, fmt.Errorf("create %s: %w", key, err)
	}
	return &upload{s: s, ctx: ctx, key: key, opts: opts, sha: sha256.New()}, nil
}

// upload is the store.Writer of s3store.
type upload struct {
	s     *Store
	ctx   context.Context
	key   string
	opts  store.PutOptions
	buf   []byte // the part being filled; allocated on the first Write
	id    string // multipart upload ID, "" until the first part is sent
	parts []types.CompletedPart
	size  int64
	sha   hash.Hash // of the whole object
	err   error     // sticky: the first failure, or ErrWriterDone
	// abortErr is a failure to abort the upload, which Abort reports: the
	// parts then stay on the server until a lifecycle rule removes them.
	abortErr error
}

func (u *upload) Write(p []byte) (int, error) {
	if u.err != nil {
		return 0, u.err
	}
	if err := u.ctx.Err(); err != nil {
		return 0, u.fail(err)
	}
	if u.buf == nil {
		u.buf = make([]byte, 0, PartSize)
	}
	written := 0
	for len(p) > 0 {
		n := min(len(p), PartSize-len(u.buf))
		u.buf = append(u.buf, p[:n]...)
		u.sha.Write(p[:n])
		u.size += int64(n)
		written += n
		p = p[n:]
		// A full part is sent only when more content follows, so that the
		// last part is never empty and a one-part object is a plain PUT.
		if len(u.buf) == PartSize && len(p) > 0 {
			if err := u.sendPart(); err != nil {
				return written, u.fail(err)
			}
		}
	}
	return written, nil
}

// sendPart uploads the buffered part, starting the multipart upload first
// if needed, and empties the buffer.
func (u *upload) sendPart() error {
	if u.id == "" {
		out, err := u.s.client.CreateMultipartUpload(u.ctx, &s3.CreateMultipartUploadInput{
			Bucket:            &u.s.bucket,
			Key:               &u.key,
			ContentType:       &u.opts.ContentType,
			ChecksumAlgorithm: types.ChecksumAlgorithmSha256,
		})
		if err != nil {
			return fmt.Errorf("start multipart upload: %w", mapError(err))
		}
		u.id = aws.ToString(out.UploadId)
	}
	if len(u.parts) == maxParts {
		return fmt.Errorf("%w: more than %d parts of %d bytes", store.ErrInvalidArgument, maxParts, PartSize)
	}
	number := int32(len(u.parts) + 1)
	sum := sha256.Sum256(u.buf)
	b64 := base64.StdEncoding.EncodeToString(sum[:])
	out, err := u.s.client.UploadPart(u.ctx, &s3.UploadPartInput{
		Bucket:            &u.s.bucket,
		Key:               &u.key,
		UploadId:          &u.id,
		PartNumber:        &number,
		Body:              bytes.NewReader(u.buf),
		ContentLength:     aws.Int64(int64(len(u.buf))),
		ChecksumAlgorithm: types.ChecksumAlgorithmSha256,
		ChecksumSHA256:    &b64,
	})
	if err != nil {
		return fmt.Errorf("upload part %d: %w", number, mapError(err))
	}
	u.parts = append(u.parts, types.CompletedPart{ETag: out.ETag, PartNumber: &number, ChecksumSHA256: &b64})
	u.buf = u.buf[:0]
	return nil
}

// Close commits the object: a single PUT if it fits in one part, else the
// last part and CompleteMultipartUpload.
func (u *upload) Close() (store.Info, error) {
	if u.err != nil {
		return store.Info{}, u.err
	}
	if err := u.ctx.Err(); err != nil {
		return store.Info{}, u.fail(err)
	}
	info, err := u.commit()
	if err != nil {
		return store.Info{}, u.fail(err)
	}
	u.err = fmt.Errorf("create %s: %w", u.key, store.ErrWriterDone)
	u.buf = nil
	return info, nil
}

func (u *upload) commit() (store.Info, error) {
	if u.id == "" {
		// put wraps nothing with the key; fail adds it.
		return u.s.put(u.ctx, u.key, u.buf, u.opts)
	}
	if err := u.sendPart(); err != nil {
		return store.Info{}, err
	}
	in := &s3.CompleteMultipartUploadInput{
		Bucket:          &u.s.bucket,
		Key:             &u.key,
		UploadId:        &u.id,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: u.parts},
		// The server refuses to commit if it received another length.
		MpuObjectSize: aws.Int64(u.size),
	}
	if u.opts.IfNoneMatch {
		in.IfNoneMatch = aws.String("*")
	}
	if u.opts.IfMatch != "" {
		in.IfMatch = &u.opts.IfMatch
	}
	out, err := u.s.client.CompleteMultipartUpload(u.ctx, in)
	if err != nil {
		mapped := mapError(err)
		if u.opts.IfMatch != "" && errors.Is(mapped, store.ErrNotFound) {
			// As in Put: nothing to compare with is a lost swap. (An upload
			// that vanished would also say 404, but then the retry-free
			// caller's answer is the same: write again.)
			return store.Info{}, fmt.Errorf("%w: no object to compare (%v)", store.ErrPreconditionFailed, err)
		}
		return store.Info{}, fmt.Errorf("complete multipart upload: %w", mapped)
	}
	return store.Info{
		Key:         u.key,
		Size:        u.size,
		ETag:        aws.ToString(out.ETag),
		SHA256:      hex.EncodeToString(u.sha.Sum(nil)),
		ContentType: u.opts.ContentType,
	}, nil
}

// Abort discards the upload. After Close it does nothing.
func (u *upload) Abort() error {
	if u.err == nil {
		u.fail(store.ErrWriterDone)
	}
	return u.abortErr
}

// fail records err as the final state and aborts the multipart upload, if
// one was started, so that no parts are left billed and invisible.
func (u *upload) fail(err error) error {
	if u.err == nil {
		u.err = fmt.Errorf("create %s: %w", u.key, err)
	}
	u.buf = nil
	if u.id != "" {
		// The caller's context may be the reason for the failure; the
		// clean-up must still reach the server.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(u.ctx), abortTimeout)
		defer cancel()
		_, aerr := u.s.client.AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{
			Bucket: &u.s.bucket, Key: &u.key, UploadId: &u.id,
		})
		if aerr = mapError(aerr); aerr != nil && !errors.Is(aerr, store.ErrNotFound) {
			u.abortErr = fmt.Errorf("abort multipart upload of %s: %w", u.key, aerr)
		}
		u.id = ""
	}
	return u.err
}
