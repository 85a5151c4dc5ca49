package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"sync/atomic"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/google/uuid"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"ovgraph/adapters/accounts"
	"ovgraph/adapters/aptic"
	"ovgraph/adapters/auth"
	"ovgraph/adapters/jobs"
	"ovgraph/adapters/mail"
	"ovgraph/adapters/postgres"
	"ovgraph/cmd/ovgraph/playground"
	"ovgraph/graph"
	"ovgraph/resolvers"
)

// deps are what the HTTP handler is built from.
type deps struct {
	store    *postgres.Store
	verifier *auth.Verifier
	log      *slog.Logger
	limits   Limits
	// draining, once true, makes /readyz answer 503: the server is shutting down.
	draining *atomic.Bool
	// jobs enqueues background jobs; nil serves without them (writes that need one fail).
	jobs resolvers.Jobs
	// development accepts the one-time password 000000 (OVGRAPH_MODE=development).
	development bool
	// mail sends the outbox's e-mail; nil leaves it unsent in the outbox.
	mail mail.Sender
	// The vendor systems' clients (disabled ones without a URL) and the deadline of a request's
	// vendor calls; nil clients in tests that need no vendor.
	accounts       *accounts.Client
	aptic          *aptic.Client
	vendorDeadline time.Duration
}

// resolverDeps are the resolvers' dependencies, the same for /graphql and the REST shim.
func (d deps) resolverDeps() resolvers.Deps {
	o := d.limits.resolverOptions()
	o.Development = d.development
	return resolvers.Deps{Store: d.store, GBO: postgres.NewGBO(d.store), Jobs: d.jobs, Log: d.log,
		Options: o, Accounts: d.accounts, Aptic: d.aptic, VendorDeadline: d.vendorDeadline}
}

// withJobs gives d a client of background jobs (not started) and returns it. The resolvers
// enqueue jobs and the jobs run the resolvers' work: the jobs' resolver gets its dependencies,
// the same as the handler's, once the client exists.
func (d *deps) withJobs() (*jobs.Client, error) {
	work := &resolvers.Resolver{}
	outbox := &mail.Outbox{Store: d.store, Sender: d.mail, Log: d.log}
	jc, err := jobs.New(d.store.Pool(), d.limits.jobsConfig(d.log), work, jobs.WithMail(outbox),
		jobs.WithVendorSync(work))
	if err != nil {
		return nil, err
	}
	d.jobs = jc
	work.Deps = d.resolverDeps()
	return jc, nil
}

// The playground's first query.
const playgroundQuery = `# Put a token into the headers below: make run prints one, and so does
#   go run ./cmd/ovgraph token --scope touchpoint
query Customers {
  customers(first: 5) {
    totalCount
    nodes {
      customerNumber
      person { surname emailAddress addresses { postalCode } phones { number } }
      ovPayTokens { ovPayTokenId alias }
      billingInformation { iban }
      directDebitMandates { mandateReference mandateState }
    }
  }
}
`

// newHandler builds the whole HTTP surface: health, GraphQL, the playground and the REST shim,
// behind one middleware stack.
func newHandler(d deps) http.Handler {
	r := chi.NewRouter()
	r.Use(middleware.RequestID)
	r.Use(correlationID)
	r.Use(accessLog(d.log))
	r.Use(middleware.Recoverer)
	r.Use(deadline(d.limits.RequestTimeout))
	r.Use(bodyLimit(d.limits.MaxBodyBytes))

	r.Get("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	r.Get("/readyz", func(w http.ResponseWriter, req *http.Request) {
		ctx, cancel := context.WithTimeout(req.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if d.draining != nil && d.draining.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte("shutting down\n"))
			return
		}
		if err := d.store.Ready(ctx); err != nil {
			d.log.WarnContext(ctx, "not ready", "error", err.Error())
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte("not ready\n"))
			return
		}
		_, _ = w.Write([]byte("ready\n"))
	})

	authn := authenticate(d.verifier, d.log)
	gql := resolvers.NewHandler(d.resolverDeps())
	r.With(authn, requireApplication, refuseBatches).Handle("/graphql", gql)

	pg := playground.Handler(playground.Config{
		Endpoint:       "/graphql",
		DefaultQuery:   playgroundQuery,
		DefaultHeaders: `{"Authorization": "Bearer <touchpoint token>"}`,
	})
	r.Get("/", pg.ServeHTTP)
	r.Handle(playground.AssetPrefix+"*", pg)

	mountREST(r, d, authn)
	return r
}

var correlationPattern = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,128}$`)

// correlationID takes X-Correlation-ID from the request (or makes one), puts it in the context
// for the audit trail and logs, and echoes it on the response.
func correlationID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Correlation-ID")
		if !correlationPattern.MatchString(id) {
			id = uuid.NewString()
		}
		w.Header().Set("X-Correlation-ID", id)
		next.ServeHTTP(w, r.WithContext(graph.WithCorrelationID(r.Context(), id)))
	})
}

// accessLog writes one line per request.
func accessLog(log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
			next.ServeHTTP(ww, r)
			log.InfoContext(r.Context(), "request", "method", r.Method, "path", r.URL.Path,
				"status", ww.Status(), "bytes", ww.BytesWritten(),
				"duration_ms", time.Since(start).Milliseconds(),
				"request_id", middleware.GetReqID(r.Context()),
				"correlation_id", graph.CorrelationID(r.Context()))
		})
	}
}

// deadline gives every request a deadline d (none when d is 0): when it passes, the request's
// statements are cancelled and it answers with an error.
func deadline(d time.Duration) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		if d <= 0 {
			return next
		}
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx, cancel := context.WithTimeout(r.Context(), d)
			defer cancel()
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}

// batchMessage answers a JSON array of operations.
const batchMessage = "Batched operations are not supported: send one operation per request."

// refuseBatches answers a POST whose JSON body is an array (a batch of operations, which the
// server does not run) with 400 and BAD_USER_INPUT; the transport would fail to decode it.
func refuseBatches(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && r.Body != nil {
			body := bufio.NewReader(r.Body)
			r.Body = struct {
				io.Reader
				io.Closer
			}{body, r.Body}
			if firstByte(body) == '[' {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusBadRequest)
				_ = json.NewEncoder(w).Encode(map[string]any{
					"errors": []*gqlerror.Error{graph.NewError(graph.CodeBadUserInput, batchMessage).GQLError()},
				})
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// firstByte peeks at the first byte of body that is not JSON white space (0 if there is none
// in its first kilobyte).
func firstByte(body *bufio.Reader) byte {
	for n := 1; n <= 1024; n++ {
		b, err := body.Peek(n)
		if len(b) < n || err != nil {
			return 0
		}
		switch c := b[n-1]; c {
		case ' ', '\t', '\n', '\r':
		default:
			return c
		}
	}
	return 0
}

// bodyLimit caps request bodies.
func bodyLimit(n int64) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if n > 0 && r.Body != nil {
				r.Body = http.MaxBytesReader(w, r.Body, n)
			}
			next.ServeHTTP(w, r)
		})
	}
}
