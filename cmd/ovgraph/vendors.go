package main

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"ovgraph/adapters/accounts"
	"ovgraph/adapters/aptic"
	"ovgraph/adapters/upstream"
)

// Vendors is how ovgraph reaches the two vendor systems, MasStack accounts and Aptic. A vendor
// without a URL is disabled (its client's calls fail at once with ErrNotConfigured); a URL alone
// counts as configured. The credentials (OVGRAPH_ACCOUNTS_TOKEN, OVGRAPH_APTIC_CLIENT_SECRET) are
// read from the environment only, as OVGRAPH_JWT_SECRET is: no flag, never printed.
type Vendors struct {
	Accounts struct {
		URL    string       // OVGRAPH_ACCOUNTS_URL
		Token  string       // OVGRAPH_ACCOUNTS_TOKEN (a secret)
		Roles  string       // OVGRAPH_ACCOUNTS_ROLES
		Policy VendorPolicy // OVGRAPH_ACCOUNTS_TIMEOUT, ...
	}
	Aptic struct {
		URL          string       // OVGRAPH_APTIC_URL
		ClientID     string       // OVGRAPH_APTIC_CLIENT_ID
		ClientSecret string       // OVGRAPH_APTIC_CLIENT_SECRET (a secret)
		TokenURL     string       // OVGRAPH_APTIC_TOKEN_URL
		CreditorIBAN string       // OVGRAPH_APTIC_CREDITOR_IBAN
		Policy       VendorPolicy // OVGRAPH_APTIC_TIMEOUT, ...
	}
	// RequestDeadline bounds the vendor calls of one request together
	// (OVGRAPH_VENDOR_REQUEST_DEADLINE).
	RequestDeadline time.Duration
}

// VendorPolicy is the part of upstream.Policy a setting controls; the rest keeps its default.
type VendorPolicy struct {
	Timeout         time.Duration // OVGRAPH_<VENDOR>_TIMEOUT
	Retries         int           // OVGRAPH_<VENDOR>_RETRIES (0: none)
	RetryWait       time.Duration // OVGRAPH_<VENDOR>_RETRY_WAIT
	BreakerFailures int           // OVGRAPH_<VENDOR>_BREAKER_FAILURES
	BreakerOpen     time.Duration // OVGRAPH_<VENDOR>_BREAKER_OPEN
	MaxConcurrent   int           // OVGRAPH_<VENDOR>_MAX_CONCURRENT
}

func defaultVendorPolicy() VendorPolicy {
	p := upstream.DefaultPolicy()
	return VendorPolicy{Timeout: p.Timeout, Retries: p.Retries, RetryWait: p.RetryWait,
		BreakerFailures: int(p.BreakerFailures), BreakerOpen: p.BreakerOpen, MaxConcurrent: p.MaxConcurrent}
}

func defaultVendors() Vendors {
	var v Vendors
	v.Accounts.Roles = "API_KEY"
	v.Accounts.Policy = defaultVendorPolicy()
	v.Aptic.Policy = defaultVendorPolicy()
	v.RequestDeadline = 10 * time.Second
	return v
}

// policy is p as upstream takes it.
func (p VendorPolicy) policy() upstream.Policy {
	d := upstream.DefaultPolicy()
	d.Timeout, d.BreakerFailures, d.BreakerOpen, d.MaxConcurrent = p.Timeout, uint32(p.BreakerFailures), p.BreakerOpen, p.MaxConcurrent
	d.Retries, d.RetryWait = p.Retries, p.RetryWait
	if p.Retries == 0 {
		d.Retries = -1 // upstream reads 0 as its default; the setting's 0 means none
	}
	d.RetryMaxWait = max(d.RetryMaxWait, d.RetryWait)
	return d
}

