package rest

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/go-chi/chi/v5"
	"github.com/vektah/gqlparser/v2/ast"

	"ovgraph/graph"
)

// API is a documented REST API, as data.
type API struct {
	// Name names the API in errors and logs.
	Name string
	// BasePath is where the API is mounted; it is its OpenAPI document's server.
	BasePath string
	Routes   []Route
	// Documents holds each route's document, plus fragments.graphql with the fragments the
	// documents spread.
	Documents fs.FS
	// Schema validates the documents when the handler is built.
	Schema *ast.Schema
	// Info describes the API in its OpenAPI document, served at OpenAPIPath.
	Info OpenAPIInfo
	// Errors is the API's error form.
	Errors Dialect
	// MaxBodyBytes caps the API's request bodies; a larger one answers 413. The handler's Config
	// may lower the cap, never raise it. Zero leaves the cap to Config.
	MaxBodyBytes int64
}

// APIs are the APIs the shim serves.
func APIs() []API {
	return []API{ABTCustomersAPI(), SECustomersAPI(), SEOrdersAPI()}
}

// Config is what the handlers of the APIs are built with.
type Config struct {
	// Exec runs the documents; it must be set up as the GraphQL endpoint's is.
	Exec graphql.GraphExecutor
	Log  *slog.Logger
	// MaxBodyBytes is the server's cap on request bodies, which applies to every API as well.
	MaxBodyBytes int64
}

// DefaultMaxBodyBytes caps request bodies when neither the API nor the Config does.
const DefaultMaxBodyBytes = 1 << 20

// maxBodyBytes is the cap on the API's request bodies: the lower of its own and the Config's.
func (a API) maxBodyBytes(cfg Config) int64 {
	limit := a.MaxBodyBytes
	if limit <= 0 || cfg.MaxBodyBytes > 0 && cfg.MaxBodyBytes < limit {
		limit = cfg.MaxBodyBytes
	}
	if limit <= 0 {
		limit = DefaultMaxBodyBytes
	}
	return limit
}

// Mount serves each API under its base path. It builds every handler first and fails, with all
// the problems found, when one cannot be built or two APIs share a base path.
func Mount(r chi.Router, apis []API, cfg Config) error {
	var errs []error
	handlers := map[string]http.Handler{}
	for _, a := range apis {
		if _, ok := handlers[a.BasePath]; ok {
			errs = append(errs, fmt.Errorf("%s: base path %s is taken", a.Name, a.BasePath))
			continue
		}
		h, err := a.Handler(cfg)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		handlers[a.BasePath] = h
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	for path, h := range handlers {
		r.Mount(path, h)
	}
	return nil
}

// Handler returns a router serving every route of the API, relative to its base path, and the
// API's OpenAPI document at OpenAPIPath, written once here; it also validates each request. It
// fails when a route's document is missing, invalid against the schema, or does not match the
// route's variables, when the OpenAPI document cannot be written or the error form is incomplete,
// so a broken table stops the server at start-up rather than a caller at run time.
func (a API) Handler(cfg Config) (http.Handler, error) {
	if err := a.Errors.check(); err != nil {
		return nil, fmt.Errorf("%s: %w", a.Name, err)
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	r := chi.NewRouter()
	r.NotFound(func(w http.ResponseWriter, _ *http.Request) { a.Errors.Write(w, graph.NotFound()) })
	doc, err := a.OpenAPI()
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, route := range a.Routes {
		key := route.Method + " " + route.Path
		if seen[key] {
			return nil, fmt.Errorf("%s: route %s appears twice", a.Name, key)
		}
		seen[key] = true
		text, err := a.Document(route)
		if err != nil {
			return nil, err
		}
		op, err := operation(doc, route)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", a.Name, err)
		}
		r.Method(route.Method, route.Path, &endpoint{api: a, route: route, document: text, op: op,
			exec: cfg.Exec, log: cfg.Log, maxBodyBytes: a.maxBodyBytes(cfg)})
	}
	if seen[http.MethodGet+" "+OpenAPIPath] {
		return nil, fmt.Errorf("%s: a route takes %s", a.Name, OpenAPIPath)
	}
	serve, err := a.openAPIHandler(doc)
	if err != nil {
		return nil, err
	}
	r.Get(OpenAPIPath, func(w http.ResponseWriter, req *http.Request) {
		if gerr := authenticate(req.Context(), Application); gerr != nil {
			a.Errors.Write(w, gerr)
			return
		}
		serve(w, req)
	})
	return r, nil
}
