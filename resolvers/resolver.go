// Package resolvers orchestrates the graph: it checks who may do what, validates input, runs
// reads through per-request loaders and writes in one transaction with an audit row, all on the
// postgres adapter. It knows nothing of REST or HTTP.
package resolvers

//go:generate go tool gqlgen generate

import (
	"context"
	"log/slog"
	"time"

	"ovgraph/adapters/postgres"
)

// Store is what the resolvers need of the database: single reads, the loaders' batch reads and
// transactions. *postgres.Store is one.
type Store interface {
	InTx(ctx context.Context, fn func(q *postgres.Queries) error) error

	CustomerByNumber(ctx context.Context, number int64) (postgres.Customer, error)
	CustomerBySubject(ctx context.Context, subject string) (postgres.Self, error)
	SearchCustomers(ctx context.Context, f postgres.CustomerFilter, after *int64, limit int) ([]postgres.CustomerPage, error)
	Lookups(ctx context.Context, t postgres.LookupTable) ([]postgres.Lookup, error)
	CustomerStatusTypes(ctx context.Context) ([]postgres.StatusType, error)
	AddressByID(ctx context.Context, profileID, id int64) (postgres.Address, error)
	PhoneByID(ctx context.Context, profileID, id int64) (postgres.Phone, error)
	ChipCardByID(ctx context.Context, profileID, id int64) (postgres.ChipCard, error)
	TokenByID(ctx context.Context, profileID, id int64) (postgres.Token, error)
	BillingByID(ctx context.Context, profileID, id int64) (postgres.Billing, error)
	MandateByID(ctx context.Context, profileID, id int64) (postgres.Mandate, error)

	CustomersByIDs(ctx context.Context, ids []int64) ([]postgres.Customer, error)
	StatusesByCustomers(ctx context.Context, ids []int64) ([]postgres.Status, error)
	AddressesByCustomers(ctx context.Context, ids []int64) ([]postgres.Address, error)
	PhonesByCustomers(ctx context.Context, ids []int64) ([]postgres.Phone, error)
	ChipCardsByCustomers(ctx context.Context, ids []int64) ([]postgres.ChipCard, error)
	TokensByCustomers(ctx context.Context, ids []int64) ([]postgres.Token, error)
	BillingByCustomers(ctx context.Context, ids []int64) ([]postgres.Billing, error)
	MandatesByCustomers(ctx context.Context, ids []int64) ([]postgres.Mandate, error)
	AuditByCustomers(ctx context.Context, ids []int64) ([]postgres.Audit, error)
}

var _ Store = (*postgres.Store)(nil)

// Deps are everything the resolvers depend on, in one struct: a new adapter is one field here and
// one line where cmd builds it, not a new parameter of every constructor.
type Deps struct {
	Store Store
	Log   *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Options tune the executable schema.
	Options Options
}

// Resolver is the root of every resolver; it holds the dependencies and nothing else.
type Resolver struct {
	Deps
}

func (r *Resolver) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}
