// Command ovgraph serves the ovgraph GraphQL API, its playground and the REST shim of the
// documented touchpoint APIs.
//
//	ovgraph serve [--demo] [flags]   migrate, optionally load demo data, serve
//	ovgraph migrate                  apply the database migrations and exit
//	ovgraph token --scope touchpoint | --customer N [--ttl 24h]
//	                                 print a signed development token (OVGRAPH_JWT_SECRET); a
//	                                 customer token's sub is the demo subject of customer N
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"ovgraph/adapters/auth"
	"ovgraph/adapters/postgres"
	"ovgraph/resolvers"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "ovgraph:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serve(ctx, args, getenv, stdout, stderr)
	case "migrate":
		return migrate(ctx, getenv)
	case "token":
		return token(args, getenv, stdout, stderr)
	default:
		return fmt.Errorf("unknown command %q (serve, migrate, token)", cmd)
	}
}

func newLogger(format string, w io.Writer) *slog.Logger {
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

func migrate(ctx context.Context, getenv func(string) string) error {
	url := getenv("DATABASE_URL")
	if url == "" {
		return errors.New("DATABASE_URL is not set")
	}
	store, err := postgres.Open(ctx, postgres.Config{URL: url})
	if err != nil {
		return err
	}
	defer store.Close()
	return store.Migrate(ctx)
}

func serve(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, err := loadConfig(args, getenv, stderr)
	if err != nil {
		return err
	}
	log := newLogger(cfg.Log.Format, stderr)
	log.Info("starting", "config", cfg.String())

	verifier, err := auth.NewVerifier(auth.Config{Secret: []byte(cfg.Auth.Secret), JWKSFile: cfg.Auth.JWKSFile})
	if err != nil {
		return err
	}
	store, err := postgres.Open(ctx, postgres.Config{URL: cfg.DB.URL})
	if err != nil {
		return err
	}
	defer store.Close()
	if err := store.Migrate(ctx); err != nil {
		return err
	}
	if cfg.Demo {
		if err := store.SeedDemo(ctx); err != nil {
			return err
		}
		log.Info("demo data loaded")
	}

	ln, err := net.Listen("tcp", cfg.HTTP.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	srv := &http.Server{
		Handler: newHandler(deps{store: store, verifier: verifier, log: log,
			maxBodyBytes: cfg.HTTP.MaxBodyBytes, resolverOpts: resolvers.DefaultOptions}),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	if cfg.Demo && cfg.Auth.Secret != "" {
		printDevAccess(stdout, ln.Addr().String(), []byte(cfg.Auth.Secret))
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("serving", "addr", ln.Addr().String())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), cfg.HTTP.ShutdownTimeout)
	defer cancel()
	log.Info("shutting down")
	return srv.Shutdown(shutdown)
}

// printDevAccess prints what a developer needs to try the demo: the playground URL and tokens.
func printDevAccess(w io.Writer, addr string, secret []byte) {
	tp, err1 := auth.Sign(secret, "touchpoint-dev", []string{auth.ScopeTouchpoint}, 24*time.Hour)
	cu, err2 := auth.Sign(secret, postgres.DemoSubject(1000001), nil, 24*time.Hour)
	if err := errors.Join(err1, err2); err != nil {
		fmt.Fprintln(w, "dev tokens:", err)
		return
	}
	fmt.Fprintf(w, `
ovgraph is serving the demo data.
  Playground:        http://%s/
  Touchpoint token:  Authorization: Bearer %s
  Customer token:    X-HTM-JWT-AUTH-HEADER: %s   (customer 1000001, with the touchpoint token)
`, addr, tp, cu)
}

func token(args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("token", flag.ContinueOnError)
	fs.SetOutput(stderr)
	scope := fs.String("scope", "", "make an application token with these scopes: touchpoint, or touchpoint,staff for the staff portal")
	customer := fs.Int64("customer", 0, "make a customer token for the demo customer with this number")
	subject := fs.String("sub", "touchpoint-dev", "subject of a touchpoint token")
	ttl := fs.Duration("ttl", 24*time.Hour, "lifetime")
	if err := fs.Parse(args); err != nil {
		return err
	}
	secret := getenv("OVGRAPH_JWT_SECRET")
	if secret == "" {
		return errors.New("OVGRAPH_JWT_SECRET is not set")
	}
	var tok string
	var err error
	switch {
	case *customer > 0 && *scope == "":
		tok, err = auth.Sign([]byte(secret), postgres.DemoSubject(*customer), nil, *ttl)
	case *scope != "" && *customer == 0:
		tok, err = auth.Sign([]byte(secret), *subject, strings.FieldsFunc(*scope, func(r rune) bool { return r == ',' || r == ' ' }), *ttl)
	default:
		return errors.New("give either --scope touchpoint or --customer N")
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, tok)
	return nil
}
