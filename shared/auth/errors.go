package auth

import "errors"

// Why a token was refused. Verify wraps one of these, so callers can tell
// "no token" from "bad token" with errors.Is; every one of them means 401.
var (
	ErrNoToken     = errors.New("no bearer token")
	ErrMalformed   = errors.New("malformed token")
	ErrSignature   = errors.New("signature does not verify")
	ErrExpired     = errors.New("token expired")
	ErrNotValidYet = errors.New("token not valid yet")
	ErrIssuer      = errors.New("wrong issuer")
	ErrAudience    = errors.New("wrong audience")
)

// ErrKeyFile says a key file cannot be used to verify tokens.
var ErrKeyFile = errors.New("unusable key file")
