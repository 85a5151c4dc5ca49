// Command vendor-sandbox serves stand-ins for ovgraph's two vendor systems, MasStack accounts v4
// (under /accounts/v4) and Aptic customers (under /aptic/APIGW), with data linked to the demo
// customers, until SIGINT or SIGTERM. `make run` starts it when no vendor URL is configured. See
// the README, "Vendor sandbox".
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
	"syscall"
	"time"

	"ovgraph/adapters/sandbox"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, "vendor-sandbox:", err)
		os.Exit(1)
	}
}

func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("vendor-sandbox", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", envOr("OVGRAPH_SANDBOX_ADDR", "127.0.0.1:8091"), "listen address (env OVGRAPH_SANDBOX_ADDR)")
	accountsFault := fs.String("accounts-fault", "none", "MasStack's failure mode at start: none, hang, error, garbage, slow[:delay]")
	apticFault := fs.String("aptic-fault", "none", "Aptic's failure mode at start: none, hang, error, garbage, slow[:delay]")
	tokenTTL := fs.Duration("token-ttl", time.Hour, "lifetime (expires_in) of the Aptic access tokens")
	if err := fs.Parse(args); err != nil {
		return err
	}
	faults := map[string]sandbox.Fault{}
	for vendor, s := range map[string]string{sandbox.VendorAccounts: *accountsFault, sandbox.VendorAptic: *apticFault} {
		f, err := sandbox.ParseFault(s)
		if err != nil {
			return fmt.Errorf("-%s-fault: %w", vendor, err)
		}
		faults[vendor] = f
	}

	log := slog.New(slog.NewTextHandler(stderr, nil))
	sb := sandbox.New(sandbox.Config{Faults: faults, TokenTTL: *tokenTTL, Logger: log})
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           sb,
		ReadHeaderTimeout: 5 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	base := "http://" + ln.Addr().String()
	log.Info("vendor sandbox listening",
		"accounts_url", base+sandbox.AccountsBasePath, "aptic_url", base+sandbox.ApticBasePath,
		"faults", base+"/_sandbox/faults")

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("vendor sandbox stopping")
	sb.Close() // release the requests a "hang" fault holds
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	return nil
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}
