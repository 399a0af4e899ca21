package store

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"mime"
	"strings"
	"time"
)

// DefaultContentType is stored when PutOptions.ContentType is empty, so that
// every implementation reports the same type (S3 servers differ otherwise).
const DefaultContentType = "application/octet-stream"

// maxContentTypeLen bounds a header value that is echoed back on every read.
const maxContentTypeLen = 256

// Info describes a stored object.
//
// List fills only Key, Size, ETag and LastModified, because an S3 listing
// carries nothing more; Head has the rest. Put leaves LastModified zero,
// because an S3 PUT response does not report it.
type Info struct {
	Key          string
	Size         int64
	ETag         string // opaque; compare for equality, pass to PutOptions.IfMatch
	SHA256       string // lower-case hex of the content
	ContentType  string
	LastModified time.Time
}

// PutOptions control a write.
type PutOptions struct {
	// ContentType is returned by Get, Head and presigned URLs.
	// Empty means DefaultContentType.
	ContentType string
	// IfNoneMatch makes the write create-only (If-None-Match: *): it fails
	// with ErrPreconditionFailed when the key exists.
	IfNoneMatch bool
	// IfMatch makes the write a compare-and-swap: it succeeds only if the
	// object exists with this ETag, else ErrPreconditionFailed.
	IfMatch string
}

// Normalize checks the options and fills defaults. Implementations call it
// before writing.
func (o PutOptions) Normalize() (PutOptions, error) {
	if o.IfNoneMatch && o.IfMatch != "" {
		return o, fmt.Errorf("%w: IfNoneMatch and IfMatch together", ErrInvalidArgument)
	}
	if o.ContentType == "" {
		o.ContentType = DefaultContentType
		return o, nil
	}
	if len(o.ContentType) > maxContentTypeLen {
		return o, fmt.Errorf("%w: content type longer than %d bytes", ErrInvalidArgument, maxContentTypeLen)
	}
	if _, _, err := mime.ParseMediaType(o.ContentType); err != nil {
		return o, fmt.Errorf("%w: content type %q: %v", ErrInvalidArgument, o.ContentType, err)
	}
	for i := 0; i < len(o.ContentType); i++ {
		// mime accepts some bytes that are not legal in an HTTP header.
		if c := o.ContentType[i]; c < 0x20 || c > 0x7e {
			return o, fmt.Errorf("%w: content type %q has a non-ASCII byte", ErrInvalidArgument, o.ContentType)
		}
	}
	return o, nil
}

// SHA256Hex returns the lower-case hex SHA-256 of body, the form of
// Info.SHA256.
func SHA256Hex(body []byte) string {
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}

// MD5ETag returns the ETag S3 gives a single-part, unencrypted object: the
// quoted hex MD5 of its content. fsstore uses the same form so that an
// object has one ETag whichever store holds it.
func MD5ETag(body []byte) string {
	sum := md5.Sum(body)
	return `"` + hex.EncodeToString(sum[:]) + `"`
}

// MaxListLimit is the most entries one List call returns, S3's page size.
const MaxListLimit = 1000

// ListLimit checks a List limit and caps it at MaxListLimit.
func ListLimit(limit int) (int, error) {
	if limit < 1 {
		return 0, fmt.Errorf("%w: list limit %d < 1", ErrInvalidArgument, limit)
	}
	return min(limit, MaxListLimit), nil
}

// SameETag compares ETags, ignoring the quotes some callers strip.
func SameETag(a, b string) bool {
	return strings.Trim(a, `"`) == strings.Trim(b, `"`)
}
