package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"ovgraph/adapters/postgres/pgtest"
)

func vendorBaseEnv(extra map[string]string) map[string]string {
	m := map[string]string{"DATABASE_URL": "postgres://u:pw@db/x", "OVGRAPH_JWT_SECRET": testSecret,
		"OVGRAPH_JWT_ISSUER": testIssuer, "OVGRAPH_JWT_AUDIENCE": testAudience}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

func TestVendorConfig(t *testing.T) {
	for _, tc := range []struct {
		name     string
		args     []string
		env      map[string]string
		wantErrs []string
		check    func(t *testing.T, v Vendors)
	}{
		{name: "defaults", check: func(t *testing.T, v Vendors) {
			if v != defaultVendors() || v.Accounts.URL != "" || v.Aptic.URL != "" || v.Accounts.Roles != "API_KEY" ||
				v.RequestDeadline != 10*time.Second {
				t.Errorf("defaults: %+v", v)
			}
			for _, p := range []VendorPolicy{v.Accounts.Policy, v.Aptic.Policy} {
				if p != (VendorPolicy{Timeout: 2 * time.Second, Retries: 2, RetryWait: 100 * time.Millisecond, BreakerFailures: 5, BreakerOpen: 30 * time.Second, MaxConcurrent: 16}) {
					t.Errorf("default policy %+v", p)
				}
			}
			ac, ap := v.accountsConfig(), v.apticConfig()
			if ac.BaseURL != "" || ap.BaseURL != "" || ac.Policy.Timeout != 2*time.Second || ac.Policy.Retries != 2 {
				t.Errorf("client configs %+v %+v", ac, ap)
			}
			accountsClient, apticClient, err := v.clients()
			if err != nil || accountsClient.Enabled() || apticClient.Enabled() {
				t.Errorf("clients without URLs: %v, enabled %t %t", err, accountsClient.Enabled(), apticClient.Enabled())
			}
		}},
		{name: "env", env: map[string]string{
			"OVGRAPH_ACCOUNTS_URL": "http://127.0.0.1:8091/accounts/v4", "OVGRAPH_ACCOUNTS_TOKEN": "acc-tok",
			"OVGRAPH_ACCOUNTS_ROLES": "ADMIN", "OVGRAPH_APTIC_URL": "https://t.hosting.aptic.cloud/i/APIGW",
			"OVGRAPH_APTIC_CLIENT_ID": "cid", "OVGRAPH_APTIC_CLIENT_SECRET": "csecret",
			"OVGRAPH_APTIC_TOKEN_URL": "https://login.example/token", "OVGRAPH_ACCOUNTS_TIMEOUT": "500ms",
			"OVGRAPH_ACCOUNTS_BREAKER_FAILURES": "3", "OVGRAPH_ACCOUNTS_BREAKER_OPEN": "1m",
			"OVGRAPH_ACCOUNTS_MAX_CONCURRENT": "4", "OVGRAPH_APTIC_TIMEOUT": "3s", "OVGRAPH_APTIC_BREAKER_FAILURES": "7",
			"OVGRAPH_APTIC_BREAKER_OPEN": "5s", "OVGRAPH_APTIC_MAX_CONCURRENT": "2", "OVGRAPH_VENDOR_REQUEST_DEADLINE": "8s",
			"OVGRAPH_ACCOUNTS_RETRIES": "0", "OVGRAPH_APTIC_RETRIES": "4", "OVGRAPH_APTIC_RETRY_WAIT": "250ms"},
			check: func(t *testing.T, v Vendors) {
				ac, ap := v.accountsConfig(), v.apticConfig()
				if ac.BaseURL != "http://127.0.0.1:8091/accounts/v4" || ac.Token != "acc-tok" || ac.Roles != "ADMIN" ||
					ac.Policy.Timeout != 500*time.Millisecond || ac.Policy.BreakerFailures != 3 ||
					ac.Policy.BreakerOpen != time.Minute || ac.Policy.MaxConcurrent != 4 {
					t.Errorf("accounts config %+v", ac)
				}
				if ap.BaseURL != "https://t.hosting.aptic.cloud/i/APIGW" || ap.ClientID != "cid" || ap.ClientSecret != "csecret" ||
					ap.TokenURL != "https://login.example/token" || ap.Policy.Timeout != 3*time.Second ||
					ap.Policy.BreakerFailures != 7 || ap.Policy.BreakerOpen != 5*time.Second || ap.Policy.MaxConcurrent != 2 {
					t.Errorf("aptic config %+v", ap)
				}
				if ac.Policy.Retries != -1 || ap.Policy.Retries != 4 || ap.Policy.RetryWait != 250*time.Millisecond ||
					ap.Policy.RetryMaxWait != time.Second {
					t.Errorf("retries: accounts %d, aptic %d after %s up to %s", ac.Policy.Retries, ap.Policy.Retries,
						ap.Policy.RetryWait, ap.Policy.RetryMaxWait)
				}
				if v.RequestDeadline != 8*time.Second {
					t.Errorf("deadline %s", v.RequestDeadline)
				}
				accountsClient, apticClient, err := v.clients()
				if err != nil || !accountsClient.Enabled() || !apticClient.Enabled() {
					t.Errorf("clients with URLs: %v", err)
				}
			}},
		{name: "flags beat env",
			args: []string{"--accounts-url", "http://flag.example/v4", "--aptic-url", "http://aptic.flag/APIGW",
				"--aptic-client-id", "flag-id", "--accounts-roles", "R", "--accounts-timeout", "1s", "--aptic-breaker-open", "2m",
				"--aptic-max-concurrent", "9", "--accounts-breaker-failures", "2", "--vendor-request-deadline", "4s",
				"--aptic-token-url", "http://aptic.flag/token"},
			env: map[string]string{"OVGRAPH_ACCOUNTS_URL": "http://env.example/v4", "OVGRAPH_APTIC_URL": "http://aptic.env/APIGW",
				"OVGRAPH_APTIC_CLIENT_ID": "env-id", "OVGRAPH_ACCOUNTS_TIMEOUT": "3s", "OVGRAPH_APTIC_BREAKER_OPEN": "1m",
				"OVGRAPH_VENDOR_REQUEST_DEADLINE": "9s"},
			check: func(t *testing.T, v Vendors) {
				if v.Accounts.URL != "http://flag.example/v4" || v.Aptic.URL != "http://aptic.flag/APIGW" ||
					v.Aptic.ClientID != "flag-id" || v.Accounts.Roles != "R" || v.Accounts.Policy.Timeout != time.Second ||
					v.Aptic.Policy.BreakerOpen != 2*time.Minute || v.Aptic.Policy.MaxConcurrent != 9 ||
					v.Accounts.Policy.BreakerFailures != 2 || v.RequestDeadline != 4*time.Second ||
					v.Aptic.TokenURL != "http://aptic.flag/token" {
					t.Errorf("flags not applied over env: %+v", v)
				}
			}},
		{name: "bad durations in env", env: map[string]string{"OVGRAPH_ACCOUNTS_TIMEOUT": "soon",
			"OVGRAPH_APTIC_BREAKER_OPEN": "0", "OVGRAPH_VENDOR_REQUEST_DEADLINE": "-1s", "OVGRAPH_APTIC_MAX_CONCURRENT": "0",
			"OVGRAPH_ACCOUNTS_BREAKER_FAILURES": "many", "OVGRAPH_APTIC_RETRIES": "-1", "OVGRAPH_ACCOUNTS_RETRY_WAIT": "0"},
			wantErrs: []string{`OVGRAPH_ACCOUNTS_TIMEOUT: "soon" is not a positive duration`,
				`OVGRAPH_APTIC_BREAKER_OPEN: "0" is not a positive duration`,
				`OVGRAPH_VENDOR_REQUEST_DEADLINE: "-1s" is not a positive duration`,
				"OVGRAPH_APTIC_MAX_CONCURRENT", "OVGRAPH_ACCOUNTS_BREAKER_FAILURES",
				`OVGRAPH_APTIC_RETRIES: "-1" is not a whole number from 0 to 10`,
				`OVGRAPH_ACCOUNTS_RETRY_WAIT: "0" is not a positive duration`}},
		{name: "bad duration flag", args: []string{"--aptic-timeout", "2"},
			wantErrs: []string{`invalid value "2" for flag -aptic-timeout: is not a positive duration`}},
		{name: "bad URLs", env: map[string]string{"OVGRAPH_ACCOUNTS_URL": "customers.masstack.com/v4",
			"OVGRAPH_APTIC_URL": "ftp://aptic/APIGW", "OVGRAPH_APTIC_TOKEN_URL": "/token"},
			wantErrs: []string{"OVGRAPH_ACCOUNTS_URL: not an http or https URL", "OVGRAPH_APTIC_URL: not an http or https URL",
				"OVGRAPH_APTIC_TOKEN_URL: not an http or https URL"}},
		{name: "secret without client id", env: map[string]string{"OVGRAPH_APTIC_URL": "http://a/APIGW",
			"OVGRAPH_APTIC_CLIENT_SECRET": "s"}, wantErrs: []string{"OVGRAPH_APTIC_CLIENT_SECRET is set without OVGRAPH_APTIC_CLIENT_ID"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := loadConfig(tc.args, envOf(vendorBaseEnv(tc.env)), io.Discard)
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
				tc.check(t, c.Vendors)
			}
		})
	}
}

