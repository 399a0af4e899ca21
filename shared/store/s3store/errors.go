package s3store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/nianbao/nianbao/shared/store"
)

// mapError attaches the store sentinel that matches an SDK error, keeping
// the SDK error in the chain for logs:
//
//	404, NoSuchKey, NotFound                        → store.ErrNotFound
//	412, PreconditionFailed, 409 ConditionalRequestConflict → store.ErrPreconditionFailed
//	5xx, 429, SlowDown, RequestTimeout, transport failures, deadline → store.ErrUnavailable
//
// NoSuchBucket is left unmapped: it is a deployment fault, not a missing
// object, and must not look like one. context.Canceled stays as it is.
func mapError(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) {
		return err
	}
	status, code := 0, ""
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		status = re.HTTPStatusCode()
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		code = ae.ErrorCode()
	}
	var sentinel error
	switch {
	case code == "NoSuchBucket":
		return err
	case status == 404 || code == "NoSuchKey" || code == "NotFound":
		sentinel = store.ErrNotFound
	case status == 412 || code == "PreconditionFailed" || code == "ConditionalRequestConflict":
		sentinel = store.ErrPreconditionFailed
	case status >= 500 || status == 429 || code == "SlowDown" || code == "RequestTimeout":
		sentinel = store.ErrUnavailable
	case status == 0 && isTransport(err):
		sentinel = store.ErrUnavailable
	default:
		return err
	}
	return fmt.Errorf("%w: %w", sentinel, err)
}

// isTransport reports failures to reach the server or to get a whole
// response from it.
func isTransport(err error) bool {
	var send *smithyhttp.RequestSendError
	var netErr net.Error
	return errors.As(err, &send) || errors.As(err, &netErr) ||
		errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, io.ErrUnexpectedEOF)
}
