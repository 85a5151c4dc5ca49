package auth

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

var testSecret = []byte("test-shared-secret-of-sufficient-length")

// hsToken signs claims with HS256 and secret.
func hsToken(t *testing.T, secret []byte, claims jwt.MapClaims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(secret)
	if err != nil {
		t.Fatalf("sign hs256: %v", err)
	}
	return s
}

// rsToken signs claims with RS256 and key, setting the kid header unless
// kid is empty.
func rsToken(t *testing.T, key *rsa.PrivateKey, kid string, claims jwt.MapClaims) string {
	t.Helper()
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	if kid != "" {
		tok.Header["kid"] = kid
	}
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatalf("sign rs256: %v", err)
	}
	return s
}

// noneToken builds an unsigned token with alg "none".
func noneToken(t *testing.T, claims jwt.MapClaims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(jwt.SigningMethodNone, claims).SignedString(jwt.UnsafeAllowNoneSignatureType)
	if err != nil {
		t.Fatalf("sign none: %v", err)
	}
	return s
}

// writeJWKS writes a JWKS file holding the public halves of keys, indexed
// by kid, and returns its path.
func writeJWKS(t *testing.T, keys map[string]*rsa.PrivateKey) string {
	t.Helper()
	var set jwkSet
	for kid, k := range keys {
		set.Keys = append(set.Keys, jwk{
			Kty: "RSA",
			Kid: kid,
			Alg: "RS256",
			Use: "sig",
			N:   base64.RawURLEncoding.EncodeToString(k.N.Bytes()),
			E:   base64.RawURLEncoding.EncodeToString(big.NewInt(int64(k.E)).Bytes()),
		})
	}
	data, err := json.Marshal(set)
	if err != nil {
		t.Fatalf("marshal jwks: %v", err)
	}
	path := filepath.Join(t.TempDir(), "jwks.json")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatalf("write jwks: %v", err)
	}
	return path
}

func generateKey(t *testing.T) *rsa.PrivateKey {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatalf("generate rsa key: %v", err)
	}
	return k
}

