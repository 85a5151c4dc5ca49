package rest

import (
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/go-chi/chi/v5"
	"github.com/vektah/gqlparser/v2/ast"

	"ovgraph/graph"
)

// ErrorWriter answers a client-visible error in the API's documented form.
type ErrorWriter func(w http.ResponseWriter, err *graph.Error)

// API is a documented REST API: its routes, their documents and its error form.
type API struct {
	Name   string
	Routes []Route
	// Documents holds each route's document, plus fragments.graphql with the fragments the
	// documents spread.
	Documents fs.FS
	// Schema validates the documents when the handler is built.
	Schema     *ast.Schema
	WriteError ErrorWriter
	// Info, when set, has the handler serve the API's OpenAPI document at OpenAPIPath.
	Info *OpenAPIInfo
}

// Handler returns a router serving every route of the API, relative to its base path, and the
// API's OpenAPI document when it has Info. It fails when a route's document is missing, invalid
// against the schema, or does not match the route's variables, or when the OpenAPI document
// cannot be written, so a broken table stops the server at start-up rather than a caller at run
// time.
func (a API) Handler(exec graphql.GraphExecutor, log *slog.Logger) (http.Handler, error) {
	r := chi.NewRouter()
	r.NotFound(func(w http.ResponseWriter, _ *http.Request) { a.WriteError(w, graph.NotFound()) })
	seen := map[string]bool{}
	for _, route := range a.Routes {
		key := route.Method + " " + route.Path
		if seen[key] {
			return nil, fmt.Errorf("%s: route %s appears twice", a.Name, key)
		}
		seen[key] = true
		doc, err := a.Document(route)
		if err != nil {
			return nil, err
		}
		r.Method(route.Method, route.Path, &endpoint{api: a, route: route, document: doc, exec: exec, log: log})
	}
	if a.Info != nil {
		if seen[http.MethodGet+" "+OpenAPIPath] {
			return nil, fmt.Errorf("%s: a route takes %s", a.Name, OpenAPIPath)
		}
		serve, err := a.openAPIHandler()
		if err != nil {
			return nil, err
		}
		r.Get(OpenAPIPath, serve)
	}
	return r, nil
}
