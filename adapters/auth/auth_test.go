package auth

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lestrrat-go/jwx/v3/jwa"
	"github.com/lestrrat-go/jwx/v3/jwk"
	"github.com/lestrrat-go/jwx/v3/jws"
)

var testSecret = []byte("test-shared-secret-of-sufficient-length")

const (
	testIssuer   = "https://idp.example.test/realms/htm"
	testAudience = "ovgraph"
)

// signToken signs the JSON of claims with alg and key, setting the kid
// header unless kid is empty.
func signToken(t *testing.T, alg jwa.SignatureAlgorithm, key any, kid string, claims map[string]any) string {
	t.Helper()
	payload, err := json.Marshal(claims)
	if err != nil {
		t.Fatalf("marshal claims: %v", err)
	}
	hdr := jws.NewHeaders()
	if err := hdr.Set(jws.TypeKey, "JWT"); err != nil {
		t.Fatalf("set typ: %v", err)
	}
	if kid != "" {
		if err := hdr.Set(jws.KeyIDKey, kid); err != nil {
			t.Fatalf("set kid: %v", err)
		}
	}
	out, err := jws.Sign(payload, jws.WithKey(alg, key, jws.WithProtectedHeaders(hdr)))
	if err != nil {
		t.Fatalf("sign %s: %v", alg, err)
	}
	return string(out)
}

// noneToken builds an unsigned token with alg "none".
func noneToken(t *testing.T, claims map[string]any) string {
	t.Helper()
	payload, err := json.Marshal(claims)
	if err != nil {
		t.Fatalf("marshal claims: %v", err)
	}
	enc := base64.RawURLEncoding.EncodeToString
	return enc([]byte(`{"alg":"none","typ":"JWT"}`)) + "." + enc(payload) + "."
}

// publicJWK returns the public half of priv as a JWK with kid and alg.
func publicJWK(t *testing.T, priv any, kid string, alg jwa.SignatureAlgorithm) jwk.Key {
	t.Helper()
	key, err := jwk.PublicKeyOf(priv)
	if err != nil {
		t.Fatalf("public jwk: %v", err)
	}
	for name, v := range map[string]any{jwk.KeyIDKey: kid, jwk.AlgorithmKey: alg, jwk.KeyUsageKey: "sig"} {
		if err := key.Set(name, v); err != nil {
			t.Fatalf("set %s: %v", name, err)
		}
	}
	return key
}

// jwksJSON returns a JWKS document holding keys.
func jwksJSON(t *testing.T, keys ...jwk.Key) []byte {
	t.Helper()
	set := jwk.NewSet()
	for _, k := range keys {
		if err := set.AddKey(k); err != nil {
			t.Fatalf("add key: %v", err)
		}
	}
	data, err := json.Marshal(set)
	if err != nil {
		t.Fatalf("marshal jwks: %v", err)
	}
	return data
}

// writeFile writes data to name in a fresh temporary directory.
func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatalf("write %s: %v", name, err)
	}
	return path
}

// jwksServer serves a JWKS document that a test may swap, on 127.0.0.1.
type jwksServer struct {
	*httptest.Server
	body     atomic.Pointer[[]byte]
	status   atomic.Int32
	requests atomic.Int32
}

func newJWKSServer(t *testing.T, body []byte) *jwksServer {
	t.Helper()
	s := &jwksServer{}
	s.set(body)
	s.status.Store(http.StatusOK)
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		s.requests.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(int(s.status.Load()))
		_, _ = w.Write(*s.body.Load())
	}))
	t.Cleanup(s.Close)
	if !strings.HasPrefix(s.URL, "http://127.0.0.1:") {
		t.Fatalf("test server listens on %s, want 127.0.0.1", s.URL)
	}
	return s
}

func (s *jwksServer) set(body []byte) { s.body.Store(&body) }

func generateEC(t *testing.T) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatalf("generate ec key: %v", err)
	}
	return k
}

