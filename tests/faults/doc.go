// Package faults injects storage failures into the running stack: the S3
// server is killed at random moments while clients upload through the HTTP
// gateway. Its tests need the S3 servers and run under the integration tag.
package faults
