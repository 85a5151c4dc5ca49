package main

import (
	"net/http"

	"github.com/go-chi/chi/v5"
)

// mountREST mounts the REST shim of each served API under its documented base path.
func mountREST(r chi.Router, d deps, authn func(http.Handler) http.Handler) {}