// testKeys are the keys shared by the tests of this file; RSA keys are slow
// to generate.
var testKeys = sync.OnceValue(func() (k struct{ rs, rs2, other *rsa.PrivateKey }) {
	for _, p := range []**rsa.PrivateKey{&k.rs, &k.rs2, &k.other} {
		key, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		*p = key
	}
	return k
})

// checkInvalid fails t unless err wraps ErrInvalidToken, names reason and
// does not quote token or any part of it.
func checkInvalid(t *testing.T, err error, reason, token string) {
	t.Helper()
	if err == nil {
		t.Fatalf("Verify succeeded, want error %q", reason)
	}
	if !errors.Is(err, ErrInvalidToken) {
		t.Errorf("error %v does not wrap ErrInvalidToken", err)
	}
	if !strings.Contains(err.Error(), reason) {
		t.Errorf("error %q does not mention %q", err, reason)
	}
	for _, part := range append(strings.Split(token, "."), token) {
		if len(part) >= 8 && strings.Contains(err.Error(), part) {
			t.Errorf("error %q quotes (part of) the token", err)
		}
	}
}

func TestVerify(t *testing.T) {
	now := time.Now().Truncate(time.Second)
	clock := func() time.Time { return now }
	keys := testKeys()
	ecKey := generateEC(t)

	// claims returns valid claims with over applied; a nil value in over
	// deletes the claim.
	claims := func(over map[string]any) map[string]any {
		c := map[string]any{
			"sub": "idp-subject-7f3a",
			"iss": testIssuer,
			"aud": testAudience,
			"iat": now.Unix(),
			"exp": now.Add(time.Hour).Unix(),
		}
		maps.Copy(c, over)
		maps.DeleteFunc(c, func(_ string, v any) bool { return v == nil })
		return c
	}
	hs := func(over map[string]any) func(t *testing.T) string {
		return func(t *testing.T) string { return signToken(t, jwa.HS256(), testSecret, "", claims(over)) }
	}
	rs := func(kid string, over map[string]any) func(t *testing.T) string {
		return func(t *testing.T) string { return signToken(t, jwa.RS256(), keys.rs, kid, claims(over)) }
	}

	rsJWK := publicJWK(t, keys.rs, "key-1", jwa.RS256())
	rs2JWK := publicJWK(t, keys.rs2, "key-2", jwa.RS256())
	ecJWK := publicJWK(t, ecKey, "ec-1", jwa.ES256())
	oneKeyFile := writeFile(t, "one.json", jwksJSON(t, rsJWK))
	mixedFile := writeFile(t, "mixed.json", jwksJSON(t, rsJWK, rs2JWK, ecJWK))
	srv := newJWKSServer(t, jwksJSON(t, rs2JWK))

	cfg := func(c Config) Config {
		c.Issuer, c.Audience, c.Now = testIssuer, testAudience, clock
		return c
	}
	hsOnly := cfg(Config{Secret: testSecret})
	fileOnly := cfg(Config{JWKSFile: oneKeyFile})
	mixed := cfg(Config{JWKSFile: mixedFile})
	urlOnly := cfg(Config{JWKSURL: srv.URL})
	all := cfg(Config{Secret: testSecret, JWKSFile: mixedFile, JWKSURL: srv.URL})
	noIssAud := Config{Secret: testSecret, Now: clock}

	tests := []struct {
		name    string
		cfg     Config
		token   func(t *testing.T) string
		wantErr string // reason expected in the error; empty means success
		want    Claims // checked on success
	}{
		{
			name:  "valid hs256",
			cfg:   hsOnly,
			token: hs(map[string]any{"scope": "openid touchpoint"}),
			want: Claims{Subject: "idp-subject-7f3a", Scopes: []string{"openid", "touchpoint"}, Issuer: testIssuer,
				Audience: []string{testAudience}, IssuedAt: now, ExpiresAt: now.Add(time.Hour)},
		},
		{
			name:  "valid rs256 via jwks file",
			cfg:   fileOnly,
			token: rs("key-1", map[string]any{"scope": "touchpoint"}),
			want: Claims{Subject: "idp-subject-7f3a", Scopes: []string{"touchpoint"}, Issuer: testIssuer,
				Audience: []string{testAudience}, IssuedAt: now, ExpiresAt: now.Add(time.Hour)},
		},
		{
			name:  "rs256 without kid uses the only key",
			cfg:   fileOnly,
			token: rs("", nil),
			want:  Claims{Subject: "idp-subject-7f3a"},
		},
		{
			name: "empty kid counts as none",
			cfg:  fileOnly,
			token: func(t *testing.T) string {
				payload, _ := json.Marshal(claims(nil))
				hdr := jws.NewHeaders()
				if err := hdr.Set(jws.KeyIDKey, ""); err != nil {
					t.Fatalf("set kid: %v", err)
				}
				out, err := jws.Sign(payload, jws.WithKey(jwa.RS256(), keys.rs, jws.WithProtectedHeaders(hdr)))
				if err != nil {
					t.Fatalf("sign: %v", err)
				}
				head, _, _ := strings.Cut(string(out), ".")
				if h, _ := base64.RawURLEncoding.DecodeString(head); !strings.Contains(string(h), `"kid":""`) {
					t.Fatalf("header %s has no empty kid", h)
				}
				return string(out)
			},
			want: Claims{Subject: "idp-subject-7f3a"},
		},
		{
			name: "valid es256 via jwks file",
			cfg:  mixed,
			token: func(t *testing.T) string {
				return signToken(t, jwa.ES256(), ecKey, "ec-1", claims(map[string]any{"sub": "ec-subject"}))
			},
			want: Claims{Subject: "ec-subject"},
		},
		{
			name: "valid rs256 via jwks url",
			cfg:  urlOnly,
			token: func(t *testing.T) string {
				return signToken(t, jwa.RS256(), keys.rs2, "key-2", claims(map[string]any{"sub": "url-subject"}))
			},
			want: Claims{Subject: "url-subject"},
		},
		{
			name:  "file and url keys together",
			cfg:   all,
			token: rs("key-1", nil),
			want:  Claims{Subject: "idp-subject-7f3a"},
		},
		{
			name:  "issuer and audience unchecked when not configured",
			cfg:   noIssAud,
			token: hs(map[string]any{"iss": "https://elsewhere.test", "aud": "someone-else"}),
			want:  Claims{Subject: "idp-subject-7f3a", Issuer: "https://elsewhere.test", Audience: []string{"someone-else"}},
		},
		{
			name:    "expired",
			cfg:     hsOnly,
			token:   hs(map[string]any{"iat": now.Add(-2 * time.Hour).Unix(), "exp": now.Add(-5 * time.Minute).Unix()}),
			wantErr: "expired",
		},
		{
			name:  "expired within leeway",
			cfg:   hsOnly,
			token: hs(map[string]any{"exp": now.Add(-10 * time.Second).Unix(), "iat": now.Add(-time.Hour).Unix()}),
			want:  Claims{Subject: "idp-subject-7f3a"},
		},
		{
			name: "expired with no leeway",
			cfg: func() Config {
				c := hsOnly
				c.Leeway = -1
				return c
			}(),
			token:   hs(map[string]any{"exp": now.Add(-10 * time.Second).Unix(), "iat": now.Add(-time.Hour).Unix()}),
			wantErr: "expired",
		},
		{
			name:    "not yet valid",
			cfg:     hsOnly,
			token:   hs(map[string]any{"nbf": now.Add(5 * time.Minute).Unix()}),
			wantErr: "not yet valid",
		},
		{
			name:    "issued in the future",
			cfg:     hsOnly,
			token:   hs(map[string]any{"iat": now.Add(5 * time.Minute).Unix()}),
			wantErr: "issued in the future",
		},
		{
			name:    "lifetime of 100 years",
			cfg:     hsOnly,
			token:   hs(map[string]any{"exp": now.AddDate(100, 0, 0).Unix()}),
			wantErr: "lifetime too long",
		},
		{
			name:    "lifetime of 100 years without iat",
			cfg:     hsOnly,
			token:   hs(map[string]any{"iat": nil, "exp": now.AddDate(100, 0, 0).Unix()}),
			wantErr: "lifetime too long",
		},
		{
			name:    "lifetime just over the maximum",
			cfg:     hsOnly,
			token:   hs(map[string]any{"exp": now.Add(DefaultMaxLifetime + time.Second).Unix()}),
			wantErr: "lifetime too long",
		},
		{
			name:  "lifetime of exactly the maximum",
			cfg:   hsOnly,
			token: hs(map[string]any{"exp": now.Add(DefaultMaxLifetime).Unix()}),
			want:  Claims{Subject: "idp-subject-7f3a"},
		},
		{
			name: "configured max lifetime",
			cfg: func() Config {
				c := hsOnly
				c.MaxLifetime = 10 * time.Minute
				return c
			}(),
			token:   hs(nil),
			wantErr: "lifetime too long",
		},
		{
			name:    "wrong issuer",
			cfg:     hsOnly,
			token:   hs(map[string]any{"iss": "https://evil.example.test"}),
			wantErr: "wrong issuer",
		},
		{
			name:    "missing issuer",
			cfg:     hsOnly,
			token:   hs(map[string]any{"iss": nil}),
			wantErr: "wrong issuer",
		},
		{
			name:    "wrong audience",
			cfg:     hsOnly,
			token:   hs(map[string]any{"aud": "another-api"}),
			wantErr: "wrong audience",
		},
		{
			name:    "missing audience",
			cfg:     hsOnly,
			token:   hs(map[string]any{"aud": nil}),
			wantErr: "wrong audience",
		},
		{
			name:  "audience among several",
			cfg:   hsOnly,
			token: hs(map[string]any{"aud": []string{"another-api", testAudience}}),
			want:  Claims{Subject: "idp-subject-7f3a", Audience: []string{"another-api", testAudience}},
		},
		{
			name:    "foreign token valid for 100 years",
			cfg:     hsOnly,
			token:   hs(map[string]any{"iss": "https://evil.example.test", "aud": "x", "exp": now.AddDate(100, 0, 0).Unix()}),
			wantErr: "invalid token",
		},
		{
			name:    "missing sub",
			cfg:     hsOnly,
			token:   hs(map[string]any{"sub": nil}),
			wantErr: "missing sub",
		},
		{
			name:    "empty sub",
			cfg:     hsOnly,
			token:   hs(map[string]any{"sub": ""}),
			wantErr: "missing sub",
		},
		{
			name:    "missing exp",
			cfg:     hsOnly,
			token:   hs(map[string]any{"exp": nil}),
			wantErr: "missing exp",
		},
		{
			name:    "alg none",
			cfg:     all,
			token:   func(t *testing.T) string { return noneToken(t, claims(nil)) },
			wantErr: `unexpected alg "none"`,
		},
		{
			name:    "hs256 when only jwks configured",
			cfg:     cfg(Config{JWKSFile: oneKeyFile, JWKSURL: srv.URL}),
			token:   hs(nil),
			wantErr: "unexpected alg HS256: no secret configured",
		},
		{
			name:    "rs256 when only secret configured",
			cfg:     hsOnly,
			token:   rs("key-1", nil),
			wantErr: "unexpected alg RS256: no jwks configured",
		},
		{
			name: "hs384 refused",
			cfg:  hsOnly,
			token: func(t *testing.T) string {
				return signToken(t, jwa.HS384(), testSecret, "", claims(nil))
			},
			wantErr: "unsupported alg",
		},
		{
			name:    "unknown kid",
			cfg:     all,
			token:   rs("key-9", nil),
			wantErr: `unknown kid "key-9"`,
		},
		{
			name:    "no kid with several keys",
			cfg:     mixed,
			token:   rs("", nil),
			wantErr: "missing kid with 3 jwks keys",
		},
		{
			name:    "alg does not fit the key",
			cfg:     mixed,
			token:   rs("ec-1", nil),
			wantErr: "alg RS256 does not fit the key",
		},
		{
			name: "bad signature rs256",
			cfg:  all,
			token: func(t *testing.T) string {
				return signToken(t, jwa.RS256(), keys.other, "key-1", claims(nil))
			},
			wantErr: "bad signature",
		},
		{
			name: "bad signature hs256",
			cfg:  hsOnly,
			token: func(t *testing.T) string {
				return signToken(t, jwa.HS256(), []byte("another-secret-of-sufficient-length!!"), "", claims(nil))
			},
			wantErr: "bad signature",
		},
		{
			name: "payload changed after signing",
			cfg:  hsOnly,
			token: func(t *testing.T) string {
				parts := strings.Split(signToken(t, jwa.HS256(), testSecret, "", claims(nil)), ".")
				forged, _ := json.Marshal(claims(map[string]any{"scope": "touchpoint"}))
				parts[1] = base64.RawURLEncoding.EncodeToString(forged)
				return strings.Join(parts, ".")
			},
			wantErr: "bad signature",
		},
		{
			name:  "scope as string",
			cfg:   hsOnly,
			token: hs(map[string]any{"scope": " touchpoint  staff "}),
			want:  Claims{Subject: "idp-subject-7f3a", Scopes: []string{"touchpoint", "staff"}},
		},
		{
			name:  "scope as array",
			cfg:   hsOnly,
			token: hs(map[string]any{"scope": []string{"touchpoint", "read"}}),
			want:  Claims{Subject: "idp-subject-7f3a", Scopes: []string{"touchpoint", "read"}},
		},
		{
			name:    "scope of wrong type",
			cfg:     hsOnly,
			token:   hs(map[string]any{"scope": 7}),
			wantErr: "malformed scope",
		},
		{
			name:    "scope array with a number",
			cfg:     hsOnly,
			token:   hs(map[string]any{"scope": []any{"touchpoint", 7}}),
			wantErr: "malformed scope",
		},
		{
			name:    "exp of wrong type",
			cfg:     hsOnly,
			token:   hs(map[string]any{"exp": "tomorrow"}),
			wantErr: "malformed claims",
		},
		{
			name:    "not a jwt",
			cfg:     hsOnly,
			token:   func(*testing.T) string { return "not-a-token" },
			wantErr: "malformed",
		},
		{
			name:    "garbage in three parts",
			cfg:     hsOnly,
			token:   func(*testing.T) string { return "bm90.anNvbg.c2ln" },
			wantErr: "malformed",
		},
		{
			name:    "empty token",
			cfg:     hsOnly,
			token:   func(*testing.T) string { return "" },
			wantErr: "empty token",
		},
	}

	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, err := NewVerifier(t.Context(), tc.cfg)
			if err != nil {
				t.Fatalf("NewVerifier: %v", err)
			}
			token := tc.token(t)
			got, err := v.Verify(t.Context(), token)
			if tc.wantErr != "" {
				checkInvalid(t, err, tc.wantErr, token)
				return
			}
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if got.Subject != tc.want.Subject {
				t.Errorf("Subject = %q, want %q", got.Subject, tc.want.Subject)
			}
			if !slices.Equal(got.Scopes, tc.want.Scopes) {
				t.Errorf("Scopes = %q, want %q", got.Scopes, tc.want.Scopes)
			}
			if got.ExpiresAt.IsZero() {
				t.Error("ExpiresAt is zero")
			}
			if tc.want.Issuer != "" && got.Issuer != tc.want.Issuer {
				t.Errorf("Issuer = %q, want %q", got.Issuer, tc.want.Issuer)
			}
			if tc.want.Audience != nil && !slices.Equal(got.Audience, tc.want.Audience) {
				t.Errorf("Audience = %q, want %q", got.Audience, tc.want.Audience)
			}
			if !tc.want.IssuedAt.IsZero() && !got.IssuedAt.Equal(tc.want.IssuedAt) {
				t.Errorf("IssuedAt = %v, want %v", got.IssuedAt, tc.want.IssuedAt)
			}
			if !tc.want.ExpiresAt.IsZero() && !got.ExpiresAt.Equal(tc.want.ExpiresAt) {
				t.Errorf("ExpiresAt = %v, want %v", got.ExpiresAt, tc.want.ExpiresAt)
			}
		})
	}
}

