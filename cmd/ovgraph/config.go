package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"ovgraph/adapters/auth"
	"ovgraph/adapters/mail"
)

// Config is every setting of the server. Where a setting comes from, strongest first: a command
// line flag, then the environment variable, then the default below.
type Config struct {
	HTTP struct {
		Addr string // OVGRAPH_ADDR
	}
	DB struct {
		URL string // DATABASE_URL
	}
	Auth struct {
		Secret      string        // OVGRAPH_JWT_SECRET (HS256, at least 32 bytes)
		JWKSFile    string        // OVGRAPH_JWKS_FILE (public keys, read at start-up)
		JWKSURL     string        // OVGRAPH_JWKS_URL (public keys, fetched and refreshed)
		Issuer      string        // OVGRAPH_JWT_ISSUER: the iss every token must carry
		Audience    string        // OVGRAPH_JWT_AUDIENCE: the aud every token must name
		MaxLifetime time.Duration // OVGRAPH_JWT_MAX_LIFETIME: the longest a token may be valid
		Leeway      time.Duration // OVGRAPH_JWT_LEEWAY: the clock skew tolerated
	}
	Log struct {
		Format string // OVGRAPH_LOG_FORMAT: text or json
	}
	// Limits bound what a request may cost and how long anything may take (limits.go).
	Limits Limits
	// Vendors is how the vendor systems are reached (vendors.go).
	Vendors Vendors
	// Demo loads the demo customers (once) before serving.
	Demo bool
	// Mode is development or production (OVGRAPH_MODE); development (make run) accepts the
	// one-time password 000000.
	Mode string
	// Mail is how e-mail of the outbox is sent (the one-time passwords).
	Mail struct {
		SMTPAddr string // OVGRAPH_SMTP_ADDR: host:port of an SMTP relay; unset, e-mail stays in the outbox
		From     string // OVGRAPH_MAIL_FROM: the sender's address
	}
}

// Modes of the server.
const (
	modeDevelopment = "development"
	modeProduction  = "production"
)

// development tells whether the server runs in development mode.
func (c Config) development() bool { return c.Mode == modeDevelopment }

// mailSender is how the server sends e-mail; nil (no OVGRAPH_SMTP_ADDR) leaves it in the outbox.
func (c Config) mailSender() mail.Sender {
	if c.Mail.SMTPAddr == "" {
		return nil
	}
	return mail.SMTP{Addr: c.Mail.SMTPAddr, From: c.Mail.From}
}

func defaultConfig() Config {
	var c Config
	c.HTTP.Addr = "127.0.0.1:8080"
	c.Limits = defaultLimits()
	c.Vendors = defaultVendors()
	c.Auth.MaxLifetime = auth.DefaultMaxLifetime
	c.Auth.Leeway = auth.DefaultLeeway
	c.Log.Format = "text"
	c.Mode = modeProduction
	return c
}

