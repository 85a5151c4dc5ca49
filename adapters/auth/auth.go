// Package auth verifies and signs the JSON Web Tokens that callers of the
// GraphQL layer present.
//
// Applications (touchpoints, back-office tools) send
// "Authorization: Bearer <JWT>" with a scope claim holding ScopeTouchpoint,
// and ScopeStaff before their RoleHeader is trusted. Customers send
// "X-HTM-JWT-AUTH-HEADER: <JWT>", a token of the identity provider whose sub
// claim is the provider's opaque subject, stored on the customer's profile;
// it is not a customer number. Tokens are HS256-signed with a shared secret,
// or signed with an asymmetric key (RS256, PS256, ES256, EdDSA, ...)
// published in a JWKS file or at a JWKS URL. Taking the token out of the
// request is left to the caller; this package only deals with the token
// itself.
package auth

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/lestrrat-go/jwx/v3/jwa"
	"github.com/lestrrat-go/jwx/v3/jws"
	"github.com/lestrrat-go/jwx/v3/jwt"
)

// Header names and scopes used by callers.
const (
	// AuthorizationHeader carries "Bearer <JWT>" for application callers.
	AuthorizationHeader = "Authorization"
	// CustomerHeader carries the bare JWT of a customer.
	CustomerHeader = "X-HTM-JWT-AUTH-HEADER"
	// RoleHeader carries the role of the staff member working in an
	// application. It is trusted only when the application's bearer token
	// holds ScopeStaff; without that scope the header must be ignored.
	RoleHeader = "X-HTM-ROLE-HEADER"
	// CustomerProfileIDHeader carries the id of the customer profile a
	// request is about. This package does not interpret it.
	CustomerProfileIDHeader = "X-HTM-CUSTOMER-PROFILE-ID-HEADER"
	// ScopeTouchpoint is the scope an application token must hold.
	ScopeTouchpoint = "touchpoint"
	// ScopeStaff is the scope an application token must hold before the
	// RoleHeader of its request is trusted.
	ScopeStaff = "staff"
)

// Defaults used when the matching Config field is zero.
const (
	// DefaultLeeway is the clock skew tolerated on exp, nbf and iat.
	DefaultLeeway = 30 * time.Second
	// DefaultMaxLifetime is the longest lifetime (exp - iat) accepted.
	DefaultMaxLifetime = 24 * time.Hour
	// DefaultJWKSRefresh is the minimum interval between fetches of a JWKS
	// URL.
	DefaultJWKSRefresh = 15 * time.Minute
)

// MinSecretLength is the shortest HS256 secret accepted, in bytes: the size
// of the SHA-256 output, as RFC 7518 section 3.2 requires.
const MinSecretLength = 32

// maxTokenLength bounds the size of a token Verify looks at.
const maxTokenLength = 16 << 10

// ErrInvalidToken is wrapped by every error Verify returns; test for it with
// errors.Is. The message after it names the reason, such as "expired" or
// "bad signature", and is safe to log: it never holds the token.
var ErrInvalidToken = errors.New("invalid token")

// Config selects which tokens a Verifier accepts. At least one of Secret,
// JWKSFile and JWKSURL must be set.
type Config struct {
	// Secret is the HS256 shared secret, at least MinSecretLength bytes;
	// empty disables HS256.
	Secret []byte
	// JWKSFile is the path of a JWKS file with public keys (RSA, EC or
	// OKP), read once by NewVerifier; empty disables it.
	JWKSFile string
	// JWKSURL is the address of a JWKS document with public keys. It is
	// fetched by NewVerifier and refreshed in the background; empty
	// disables it. It must use https, except on a loopback host.
	JWKSURL string
	// JWKSRefresh is the minimum interval between fetches of JWKSURL; a
	// Cache-Control max-age of the server may stretch it up to one hour (or
	// to JWKSRefresh when that is longer). Zero selects DefaultJWKSRefresh.
	JWKSRefresh time.Duration
	// Issuer is the required iss claim; empty leaves iss unchecked.
	Issuer string
	// Audience must be one of the aud claim's values; empty leaves aud
	// unchecked.
	Audience string
	// MaxLifetime is the longest accepted exp - iat, or exp - now (plus
	// Leeway) for a token without iat. Zero selects DefaultMaxLifetime.
	MaxLifetime time.Duration
	// Leeway is the clock skew tolerated when checking exp, nbf and iat.
	// Zero selects DefaultLeeway; a negative value tolerates no skew.
	Leeway time.Duration
	// Now returns the current time, for tests; nil selects time.Now.
	Now func() time.Time
	// Logger receives failures of background JWKSURL refreshes; nil
	// selects slog.Default().
	Logger *slog.Logger
}

