// Package api adapts API Gateway HTTP API (payload v2) events to the registry:
// the handlers of the upload, index and archive functions. Lambda functions
// and the local server call the same handlers with the same events; each
// function's handler serves its rows of Routes, dispatched on the route key.
package api

import (
	"context"

	"github.com/aws/aws-lambda-go/events"
)

type (
	// Request is an API Gateway HTTP API event.
	Request = events.APIGatewayV2HTTPRequest
	// Response is what the handler answers API Gateway.
	Response = events.APIGatewayV2HTTPResponse
)

// HandlerFunc handles one request; it never returns an error to Lambda, so
// that every failure reaches the client as a well-formed response.
type HandlerFunc func(ctx context.Context, req Request) (Response, error)
