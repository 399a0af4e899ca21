// Package bench holds the end-to-end benchmarks: an upload through the HTTP
// gateway into a real S3 server at 1 and 8 concurrent clients, and the
// upload function's cold start. They need the S3 servers and so run under
// the integration build tag: `make bench` runs them and records the results.
package bench