// TestJWKSURLRotation has the JWKS server replace its key; a token signed
// with the new key verifies once the verifier has refreshed.
func TestJWKSURLRotation(t *testing.T) {
	keys := testKeys()
	claims := map[string]any{"sub": "rotating", "exp": time.Now().Add(time.Hour).Unix()}
	oldToken := signToken(t, jwa.RS256(), keys.rs, "old", claims)
	newToken := signToken(t, jwa.RS256(), keys.rs2, "new", claims)
	newSet := jwksJSON(t, publicJWK(t, keys.rs2, "new", jwa.RS256()))

	t.Run("explicit refresh", func(t *testing.T) {
		srv := newJWKSServer(t, jwksJSON(t, publicJWK(t, keys.rs, "old", jwa.RS256())))
		v, err := NewVerifier(t.Context(), Config{JWKSURL: srv.URL})
		if err != nil {
			t.Fatalf("NewVerifier: %v", err)
		}
		if _, err := v.Verify(t.Context(), oldToken); err != nil {
			t.Fatalf("Verify old token: %v", err)
		}

		srv.set(newSet)
		srv.requests.Store(0)
		_, err = v.Verify(t.Context(), newToken)
		if err == nil && srv.requests.Load() == 0 {
			t.Fatal("new token verified before the jwks was fetched again")
		}

		if err := v.keys.refresh(t.Context()); err != nil {
			t.Fatalf("refresh: %v", err)
		}
		if srv.requests.Load() == 0 {
			t.Fatal("refresh did not fetch the jwks")
		}
		if _, err := v.Verify(t.Context(), newToken); err != nil {
			t.Fatalf("Verify new token after refresh: %v", err)
		}
		_, err = v.Verify(t.Context(), oldToken)
		checkInvalid(t, err, `unknown kid "old"`, oldToken)
	})

	t.Run("background refresh", func(t *testing.T) {
		srv := newJWKSServer(t, jwksJSON(t, publicJWK(t, keys.rs, "old", jwa.RS256())))
		v, err := NewVerifier(t.Context(), Config{JWKSURL: srv.URL, JWKSRefresh: time.Second})
		if err != nil {
			t.Fatalf("NewVerifier: %v", err)
		}
		srv.set(newSet)
		deadline := time.Now().Add(15 * time.Second)
		for {
			_, err := v.Verify(t.Context(), newToken)
			if err == nil {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("new token still refused: %v", err)
			}
			time.Sleep(50 * time.Millisecond)
		}
	})

	t.Run("failed refresh keeps the keys", func(t *testing.T) {
		srv := newJWKSServer(t, newSet)
		v, err := NewVerifier(t.Context(), Config{JWKSURL: srv.URL})
		if err != nil {
			t.Fatalf("NewVerifier: %v", err)
		}
		srv.status.Store(http.StatusInternalServerError)
		if err := v.keys.refresh(t.Context()); err == nil {
			t.Fatal("refresh against a failing server succeeded")
		}
		if _, err := v.Verify(t.Context(), newToken); err != nil {
			t.Fatalf("Verify after failed refresh: %v", err)
		}
	})
}