// settings lists the vendor settings that have a flag, in the order of the README and of
// `serve -h`; the secrets are not among them.
func (v *Vendors) settings() []setting {
	policy := func(vendor, name string, p *VendorPolicy) []setting {
		env, fl := "OVGRAPH_"+strings.ToUpper(vendor)+"_", vendor
		return []setting{
			{env + "TIMEOUT", fl + "-timeout", "one call to " + name + " as a whole, retries included (a positive `duration`)", positiveDuration{&p.Timeout}},
			{env + "RETRIES", fl + "-retries", "how often a failed GET to " + name + " is tried again within its timeout (`n`, 0 for never; other methods never are)", retries{&p.Retries}},
			{env + "RETRY_WAIT", fl + "-retry-wait", "the first wait before a retry to " + name + ", doubling up to 1 s or itself, ±50 % (a positive `duration`)", positiveDuration{&p.RetryWait}},
			{env + "BREAKER_FAILURES", fl + "-breaker-failures", "consecutive failed `calls` to " + name + " that open its circuit", count{&p.BreakerFailures}},
			{env + "BREAKER_OPEN", fl + "-breaker-open", "how long the circuit of " + name + " stays open before a trial call (a positive `duration`)", positiveDuration{&p.BreakerOpen}},
			{env + "MAX_CONCURRENT", fl + "-max-concurrent", "`calls` in flight to " + name + "; more wait within their timeout", count{&p.MaxConcurrent}},
		}
	}
	out := []setting{
		{"OVGRAPH_ACCOUNTS_URL", "accounts-url", "MasStack accounts API root `URL` with its version; unset, the vendor is disabled", text{&v.Accounts.URL}},
		{"OVGRAPH_ACCOUNTS_ROLES", "accounts-roles", "x-auth-roles header of the accounts calls (`roles`)", text{&v.Accounts.Roles}},
		{"OVGRAPH_APTIC_URL", "aptic-url", "Aptic gateway root `URL` (…/APIGW); unset, the vendor is disabled", text{&v.Aptic.URL}},
		{"OVGRAPH_APTIC_CLIENT_ID", "aptic-client-id", "Aptic OAuth2 client `id`; unset, no token is sent", text{&v.Aptic.ClientID}},
		{"OVGRAPH_APTIC_TOKEN_URL", "aptic-token-url", "Aptic token endpoint `URL`; unset, the gateway root + " + aptic.TokenPath, text{&v.Aptic.TokenURL}},
		{"OVGRAPH_APTIC_CREDITOR_IBAN", "aptic-creditor-iban", "the operator's creditor `IBAN`: the receiving account of the mandates pushed to Aptic; unset, " + aptic.DefaultCreditorIBAN + " (the sandbox's)", text{&v.Aptic.CreditorIBAN}},
	}
	out = append(out, policy("accounts", "accounts", &v.Accounts.Policy)...)
	out = append(out, policy("aptic", "aptic", &v.Aptic.Policy)...)
	return append(out, setting{"OVGRAPH_VENDOR_REQUEST_DEADLINE", "vendor-request-deadline",
		"how long the vendor calls of one request may take together (a positive `duration`)", positiveDuration{&v.RequestDeadline}})
}

// secrets are the vendor settings read from the environment only.
func (v *Vendors) secrets() map[string]*string {
	return map[string]*string{
		"OVGRAPH_ACCOUNTS_TOKEN":      &v.Accounts.Token,
		"OVGRAPH_APTIC_CLIENT_SECRET": &v.Aptic.ClientSecret,
	}
}

// check reports URLs that are not absolute http(s) URLs.
func (v Vendors) check() []error {
	var errs []error
	for _, u := range []struct{ env, value string }{
		{"OVGRAPH_ACCOUNTS_URL", v.Accounts.URL}, {"OVGRAPH_APTIC_URL", v.Aptic.URL},
		{"OVGRAPH_APTIC_TOKEN_URL", v.Aptic.TokenURL},
	} {
		if u.value == "" {
			continue
		}
		if p, err := url.Parse(u.value); err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			errs = append(errs, fmt.Errorf("%s: not an http or https URL", u.env))
		}
	}
	if iban := strings.ToUpper(strings.ReplaceAll(v.Aptic.CreditorIBAN, " ", "")); iban != "" && !ibanShape.MatchString(iban) {
		errs = append(errs, errors.New("OVGRAPH_APTIC_CREDITOR_IBAN: not an IBAN"))
	}
	if v.Aptic.ClientSecret != "" && v.Aptic.ClientID == "" {
		errs = append(errs, errors.New("OVGRAPH_APTIC_CLIENT_SECRET is set without OVGRAPH_APTIC_CLIENT_ID"))
	}
	return errs
}