// loadConfig reads the serve command's settings; it returns every problem at once.
func loadConfig(args []string, getenv func(string) string, usage io.Writer) (Config, error) {
	c := defaultConfig()
	env := func(dst *string, name string) {
		if v := getenv(name); v != "" {
			*dst = v
		}
	}
	env(&c.HTTP.Addr, "OVGRAPH_ADDR")
	env(&c.DB.URL, "DATABASE_URL")
	env(&c.Auth.Secret, "OVGRAPH_JWT_SECRET")
	env(&c.Auth.JWKSFile, "OVGRAPH_JWKS_FILE")
	env(&c.Auth.JWKSURL, "OVGRAPH_JWKS_URL")
	env(&c.Auth.Issuer, "OVGRAPH_JWT_ISSUER")
	env(&c.Auth.Audience, "OVGRAPH_JWT_AUDIENCE")
	env(&c.Log.Format, "OVGRAPH_LOG_FORMAT")
	env(&c.Mode, "OVGRAPH_MODE")
	env(&c.Mail.SMTPAddr, "OVGRAPH_SMTP_ADDR")
	env(&c.Mail.From, "OVGRAPH_MAIL_FROM")
	var errs []error
	duration := func(dst *time.Duration, name string) {
		if v := getenv(name); v != "" {
			d, err := time.ParseDuration(v)
			if err != nil || d < 0 {
				errs = append(errs, fmt.Errorf("%s: %q is not a duration", name, v))
				return
			}
			*dst = d
		}
	}
	duration(&c.Auth.MaxLifetime, "OVGRAPH_JWT_MAX_LIFETIME")
	duration(&c.Auth.Leeway, "OVGRAPH_JWT_LEEWAY")
	limits := append(c.Limits.settings(), c.Vendors.settings()...)
	for name, dst := range c.Vendors.secrets() {
		env(dst, name)
	}
	for _, s := range limits {
		if v := getenv(s.env); v != "" {
			if err := s.value.Set(v); err != nil {
				errs = append(errs, fmt.Errorf("%s: %q %v", s.env, v, err))
			}
		}
	}

	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&c.HTTP.Addr, "addr", c.HTTP.Addr, "listen address (OVGRAPH_ADDR)")
	fs.StringVar(&c.DB.URL, "database-url", c.DB.URL, "PostgreSQL URL (DATABASE_URL)")
	fs.StringVar(&c.Auth.JWKSFile, "jwks-file", c.Auth.JWKSFile, "JWKS file with public keys (OVGRAPH_JWKS_FILE)")
	fs.StringVar(&c.Auth.JWKSURL, "jwks-url", c.Auth.JWKSURL, "JWKS URL with public keys, refreshed (OVGRAPH_JWKS_URL)")
	fs.StringVar(&c.Auth.Issuer, "jwt-issuer", c.Auth.Issuer, "iss every token must carry (OVGRAPH_JWT_ISSUER)")
	fs.StringVar(&c.Auth.Audience, "jwt-audience", c.Auth.Audience, "aud every token must name (OVGRAPH_JWT_AUDIENCE)")
	fs.StringVar(&c.Log.Format, "log-format", c.Log.Format, "text or json (OVGRAPH_LOG_FORMAT)")
	fs.BoolVar(&c.Demo, "demo", false, "load the demo customers once before serving")
	fs.StringVar(&c.Mode, "mode", c.Mode, "production, or development: accepts the one-time password 000000 (OVGRAPH_MODE)")
	fs.StringVar(&c.Mail.SMTPAddr, "smtp-addr", c.Mail.SMTPAddr, "host:port of the SMTP relay e-mail is sent through; unset, it stays in the outbox (OVGRAPH_SMTP_ADDR)")
	fs.StringVar(&c.Mail.From, "mail-from", c.Mail.From, "sender address of e-mail (OVGRAPH_MAIL_FROM)")
	for _, s := range limits {
		fs.Var(s.value, s.flag, s.usage+" ("+s.env+")")
	}
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	errs = append(errs, c.Limits.check()...)
	errs = append(errs, c.Vendors.check()...)
	if c.DB.URL == "" {
		errs = append(errs, errors.New("DATABASE_URL is not set"))
	}
	if c.Auth.Secret == "" && c.Auth.JWKSFile == "" && c.Auth.JWKSURL == "" {
		errs = append(errs, errors.New("set OVGRAPH_JWT_SECRET, OVGRAPH_JWKS_FILE or OVGRAPH_JWKS_URL"))
	}
	if c.Auth.Secret != "" && len(c.Auth.Secret) < auth.MinSecretLength {
		errs = append(errs, fmt.Errorf("OVGRAPH_JWT_SECRET: at least %d bytes", auth.MinSecretLength))
	}
	if c.Auth.Issuer == "" || c.Auth.Audience == "" {
		errs = append(errs, errors.New("set OVGRAPH_JWT_ISSUER and OVGRAPH_JWT_AUDIENCE: tokens are checked against both"))
	}
	if c.Auth.MaxLifetime == 0 {
		errs = append(errs, errors.New("OVGRAPH_JWT_MAX_LIFETIME: must be positive"))
	}
	if c.Log.Format != "text" && c.Log.Format != "json" {
		errs = append(errs, fmt.Errorf("log format %q: want text or json", c.Log.Format))
	}
	if c.Mode != modeDevelopment && c.Mode != modeProduction {
		errs = append(errs, fmt.Errorf("OVGRAPH_MODE %q: want production or development", c.Mode))
	}
	if c.Mail.SMTPAddr != "" {
		if err := (mail.SMTP{Addr: c.Mail.SMTPAddr, From: c.Mail.From}).Check(); err != nil {
			errs = append(errs, fmt.Errorf("OVGRAPH_SMTP_ADDR, OVGRAPH_MAIL_FROM: %w", err))
		}
	}
	return c, errors.Join(errs...)
}

// verifierConfig is how the server checks tokens.
func (c Config) verifierConfig(log *slog.Logger) auth.Config {
	return auth.Config{
		Secret: []byte(c.Auth.Secret), JWKSFile: c.Auth.JWKSFile, JWKSURL: c.Auth.JWKSURL,
		Issuer: c.Auth.Issuer, Audience: c.Auth.Audience, MaxLifetime: c.Auth.MaxLifetime,
		Leeway: c.Auth.Leeway, Logger: log,
	}
}

// String shows the effective configuration with secrets masked.
func (c Config) String() string {
	db := "(invalid)"
	if pc, err := pgconn.ParseConfig(c.DB.URL); err == nil {
		db = fmt.Sprintf("%s@%s:%d/%s", pc.User, pc.Host, pc.Port, pc.Database)
	}
	var limits strings.Builder
	for _, s := range c.Limits.settings() {
		fmt.Fprintf(&limits, " %s=%s", strings.ToLower(strings.TrimPrefix(s.env, "OVGRAPH_")), s.value)
	}
	return fmt.Sprintf("addr=%s database_url=%s jwt_secret=%s jwks_file=%s jwks_url=%s jwt_issuer=%s "+
		"jwt_audience=%s jwt_max_lifetime=%s jwt_leeway=%s log_format=%s demo=%t mode=%s smtp_addr=%s mail_from=%s%s%s",
		c.HTTP.Addr, db, mask(c.Auth.Secret), c.Auth.JWKSFile, c.Auth.JWKSURL, c.Auth.Issuer,
		c.Auth.Audience, c.Auth.MaxLifetime, c.Auth.Leeway, c.Log.Format, c.Demo, c.Mode, c.Mail.SMTPAddr,
		c.Mail.From, limits.String(), c.Vendors.String())
}
