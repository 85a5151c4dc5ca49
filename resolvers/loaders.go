package resolvers

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/graph-gophers/dataloader/v7"

	"ovgraph/adapters/postgres"
	"ovgraph/graph"
)

// loaders are built per operation, so nothing memoised outlives a request or crosses users.
// Each child list of a profile has one, keyed by the profile id; a batch is one `= ANY($1)`
// statement.
type loaders struct {
	customerByID        *dataloader.Loader[int64, *graph.Customer]
	statusesByCustomer  *dataloader.Loader[int64, []*graph.CustomerStatus]
	addressesByCustomer *dataloader.Loader[int64, []*graph.Address]
	phonesByCustomer    *dataloader.Loader[int64, []*graph.Phone]
	chipCardsByCustomer *dataloader.Loader[int64, []*graph.OvChipCard]
	tokensByCustomer    *dataloader.Loader[int64, []*graph.OvPayToken]
	billingByCustomer   *dataloader.Loader[int64, []*graph.BillingInformation]
	mandatesByCustomer  *dataloader.Loader[int64, []*graph.DirectDebitMandate]
	auditByCustomer     *dataloader.Loader[int64, []*graph.AuditEntry]
}

// maxBatch is the largest batch a loader runs: the largest page of customers.
const maxBatch = maxPageSize

func newLoaders(s *postgres.Store, wait time.Duration) *loaders {
	return &loaders{
		customerByID: byKey(wait, s.CustomersByIDs, func(c postgres.Customer) int64 { return c.ID }, toGraphCustomer),
		statusesByCustomer: childrenOf(wait, s.StatusesByCustomers,
			func(r postgres.Status) int64 { return r.CustomerProfileID }, toGraphStatus),
		addressesByCustomer: childrenOf(wait, s.AddressesByCustomers,
			func(r postgres.Address) int64 { return r.CustomerProfileID }, toGraphAddress),
		phonesByCustomer: childrenOf(wait, s.PhonesByCustomers,
			func(r postgres.Phone) int64 { return r.CustomerProfileID }, toGraphPhone),
		chipCardsByCustomer: childrenOf(wait, s.ChipCardsByCustomers,
			func(r postgres.ChipCard) int64 { return r.CustomerProfileID }, toGraphChipCard),
		tokensByCustomer: childrenOf(wait, s.TokensByCustomers,
			func(r postgres.Token) int64 { return r.CustomerProfileID }, toGraphToken),
		billingByCustomer: childrenOf(wait, s.BillingByCustomers,
			func(r postgres.Billing) int64 { return r.CustomerProfileID }, toGraphBilling),
		mandatesByCustomer: childrenOf(wait, s.MandatesByCustomers,
			func(r postgres.Mandate) int64 { return r.CustomerProfileID }, toGraphMandate),
		auditByCustomer: childrenOf(wait, s.AuditByCustomers,
			func(r postgres.Audit) int64 { return derefInt64(r.CustomerProfileID) }, toGraphAudit),
	}
}

func loaderOptions[V any](wait time.Duration) []dataloader.Option[int64, V] {
	return []dataloader.Option[int64, V]{
		dataloader.WithWait[int64, V](wait),
		dataloader.WithBatchCapacity[int64, V](maxBatch),
	}
}

// childrenOf builds a loader of the child list of each key: one statement for the whole batch,
// rows grouped by key, an empty list for a key with no rows.
func childrenOf[Row, Out any](wait time.Duration, fetch func(context.Context, []int64) ([]Row, error),
	key func(Row) int64, conv func(Row) Out) *dataloader.Loader[int64, []Out] {
	batch := func(ctx context.Context, keys []int64) []*dataloader.Result[[]Out] {
		rows, err := fetch(ctx, keys)
		out := make([]*dataloader.Result[[]Out], len(keys))
		if err != nil {
			for i := range out {
				out[i] = &dataloader.Result[[]Out]{Error: err}
			}
			return out
		}
		grouped := make(map[int64][]Out, len(keys))
		for _, r := range rows {
			grouped[key(r)] = append(grouped[key(r)], conv(r))
		}
		for i, k := range keys {
			list := grouped[k]
			if list == nil {
				list = []Out{}
			}
			out[i] = &dataloader.Result[[]Out]{Data: list}
		}
		return out
	}
	return dataloader.NewBatchedLoader(batch, loaderOptions[[]Out](wait)...)
}

// byKey builds a loader of single objects by key; a missing key loads as nil.
func byKey[Row, Out any](wait time.Duration, fetch func(context.Context, []int64) ([]Row, error),
	key func(Row) int64, conv func(Row) Out) *dataloader.Loader[int64, Out] {
	batch := func(ctx context.Context, keys []int64) []*dataloader.Result[Out] {
		rows, err := fetch(ctx, keys)
		out := make([]*dataloader.Result[Out], len(keys))
		if err != nil {
			for i := range out {
				out[i] = &dataloader.Result[Out]{Error: err}
			}
			return out
		}
		found := make(map[int64]Out, len(rows))
		for _, r := range rows {
			found[key(r)] = conv(r)
		}
		for i, k := range keys {
			out[i] = &dataloader.Result[Out]{Data: found[k]}
		}
		return out
	}
	return dataloader.NewBatchedLoader(batch, loaderOptions[Out](wait)...)
}

type loadersKey struct{}

// WithLoaders gives every operation a fresh set of loaders.
func WithLoaders(s *postgres.Store, wait time.Duration) graphql.OperationMiddleware {
	return func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return next(context.WithValue(ctx, loadersKey{}, newLoaders(s, wait)))
	}
}

// loadersFor returns the operation's loaders.
func loadersFor(ctx context.Context) *loaders {
	l, ok := ctx.Value(loadersKey{}).(*loaders)
	if !ok {
		panic("resolvers: no loaders in context; is WithLoaders installed?")
	}
	return l
}
