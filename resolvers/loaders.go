package resolvers

import (
	"context"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/graph-gophers/dataloader/v7"

	"ovgraph/adapters/postgres"
	"ovgraph/graph"
)

// loaders are built per operation, so nothing memoised outlives a request or crosses users.
// Profiles load by id (node) and by customer number (customer, me, payloads), so aliased root
// fields batch; each child list of a profile has one, keyed by the profile id. A batch is one
// `= ANY($1)` statement.
type loaders struct {
	pages *pages
	self  *self
	lists *childLists

	customerByID        *dataloader.Loader[int64, *graph.Customer]
	customerByNumber    *dataloader.Loader[int64, *graph.Customer]
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

// newLoaders builds the loaders of the operation whose context is ctx.
func newLoaders(ctx context.Context, s Store, wait time.Duration) *loaders {
	p := &pages{byID: map[int64]*page{}}
	l := &loaders{
		pages:               p,
		self:                &self{},
		statusesByCustomer:  childrenOf(p, wait, s.StatusesByCustomers, statusOwner, toGraphStatus),
		addressesByCustomer: childrenOf(p, wait, s.AddressesByCustomers, addressOwner, toGraphAddress),
		phonesByCustomer:    childrenOf(p, wait, s.PhonesByCustomers, phoneOwner, toGraphPhone),
		chipCardsByCustomer: childrenOf(p, wait, s.ChipCardsByCustomers, chipCardOwner, toGraphChipCard),
		tokensByCustomer:    childrenOf(p, wait, s.TokensByCustomers, tokenOwner, toGraphToken),
		billingByCustomer:   childrenOf(p, wait, s.BillingByCustomers, billingOwner, toGraphBilling),
		mandatesByCustomer:  childrenOf(p, wait, s.MandatesByCustomers, mandateOwner, toGraphMandate),
		auditByCustomer:     childrenOf(p, wait, s.AuditByCustomers, auditOwner, toGraphAudit),
	}
	l.lists = &childLists{ctx: ctx, l: l}
	l.customerByID = byKey(wait, s.CustomersByIDs, func(c postgres.CustomerView) int64 { return c.ID }, l.customer)
	l.customerByNumber = byKey(wait, s.CustomersByNumbers,
		func(c postgres.CustomerView) int64 { return c.CustomerNumber }, l.customer)
	return l
}

// customer is the graph's profile of row, whose child lists load through these loaders.
func (l *loaders) customer(row postgres.CustomerView) *graph.Customer {
	return toGraphCustomer(row, l.lists)
}

// childLists are the graph.ChildLists of an operation: its child loaders, under its context
// (the fields that ask have none: see graph.ChildLists).
type childLists struct {
	ctx context.Context
	l   *loaders
}

func (c *childLists) CustomerStatuses(id int) ([]*graph.CustomerStatus, error) {
	return c.l.statusesByCustomer.Load(c.ctx, int64(id))()
}

func (c *childLists) Addresses(id int) ([]*graph.Address, error) {
	return c.l.addressesByCustomer.Load(c.ctx, int64(id))()
}

func (c *childLists) Phones(id int) ([]*graph.Phone, error) {
	return c.l.phonesByCustomer.Load(c.ctx, int64(id))()
}

func (c *childLists) OvChipCards(id int) ([]*graph.OvChipCard, error) {
	return c.l.chipCardsByCustomer.Load(c.ctx, int64(id))()
}

func (c *childLists) OvPayTokens(id int, ovPayTokenID *int, xBot, xTat, ovpasNumber *string) ([]*graph.OvPayToken, error) {
	all, err := c.l.tokensByCustomer.Load(c.ctx, int64(id))()
	if err != nil {
		return nil, err
	}
	return ovPayTokens(all, ovPayTokenID, xBot, xTat, ovpasNumber), nil
}

func (c *childLists) BillingInformation(id int) ([]*graph.BillingInformation, error) {
	return c.l.billingByCustomer.Load(c.ctx, int64(id))()
}

func (c *childLists) DirectDebitMandates(id int) ([]*graph.DirectDebitMandate, error) {
	return c.l.mandatesByCustomer.Load(c.ctx, int64(id))()
}

func (c *childLists) Audit(id int) ([]*graph.AuditEntry, error) {
	return c.l.auditByCustomer.Load(c.ctx, int64(id))()
}

// The profile each child row belongs to.
func statusOwner(r postgres.StatusesByCustomersRow) int64 { return r.CustomerProfileID }
func addressOwner(r postgres.AddressView) int64           { return r.CustomerProfileID }
func phoneOwner(r postgres.PhoneView) int64               { return r.CustomerProfileID }
func chipCardOwner(r postgres.OvChipCard) int64           { return r.CustomerProfileID }
func tokenOwner(r postgres.TokenView) int64               { return r.CustomerProfileID }
func billingOwner(r postgres.BillingInformation) int64    { return r.CustomerProfileID }
func mandateOwner(r postgres.MandateView) int64           { return r.CustomerProfileID }
func auditOwner(r postgres.AuditByCustomersRow) int64     { return derefInt64(r.CustomerProfileID) }

// prefetch reads the wanted child lists of a page of profiles in one statement and primes the
// child loaders with them, so the page's child fields load from the cache without a batch or its
// wait. When the read fails nothing is primed and the loaders read as they would have.
func (l *loaders) prefetch(ctx context.Context, s Store, ids []int64, want postgres.ChildLists) {
	if len(ids) == 0 || want == (postgres.ChildLists{}) {
		return
	}
	c, err := s.PageChildren(ctx, ids, want)
	if err != nil {
		return
	}
	prime(ctx, want.Statuses, l.statusesByCustomer, ids, c.Statuses, statusOwner, toGraphStatus)
	prime(ctx, want.Addresses, l.addressesByCustomer, ids, c.Addresses, addressOwner, toGraphAddress)
	prime(ctx, want.Phones, l.phonesByCustomer, ids, c.Phones, phoneOwner, toGraphPhone)
	prime(ctx, want.ChipCards, l.chipCardsByCustomer, ids, c.ChipCards, chipCardOwner, toGraphChipCard)
	prime(ctx, want.Tokens, l.tokensByCustomer, ids, c.Tokens, tokenOwner, toGraphToken)
	prime(ctx, want.Billing, l.billingByCustomer, ids, c.Billing, billingOwner, toGraphBilling)
	prime(ctx, want.Mandates, l.mandatesByCustomer, ids, c.Mandates, mandateOwner, toGraphMandate)
	prime(ctx, want.Audit, l.auditByCustomer, ids, c.Audit, auditOwner, toGraphAudit)
}

// warm starts the loads of the child lists want of the profile id without waiting for them. The
// list fields of a profile resolve one after another (see graph.ChildLists), so a profile that
// was not prefetched would otherwise wait for a batch per list; warmed, the lists come from
// batches that run together, and profiles resolved side by side (aliased root fields) still
// share them.
func (l *loaders) warm(ctx context.Context, id int64, want postgres.ChildLists) {
	if want.Statuses {
		l.statusesByCustomer.Load(ctx, id)
	}
	if want.Addresses {
		l.addressesByCustomer.Load(ctx, id)
	}
	if want.Phones {
		l.phonesByCustomer.Load(ctx, id)
	}
	if want.ChipCards {
		l.chipCardsByCustomer.Load(ctx, id)
	}
	if want.Tokens {
		l.tokensByCustomer.Load(ctx, id)
	}
	if want.Billing {
		l.billingByCustomer.Load(ctx, id)
	}
	if want.Mandates {
		l.mandatesByCustomer.Load(ctx, id)
	}
	if want.Audit {
		l.auditByCustomer.Load(ctx, id)
	}
}

// prime gives every key of ids its child list from rows (an empty one when it has none).
func prime[Row, Out any](ctx context.Context, want bool, l *dataloader.Loader[int64, []Out], ids []int64, rows []Row,
	key func(Row) int64, conv func(Row) Out) {
	if !want {
		return
	}
	grouped := make(map[int64][]Out, len(ids))
	for _, r := range rows {
		grouped[key(r)] = append(grouped[key(r)], conv(r))
	}
	for _, id := range ids {
		list := grouped[id]
		if list == nil {
			list = []Out{}
		}
		l.Prime(ctx, id, list)
	}
}

// forget drops everything the loaders hold. A write calls it: the fields of the same document
// that come after it (its payload, the next mutation) read what the write left, not what was
// loaded before.
func (l *loaders) forget() {
	l.pages.reset()
	l.self.forget()
	l.customerByID.ClearAll()
	l.customerByNumber.ClearAll()
	l.statusesByCustomer.ClearAll()
	l.addressesByCustomer.ClearAll()
	l.phonesByCustomer.ClearAll()
	l.chipCardsByCustomer.ClearAll()
	l.tokensByCustomer.ClearAll()
	l.billingByCustomer.ClearAll()
	l.mandatesByCustomer.ClearAll()
	l.auditByCustomer.ClearAll()
}

// newLoader builds a loader on a batch function. A key whose result is an error (the database
// unreachable for a moment, the request's deadline passed) leaves the cache before its result is
// delivered, so the next load of it asks again instead of failing for the rest of the operation;
// dataloader v7.1 has no NewSkipCacheError to say so per result. A key without rows is no failure:
// it loads as nil or an empty list and stays cached.
func newLoader[V any](wait time.Duration, batch dataloader.BatchFunc[int64, V]) *dataloader.Loader[int64, V] {
	var l *dataloader.Loader[int64, V]
	l = dataloader.NewBatchedLoader(func(ctx context.Context, keys []int64) []*dataloader.Result[V] {
		out := batch(ctx, keys)
		for i, r := range out {
			if r.Error != nil {
				l.Clear(ctx, keys[i])
			}
		}
		return out
	},
		dataloader.WithWait[int64, V](wait),
		dataloader.WithBatchCapacity[int64, V](maxBatch),
	)
	return l
}

// pages records which profiles were listed together on one page of a connection. A child loader
// fetches the children of a whole page in its first batch that touches the page, so a page costs
// one statement per child list however the keys of its nodes happen to be split into batches
// (gqlgen resolves list items concurrently, and a short wait can cut a page in two).
type pages struct {
	mu   sync.Mutex
	byID map[int64]*page
}

type page struct{ ids []int64 }

// add records the profiles of one page.
func (p *pages) add(ids []int64) {
	if len(ids) < 2 {
		return
	}
	pg := &page{ids: ids}
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, id := range ids {
		if _, seen := p.byID[id]; !seen {
			p.byID[id] = pg
		}
	}
}

// reset forgets every page. The child loaders key their page fetches by page, so a page listed
// after a reset is fetched anew.
func (p *pages) reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.byID = map[int64]*page{}
}

