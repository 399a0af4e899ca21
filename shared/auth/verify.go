package auth

import (
	"errors"
	"fmt"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
)

// MaxTokenBytes bounds a token before it is parsed; API Gateway refuses
// header values past 10 KB, and real tokens are under 2 KB.
const MaxTokenBytes = 8 << 10

// DefaultLeeway absorbs clock skew between the issuer and this machine when
// checking exp, nbf and iat.
const DefaultLeeway = 30 * time.Second

// Options are what a Verifier requires of a token besides its signature.
type Options struct {
	Issuer   string        // the iss claim must equal it, when set
	Audience string        // the aud claim must contain it, when set
	Leeway   time.Duration // 0 means DefaultLeeway
	Now      func() time.Time
}

// Verifier checks compact JWS tokens against a key set.
type Verifier struct {
	keys *KeySet
	opts Options
}

// NewVerifier returns a verifier that accepts tokens signed by keys.
func NewVerifier(keys *KeySet, opts Options) *Verifier {
	if opts.Leeway == 0 {
		opts.Leeway = DefaultLeeway
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Verifier{keys: keys, opts: opts}
}

// Verify checks a token's signature, its times (exp is required) and, when
// configured, its issuer and audience, and returns its claims. Errors wrap
// ErrNoToken, ErrMalformed, ErrSignature, ErrExpired, ErrNotValidYet,
// ErrIssuer or ErrAudience.
func (v *Verifier) Verify(token string) (Claims, error) {
	if token == "" {
		return nil, ErrNoToken
	}
	if len(token) > MaxTokenBytes {
		return nil, fmt.Errorf("%w: %d bytes, more than %d", ErrMalformed, len(token), MaxTokenBytes)
	}
	tok, err := jwt.ParseSigned(token, v.keys.algorithms())
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	if len(tok.Headers) != 1 {
		return nil, fmt.Errorf("%w: %d signatures, want 1", ErrMalformed, len(tok.Headers))
	}
	h := tok.Headers[0]
	var (
		std    jwt.Claims
		claims Claims
		signed bool
	)
	for _, k := range v.keys.candidates(h.KeyID, jose.SignatureAlgorithm(h.Algorithm)) {
		if err = tok.Claims(k.pub, &std, &claims); err == nil {
			signed = true
			break
		}
	}
	if !signed {
		if err != nil && !errors.Is(err, jose.ErrCryptoFailure) {
			// The signature held but the payload is not a claims object.
			return nil, fmt.Errorf("%w: claims: %w", ErrMalformed, err)
		}
		return nil, fmt.Errorf("%w (alg %s, kid %q)", ErrSignature, h.Algorithm, h.KeyID)
	}
	if std.Expiry == nil {
		return nil, fmt.Errorf("%w: no exp claim", ErrMalformed)
	}
	exp := jwt.Expected{Issuer: v.opts.Issuer, Time: v.opts.Now()}
	if v.opts.Audience != "" {
		exp.AnyAudience = jwt.Audience{v.opts.Audience}
	}
	if err := std.ValidateWithLeeway(exp, v.opts.Leeway); err != nil {
		return nil, validationError(err)
	}
	return claims, nil
}

func validationError(err error) error {
	switch {
	case errors.Is(err, jwt.ErrExpired):
		return fmt.Errorf("%w: %w", ErrExpired, err)
	case errors.Is(err, jwt.ErrNotValidYet), errors.Is(err, jwt.ErrIssuedInTheFuture):
		return fmt.Errorf("%w: %w", ErrNotValidYet, err)
	case errors.Is(err, jwt.ErrInvalidIssuer):
		return fmt.Errorf("%w: %w", ErrIssuer, err)
	case errors.Is(err, jwt.ErrInvalidAudience):
		return fmt.Errorf("%w: %w", ErrAudience, err)
	}
	return fmt.Errorf("%w: %w", ErrMalformed, err)
}