// The vendors' credentials have no flag, and neither they nor a URL's user info show in `serve
// -h`, the configuration's String or the start-up log line of the vendors.
func TestVendorSecretsNotShown(t *testing.T) {
	var help bytes.Buffer
	if err := run(context.Background(), []string{"serve", "-h"}, envOf(nil), io.Discard, &help); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"OVGRAPH_ACCOUNTS_TOKEN", "OVGRAPH_APTIC_CLIENT_SECRET", "accounts-token", "client-secret"} {
		if strings.Contains(help.String(), s) {
			t.Errorf("serve -h mentions %s", s)
		}
	}
	for _, s := range []string{"OVGRAPH_ACCOUNTS_URL", "OVGRAPH_APTIC_URL", "OVGRAPH_APTIC_CLIENT_ID", "OVGRAPH_APTIC_TOKEN_URL"} {
		if !strings.Contains(help.String(), s) {
			t.Errorf("serve -h does not mention %s", s)
		}
	}
	c, err := loadConfig(nil, envOf(vendorBaseEnv(map[string]string{
		"OVGRAPH_ACCOUNTS_URL": "https://user:urlpass@customers.masstack.com/v4?key=urlkey", "OVGRAPH_ACCOUNTS_TOKEN": "acc-jwt-secret",
		"OVGRAPH_APTIC_URL": "https://t.hosting.aptic.cloud/i/APIGW", "OVGRAPH_APTIC_CLIENT_ID": "client-id-value",
		"OVGRAPH_APTIC_CLIENT_SECRET": "aptic-client-secret"})), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	var logged bytes.Buffer
	newLogger("text", &logged).Info("vendors", c.Vendors.logAttrs()...)
	for name, shown := range map[string]string{"String": c.String(), "log": logged.String()} {
		for _, s := range []string{"acc-jwt-secret", "aptic-client-secret", "client-id-value", "urlpass", "urlkey", "user:"} {
			if strings.Contains(shown, s) {
				t.Errorf("%s shows %q: %s", name, s, shown)
			}
		}
		for _, s := range []string{"customers.masstack.com", "t.hosting.aptic.cloud"} {
			if !strings.Contains(shown, s) {
				t.Errorf("%s does not show %q: %s", name, s, shown)
			}
		}
	}
	if s := c.String(); !strings.Contains(s, "accounts_token=***") || !strings.Contains(s, "aptic_client_secret=***") {
		t.Errorf("String does not say the secrets are set: %s", s)
	}
}

// serve builds the vendor clients and logs which vendors are configured, by host, without their
// credentials; an unset vendor is logged as disabled.
func TestServeLogsVendors(t *testing.T) {
	env := envOf(map[string]string{"DATABASE_URL": pgtest.NewDatabase(t), "OVGRAPH_JWT_SECRET": testSecret,
		"OVGRAPH_JWT_ISSUER": testIssuer, "OVGRAPH_JWT_AUDIENCE": testAudience,
		"OVGRAPH_ACCOUNTS_URL": "http://127.0.0.1:8091/accounts/v4", "OVGRAPH_ACCOUNTS_TOKEN": "acc-jwt-secret-value"})
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	logs := &watchWriter{want: "msg=serving", found: cancel}
	if err := run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, env, io.Discard, logs); err != nil {
		t.Fatalf("serve: %v\n%s", err, logs.String())
	}
	out := logs.String()
	if !strings.Contains(out, "msg=vendors accounts=127.0.0.1:8091 accounts_token_set=true aptic=disabled") {
		t.Errorf("no vendors line in the log:\n%s", out)
	}
	if strings.Contains(out, "acc-jwt-secret-value") {
		t.Errorf("the log shows the accounts token:\n%s", out)
	}
}
