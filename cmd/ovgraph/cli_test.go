package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"ovgraph/adapters/auth"
	"ovgraph/adapters/postgres/pgtest"
)

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestTokenCommand(t *testing.T) {
	withSecret := envOf(map[string]string{"OVGRAPH_JWT_SECRET": testSecret,
		"OVGRAPH_JWT_ISSUER": testIssuer, "OVGRAPH_JWT_AUDIENCE": testAudience})
	verifier, err := auth.NewVerifier(t.Context(), testAuth())
	if err != nil {
		t.Fatal(err)
	}
	otherAuth := testAuth()
	otherAuth.Secret = []byte(otherSecret)
	other, err := auth.NewVerifier(t.Context(), otherAuth)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		args    []string
		getenv  func(string) string
		wantErr string
		sub     string
		scopes  []string
		ttl     time.Duration
	}{
		{name: "customer", args: []string{"token", "--customer", "1000001"}, getenv: withSecret,
			sub: "demo-1000001", ttl: 24 * time.Hour},
		{name: "staff portal", args: []string{"token", "--scope", "touchpoint,staff", "--sub", "portal"}, getenv: withSecret,
			sub: "portal", scopes: []string{"touchpoint", "staff"}, ttl: 24 * time.Hour},
		{name: "touchpoint", args: []string{"token", "--scope", "touchpoint"}, getenv: withSecret,
			sub: "touchpoint-dev", scopes: []string{"touchpoint"}, ttl: 24 * time.Hour},
		{name: "touchpoint with sub and ttl", args: []string{"token", "--scope", "touchpoint", "--sub", "desk", "--ttl", "2h"},
			getenv: withSecret, sub: "desk", scopes: []string{"touchpoint"}, ttl: 2 * time.Hour},
		{name: "neither flag", args: []string{"token"}, getenv: withSecret, wantErr: "--scope"},
		{name: "both flags", args: []string{"token", "--scope", "touchpoint", "--customer", "1"}, getenv: withSecret, wantErr: "--scope"},
		{name: "missing secret", args: []string{"token", "--customer", "1000001"}, getenv: envOf(nil), wantErr: "OVGRAPH_JWT_SECRET"},
		{name: "missing issuer and audience", args: []string{"token", "--customer", "1000001"},
			getenv: envOf(map[string]string{"OVGRAPH_JWT_SECRET": testSecret}), wantErr: "OVGRAPH_JWT_AUDIENCE, OVGRAPH_JWT_ISSUER"},
		{name: "longer than the server accepts", args: []string{"token", "--scope", "touchpoint", "--ttl", "87600h"},
			getenv: withSecret, wantErr: "lifetime"},
		{name: "unknown flag", args: []string{"token", "--bogus"}, getenv: withSecret, wantErr: "bogus"},
		{name: "unknown command", args: []string{"frobnicate"}, getenv: withSecret, wantErr: "unknown command"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), tc.args, tc.getenv, &stdout, &stderr)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("run %q = %v, want an error mentioning %q", tc.args, err, tc.wantErr)
				}
				if stdout.Len() > 0 {
					t.Errorf("stdout = %q on error, want nothing", stdout.String())
				}
				return
			}
			if err != nil {
				t.Fatalf("run %q: %v (stderr %q)", tc.args, err, stderr.String())
			}
			tok := strings.TrimSpace(stdout.String())
			claims, err := verifier.Verify(t.Context(), tok)
			if err != nil {
				t.Fatalf("printed token %q does not verify: %v", tok, err)
			}
			if claims.Subject != tc.sub {
				t.Errorf("sub = %q, want %q", claims.Subject, tc.sub)
			}
			if strings.Join(claims.Scopes, " ") != strings.Join(tc.scopes, " ") {
				t.Errorf("scopes = %q, want %q", claims.Scopes, tc.scopes)
			}
			if d := time.Until(claims.ExpiresAt) - tc.ttl; d > time.Minute || d < -time.Minute {
				t.Errorf("expires at %s, want about now+%s", claims.ExpiresAt, tc.ttl)
			}
			if _, err := other.Verify(t.Context(), tok); err == nil {
				t.Error("a verifier with another secret accepts the token")
			}
		})
	}
}