func TestVerify(t *testing.T) {
	now := time.Now()
	exp := now.Add(time.Hour).Unix()

	rsKey := generateKey(t)
	otherKey := generateKey(t)
	jwksPath := writeJWKS(t, map[string]*rsa.PrivateKey{"key-1": rsKey})

	hsOnly := Config{Secret: testSecret}
	jwksOnly := Config{JWKSFile: jwksPath}
	both := Config{Secret: testSecret, JWKSFile: jwksPath}

	tests := []struct {
		name       string
		cfg        Config
		token      func(t *testing.T) string
		wantErr    string // reason expected in the error; empty means success
		wantSub    string
		wantScopes []string
	}{
		{
			name: "hs256 touchpoint with string scope",
			cfg:  hsOnly,
			token: func(t *testing.T) string {
				return hsToken(t, testSecret, jwt.MapClaims{"sub": "backoffice", "scope": "openid touchpoint", "exp": exp})
			},
			wantSub:    "backoffice",
			wantScopes: []string{"openid", "touchpoint"},
		},
		{
			name: "hs256 touchpoint with array scope",
			cfg:  both,
			token: func(t *testing.T) string {
				return hsToken(t, testSecret, jwt.MapClaims{"sub": "backoffice", "scope": []string{"touchpoint", "read"}, "exp": exp})
			},
			wantSub:    "backoffice",
			wantScopes: []string{"touchpoint", "read"},
		},
		{
			name: "hs256 customer",
			cfg:  hsOnly,
			token: func(t *testing.T) string {
				return hsToken(t, testSecret, jwt.MapClaims{"sub": "1234567", "exp": exp})
			},
			wantSub: "1234567",
		},
		{
			name: "wrong secret",
			cfg:  hsOnly,
			token: func(t *testing.T) string {
				return hsToken(t, []byte("some-other-secret"), jwt.MapClaims{"sub": "1", "exp": exp})
			},
			wantErr: "bad signature",
		},
		{
			name: "expired",
			cfg:  hsOnly,
			token: func(t *testing.T) string {
				return hsToken(t, testSecret, jwt.MapClaims{"sub": "1", "exp": now.Add(-5 * time.Minute).Unix()})
			},
			wantErr: "expired",
		},
		{
			name: "expired within leeway",
			cfg:  hsOnly,
			token: func(t *testing.T) string {
				return hsToken(t, testSecret, jwt.MapClaims{"sub": "1", "exp": now.Add(-10 * time.Second).Unix()})
			},
			wantSub: "1",
		},
		{
			name: "missing exp",
			cfg:  hsOnly,
			token: func(t *testing.T) string {
				return hsToken(t, testSecret, jwt.MapClaims{"sub": "1"})
			},
			wantErr: "missing exp",
		},
		{
			name: "nbf in future",
			cfg:  hsOnly,
			token: func(t *testing.T) string {
				return hsToken(t, testSecret, jwt.MapClaims{"sub": "1", "exp": exp, "nbf": now.Add(5 * time.Minute).Unix()})
			},
			wantErr: "not yet valid",
		},
		{
			name: "alg none",
			cfg:  both,
			token: func(t *testing.T) string {
				return noneToken(t, jwt.MapClaims{"sub": "1", "exp": exp})
			},
			wantErr: `unexpected alg "none"`,
		},
		{
			name: "hs256 when only jwks configured",
			cfg:  jwksOnly,
			token: func(t *testing.T) string {
				return hsToken(t, testSecret, jwt.MapClaims{"sub": "1", "exp": exp})
			},
			wantErr: "unexpected alg HS256",
		},
		{
			name: "rs256 when only secret configured",
			cfg:  hsOnly,
			token: func(t *testing.T) string {
				return rsToken(t, rsKey, "key-1", jwt.MapClaims{"sub": "1", "exp": exp})
			},
			wantErr: "unexpected alg RS256",
		},
		{
			name: "rs256 valid via jwks",
			cfg:  jwksOnly,
			token: func(t *testing.T) string {
				return rsToken(t, rsKey, "key-1", jwt.MapClaims{"sub": "42", "scope": "touchpoint", "exp": exp})
			},
			wantSub:    "42",
			wantScopes: []string{"touchpoint"},
		},
		{
			name: "rs256 without kid uses the only key",
			cfg:  jwksOnly,
			token: func(t *testing.T) string {
				return rsToken(t, rsKey, "", jwt.MapClaims{"sub": "42", "exp": exp})
			},
			wantSub: "42",
		},
		{
			name: "rs256 unknown kid",
			cfg:  jwksOnly,
			token: func(t *testing.T) string {
				return rsToken(t, rsKey, "key-2", jwt.MapClaims{"sub": "42", "exp": exp})
			},
			wantErr: `unknown kid "key-2"`,
		},
		{
			name: "rs256 signed by another key",
			cfg:  jwksOnly,
			token: func(t *testing.T) string {
				return rsToken(t, otherKey, "key-1", jwt.MapClaims{"sub": "42", "exp": exp})
			},
			wantErr: "bad signature",
		},
		{
			name: "sub missing",
			cfg:  hsOnly,
			token: func(t *testing.T) string {
				return hsToken(t, testSecret, jwt.MapClaims{"scope": "touchpoint", "exp": exp})
			},
			wantErr: "missing sub",
		},
		{
			name: "scope of wrong type",
			cfg:  hsOnly,
			token: func(t *testing.T) string {
				return hsToken(t, testSecret, jwt.MapClaims{"sub": "1", "scope": 7, "exp": exp})
			},
			wantErr: "malformed",
		},
		{
			name:    "not a jwt",
			cfg:     hsOnly,
			token:   func(t *testing.T) string { return "not-a-token" },
			wantErr: "malformed",
		},
		{
			name:    "empty token",
			cfg:     hsOnly,
			token:   func(t *testing.T) string { return "" },
			wantErr: "empty token",
		},
	}

	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, err := NewVerifier(tc.cfg)
			if err != nil {
				t.Fatalf("NewVerifier: %v", err)
			}
			claims, err := v.Verify(tc.token(t))
			if tc.wantErr != "" {
				if err == nil {
					t.Fatalf("Verify succeeded with claims %+v, want error %q", claims, tc.wantErr)
				}
				if !errors.Is(err, ErrInvalidToken) {
					t.Errorf("Verify error %v does not wrap ErrInvalidToken", err)
				}
				if !strings.Contains(err.Error(), tc.wantErr) {
					t.Errorf("Verify error %q does not mention %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if claims.Subject != tc.wantSub {
				t.Errorf("Subject = %q, want %q", claims.Subject, tc.wantSub)
			}
			if !slices.Equal(claims.Scopes, tc.wantScopes) {
				t.Errorf("Scopes = %q, want %q", claims.Scopes, tc.wantScopes)
			}
			if claims.ExpiresAt.IsZero() {
				t.Error("ExpiresAt is zero")
			}
		})
	}
}

