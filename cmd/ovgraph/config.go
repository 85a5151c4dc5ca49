package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// Config is every setting of the server. Where a setting comes from, strongest first: a command
// line flag, then the environment variable, then the default below.
type Config struct {
	HTTP struct {
		Addr            string        // OVGRAPH_ADDR
		ShutdownTimeout time.Duration // OVGRAPH_SHUTDOWN_TIMEOUT
		MaxBodyBytes    int64         // OVGRAPH_MAX_BODY_BYTES
	}
	DB struct {
		URL string // DATABASE_URL
	}
	Auth struct {
		Secret   string // OVGRAPH_JWT_SECRET (HS256)
		JWKSFile string // OVGRAPH_JWKS_FILE (RS256 public keys)
	}
	Log struct {
		Format string // OVGRAPH_LOG_FORMAT: text or json
	}
	// Demo loads the demo customers (once) before serving.
	Demo bool
}

func defaultConfig() Config {
	var c Config
	c.HTTP.Addr = "127.0.0.1:8080"
	c.HTTP.ShutdownTimeout = 10 * time.Second
	c.HTTP.MaxBodyBytes = 1 << 20
	c.Log.Format = "text"
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
	env(&c.Log.Format, "OVGRAPH_LOG_FORMAT")
	var errs []error
	if v := getenv("OVGRAPH_SHUTDOWN_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("OVGRAPH_SHUTDOWN_TIMEOUT: %w", err))
		}
		c.HTTP.ShutdownTimeout = d
	}

	if v := getenv("OVGRAPH_MAX_BODY_BYTES"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			errs = append(errs, fmt.Errorf("OVGRAPH_MAX_BODY_BYTES: %q is not a positive number of bytes", v))
		} else {
			c.HTTP.MaxBodyBytes = n
		}
	}

	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&c.HTTP.Addr, "addr", c.HTTP.Addr, "listen address (OVGRAPH_ADDR)")
	fs.StringVar(&c.DB.URL, "database-url", c.DB.URL, "PostgreSQL URL (DATABASE_URL)")
	fs.StringVar(&c.Auth.JWKSFile, "jwks-file", c.Auth.JWKSFile, "JWKS file with RS256 keys (OVGRAPH_JWKS_FILE)")
	fs.StringVar(&c.Log.Format, "log-format", c.Log.Format, "text or json (OVGRAPH_LOG_FORMAT)")
	fs.BoolVar(&c.Demo, "demo", false, "load the demo customers once before serving")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if c.DB.URL == "" {
		errs = append(errs, errors.New("DATABASE_URL is not set"))
	}
	if c.Auth.Secret == "" && c.Auth.JWKSFile == "" {
		errs = append(errs, errors.New("set OVGRAPH_JWT_SECRET or OVGRAPH_JWKS_FILE"))
	}
	if c.Log.Format != "text" && c.Log.Format != "json" {
		errs = append(errs, fmt.Errorf("log format %q: want text or json", c.Log.Format))
	}
	return c, errors.Join(errs...)
}

// String shows the effective configuration with secrets masked.
func (c Config) String() string {
	mask := func(s string) string {
		if s == "" {
			return ""
		}
		return "***"
	}
	db := "(invalid)"
	if pc, err := pgconn.ParseConfig(c.DB.URL); err == nil {
		db = fmt.Sprintf("%s@%s:%d/%s", pc.User, pc.Host, pc.Port, pc.Database)
	}
	return fmt.Sprintf("addr=%s database_url=%s jwt_secret=%s jwks_file=%s log_format=%s demo=%t",
		c.HTTP.Addr, db, mask(c.Auth.Secret), c.Auth.JWKSFile, c.Log.Format, c.Demo)
}
