// Package sandbox serves stand-ins for the two vendor systems ovgraph calls, MasStack accounts v4
// and Aptic customers, from server stubs that oapi-codegen generates from the vendors' contracts
// (accountsapi, apticapi). Its data is linked to the demo customers of
// adapters/postgres/seed/demo.sql, lives in memory (a restart or POST /_sandbox/reset starts it
// afresh) and changes with every write. Each vendor can be told to fail (faults.go).
package sandbox

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"ovgraph/adapters/sandbox/accountsapi"
	"ovgraph/adapters/sandbox/apticapi"
)

// The base paths under which the sandbox serves each vendor; a vendor's URL for ovgraph is the
// sandbox's address followed by its base path (OVGRAPH_ACCOUNTS_URL, OVGRAPH_APTIC_URL).
const (
	AccountsBasePath = "/accounts/v4"
	ApticBasePath    = "/aptic/APIGW"
)

// The vendors as faults and errors name them (the `extensions.vendor` values of issue 10).
const (
	VendorAccounts = "accounts"
	VendorAptic    = "aptic"
)

// Config sets up a sandbox.
type Config struct {
	// Faults are the failure modes the sandbox starts with, by vendor.
	Faults map[string]Fault
	// TokenTTL is how long an Aptic access token is said to last (expires_in); 1 h when zero.
	TokenTTL time.Duration
	// Now is the clock (time.Now when nil); tests pin it.
	Now func() time.Time
	// Logger logs requests that fail; slog.Default when nil.
	Logger *slog.Logger
}

// Sandbox is one sandbox: both vendors' data, their faults and the HTTP handler serving them.
type Sandbox struct {
	cfg      Config
	log      *slog.Logger
	accounts *accountsStore
	aptic    *apticStore
	faults   *faults
	handler  http.Handler

	closeOnce sync.Once
	closing   chan struct{}
}

// New builds a sandbox holding the demo data.
func New(cfg Config) *Sandbox {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.TokenTTL <= 0 {
		cfg.TokenTTL = time.Hour
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	s := &Sandbox{
		cfg:      cfg,
		log:      cfg.Logger,
		accounts: newAccountsStore(cfg.Now),
		aptic:    newApticStore(cfg.Now),
		faults:   newFaults(cfg.Faults),
		closing:  make(chan struct{}),
	}
	s.handler = s.routes()
	return s
}

// ServeHTTP serves both vendors, the Aptic token endpoint and the admin endpoints.
func (s *Sandbox) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Close releases the requests held by the "hang" fault, so that a server can shut down.
func (s *Sandbox) Close() { s.closeOnce.Do(func() { close(s.closing) }) }

// Reset restores the demo data and clears every fault.
func (s *Sandbox) Reset() {
	s.accounts.reset()
	s.aptic.reset()
	s.faults.clear()
}

func (s *Sandbox) routes() http.Handler {
	mux := http.NewServeMux()

	accounts := accountsapi.HandlerWithOptions(
		accountsapi.NewStrictHandlerWithOptions(&accountsServer{store: s.accounts}, nil, accountsapi.StrictHTTPServerOptions{
			RequestErrorHandlerFunc:  accountsRequestError,
			ResponseErrorHandlerFunc: s.accountsResponseError,
		}),
		accountsapi.StdHTTPServerOptions{BaseRouter: http.NewServeMux(), ErrorHandlerFunc: accountsRequestError},
	)
	mux.Handle(AccountsBasePath+"/", s.faults.middleware(VendorAccounts, s.closing, accountsFault,
		http.StripPrefix(AccountsBasePath, requireBearer(accountsUnauthorized, accounts))))

	aptic := apticapi.HandlerWithOptions(
		apticapi.NewStrictHandlerWithOptions(&apticServer{store: s.aptic}, nil, apticapi.StrictHTTPServerOptions{
			RequestErrorHandlerFunc:  apticRequestError,
			ResponseErrorHandlerFunc: s.apticResponseError,
		}),
		apticapi.StdHTTPServerOptions{BaseRouter: http.NewServeMux(), ErrorHandlerFunc: apticRequestError},
	)
	apticMux := http.NewServeMux()
	apticMux.HandleFunc("POST "+apticTokenPath, s.apticToken)
	apticMux.Handle("/", requireBearer(apticUnauthorized, aptic))
	mux.Handle(ApticBasePath+"/", s.faults.middleware(VendorAptic, s.closing, apticFault,
		http.StripPrefix(ApticBasePath, apticMux)))

	mux.HandleFunc("GET /_sandbox/faults", s.getFaults)
	mux.HandleFunc("POST /_sandbox/faults", s.postFault)
	mux.HandleFunc("DELETE /_sandbox/faults", s.deleteFaults)
	mux.HandleFunc("POST /_sandbox/reset", func(w http.ResponseWriter, _ *http.Request) {
		s.Reset()
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("GET /_sandbox/health", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	return mux
}

// requireBearer answers with unauthorized unless the request carries `Authorization: Bearer <token>`
// with a non-empty token. The sandbox checks no signature: any token passes.
func requireBearer(unauthorized func(http.ResponseWriter, string), next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
			unauthorized(w, "a bearer token is required: Authorization: Bearer <token>")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// writeJSON answers with v as JSON, as application/json unless a content type is set already.
func writeJSON(w http.ResponseWriter, status int, v any) {
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// waitOrClose blocks for d, or until ctx ends or the sandbox closes; it reports whether the whole
// delay passed.
func waitOrClose(ctx context.Context, closing <-chan struct{}, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
	case <-closing:
	}
	return false
}