func TestClaims(t *testing.T) {
	tests := []struct {
		name    string
		claims  Claims
		scope   string
		hasIt   bool
		wantNum int64
		wantErr bool
	}{
		{name: "customer number", claims: Claims{Subject: "1234567"}, scope: ScopeTouchpoint, wantNum: 1234567},
		{name: "touchpoint scope", claims: Claims{Subject: "9", Scopes: []string{"read", "touchpoint"}}, scope: ScopeTouchpoint, hasIt: true, wantNum: 9},
		{name: "scope is not a prefix match", claims: Claims{Subject: "9", Scopes: []string{"touchpoints"}}, scope: ScopeTouchpoint, wantNum: 9},
		{name: "non-numeric sub", claims: Claims{Subject: "backoffice"}, wantErr: true},
		{name: "signed sub", claims: Claims{Subject: "+12"}, wantErr: true},
		{name: "zero sub", claims: Claims{Subject: "0"}, wantErr: true},
		{name: "overflowing sub", claims: Claims{Subject: "99999999999999999999"}, wantErr: true},
		{name: "empty sub", claims: Claims{}, wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.scope != "" {
				if got := tc.claims.HasScope(tc.scope); got != tc.hasIt {
					t.Errorf("HasScope(%q) = %v, want %v", tc.scope, got, tc.hasIt)
				}
			}
			n, err := tc.claims.CustomerNumber()
			if tc.wantErr {
				if err == nil {
					t.Fatalf("CustomerNumber() = %d, want error", n)
				}
				if !errors.Is(err, ErrInvalidToken) {
					t.Errorf("CustomerNumber error %v does not wrap ErrInvalidToken", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("CustomerNumber: %v", err)
			}
			if n != tc.wantNum {
				t.Errorf("CustomerNumber() = %d, want %d", n, tc.wantNum)
			}
		})
	}
}

func TestSignRoundTrip(t *testing.T) {
	tests := []struct {
		name   string
		sub    string
		scopes []string
		wantTP bool
	}{
		{name: "touchpoint", sub: "backoffice", scopes: []string{"touchpoint", "read"}, wantTP: true},
		{name: "customer", sub: "1234567"},
	}
	v, err := NewVerifier(Config{Secret: testSecret})
	if err != nil {
		t.Fatalf("NewVerifier: %v", err)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := time.Now().Truncate(time.Second)
			tok, err := Sign(testSecret, tc.sub, tc.scopes, time.Hour)
			if err != nil {
				t.Fatalf("Sign: %v", err)
			}
			claims, err := v.Verify(tok)
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if claims.Subject != tc.sub {
				t.Errorf("Subject = %q, want %q", claims.Subject, tc.sub)
			}
			if !slices.Equal(claims.Scopes, tc.scopes) {
				t.Errorf("Scopes = %q, want %q", claims.Scopes, tc.scopes)
			}
			if got := claims.HasScope(ScopeTouchpoint); got != tc.wantTP {
				t.Errorf("HasScope(touchpoint) = %v, want %v", got, tc.wantTP)
			}
			if claims.IssuedAt.Before(before) {
				t.Errorf("IssuedAt %v is before %v", claims.IssuedAt, before)
			}
			if d := claims.ExpiresAt.Sub(claims.IssuedAt); d != time.Hour {
				t.Errorf("exp-iat = %v, want 1h", d)
			}
		})
	}
}

func TestSignStringScope(t *testing.T) {
	tok, err := Sign(testSecret, "backoffice", []string{"touchpoint", "read"}, time.Minute)
	if err != nil {
		t.Fatalf("Sign: %v", err)
	}
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		t.Fatalf("token has %d parts, want 3", len(parts))
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatalf("decode payload: %v", err)
	}
	var body map[string]any
	if err := json.Unmarshal(payload, &body); err != nil {
		t.Fatalf("unmarshal payload: %v", err)
	}
	if got, want := body["scope"], "touchpoint read"; got != want {
		t.Errorf("scope claim = %#v, want %q", got, want)
	}
}

func TestSignErrors(t *testing.T) {
	tests := []struct {
		name   string
		secret []byte
		sub    string
		scopes []string
		ttl    time.Duration
	}{
		{name: "empty secret", sub: "1", ttl: time.Hour},
		{name: "empty subject", secret: testSecret, ttl: time.Hour},
		{name: "zero ttl", secret: testSecret, sub: "1"},
		{name: "scope with space", secret: testSecret, sub: "1", scopes: []string{"a b"}, ttl: time.Hour},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tok, err := Sign(tc.secret, tc.sub, tc.scopes, tc.ttl); err == nil {
				t.Errorf("Sign = %q, want error", tok)
			}
		})
	}
}

func TestNewVerifierErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatalf("write %s: %v", name, err)
		}
		return p
	}
	tests := []struct {
		name    string
		cfg     Config
		wantErr string
	}{
		{name: "nothing configured", cfg: Config{}, wantErr: "neither secret nor jwks"},
		{name: "missing jwks file", cfg: Config{JWKSFile: filepath.Join(dir, "absent.json")}, wantErr: "read jwks"},
		{name: "jwks not json", cfg: Config{JWKSFile: write("bad.json", "{")}, wantErr: "decode json"},
		{name: "jwks without rsa keys", cfg: Config{JWKSFile: write("empty.json", `{"keys":[{"kty":"EC","kid":"x"}]}`)}, wantErr: "no RS256 signature keys"},
		{name: "jwks with bad modulus", cfg: Config{JWKSFile: write("badn.json", `{"keys":[{"kty":"RSA","kid":"x","n":"!!","e":"AQAB"}]}`)}, wantErr: "decode n"},
		{name: "jwks with short modulus", cfg: Config{JWKSFile: write("short.json", `{"keys":[{"kty":"RSA","kid":"x","n":"AQAB","e":"AQAB"}]}`)}, wantErr: "check n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, err := NewVerifier(tc.cfg)
			if err == nil {
				t.Fatalf("NewVerifier = %+v, want error", v)
			}
			if !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("NewVerifier error %q does not mention %q", err, tc.wantErr)
			}
		})
	}
}