func TestNewVerifierErrors(t *testing.T) {
	keys := testKeys()
	rsJWK := publicJWK(t, keys.rs, "key-1", jwa.RS256())
	privJWK, err := jwk.Import(keys.rs)
	if err != nil {
		t.Fatalf("import private key: %v", err)
	}
	octJWK, err := jwk.Import(testSecret)
	if err != nil {
		t.Fatalf("import secret: %v", err)
	}
	encJWK := publicJWK(t, keys.rs, "enc-1", jwa.RS256())
	if err := encJWK.Set(jwk.KeyUsageKey, "enc"); err != nil {
		t.Fatalf("set use: %v", err)
	}
	failing := newJWKSServer(t, []byte("{}"))
	failing.status.Store(http.StatusInternalServerError)
	notJSON := newJWKSServer(t, []byte("{"))
	encOnly := newJWKSServer(t, jwksJSON(t, encJWK))

	tests := []struct {
		name    string
		cfg     Config
		wantErr string
	}{
		{name: "nothing configured", cfg: Config{}, wantErr: "no secret, jwks file or jwks url"},
		{name: "short secret", cfg: Config{Secret: []byte("short")}, wantErr: "secret has 5 bytes"},
		{name: "negative max lifetime", cfg: Config{Secret: testSecret, MaxLifetime: -time.Hour}, wantErr: "negative max lifetime"},
		{name: "negative refresh", cfg: Config{JWKSURL: "https://idp.example.test/certs", JWKSRefresh: -time.Minute}, wantErr: "negative jwks refresh"},
		{name: "missing jwks file", cfg: Config{JWKSFile: filepath.Join(t.TempDir(), "absent.json")}, wantErr: "read jwks file"},
		{name: "jwks file not json", cfg: Config{JWKSFile: writeFile(t, "bad.json", []byte("{"))}, wantErr: "read jwks file"},
		{name: "empty jwks file", cfg: Config{JWKSFile: writeFile(t, "empty.json", []byte(`{"keys":[]}`))}, wantErr: "no usable signature keys"},
		{name: "jwks file with private key", cfg: Config{JWKSFile: writeFile(t, "priv.json", jwksJSON(t, rsJWK, privJWK))}, wantErr: "holds a private key"},
		{name: "jwks file with symmetric key", cfg: Config{JWKSFile: writeFile(t, "oct.json", jwksJSON(t, rsJWK, octJWK))}, wantErr: "symmetric keys are not accepted"},
		{name: "jwks file with duplicate kid", cfg: Config{JWKSFile: writeFile(t, "dup.json", jwksJSON(t, rsJWK, publicJWK(t, keys.rs2, "key-1", jwa.RS256())))}, wantErr: "read jwks file"},
		{name: "jwks url over plain http", cfg: Config{JWKSURL: "http://idp.example.test/certs"}, wantErr: "want https"},
		{name: "jwks url without host", cfg: Config{JWKSURL: "/certs"}, wantErr: "missing host"},
		{name: "jwks url failing", cfg: Config{JWKSURL: failing.URL}, wantErr: "fetch jwks url"},
		{name: "jwks url not json", cfg: Config{JWKSURL: notJSON.URL}, wantErr: "fetch jwks url"},
		{name: "jwks url without signature keys", cfg: Config{JWKSURL: encOnly.URL}, wantErr: "no usable signature keys"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
			defer cancel()
			v, err := NewVerifier(ctx, tc.cfg)
			if err == nil {
				t.Fatalf("NewVerifier = %+v, want error", v)
			}
			if !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("NewVerifier error %q does not mention %q", err, tc.wantErr)
			}
		})
	}
}

