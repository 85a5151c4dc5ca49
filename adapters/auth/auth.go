// Package auth verifies and signs the JSON Web Tokens that callers of the
// GraphQL layer present.
//
// Touchpoint (back-office application) callers send
// "Authorization: Bearer <JWT>" with a scope claim containing "touchpoint";
// customers send "X-HTM-JWT-AUTH-HEADER: <JWT>" whose sub claim is their
// customer number. Tokens are HS256-signed with a shared secret or RS256-signed
// with a key published in a JWKS file. Taking the token out of the request is
// left to the caller; this package only deals with the token itself.
package auth

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
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

// DefaultLeeway is the clock skew tolerated on exp and nbf when
// Config.Leeway is zero.
const DefaultLeeway = 30 * time.Second

const (
	algHS256 = "HS256"
	algRS256 = "RS256"
)

// ErrInvalidToken is wrapped by every error Verify returns, and by the
// errors of Claims.CustomerNumber; test for it with errors.Is. The message
// after it names the reason, such as "expired" or "bad signature".
var ErrInvalidToken = errors.New("invalid token")

// Config selects which token signatures a Verifier accepts. At least one of
// Secret and JWKSFile must be set.
type Config struct {
	// Secret is the HS256 shared secret; empty disables HS256.
	Secret []byte
	// JWKSFile is the path to a JWKS file with RSA public keys; empty
	// disables RS256.
	JWKSFile string
	// Leeway is the clock skew tolerated when checking exp and nbf. Zero
	// selects DefaultLeeway; a negative value tolerates no skew.
	Leeway time.Duration
}

// Claims are the verified claims of a token.
type Claims struct {
	// Subject is the sub claim: a customer number for customer tokens.
	Subject string
	// Scopes are the entries of the scope claim, in token order.
	Scopes []string
	// IssuedAt is the iat claim; zero when the token has none.
	IssuedAt time.Time
	// ExpiresAt is the exp claim.
	ExpiresAt time.Time
}

// HasScope reports whether the token was granted scope s.
func (c Claims) HasScope(s string) bool {
	for _, have := range c.Scopes {
		if have == s {
			return true
		}
	}
	return false
}

// CustomerNumber returns the subject as a customer number. It fails, with an
// error wrapping ErrInvalidToken, unless the subject is a positive decimal
// integer written without sign or spaces.
func (c Claims) CustomerNumber() (int64, error) {
	if c.Subject == "" {
		return 0, fmt.Errorf("%w: customer number: missing subject", ErrInvalidToken)
	}
	for _, r := range c.Subject {
		if r < '0' || r > '9' {
			return 0, fmt.Errorf("%w: customer number: subject %q is not a number", ErrInvalidToken, c.Subject)
		}
	}
	n, err := strconv.ParseInt(c.Subject, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%w: customer number: parse subject: %w", ErrInvalidToken, err)
	}
	if n <= 0 {
		return 0, fmt.Errorf("%w: customer number: subject %q is not positive", ErrInvalidToken, c.Subject)
	}
	return n, nil
}

// Verifier checks token signatures and validity times. It is safe for
// concurrent use.
type Verifier struct {
	secret []byte
	keys   []rsaKey
	leeway time.Duration
	now    func() time.Time
}

// NewVerifier returns a Verifier for cfg. It fails when neither a secret nor
// a JWKS file is configured, or when the JWKS file cannot be read or holds no
// valid RS256 key.
func NewVerifier(cfg Config) (*Verifier, error) {
	if len(cfg.Secret) == 0 && cfg.JWKSFile == "" {
		return nil, errors.New("new verifier: neither secret nor jwks file configured")
	}
	v := &Verifier{
		secret: append([]byte(nil), cfg.Secret...),
		leeway: cfg.Leeway,
		now:    time.Now,
	}
	switch {
	case v.leeway == 0:
		v.leeway = DefaultLeeway
	case v.leeway < 0:
		v.leeway = 0
	}
	if cfg.JWKSFile != "" {
		keys, err := loadJWKSFile(cfg.JWKSFile)
		if err != nil {
			return nil, fmt.Errorf("new verifier: %w", err)
		}
		v.keys = keys
	}
	return v, nil
}

// Verify checks the signature, algorithm and validity times of token and
// returns its claims. The exp and sub claims are required. Every error wraps
// ErrInvalidToken.
func (v *Verifier) Verify(token string) (Claims, error) {
	if token == "" {
		return Claims{}, fmt.Errorf("%w: empty token", ErrInvalidToken)
	}
	// keyErr keeps the reason the key lookup refused the token, which the
	// jwt library would otherwise report only as "unverifiable".
	var keyErr error
	keyFunc := func(t *jwt.Token) (any, error) {
		key, err := v.key(t)
		keyErr = err
		return key, err
	}
	parser := jwt.NewParser(
		jwt.WithLeeway(v.leeway),
		jwt.WithTimeFunc(v.now),
		jwt.WithExpirationRequired(),
	)
	var tc tokenClaims
	if _, err := parser.ParseWithClaims(token, &tc, keyFunc); err != nil {
		if keyErr != nil {
			return Claims{}, keyErr
		}
		return Claims{}, parseError(err)
	}
	if tc.Subject == "" {
		return Claims{}, fmt.Errorf("%w: missing sub", ErrInvalidToken)
	}
	c := Claims{
		Subject:   tc.Subject,
		Scopes:    []string(tc.Scope),
		ExpiresAt: tc.ExpiresAt.Time,
	}
	if tc.IssuedAt != nil {
		c.IssuedAt = tc.IssuedAt.Time
	}
	return c, nil
}

