// Command ovgraph serves the ovgraph GraphQL API, its playground and the REST shim of the
// documented touchpoint APIs. Run without a command, or with -h, it lists its commands (usage).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"ovgraph/adapters/auth"
	"ovgraph/adapters/postgres"
)

const usage = `ovgraph serves the ovgraph GraphQL API, its playground and the REST shim of the
documented touchpoint APIs.

Usage:
  ovgraph serve [--demo] [flags]   apply the migrations, load the demo data once with --demo, serve
  ovgraph migrate [flags]          apply the database migrations and exit
  ovgraph token --scope touchpoint[,staff] [--sub S] | --customer N [--ttl 24h]
                                   print a development token signed with OVGRAPH_JWT_SECRET; a
                                   customer token's sub is the demo subject of customer N
  ovgraph help                     print this text

'ovgraph <command> -h' lists a command's flags and the environment variables they stand for.
`

// errUsage is a command line without a command: the usage is printed, the exit status is 2.
var errUsage = errors.New("no command")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	switch {
	case errors.Is(err, errUsage):
		os.Exit(2)
	case err != nil:
		fmt.Fprintln(os.Stderr, "ovgraph:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	cmd, args := args[0], args[1:]
	var err error
	switch cmd {
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	case "serve":
		err = serve(ctx, args, getenv, stdout, stderr)
	case "migrate":
		err = migrate(ctx, args, getenv, stderr)
	case "token":
		err = token(args, getenv, stdout, stderr)
	default:
		if strings.HasPrefix(cmd, "-") {
			return fmt.Errorf("flag %s before a command: give the command first, as in 'ovgraph serve %s' (ovgraph -h lists the commands)",
				cmd, strings.Join(append([]string{cmd}, args...), " "))
		}
		return fmt.Errorf("unknown command %q: the commands are serve, migrate and token (ovgraph -h)", cmd)
	}
	if errors.Is(err, flag.ErrHelp) {
		return nil // the command printed its flags
	}
	return err
}

func newLogger(format string, w io.Writer) *slog.Logger {
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

func migrate(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	url := fs.String("database-url", getenv("DATABASE_URL"), "PostgreSQL URL (DATABASE_URL)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("migrate takes no arguments, got %q", fs.Args())
	}
	if *url == "" {
		return errors.New("DATABASE_URL is not set")
	}
	store, err := postgres.Open(ctx, postgres.Config{URL: *url})
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
	gcPercent, memoryLimit := tuneGC(getenv)
	log.Info("garbage collector", "gogc_default", gcPercent, "gomemlimit_default_bytes", memoryLimit)

	verifier, err := auth.NewVerifier(ctx, cfg.verifierConfig(log))
	if err != nil {
		return err
	}
	store, err := postgres.Open(ctx, cfg.Limits.storeConfig(cfg.DB.URL))
	if err != nil {
		return err
	}
	defer store.Close()
	if err := store.Migrate(ctx); err != nil {
		return err
	}
	if cfg.Demo {
		loaded, err := store.LoadDemo(ctx)
		if err != nil {
			return err
		}
		if loaded {
			log.Info("demo data loaded")
		} else {
			log.Info("demo data present already")
		}
	}

	// The vendor clients: a vendor without a URL gets a disabled one (its calls fail at once).
	accountsClient, apticClient, err := cfg.Vendors.clients()
	if err != nil {
		return err
	}
	log.Info("vendors", cfg.Vendors.logAttrs()...)

	ln, err := net.Listen("tcp", cfg.HTTP.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	d := deps{store: store, verifier: verifier, log: log, limits: cfg.Limits, draining: &atomic.Bool{}}
	d.accounts, d.aptic, d.vendorDeadline = accountsClient, apticClient, cfg.Vendors.RequestDeadline
	d.development, d.mail = cfg.development(), cfg.mailSender()
	if d.development {
		log.Warn("development mode: the one-time password 000000 is accepted (OVGRAPH_MODE)")
	}
	if d.mail == nil {
		log.Info("no mail server (OVGRAPH_SMTP_ADDR): e-mail stays unsent in the outbox")
	}
	jc, err := d.withJobs()
	if err != nil {
		return err
	}
	if err := jc.Start(ctx); err != nil {
		return fmt.Errorf("start jobs: %w", err)
	}
	if cfg.Demo && cfg.Auth.Secret != "" {
		printDevAccess(stdout, ln.Addr().String(), cfg)
	}
	log.Info("serving", "addr", ln.Addr().String())
	err = serveUntil(ctx, ln, newHandler(d), cfg.Limits, d.draining, log)
	// Jobs running now get the shutdown grace to finish; those still running then are cancelled
	// and rolled back, and run again after a restart or on another replica.
	grace, cancel := context.WithTimeout(context.Background(), cfg.Limits.ShutdownGrace)
	defer cancel()
	if stopErr := jc.Stop(grace); stopErr != nil {
		log.Warn("background jobs did not stop cleanly", "error", stopErr.Error())
	}
	return err
}

// printDevAccess prints what a developer needs to try the demo: the playground URL and tokens.
func printDevAccess(w io.Writer, addr string, cfg Config) {
	sign := func(subject string, scopes ...string) (string, error) {
		return auth.Sign([]byte(cfg.Auth.Secret), auth.SignOptions{Subject: subject, Scopes: scopes,
			Issuer: cfg.Auth.Issuer, Audience: cfg.Auth.Audience, TTL: cfg.Auth.MaxLifetime})
	}
	tp, err1 := sign("touchpoint-dev", auth.ScopeTouchpoint)
	cu, err2 := sign(postgres.DemoSubject(1000001))
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

// token prints a development token signed with OVGRAPH_JWT_SECRET for OVGRAPH_JWT_ISSUER and
// OVGRAPH_JWT_AUDIENCE, the settings the server checks tokens against.
func token(args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("token", flag.ContinueOnError)
	fs.SetOutput(stderr)
	scope := fs.String("scope", "", "make an application token with these scopes: touchpoint, or touchpoint,staff for the staff portal")
	customer := fs.Int64("customer", 0, "make a customer token for the demo customer with this number")
	subject := fs.String("sub", "touchpoint-dev", "subject of an application token")
	ttl := fs.Duration("ttl", auth.DefaultMaxLifetime, "lifetime (at most OVGRAPH_JWT_MAX_LIFETIME)")
	err := fs.Parse(args)
	if err != nil {
		return err
	}
	opts := auth.SignOptions{Issuer: getenv("OVGRAPH_JWT_ISSUER"), Audience: getenv("OVGRAPH_JWT_AUDIENCE"), TTL: *ttl}
	secret := getenv("OVGRAPH_JWT_SECRET")
	var missing []string
	for name, v := range map[string]string{"OVGRAPH_JWT_SECRET": secret, "OVGRAPH_JWT_ISSUER": opts.Issuer,
		"OVGRAPH_JWT_AUDIENCE": opts.Audience} {
		if v == "" {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return fmt.Errorf("set %s", strings.Join(missing, ", "))
	}
	maxLifetime := auth.DefaultMaxLifetime
	if v := getenv("OVGRAPH_JWT_MAX_LIFETIME"); v != "" {
		if maxLifetime, err = time.ParseDuration(v); err != nil {
			return fmt.Errorf("OVGRAPH_JWT_MAX_LIFETIME: %w", err)
		}
	}
	if *ttl > maxLifetime {
		return fmt.Errorf("lifetime %s is longer than the server accepts (OVGRAPH_JWT_MAX_LIFETIME %s)", *ttl, maxLifetime)
	}
	switch {
	case *customer > 0 && *scope == "":
		opts.Subject = postgres.DemoSubject(*customer)
	case *scope != "" && *customer == 0:
		opts.Subject = *subject
		opts.Scopes = strings.FieldsFunc(*scope, func(r rune) bool { return r == ',' || r == ' ' })
		if err := checkScopes(opts.Scopes); err != nil {
			return err
		}
	default:
		return errors.New("give either --scope touchpoint or --customer N")
	}
	tok, err := auth.Sign([]byte(secret), opts)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, tok)
	return nil
}

// tokenScopes are the scopes the server knows.
var tokenScopes = []string{auth.ScopeTouchpoint, auth.ScopeStaff}

// checkScopes refuses scopes the server does not know, and an application token without
// touchpoint, which the server would refuse.
func checkScopes(scopes []string) error {
	for _, s := range scopes {
		if !slices.Contains(tokenScopes, s) {
			return fmt.Errorf("unknown scope %q: the scopes are %s", s, strings.Join(tokenScopes, ", "))
		}
	}
	if !slices.Contains(scopes, auth.ScopeTouchpoint) {
		return fmt.Errorf("an application token needs scope %s: the server refuses one without it", auth.ScopeTouchpoint)
	}
	return nil
}