func TestSignRoundTrip(t *testing.T) {
	tests := []struct {
		name   string
		opts   SignOptions
		cfg    Config
		wantTP bool
	}{
		{
			name:   "application",
			opts:   SignOptions{Subject: "backoffice", Scopes: []string{ScopeTouchpoint, ScopeStaff}, Issuer: testIssuer, Audience: testAudience, TTL: time.Hour},
			cfg:    Config{Secret: testSecret, Issuer: testIssuer, Audience: testAudience},
			wantTP: true,
		},
		{
			name: "customer",
			opts: SignOptions{Subject: "f4c1e2d0-idp-subject", TTL: 10 * time.Minute},
			cfg:  Config{Secret: testSecret},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, err := NewVerifier(t.Context(), tc.cfg)
			if err != nil {
				t.Fatalf("NewVerifier: %v", err)
			}
			before := time.Now().Truncate(time.Second)
			tok, err := Sign(testSecret, tc.opts)
			if err != nil {
				t.Fatalf("Sign: %v", err)
			}
			c, err := v.Verify(t.Context(), tok)
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if c.Subject != tc.opts.Subject {
				t.Errorf("Subject = %q, want %q", c.Subject, tc.opts.Subject)
			}
			if !slices.Equal(c.Scopes, tc.opts.Scopes) {
				t.Errorf("Scopes = %q, want %q", c.Scopes, tc.opts.Scopes)
			}
			if got := c.HasScope(ScopeTouchpoint); got != tc.wantTP {
				t.Errorf("HasScope(touchpoint) = %v, want %v", got, tc.wantTP)
			}
			if c.Issuer != tc.opts.Issuer {
				t.Errorf("Issuer = %q, want %q", c.Issuer, tc.opts.Issuer)
			}
			if tc.opts.Audience != "" && !slices.Equal(c.Audience, []string{tc.opts.Audience}) {
				t.Errorf("Audience = %q, want [%q]", c.Audience, tc.opts.Audience)
			}
			if c.IssuedAt.Before(before) {
				t.Errorf("IssuedAt %v is before %v", c.IssuedAt, before)
			}
			if d := c.ExpiresAt.Sub(c.IssuedAt); d != tc.opts.TTL {
				t.Errorf("exp-iat = %v, want %v", d, tc.opts.TTL)
			}
		})
	}
}