// Claims are the verified claims of a token.
type Claims struct {
	// Subject is the sub claim. For a customer token it is the identity
	// provider's opaque subject, not a customer number.
	Subject string
	// Scopes are the entries of the scope claim, in token order.
	Scopes []string
	// Issuer is the iss claim; empty when the token has none.
	Issuer string
	// Audience holds the values of the aud claim.
	Audience []string
	// IssuedAt is the iat claim; zero when the token has none.
	IssuedAt time.Time
	// ExpiresAt is the exp claim.
	ExpiresAt time.Time
}

// HasScope reports whether the token was granted scope s.
func (c Claims) HasScope(s string) bool {
	return slices.Contains(c.Scopes, s)
}

// Verifier checks token signatures and claims. It is safe for concurrent
// use.
type Verifier struct {
	secret      []byte
	keys        *keySource
	issuer      string
	audience    string
	maxLifetime time.Duration
	leeway      time.Duration
	now         func() time.Time
}

// NewVerifier returns a Verifier for cfg. It fails when no key source is
// configured, when the secret is too short, or when the JWKS file or the
// first fetch of the JWKS URL fails or holds no usable signature key.
//
// ctx bounds the first fetch of cfg.JWKSURL and the life of its background
// refresh: it must stay alive as long as the Verifier is used, and
// cancelling it stops the refresh (the keys fetched last stay in use).
func NewVerifier(ctx context.Context, cfg Config) (*Verifier, error) {
	if len(cfg.Secret) == 0 && cfg.JWKSFile == "" && cfg.JWKSURL == "" {
		return nil, errors.New("new verifier: no secret, jwks file or jwks url configured")
	}
	if n := len(cfg.Secret); n > 0 && n < MinSecretLength {
		return nil, fmt.Errorf("new verifier: secret has %d bytes, want at least %d", n, MinSecretLength)
	}
	if cfg.MaxLifetime < 0 {
		return nil, fmt.Errorf("new verifier: negative max lifetime %s", cfg.MaxLifetime)
	}
	if cfg.JWKSRefresh < 0 {
		return nil, fmt.Errorf("new verifier: negative jwks refresh interval %s", cfg.JWKSRefresh)
	}
	v := &Verifier{
		secret:      slices.Clone(cfg.Secret),
		issuer:      cfg.Issuer,
		audience:    cfg.Audience,
		maxLifetime: cfg.MaxLifetime,
		leeway:      cfg.Leeway,
		now:         cfg.Now,
	}
	if v.maxLifetime == 0 {
		v.maxLifetime = DefaultMaxLifetime
	}
	switch {
	case v.leeway == 0:
		v.leeway = DefaultLeeway
	case v.leeway < 0:
		v.leeway = 0
	}
	if v.now == nil {
		v.now = time.Now
	}
	if cfg.JWKSFile != "" || cfg.JWKSURL != "" {
		keys, err := newKeySource(ctx, cfg)
		if err != nil {
			return nil, fmt.Errorf("new verifier: %w", err)
		}
		v.keys = keys
	}
	return v, nil
}

// invalid returns an error wrapping ErrInvalidToken with a reason.
func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalidToken}, args...)...)
}

// errLifetime marks a token living longer than the configured maximum.
var errLifetime = errors.New("lifetime too long")

// Verify checks the signature, algorithm and claims of token and returns
// its claims. The exp and sub claims are required; iss and aud must match
// the configured Issuer and Audience; nbf and iat may not lie in the future
// and exp may not lie in the past (each beyond Leeway); the lifetime may not
// exceed MaxLifetime. Every error wraps ErrInvalidToken and never holds the
// token.
func (v *Verifier) Verify(ctx context.Context, token string) (Claims, error) {
	if token == "" {
		return Claims{}, invalid("empty token")
	}
	if len(token) > maxTokenLength {
		return Claims{}, invalid("token longer than %d bytes", maxTokenLength)
	}
	if strings.Count(token, ".") != 2 {
		return Claims{}, invalid("malformed: not a compact jws")
	}
	msg, err := jws.ParseString(token, jws.WithCompact())
	if err != nil || len(msg.Signatures()) != 1 {
		return Claims{}, invalid("malformed header")
	}
	hdr := msg.Signatures()[0].ProtectedHeaders()
	alg, ok := hdr.Algorithm()
	if !ok {
		return Claims{}, invalid("missing alg")
	}
	kid, _ := hdr.KeyID()
	key, err := v.key(alg, kid)
	if err != nil {
		return Claims{}, err
	}
	payload, err := jws.Verify([]byte(token), jws.WithCompact(), jws.WithKey(alg, key), jws.WithAlgorithmMatch(true))
	if err != nil {
		return Claims{}, invalid("bad signature")
	}
	// The payload's signature was checked above; its claims are checked
	// by v.claims.
	tok, err := jwt.Parse(payload, jwt.WithVerify(false), jwt.WithValidate(false))
	if err != nil {
		return Claims{}, invalid("malformed claims")
	}
	return v.claims(ctx, tok)
}