func (v Vendors) accountsConfig() accounts.Config {
	return accounts.Config{BaseURL: v.Accounts.URL, Token: v.Accounts.Token, Roles: v.Accounts.Roles,
		Policy: v.Accounts.Policy.policy()}
}

// ibanShape is the form of an IBAN: country, check digits, up to 30 letters and digits.
var ibanShape = regexp.MustCompile(`^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$`)

func (v Vendors) apticConfig() aptic.Config {
	return aptic.Config{BaseURL: v.Aptic.URL, ClientID: v.Aptic.ClientID, ClientSecret: v.Aptic.ClientSecret,
		TokenURL: v.Aptic.TokenURL, Policy: v.Aptic.Policy.policy(), CreditorIBAN: strings.ToUpper(strings.ReplaceAll(v.Aptic.CreditorIBAN, " ", ""))}
}

// clients builds the two vendor clients; a vendor without a URL gets a disabled one.
func (v Vendors) clients() (*accounts.Client, *aptic.Client, error) {
	ac, err := accounts.New(v.accountsConfig())
	if err != nil {
		return nil, nil, fmt.Errorf("accounts client: %w", err)
	}
	ap, err := aptic.New(v.apticConfig())
	if err != nil {
		return nil, nil, fmt.Errorf("aptic client: %w", err)
	}
	return ac, ap, nil
}

// urlHost is the host of a vendor URL for the logs (no path, query or credentials), or
// "disabled" without one.
func urlHost(raw string) string {
	if raw == "" {
		return "disabled"
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "(invalid)"
	}
	return u.Host
}

// logAttrs say which vendors are configured: their hosts and whether credentials are set, never
// the credentials.
func (v Vendors) logAttrs() []any {
	set := func(s string) bool { return s != "" }
	return []any{
		"accounts", urlHost(v.Accounts.URL), "accounts_token_set", set(v.Accounts.Token),
		"aptic", urlHost(v.Aptic.URL), "aptic_client_credentials_set", set(v.Aptic.ClientID) && set(v.Aptic.ClientSecret),
	}
}

// String shows the vendor settings: URLs as their hosts, credentials masked.
func (v Vendors) String() string {
	var b strings.Builder
	for _, s := range v.settings() {
		val := s.value.String()
		switch s.env {
		case "OVGRAPH_ACCOUNTS_URL", "OVGRAPH_APTIC_URL", "OVGRAPH_APTIC_TOKEN_URL":
			if val != "" {
				val = urlHost(val)
			}
		case "OVGRAPH_APTIC_CLIENT_ID":
			val = mask(val)
		}
		fmt.Fprintf(&b, " %s=%s", strings.ToLower(strings.TrimPrefix(s.env, "OVGRAPH_")), val)
	}
	fmt.Fprintf(&b, " accounts_token=%s aptic_client_secret=%s", mask(v.Accounts.Token), mask(v.Aptic.ClientSecret))
	return b.String()
}

// mask shows whether a secret is set, never the secret.
func mask(s string) string {
	if s == "" {
		return ""
	}
	return "***"
}

// text is a flag.Value for a string setting.
type text struct{ p *string }

func (t text) String() string {
	if t.p == nil {
		return ""
	}
	return *t.p
}

func (t text) Set(s string) error { *t.p = s; return nil }

// positiveDuration is a flag.Value for a time.Duration above 0.
type positiveDuration struct{ p *time.Duration }

func (d positiveDuration) String() string {
	if d.p == nil {
		return "0s"
	}
	return shortDuration(*d.p)
}

func (d positiveDuration) Set(s string) error {
	v, err := time.ParseDuration(s)
	if err != nil || v <= 0 {
		return fmt.Errorf("is not a positive duration (such as 500ms, 2s or 1m)")
	}
	*d.p = v
	return nil
}

// retries is a number of retries: a whole number from 0 (none) to 10.
type retries struct{ p *int }

func (r retries) String() string {
	if r.p == nil {
		return "0"
	}
	return strconv.Itoa(*r.p)
}

func (r retries) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 10 {
		return errors.New("is not a whole number from 0 to 10")
	}
	*r.p = n
	return nil
}