func TestSignStringScope(t *testing.T) {
	tok, err := Sign(testSecret, SignOptions{Subject: "backoffice", Scopes: []string{"touchpoint", "read"}, TTL: time.Minute})
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
		opts   SignOptions
	}{
		{name: "empty secret", opts: SignOptions{Subject: "s", TTL: time.Hour}},
		{name: "short secret", secret: []byte("short"), opts: SignOptions{Subject: "s", TTL: time.Hour}},
		{name: "empty subject", secret: testSecret, opts: SignOptions{TTL: time.Hour}},
		{name: "zero ttl", secret: testSecret, opts: SignOptions{Subject: "s"}},
		{name: "scope with space", secret: testSecret, opts: SignOptions{Subject: "s", Scopes: []string{"a b"}, TTL: time.Hour}},
		{name: "empty scope", secret: testSecret, opts: SignOptions{Subject: "s", Scopes: []string{""}, TTL: time.Hour}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tok, err := Sign(tc.secret, tc.opts); err == nil {
				t.Errorf("Sign = %q, want error", tok)
			}
		})
	}
}

func TestHasScope(t *testing.T) {
	tests := []struct {
		name   string
		scopes []string
		scope  string
		want   bool
	}{
		{name: "present", scopes: []string{"read", ScopeTouchpoint}, scope: ScopeTouchpoint, want: true},
		{name: "staff", scopes: []string{ScopeTouchpoint, ScopeStaff}, scope: ScopeStaff, want: true},
		{name: "not a prefix match", scopes: []string{"touchpoints"}, scope: ScopeTouchpoint},
		{name: "none", scope: ScopeStaff},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := (Claims{Scopes: tc.scopes}).HasScope(tc.scope); got != tc.want {
				t.Errorf("HasScope(%q) = %v, want %v", tc.scope, got, tc.want)
			}
		})
	}
}