func TestLoadConfig(t *testing.T) {
	base := map[string]string{"DATABASE_URL": "postgres://u:pw@db/x", "OVGRAPH_JWT_SECRET": testSecret,
		"OVGRAPH_JWT_ISSUER": testIssuer, "OVGRAPH_JWT_AUDIENCE": testAudience}
	plus := func(extra map[string]string) map[string]string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	for _, tc := range []struct {
		name     string
		args     []string
		env      map[string]string
		wantErrs []string // each must appear in the error; none wants no error
		check    func(t *testing.T, c Config)
	}{
		{name: "defaults", env: base, check: func(t *testing.T, c Config) {
			if c.HTTP.Addr != "127.0.0.1:8080" || c.Log.Format != "text" || c.Demo || c.Limits != defaultLimits() {
				t.Errorf("defaults: %+v", c)
			}
			if c.DB.URL != base["DATABASE_URL"] || c.Auth.Secret != testSecret || c.Auth.Issuer != testIssuer ||
				c.Auth.Audience != testAudience || c.Auth.MaxLifetime != auth.DefaultMaxLifetime {
				t.Errorf("env not read: %+v", c)
			}
		}},
		{name: "env overrides", env: plus(map[string]string{"OVGRAPH_ADDR": ":9000", "OVGRAPH_LOG_FORMAT": "json",
			"OVGRAPH_SHUTDOWN_GRACE": "3s", "OVGRAPH_JWKS_FILE": "/k.json", "OVGRAPH_MAX_BODY_BYTES": "2048",
			"OVGRAPH_MAX_TOKENS": "900", "OVGRAPH_DB_MAX_CONNS": "8", "OVGRAPH_LOCK_TIMEOUT": "0"}),
			check: func(t *testing.T, c Config) {
				l := c.Limits
				if c.HTTP.Addr != ":9000" || c.Log.Format != "json" || l.ShutdownGrace != 3*time.Second ||
					c.Auth.JWKSFile != "/k.json" || l.MaxBodyBytes != 2048 || l.MaxTokens != 900 ||
					l.DBMaxConns != 8 || l.LockTimeout != 0 {
					t.Errorf("env overrides not applied: %+v", c)
				}
				if o := l.resolverOptions(); o.MaxTokens != 900 || o.MaxDepth != defaultLimits().MaxDepth {
					t.Errorf("resolver options %+v", o)
				}
				if pc := l.storeConfig("postgres://db/x"); pc.MaxConns != 8 || pc.LockTimeout != 0 ||
					pc.StatementTimeout != defaultLimits().StatementTimeout {
					t.Errorf("store config %+v", pc)
				}
			}},
		{name: "flag beats env",
			args: []string{"--addr", ":7000", "--database-url", "postgres://flag/db", "--log-format", "text", "--jwks-file", "/f.json", "--demo",
				"--max-aliases", "12", "--request-timeout", "4s"},
			env: plus(map[string]string{"OVGRAPH_ADDR": ":9000", "OVGRAPH_LOG_FORMAT": "json", "OVGRAPH_JWKS_FILE": "/k.json",
				"OVGRAPH_MAX_ALIASES": "40", "OVGRAPH_REQUEST_TIMEOUT": "2s"}),
			check: func(t *testing.T, c Config) {
				if c.HTTP.Addr != ":7000" || c.DB.URL != "postgres://flag/db" || c.Log.Format != "text" ||
					c.Auth.JWKSFile != "/f.json" || !c.Demo || c.Limits.MaxAliases != 12 || c.Limits.RequestTimeout != 4*time.Second {
					t.Errorf("flags not applied over env: %+v", c)
				}
			}},
		{name: "jwks file alone is enough", env: map[string]string{"DATABASE_URL": "postgres://db/x", "OVGRAPH_JWKS_FILE": "/k.json",
			"OVGRAPH_JWT_ISSUER": testIssuer, "OVGRAPH_JWT_AUDIENCE": testAudience}},
		{name: "token checks", env: plus(map[string]string{"OVGRAPH_JWT_MAX_LIFETIME": "1h", "OVGRAPH_JWT_LEEWAY": "5s",
			"OVGRAPH_JWKS_URL": "https://idp.test/jwks"}),
			check: func(t *testing.T, c Config) {
				v := c.verifierConfig(nil)
				if v.MaxLifetime != time.Hour || v.Leeway != 5*time.Second || v.JWKSURL != "https://idp.test/jwks" ||
					v.Issuer != testIssuer || v.Audience != testAudience {
					t.Errorf("verifier config %+v", v)
				}
			}},
		{name: "short secret", env: plus(map[string]string{"OVGRAPH_JWT_SECRET": "s3cret"}), wantErrs: []string{"32 bytes"}},
		{name: "no issuer or audience", env: map[string]string{"DATABASE_URL": "postgres://db/x", "OVGRAPH_JWT_SECRET": testSecret},
			wantErrs: []string{"OVGRAPH_JWT_ISSUER and OVGRAPH_JWT_AUDIENCE"}},
		{name: "all problems at once", env: map[string]string{"OVGRAPH_LOG_FORMAT": "xml", "OVGRAPH_SHUTDOWN_GRACE": "soon",
			"OVGRAPH_MAX_BODY_BYTES": "-1", "OVGRAPH_MAX_TOKENS": "0", "OVGRAPH_DB_MAX_CONNS": "99999999999", "OVGRAPH_LOCK_TIMEOUT": "-1s"},
			wantErrs: []string{"DATABASE_URL", "OVGRAPH_JWT_SECRET", "xml", "OVGRAPH_SHUTDOWN_GRACE", "OVGRAPH_MAX_BODY_BYTES",
				"OVGRAPH_MAX_TOKENS", "OVGRAPH_DB_MAX_CONNS", "OVGRAPH_LOCK_TIMEOUT"}},
		{name: "request timeout past the write timeout", env: plus(map[string]string{"OVGRAPH_REQUEST_TIMEOUT": "30s"}),
			wantErrs: []string{"OVGRAPH_REQUEST_TIMEOUT must be shorter than OVGRAPH_WRITE_TIMEOUT"}},
		{name: "bad limit flag", args: []string{"--max-depth", "deep"}, env: base, wantErrs: []string{"max-depth"}},
		{name: "missing database and secret", env: nil, wantErrs: []string{"DATABASE_URL", "OVGRAPH_JWT_SECRET"}},
		{name: "bad flag", args: []string{"--nope"}, env: base, wantErrs: []string{"nope"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := loadConfig(tc.args, envOf(tc.env), io.Discard)
			if len(tc.wantErrs) == 0 && err != nil {
				t.Fatalf("loadConfig: %v", err)
			}
			if len(tc.wantErrs) > 0 && err == nil {
				t.Fatalf("loadConfig succeeded, want errors mentioning %q", tc.wantErrs)
			}
			for _, w := range tc.wantErrs {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			if tc.check != nil {
				tc.check(t, c)
			}
		})
	}
}

func TestConfigStringMasksSecrets(t *testing.T) {
	for _, tc := range []struct {
		name, url, secret string
		hidden            []string
		shown             []string
	}{
		{name: "password and secret", url: "postgres://app:hunter2@db.example:5432/ovgraph?sslmode=disable",
			secret: "jwt-very-secret", hidden: []string{"hunter2", "jwt-very-secret"},
			shown: []string{"db.example:5432/ovgraph", "jwt_secret=***"}},
		{name: "no password", url: "postgres://db.example/ovgraph", secret: "",
			shown: []string{"@db.example:5432/ovgraph", "jwt_secret= "}},
		{name: "key=value form", url: "host=db.example user=app password=topsecret dbname=ovgraph",
			hidden: []string{"topsecret"}, shown: []string{"database_url=app@db.example:5432/ovgraph"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var c Config
			c.HTTP.Addr = ":1"
			c.DB.URL = tc.url
			c.Auth.Secret = tc.secret
			s := c.String()
			for _, h := range tc.hidden {
				if strings.Contains(s, h) {
					t.Errorf("String() = %q shows %q", s, h)
				}
			}
			for _, w := range tc.shown {
				if !strings.Contains(s, w) {
					t.Errorf("String() = %q, want it to contain %q", s, w)
				}
			}
		})
	}
}

// ovgraph alone and ovgraph -h list the commands; -h, and -h of each command, succeed.
func TestUsage(t *testing.T) {
	env := envOf(map[string]string{"OVGRAPH_JWT_SECRET": testSecret, "OVGRAPH_JWT_ISSUER": testIssuer,
		"OVGRAPH_JWT_AUDIENCE": testAudience})
	for _, tc := range []struct {
		name    string
		args    []string
		wantErr bool
		out     string // "stdout" or "stderr": where the text goes
		want    []string
	}{
		{name: "no command", args: nil, wantErr: true, out: "stderr", want: []string{"serve", "migrate", "token"}},
		{name: "-h", args: []string{"-h"}, out: "stdout", want: []string{"serve", "migrate", "token"}},
		{name: "--help", args: []string{"--help"}, out: "stdout", want: []string{"serve", "migrate", "token"}},
		{name: "help", args: []string{"help"}, out: "stdout", want: []string{"serve", "migrate", "token"}},
		{name: "serve -h", args: []string{"serve", "-h"}, out: "stderr", want: []string{"-addr", "-demo", "OVGRAPH_ADDR"}},
		{name: "migrate -h", args: []string{"migrate", "-h"}, out: "stderr", want: []string{"DATABASE_URL"}},
		{name: "token -h", args: []string{"token", "-h"}, out: "stderr", want: []string{"-scope", "-customer"}},
		{name: "flags without a command", args: []string{"--demo"}, wantErr: true, out: "stderr", want: []string{"serve"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(t.Context(), tc.args, env, &stdout, &stderr)
			if (err != nil) != tc.wantErr {
				t.Fatalf("run %q = %v, want error %t", tc.args, err, tc.wantErr)
			}
			got := stdout.String()
			if tc.out == "stderr" {
				got = stderr.String()
				if err != nil {
					got += err.Error()
				}
			}
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("%s of %q = %q, want it to mention %q", tc.out, tc.args, got, w)
				}
			}
		})
	}
}