// key returns the verification key for a token signed with alg and naming
// kid ("" for none), refusing algorithms for which no key is configured.
func (v *Verifier) key(alg jwa.SignatureAlgorithm, kid string) (any, error) {
	name := alg.String()
	switch {
	case name == jwa.NoSignature().String() || name == "":
		return nil, invalid(`unexpected alg "none"`)
	case name == jwa.HS256().String():
		if len(v.secret) == 0 {
			return nil, invalid("unexpected alg %s: no secret configured", name)
		}
		return v.secret, nil
	case asymmetricKeyType(alg) != "":
		if v.keys == nil {
			return nil, invalid("unexpected alg %s: no jwks configured", name)
		}
		return v.keys.lookup(alg, kid)
	default:
		return nil, invalid("unsupported alg %s", quoteShort(name))
	}
}

// claims checks the claims of the verified token tok and returns them.
func (v *Verifier) claims(ctx context.Context, tok jwt.Token) (Claims, error) {
	var c Claims
	var ok bool
	if c.ExpiresAt, ok = tok.Expiration(); !ok {
		return Claims{}, invalid("missing exp")
	}
	if c.Subject, _ = tok.Subject(); c.Subject == "" {
		return Claims{}, invalid("missing sub")
	}
	opts := []jwt.ValidateOption{
		jwt.WithContext(ctx),
		jwt.WithClock(jwt.ClockFunc(v.now)),
		jwt.WithAcceptableSkew(v.leeway),
		jwt.WithValidator(jwt.ValidatorFunc(v.checkLifetime)),
	}
	if v.issuer != "" {
		opts = append(opts, jwt.WithIssuer(v.issuer))
	}
	if v.audience != "" {
		opts = append(opts, jwt.WithAudience(v.audience))
	}
	if err := jwt.Validate(tok, opts...); err != nil {
		return Claims{}, validateError(err)
	}
	c.Issuer, _ = tok.Issuer()
	c.Audience, _ = tok.Audience()
	c.IssuedAt, _ = tok.IssuedAt()
	scopes, err := scopeClaim(tok)
	if err != nil {
		return Claims{}, err
	}
	c.Scopes = scopes
	return c, nil
}

// checkLifetime refuses a token whose exp lies more than MaxLifetime after
// its iat, or after now (plus leeway) when it has no iat.
func (v *Verifier) checkLifetime(_ context.Context, tok jwt.Token) error {
	exp, _ := tok.Expiration()
	if iat, ok := tok.IssuedAt(); ok {
		if exp.Sub(iat) > v.maxLifetime {
			return errLifetime
		}
		return nil
	}
	if exp.Sub(v.now()) > v.maxLifetime+v.leeway {
		return errLifetime
	}
	return nil
}

// validateError turns an error of jwt.Validate into one wrapping
// ErrInvalidToken with a short reason. The library's text is dropped, as it
// may quote claim values.
func validateError(err error) error {
	switch {
	case errors.Is(err, jwt.TokenExpiredError()):
		return invalid("expired")
	case errors.Is(err, jwt.TokenNotYetValidError()):
		return invalid("not yet valid")
	case errors.Is(err, jwt.InvalidIssuedAtError()):
		return invalid("issued in the future")
	case errors.Is(err, errLifetime):
		return invalid("lifetime too long")
	case errors.Is(err, jwt.InvalidIssuerError()):
		return invalid("wrong issuer")
	case errors.Is(err, jwt.InvalidAudienceError()):
		return invalid("wrong audience")
	default:
		return invalid("claims not valid")
	}
}

// scopeClaim reads the scope claim of tok, which may be a space-separated
// string (OAuth 2.0) or an array of strings.
func scopeClaim(tok jwt.Token) ([]string, error) {
	if !tok.Has("scope") {
		return nil, nil
	}
	var raw any
	if err := tok.Get("scope", &raw); err != nil {
		return nil, invalid("malformed scope")
	}
	switch s := raw.(type) {
	case nil:
		return nil, nil
	case string:
		return strings.Fields(s), nil
	case []any:
		out := make([]string, 0, len(s))
		for _, e := range s {
			str, ok := e.(string)
			if !ok {
				return nil, invalid("malformed scope")
			}
			if str = strings.TrimSpace(str); str != "" {
				out = append(out, str)
			}
		}
		return out, nil
	default:
		return nil, invalid("malformed scope")
	}
}

// quoteShort quotes s for an error message, cut to a length safe to log.
func quoteShort(s string) string {
	const max = 64
	if len(s) > max {
		s = s[:max] + "..."
	}
	return fmt.Sprintf("%q", s)
}