func (p *pages) of(id int64) *page {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.byID[id]
}

// pageFetch is the fetch of a page's children by one loader: it runs once if it succeeds, and
// again on the next batch that needs it if it failed.
type pageFetch[Out any] struct {
	mu      sync.Mutex
	grouped map[int64][]Out
	done    bool
}

func (f *pageFetch[Out]) get(fetch func() (map[int64][]Out, error)) (map[int64][]Out, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.done {
		grouped, err := fetch()
		if err != nil {
			return nil, err
		}
		f.grouped, f.done = grouped, true
	}
	return f.grouped, nil
}

// childrenOf builds a loader of the child list of each key: one statement for the keys of a
// batch that lie on no page, one per page for the rest, rows grouped by key, an empty list for a
// key with no rows.
func childrenOf[Row, Out any](pgs *pages, wait time.Duration, fetch func(context.Context, []int64) ([]Row, error),
	key func(Row) int64, conv func(Row) Out) *dataloader.Loader[int64, []Out] {
	group := func(ctx context.Context, ids []int64) (map[int64][]Out, error) {
		rows, err := fetch(ctx, ids)
		if err != nil {
			return nil, err
		}
		grouped := make(map[int64][]Out, len(ids))
		for _, r := range rows {
			grouped[key(r)] = append(grouped[key(r)], conv(r))
		}
		return grouped, nil
	}
	var mu sync.Mutex
	fetched := map[*page]*pageFetch[Out]{}
	batch := func(ctx context.Context, keys []int64) []*dataloader.Result[[]Out] {
		found := map[int64][]Out{}
		var loose []int64
		var failed error
		for _, k := range keys {
			pg := pgs.of(k)
			if pg == nil {
				loose = append(loose, k)
				continue
			}
			mu.Lock()
			f, ok := fetched[pg]
			if !ok {
				f = &pageFetch[Out]{}
				fetched[pg] = f
			}
			mu.Unlock()
			grouped, err := f.get(func() (map[int64][]Out, error) { return group(ctx, pg.ids) })
			if err != nil {
				failed = err
				continue
			}
			found[k] = grouped[k]
		}
		if len(loose) > 0 {
			grouped, err := group(ctx, loose)
			if err != nil {
				failed = err
			}
			for _, k := range loose {
				found[k] = grouped[k]
			}
		}
		out := make([]*dataloader.Result[[]Out], len(keys))
		for i, k := range keys {
			if failed != nil {
				out[i] = &dataloader.Result[[]Out]{Error: failed}
				continue
			}
			list := found[k]
			if list == nil {
				list = []Out{}
			}
			out[i] = &dataloader.Result[[]Out]{Data: list}
		}
		return out
	}
	return newLoader(wait, batch)
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
	return newLoader(wait, batch)
}

type loadersKey struct{}

// WithLoaders gives every operation a fresh set of loaders.
func WithLoaders(s Store, wait time.Duration) graphql.OperationMiddleware {
	return func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return next(context.WithValue(ctx, loadersKey{}, newLoaders(ctx, s, wait)))
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
