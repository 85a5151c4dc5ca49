package main

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"ovgraph/adapters/rest"
	"ovgraph/resolvers"
)

// mountREST mounts the REST shim of each served API under its documented base path. The shim
// runs its documents on an executor set up exactly as /graphql is (loaders, presenter, limits).
func mountREST(r chi.Router, d deps, authn func(http.Handler) http.Handler) {
	exec := resolvers.NewExecutor(d.resolverDeps())
	r.With(authn).Mount(rest.ABTCustomersBasePath, rest.ABTCustomers(exec, d.log))
}
