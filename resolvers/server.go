package resolvers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/executor"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"ovgraph/adapters/postgres"
	"ovgraph/graph"
)

// Options tune the executable schema. The Max fields bound one document (see limits); 0 means
// no cap.
type Options struct {
	// LoaderWait is how long a loader gathers keys before it runs its batch.
	LoaderWait time.Duration
	// MaxTokens caps the tokens of a document (names, punctuation, values, comments).
	MaxTokens int
	// MaxDepth caps how deep fields nest, through fragments.
	MaxDepth int
	// MaxAliases caps the aliased fields of an operation, through fragments.
	MaxAliases int
	// MaxComplexity caps an operation's complexity: one per field, a page of customers its size
	// times what each selects.
	MaxComplexity int
	// MaxErrors caps the errors of an answer; one more says how many were left out.
	MaxErrors int
	// Development accepts the one-time password 000000 besides the code sent (make run);
	// production (false) never does.
	Development bool
}

// DefaultOptions are the settings the server runs with. The largest documents it serves are
// the REST shim's (the SE orders documents, at most 329 tokens, depth 8 and 8 aliases; the
// customers APIs' complexity 5,701 for a page of 100 full profiles) and GraphiQL's introspection
// query (180 tokens, depth 15). The costliest
// document under 600 tokens takes tens of milliseconds to validate (BenchmarkRefusal).
var DefaultOptions = Options{LoaderWait: time.Millisecond, MaxTokens: 600, MaxDepth: 15,
	MaxAliases: 30, MaxComplexity: 10000, MaxErrors: 50}

// Schema returns the executable schema on d.
func Schema(d Deps) graphql.ExecutableSchema {
	cfg := graph.Config{
		Resolvers:  &Resolver{Deps: d},
		Directives: graph.DirectiveRoot{Constraint: graph.Constraint},
	}
	cfg.Complexity.Query.Customers = customersComplexity
	return graph.NewExecutableSchema(cfg)
}

// configurable is what *handler.Server and *executor.Executor have in common, so /graphql and
// the REST shim run with the same policy, loaders, presenter, limits and recover func.
type configurable interface {
	Use(graphql.HandlerExtension)
	AroundOperations(graphql.OperationMiddleware)
	AroundRootFields(graphql.RootFieldMiddleware)
	SetErrorPresenter(graphql.ErrorPresenterFunc)
	SetRecoverFunc(graphql.RecoverFunc)
	SetQueryCache(graphql.Cache[*ast.QueryDocument])
}

func configure(c configurable, d Deps) {
	r := &Resolver{Deps: d}
	log := d.Log
	c.Use(newLimits(d.Options))
	c.AroundOperations(WithLoaders(d.Store, d.GBO, d.Options.LoaderWait))
	c.AroundRootFields(r.enforcePolicy)
	c.SetErrorPresenter(presenter(log))
	c.SetRecoverFunc(func(ctx context.Context, p any) error {
		log.ErrorContext(ctx, "resolver panic", "panic", fmt.Sprint(p), "correlation_id", graph.CorrelationID(ctx))
		return graph.NewError(graph.CodeInternal, graph.InternalMessage)
	})
	c.SetQueryCache(lru.New[*ast.QueryDocument](1000))
}

// NewHandler returns the /graphql HTTP handler: GraphQL over HTTP as its specification says
// (transport.go), and OPTIONS.
func NewHandler(d Deps) *handler.Server {
	srv := handler.New(Schema(d))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(httpTransport{log: d.Log})
	srv.Use(extension.Introspection{})
	configure(srv, d)
	return srv
}

// NewExecutor returns an in-process executor of the same schema, set up as NewHandler is.
func NewExecutor(d Deps) *executor.Executor {
	ex := executor.New(Schema(d))
	ex.Use(extension.Introspection{})
	configure(ex, d)
	return ex
}

// TimeoutMessage is the answer to a request that ran out of time, in the database or as a whole.
const TimeoutMessage = "The request took too long and was stopped; try again."

// presenter passes coded errors through and masks everything else as INTERNAL, logging it once.
// The store's sentinels are mapped as storeError maps them, for reads as for writes; a database
// that cannot be reached is logged, as an operator has to act on it.
func presenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		var ge *graph.Error
		if errors.As(storeError(err), &ge) {
			if ge.Code == graph.CodeUpstreamUnavailable || ge.Code == graph.CodeUpstreamTimeout {
				msg := err.Error()
				if ge.Cause != nil {
					msg = ge.Cause.Error()
				}
				log.ErrorContext(ctx, "upstream unavailable", "code", string(ge.Code), "vendor", ge.Extra[graph.ExtVendor],
					"error", msg, "path", graphql.GetPath(ctx).String(), "correlation_id", graph.CorrelationID(ctx))
			}
			out := ge.GQLError()
			var located *gqlerror.Error
			if errors.As(err, &located) {
				out.Path, out.Locations = located.Path, located.Locations
			}
			if out.Path == nil {
				out.Path = graphql.GetPath(ctx)
			}
			// A scalar that refuses a value does not know its field; the path of the coercion does.
			if ge.Code == graph.CodeBadUserInput && ge.Field == "" && len(out.Path) > 1 {
				out.Extensions["field"] = graph.InputField(out.Path)
			}
			return out
		}
		var gqlErr *gqlerror.Error
		if errors.As(err, &gqlErr) {
			switch gqlErr.Extensions["code"] {
			case errcode.ValidationFailed, errcode.ParseFailed:
				out := *gqlErr
				out.Extensions = map[string]any{"code": string(graph.CodeBadUserInput)}
				if len(out.Path) > 1 && out.Path[0] == ast.PathName("variable") {
					out.Extensions["field"] = graph.InputField(out.Path)
				}
				return &out
			}
		}
		if postgres.IsTimeout(err) {
			// A deadline or a timeout of the database (a lock held too long): retrying may help.
			log.WarnContext(ctx, "timed out", "error", err.Error(), "path", graphql.GetPath(ctx).String(),
				"correlation_id", graph.CorrelationID(ctx))
			out := graph.NewError(graph.CodeUpstreamUnavailable, TimeoutMessage).GQLError()
			out.Path = graphql.GetPath(ctx)
			return out
		}
		log.ErrorContext(ctx, "internal error", "error", err.Error(), "path", graphql.GetPath(ctx).String(),
			"correlation_id", graph.CorrelationID(ctx))
		return &gqlerror.Error{
			Message:    graph.InternalMessage,
			Path:       graphql.GetPath(ctx),
			Extensions: map[string]any{"code": string(graph.CodeInternal)},
		}
	}
}