// token --scope makes tokens with the scopes the server knows, and an application token needs
// touchpoint.
func TestTokenScopes(t *testing.T) {
	env := envOf(map[string]string{"OVGRAPH_JWT_SECRET": testSecret, "OVGRAPH_JWT_ISSUER": testIssuer,
		"OVGRAPH_JWT_AUDIENCE": testAudience})
	for scope, wantErr := range map[string]string{
		"touchpoint":        "",
		"touchpoint,staff":  "",
		"touchpoint staff":  "",
		"admin":             "unknown scope \"admin\"",
		"touchpoint,admin":  "unknown scope \"admin\"",
		"touchpoint,Staff":  "unknown scope \"Staff\"",
		"staff":             "touchpoint",
		"touchpoint,,staff": "",
	} {
		t.Run(scope, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(t.Context(), []string{"token", "--scope", scope}, env, &stdout, &stderr)
			switch {
			case wantErr == "" && err != nil:
				t.Fatalf("token --scope %q: %v", scope, err)
			case wantErr != "" && (err == nil || !strings.Contains(err.Error(), wantErr)):
				t.Fatalf("token --scope %q = %v, want an error mentioning %q", scope, err, wantErr)
			case wantErr != "" && stdout.Len() > 0:
				t.Errorf("token --scope %q printed %q", scope, stdout.String())
			}
		})
	}
}