// key returns the verification key for t, refusing algorithms that are not
// configured.
func (v *Verifier) key(t *jwt.Token) (any, error) {
	switch t.Method {
	case jwt.SigningMethodHS256:
		if len(v.secret) == 0 {
			return nil, fmt.Errorf("%w: unexpected alg %s: no secret configured", ErrInvalidToken, algHS256)
		}
		return v.secret, nil
	case jwt.SigningMethodRS256:
		if len(v.keys) == 0 {
			return nil, fmt.Errorf("%w: unexpected alg %s: no jwks configured", ErrInvalidToken, algRS256)
		}
		return v.rsaKey(t)
	default:
		return nil, fmt.Errorf("%w: unexpected alg %q", ErrInvalidToken, t.Method.Alg())
	}
}

// rsaKey picks the JWKS key named by the kid header of t, or the only key
// when t has no kid.
func (v *Verifier) rsaKey(t *jwt.Token) (any, error) {
	raw, present := t.Header["kid"]
	if !present {
		if len(v.keys) != 1 {
			return nil, fmt.Errorf("%w: missing kid with %d jwks keys", ErrInvalidToken, len(v.keys))
		}
		return v.keys[0].pub, nil
	}
	kid, ok := raw.(string)
	if !ok || kid == "" {
		return nil, fmt.Errorf("%w: malformed kid", ErrInvalidToken)
	}
	for _, k := range v.keys {
		if k.kid == kid {
			return k.pub, nil
		}
	}
	return nil, fmt.Errorf("%w: unknown kid %q", ErrInvalidToken, kid)
}

// parseError turns an error of the jwt library into one wrapping
// ErrInvalidToken with a short reason.
func parseError(err error) error {
	switch {
	case errors.Is(err, jwt.ErrTokenMalformed):
		return fmt.Errorf("%w: malformed: %w", ErrInvalidToken, err)
	case errors.Is(err, jwt.ErrTokenUnverifiable):
		return fmt.Errorf("%w: unsupported alg: %w", ErrInvalidToken, err)
	case errors.Is(err, jwt.ErrTokenSignatureInvalid):
		return fmt.Errorf("%w: bad signature", ErrInvalidToken)
	case errors.Is(err, jwt.ErrTokenExpired):
		return fmt.Errorf("%w: expired", ErrInvalidToken)
	case errors.Is(err, jwt.ErrTokenNotValidYet):
		return fmt.Errorf("%w: not yet valid", ErrInvalidToken)
	case errors.Is(err, jwt.ErrTokenRequiredClaimMissing):
		return fmt.Errorf("%w: missing exp", ErrInvalidToken)
	default:
		return fmt.Errorf("%w: %w", ErrInvalidToken, err)
	}
}

// Sign returns an HS256 token for subject, for the `ovgraph token` dev
// subcommand and for tests. The scope claim is written as a space-separated
// string (omitted when scopes is empty); iat is now and exp is now+ttl.
func Sign(secret []byte, subject string, scopes []string, ttl time.Duration) (string, error) {
	if len(secret) == 0 {
		return "", errors.New("sign: empty secret")
	}
	if subject == "" {
		return "", errors.New("sign: empty subject")
	}
	if ttl <= 0 {
		return "", fmt.Errorf("sign: ttl %s is not positive", ttl)
	}
	for _, s := range scopes {
		if s == "" || strings.ContainsAny(s, " \t\r\n") {
			return "", fmt.Errorf("sign: invalid scope %q", s)
		}
	}
	now := time.Now()
	tc := tokenClaims{
		RegisteredClaims: jwt.RegisteredClaims{
			Subject:   subject,
			IssuedAt:  jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(ttl)),
		},
		Scope: scopeClaim(scopes),
	}
	signed, err := jwt.NewWithClaims(jwt.SigningMethodHS256, tc).SignedString(secret)
	if err != nil {
		return "", fmt.Errorf("sign: %w", err)
	}
	return signed, nil
}

// tokenClaims is the JSON payload of a token.
type tokenClaims struct {
	jwt.RegisteredClaims
	Scope scopeClaim `json:"scope,omitempty"`
}

// scopeClaim is the scope claim. It decodes from a space-separated string
// (OAuth 2.0 style) or from an array of strings, and encodes as a
// space-separated string.
type scopeClaim []string

// MarshalJSON writes the scopes as one space-separated string.
func (s scopeClaim) MarshalJSON() ([]byte, error) {
	return json.Marshal(strings.Join(s, " "))
}

// UnmarshalJSON accepts a space-separated string, an array of strings or null.
func (s *scopeClaim) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		*s = nil
		return nil
	}
	var str string
	if err := json.Unmarshal(data, &str); err == nil {
		*s = strings.Fields(str)
		return nil
	}
	var list []string
	if err := json.Unmarshal(data, &list); err != nil {
		return errors.New("decode scope: want a string or an array of strings")
	}
	out := make([]string, 0, len(list))
	for _, e := range list {
		if e = strings.TrimSpace(e); e != "" {
			out = append(out, e)
		}
	}
	*s = out
	return nil
}
