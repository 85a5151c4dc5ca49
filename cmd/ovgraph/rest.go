package main

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"ovgraph/adapters/rest"
	"ovgraph/resolvers"
)

// mountREST mounts the REST shim of each served API under its documented base path. The shim
// runs its documents on an executor set up exactly as /graphql is (loaders, presenter, limits),
// and caps request bodies as the server does.
func mountREST(r chi.Router, d deps, authn func(http.Handler) http.Handler) {
	cfg := rest.Config{
		Exec:         resolvers.NewExecutor(d.resolverDeps()),
		Log:          d.log,
		MaxBodyBytes: d.limits.MaxBodyBytes,
	}
	if err := rest.Mount(r.With(authn), rest.APIs(), cfg); err != nil {
		// The tests of adapters/rest build every API, so only a broken build gets here.
		panic(err)
	}
}
