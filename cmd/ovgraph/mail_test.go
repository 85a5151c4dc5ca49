package main

import (
	"io"
	"strings"
	"testing"

	"ovgraph/adapters/mail"
)

// OVGRAPH_MODE is production unless set to development (which the resolvers get as
// Options.Development); anything else is refused. OVGRAPH_SMTP_ADDR makes an SMTP sender and
// needs OVGRAPH_MAIL_FROM; unset, there is no sender (e-mail stays in the outbox).
func TestModeAndMailSettings(t *testing.T) {
	base := map[string]string{"DATABASE_URL": "postgres://db.example/ovgraph", "OVGRAPH_JWT_SECRET": testSecret,
		"OVGRAPH_JWT_ISSUER": testIssuer, "OVGRAPH_JWT_AUDIENCE": testAudience}
	with := func(kv ...string) map[string]string {
		env := map[string]string{}
		for k, v := range base {
			env[k] = v
		}
		for i := 0; i+1 < len(kv); i += 2 {
			env[kv[i]] = kv[i+1]
		}
		return env
	}
	for _, tc := range []struct {
		name        string
		env         map[string]string
		args        []string
		development bool
		smtp        string
		wantErr     string
	}{
		{name: "default", env: with()},
		{name: "development", env: with("OVGRAPH_MODE", "development"), development: true},
		{name: "flag beats environment", env: with("OVGRAPH_MODE", "development"), args: []string{"--mode", "production"}},
		{name: "unknown mode", env: with("OVGRAPH_MODE", "dev"), wantErr: "OVGRAPH_MODE"},
		{name: "smtp", env: with("OVGRAPH_SMTP_ADDR", "mail.example:25", "OVGRAPH_MAIL_FROM", "noreply@htm.example"),
			smtp: "mail.example:25"},
		{name: "smtp without sender", env: with("OVGRAPH_SMTP_ADDR", "mail.example:25"), wantErr: "OVGRAPH_MAIL_FROM"},
		{name: "smtp without port", env: with("OVGRAPH_SMTP_ADDR", "mail.example", "OVGRAPH_MAIL_FROM", "noreply@htm.example"),
			wantErr: "host:port"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := loadConfig(tc.args, envOf(tc.env), io.Discard)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("loadConfig: %v, want an error naming %s", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			d := deps{limits: c.Limits, development: c.development(), mail: c.mailSender()}
			if got := d.resolverDeps().Options.Development; got != tc.development {
				t.Errorf("Options.Development = %t, want %t", got, tc.development)
			}
			switch s := d.mail.(type) {
			case nil:
				if tc.smtp != "" {
					t.Errorf("no sender, want SMTP through %s", tc.smtp)
				}
			case mail.SMTP:
				if s.Addr != tc.smtp || s.From != "noreply@htm.example" {
					t.Errorf("sender %+v, want SMTP through %q", s, tc.smtp)
				}
			default:
				t.Errorf("sender %T", s)
			}
		})
	}
}
