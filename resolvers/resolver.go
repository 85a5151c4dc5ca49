// Package resolvers orchestrates the graph: it checks who may do what, validates input, runs
// reads through per-request loaders and writes in one transaction with an audit row, all on the
// postgres adapter. It knows nothing of REST or HTTP.
package resolvers

//go:generate go tool gqlgen generate

import (
	"log/slog"

	"ovgraph/adapters/postgres"
)

// Resolver holds the dependencies of every resolver.
type Resolver struct {
	Store *postgres.Store
	Log   *slog.Logger
}
