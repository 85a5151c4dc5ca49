package auth

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/lestrrat-go/jwx/v3/jwa"
	"github.com/lestrrat-go/jwx/v3/jwt"
)

// SignOptions are the claims of a token made by Sign.
type SignOptions struct {
	// Subject is the sub claim; required.
	Subject string
	// Scopes are written as one space-separated scope claim, omitted when
	// empty. A scope may not be empty nor hold white space.
	Scopes []string
	// Issuer is the iss claim; omitted when empty.
	Issuer string
	// Audience is the only value of the aud claim; omitted when empty.
	Audience string
	// TTL is the lifetime of the token, exp - iat; it must be positive.
	TTL time.Duration
}

// Sign returns an HS256 token signed with secret, for the `ovgraph token`
// development command and for tests. Its iat is now and its exp now+TTL.
// The secret must hold at least MinSecretLength bytes.
func Sign(secret []byte, o SignOptions) (string, error) {
	if len(secret) < MinSecretLength {
		return "", fmt.Errorf("sign: secret has %d bytes, want at least %d", len(secret), MinSecretLength)
	}
	if o.Subject == "" {
		return "", errors.New("sign: empty subject")
	}
	if o.TTL <= 0 {
		return "", fmt.Errorf("sign: ttl %s is not positive", o.TTL)
	}
	for _, s := range o.Scopes {
		if s == "" || strings.ContainsAny(s, " \t\r\n") {
			return "", fmt.Errorf("sign: invalid scope %q", s)
		}
	}
	now := time.Now().Truncate(time.Second)
	b := jwt.NewBuilder().
		Subject(o.Subject).
		IssuedAt(now).
		Expiration(now.Add(o.TTL))
	if o.Issuer != "" {
		b = b.Issuer(o.Issuer)
	}
	if o.Audience != "" {
		b = b.Audience([]string{o.Audience})
	}
	if len(o.Scopes) > 0 {
		b = b.Claim("scope", strings.Join(o.Scopes, " "))
	}
	tok, err := b.Build()
	if err != nil {
		return "", fmt.Errorf("sign: %w", err)
	}
	signed, err := jwt.Sign(tok, jwt.WithKey(jwa.HS256(), secret))
	if err != nil {
		return "", fmt.Errorf("sign: %w", err)
	}
	return string(signed), nil
}