// watchWriter collects what is written to it and calls found once it has seen want.
type watchWriter struct {
	lockedBuffer
	want  string
	found func()
	once  sync.Once
}

func (w *watchWriter) Write(p []byte) (int, error) {
	n, err := w.lockedBuffer.Write(p)
	if strings.Contains(w.String(), w.want) {
		w.once.Do(w.found)
	}
	return n, err
}

// serve --demo says it loaded the demo data when it did, the first time, and not when the data
// was there already.
func TestServeDemoSaysWhetherItLoaded(t *testing.T) {
	env := envOf(map[string]string{"DATABASE_URL": pgtest.NewDatabase(t), "OVGRAPH_JWT_SECRET": testSecret,
		"OVGRAPH_JWT_ISSUER": testIssuer, "OVGRAPH_JWT_AUDIENCE": testAudience})
	for i, wantLoaded := range []bool{true, false} {
		ctx, cancel := context.WithCancel(t.Context())
		logs := &watchWriter{want: "msg=serving", found: cancel}
		var stdout bytes.Buffer
		if err := run(ctx, []string{"serve", "--demo", "--addr", "127.0.0.1:0"}, env, &stdout, logs); err != nil {
			t.Fatalf("serve %d: %v\n%s", i, err, logs.String())
		}
		cancel()
		if loaded := strings.Contains(logs.String(), `msg="demo data loaded"`); loaded != wantLoaded {
			t.Errorf("serve %d: 'demo data loaded' logged %t, want %t\n%s", i, loaded, wantLoaded, logs.String())
		}
	}
}
