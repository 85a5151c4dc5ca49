package resolvers

import (
	"context"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/graph-gophers/dataloader/v7"
	"github.com/jackc/pgx/v5/pgtype"

	"ovgraph/adapters/gbo"
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

	// tokenPages records the tokens listed together (the tokens of a page of profiles), so the
	// product instances of them all load in one statement.
	tokenPages      *pages
	productsByToken *dataloader.Loader[int64, []*graph.ProductInstance]
	cardByXTat      *dataloader.Loader[string, *gbo.Card]

	// Orders load per page of profiles (Customer.orders, one loader per page size and cursor);
	// the rest of the orders' loaders are built when an operation first asks (see orders).
	store            Store
	wait             time.Duration
	ordersMu         sync.Mutex
	ordersByCustomer map[orderPageArgs]*pageLists[customerOrderPage]
	ord              *orderLoaders
	// orderCount and ordersCounted: whether the document asks for Customer.orders' totalCount;
	// orderLists and listsSelected: whether it asks for Order.orderLines and
	// OrderLine.customerTokens.
	orderCount     sync.Once
	ordersCounted  bool
	orderListsOnce sync.Once
	listsSelected  [2]bool
	// orderLists reads the lines of orders and the tokens of lines (graph.OrderLists).
	orderLists *orderLists

	// The vendor fields' loaders and the start of the operation's vendor deadline.
	vendorState
}

// orderLists is the operation's graph.OrderLists: it reads through the order loaders that are
// current (a write makes them anew).
type orderLists struct {
	ctx context.Context
	l   *loaders
}

func (o *orderLists) OrderLines(orderKey int) ([]*graph.OrderLine, error) {
	return o.l.orders().linesByOrder.list(o.ctx, int64(orderKey))
}

func (o *orderLists) CustomerTokens(lineKey int) ([]*graph.CustomerToken, error) {
	return o.l.orders().tokensByLine.list(o.ctx, int64(lineKey))
}

// orderLoaders are the loaders of orders and their children. Orders load by their key (node),
// by their uuid (order, ProductInstance.order); the orders loaded together are recorded in
// orderPages, the lines loaded with them in linePages and their payments in payPages, so each
// child list of a page loads in one statement. Most operations never read an order: they are
// built on first use.
type orderLoaders struct {
	orderPages, linePages, payPages *pages
	orderByKey                      *dataloader.Loader[int64, *graph.Order]
	orderByUUID                     *dataloader.Loader[string, *graph.Order]
	historyByOrder                  *dataloader.Loader[int64, []*graph.OrderStatusEntry]
	linesByOrder                    *pageLists[*graph.OrderLine]
	paymentsByOrder                 *dataloader.Loader[int64, []*graph.Payment]
	customerAddressesByOrder        *dataloader.Loader[int64, []*graph.OrderCustomerAddress]
	termsByLine                     *dataloader.Loader[int64, []*graph.OrderLineTerms]
	accountingByLine                *dataloader.Loader[int64, []*graph.OrderAccountingStatus]
	tokensByLine                    *pageLists[*graph.CustomerToken]
	paymentStatusesByPayment        *dataloader.Loader[int64, []*graph.PaymentStatus]
	paymentByMandate                *dataloader.Loader[int64, *graph.Payment]
	// tokenByID reads the OVpay tokens customer tokens name: those named by the customer tokens
	// read together (tokenRefPages) in one statement.
	tokenRefPages *pages
	tokenByID     *pageLists[*graph.OvPayToken]
}

func newOrderLoaders(s Store, wait time.Duration, lists graph.OrderLists) *orderLoaders {
	op := &pages{byID: map[int64]*page{}}
	lp := &pages{byID: map[int64]*page{}}
	pp := &pages{byID: map[int64]*page{}}
	tp := &pages{byID: map[int64]*page{}}
	customerTokens := func(ctx context.Context, keys []int64) ([]postgres.CustomerTokensByLinesRow, error) {
		rows, err := s.CustomerTokensByLines(ctx, keys)
		if err == nil {
			ids := make([]int64, 0, len(rows))
			for _, r := range rows {
				if r.OvpayTokenID != nil {
					ids = append(ids, *r.OvpayTokenID)
				}
			}
			tp.add(ids)
		}
		return rows, err
	}
	lines := func(ctx context.Context, keys []int64) ([]postgres.LinesByOrdersRow, error) {
		rows, err := s.LinesByOrders(ctx, keys)
		if err == nil {
			lp.add(keysOf(rows, func(r postgres.LinesByOrdersRow) int64 { return r.ID }))
		}
		return rows, err
	}
	payments := func(ctx context.Context, keys []int64) ([]postgres.PaymentView, error) {
		rows, err := s.PaymentsByOrders(ctx, keys)
		if err == nil {
			pp.add(keysOf(rows, func(r postgres.PaymentView) int64 { return r.ID }))
		}
		return rows, err
	}
	return &orderLoaders{
		orderPages: op,
		linePages:  lp,
		payPages:   pp,
		orderByKey: byKey(wait, s.OrdersByIDs, func(o postgres.OrderView) int64 { return o.ID },
			func(v postgres.OrderView) *graph.Order { return toGraphOrder(v, lists) }),
		orderByUUID: newOrderByUUIDLoader(s, wait, lists),
		historyByOrder: childrenOf(op, wait, s.StatusHistoryByOrders,
			func(r postgres.StatusHistoryByOrdersRow) int64 { return r.SalesOrderID }, toGraphStatusEntry),
		linesByOrder: pageChildrenOf(op, wait, lines, func(r postgres.LinesByOrdersRow) int64 { return r.SalesOrderID },
			func(r postgres.LinesByOrdersRow) *graph.OrderLine { return toGraphOrderLine(r, lists) }),
		paymentsByOrder: childrenOf(op, wait, payments,
			func(r postgres.PaymentView) int64 { return r.SalesOrderID }, toGraphPayment),
		customerAddressesByOrder: childrenOf(op, wait, s.OrderCustomerAddressesByOrders,
			func(r postgres.OrderCustomerAddressesByOrdersRow) int64 { return r.SalesOrderID }, toGraphOrderCustomerAddress),
		termsByLine: childrenOf(lp, wait, s.TermsByLines, func(r postgres.OrderLineTerm) int64 { return r.OrderLineID }, toGraphTerms),
		accountingByLine: childrenOf(lp, wait, s.AccountingStatusesByLines,
			func(r postgres.AccountingStatusesByLinesRow) int64 { return r.OrderLineID }, toGraphAccountingStatus),
		tokensByLine: pageChildrenOf(lp, wait, customerTokens,
			func(r postgres.CustomerTokensByLinesRow) int64 { return r.OrderLineID }, toGraphCustomerToken),
		paymentStatusesByPayment: childrenOf(pp, wait, s.PaymentStatusesByPayments,
			func(r postgres.PaymentStatusesByPaymentsRow) int64 { return r.PaymentID }, toGraphPaymentStatus),
		paymentByMandate: byKey(wait, s.PaymentsByMandates,
			func(r postgres.PaymentView) int64 { return derefInt64(r.DirectDebitMandateID) }, toGraphPayment),
		tokenRefPages: tp,
		tokenByID:     pageChildrenOf(tp, wait, s.TokensByIDs, func(t postgres.TokenView) int64 { return t.ID }, toGraphToken),
	}
}

// orders returns the operation's order loaders, building them on first use (again after forget).
func (l *loaders) orders() *orderLoaders {
	l.ordersMu.Lock()
	defer l.ordersMu.Unlock()
	if l.ord == nil {
		l.ord = newOrderLoaders(l.store, l.wait, l.orderLists)
	}
	return l.ord
}

// maxBatch is the largest batch a loader runs: the largest page of customers.
const maxBatch = maxPageSize

// newLoaders builds the loaders of the operation whose context is ctx.
func newLoaders(ctx context.Context, s Store, backoffice gbo.Backoffice, wait time.Duration) *loaders {
	p := &pages{byID: map[int64]*page{}}
	tp := &pages{byID: map[int64]*page{}}
	tokens := func(ctx context.Context, ids []int64) ([]postgres.TokenView, error) {
		rows, err := s.TokensByCustomers(ctx, ids)
		if err == nil {
			tp.add(tokenIDs(rows))
		}
		return rows, err
	}
	l := &loaders{
		tokenPages:          tp,
		productsByToken:     childrenOf(tp, wait, s.ProductInstancesByTokens, productOwner, toGraphProductInstance),
		cardByXTat:          newCardLoader(backoffice, wait),
		pages:               p,
		self:                &self{},
		statusesByCustomer:  childrenOf(p, wait, s.StatusesByCustomers, statusOwner, toGraphStatus),
		addressesByCustomer: childrenOf(p, wait, s.AddressesByCustomers, addressOwner, toGraphAddress),
		phonesByCustomer:    childrenOf(p, wait, s.PhonesByCustomers, phoneOwner, toGraphPhone),
		chipCardsByCustomer: childrenOf(p, wait, s.ChipCardsByCustomers, chipCardOwner, toGraphChipCard),
		tokensByCustomer:    childrenOf(p, wait, tokens, tokenOwner, toGraphToken),
		billingByCustomer:   childrenOf(p, wait, s.BillingByCustomers, billingOwner, toGraphBilling),
		mandatesByCustomer:  childrenOf(p, wait, s.MandatesByCustomers, mandateOwner, toGraphMandate),
		auditByCustomer:     childrenOf(p, wait, s.AuditByCustomers, auditOwner, toGraphAudit),
		store:               s,
		wait:                wait,
		ordersByCustomer:    map[orderPageArgs]*pageLists[customerOrderPage]{},
		vendorState:         vendorState{started: time.Now()},
	}
	l.lists = &childLists{ctx: ctx, l: l}
	l.orderLists = &orderLists{ctx: ctx, l: l}
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

func (c *childLists) OvPayTokens(id int, f graph.TokenFilter) ([]*graph.OvPayToken, error) {
	all, err := c.l.tokensByCustomer.Load(c.ctx, int64(id))()
	if err != nil {
		return nil, err
	}
	return filterTokens(all, f), nil
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

func (c *childLists) Orders(id int, first *int, after *string) (*graph.OrderConnection, error) {
	return customerOrders(c.ctx, c.l, int64(id), first, after)
}

// The profile each child row belongs to.
func statusOwner(r postgres.StatusesByCustomersRow) int64       { return r.CustomerProfileID }
func addressOwner(r postgres.AddressView) int64                 { return r.CustomerProfileID }
func phoneOwner(r postgres.PhoneView) int64                     { return r.CustomerProfileID }
func chipCardOwner(r postgres.OvChipCard) int64                 { return r.CustomerProfileID }
func tokenOwner(r postgres.TokenView) int64                     { return r.CustomerProfileID }
func billingOwner(r postgres.BillingInformation) int64          { return r.CustomerProfileID }
func mandateOwner(r postgres.MandateView) int64                 { return r.CustomerProfileID }
func auditOwner(r postgres.AuditByCustomersRow) int64           { return derefInt64(r.CustomerProfileID) }
func productOwner(r postgres.ProductInstancesByTokensRow) int64 { return r.OvpayTokenID }

// prefetch reads the wanted child lists of a page of profiles in one statement and primes the
// child loaders with them, so the page's child fields load from the cache without a batch or its
// wait. When the read fails nothing is primed and the loaders read as they would have.
func (l *loaders) prefetch(ctx context.Context, s Store, ids []int64, want postgres.ChildLists) {
	if len(ids) == 0 || want == (postgres.ChildLists{}) {
		return
	}
	var rows pageRows
	if err := s.PageChildren(ctx, ids, want, &rows); err != nil {
		return
	}
	rows.statuses.prime(ctx, want.Statuses, l.statusesByCustomer, ids)
	rows.addresses.prime(ctx, want.Addresses, l.addressesByCustomer, ids)
	rows.phones.prime(ctx, want.Phones, l.phonesByCustomer, ids)
	rows.chipCards.prime(ctx, want.ChipCards, l.chipCardsByCustomer, ids)
	rows.tokens.prime(ctx, want.Tokens, l.tokensByCustomer, ids)
	if want.Tokens {
		// The page's tokens are listed together: their product instances load in one statement.
		tokenIDs := make([]int64, len(rows.tokens.items))
		for i, t := range rows.tokens.items {
			tokenIDs[i] = int64(t.OvPayTokenID)
		}
		l.tokenPages.add(tokenIDs)
	}
	rows.billing.prime(ctx, want.Billing, l.billingByCustomer, ids)
	rows.mandates.prime(ctx, want.Mandates, l.mandatesByCustomer, ids)
	rows.audit.prime(ctx, want.Audit, l.auditByCustomer, ids)
}

// pageRows turns the child rows of a page (postgres.ChildRows) into the graph's objects as they
// are read, list by list; no row is kept.
type pageRows struct {
	statuses  grouped[*graph.CustomerStatus]
	addresses grouped[*graph.Address]
	phones    grouped[*graph.Phone]
	chipCards grouped[*graph.OvChipCard]
	tokens    grouped[*graph.OvPayToken]
	billing   grouped[*graph.BillingInformation]
	mandates  grouped[*graph.DirectDebitMandate]
	audit     grouped[*graph.AuditEntry]
}

func (p *pageRows) AddStatus(r postgres.StatusesByCustomersRow) {
	p.statuses.add(statusOwner(r), toGraphStatus(r))
}
func (p *pageRows) AddAddress(r postgres.AddressView) {
	p.addresses.add(addressOwner(r), toGraphAddress(r))
}
func (p *pageRows) AddPhone(r postgres.PhoneView) { p.phones.add(phoneOwner(r), toGraphPhone(r)) }
func (p *pageRows) AddChipCard(r postgres.OvChipCard) {
	p.chipCards.add(chipCardOwner(r), toGraphChipCard(r))
}
func (p *pageRows) AddToken(r postgres.TokenView) { p.tokens.add(tokenOwner(r), toGraphToken(r)) }
func (p *pageRows) AddBilling(r postgres.BillingInformation) {
	p.billing.add(billingOwner(r), toGraphBilling(r))
}
func (p *pageRows) AddMandate(r postgres.MandateView) {
	p.mandates.add(mandateOwner(r), toGraphMandate(r))
}
func (p *pageRows) AddAudit(r postgres.AuditByCustomersRow) {
	p.audit.add(auditOwner(r), toGraphAudit(r))
}

// grouped are the objects of one child list in the order they were read, with their profiles.
type grouped[Out any] struct {
	owners []int64
	items  []Out
}

func (g *grouped[Out]) add(owner int64, item Out) {
	g.owners = append(g.owners, owner)
	g.items = append(g.items, item)
}

// prime gives every key of ids its list (an empty one when it has none) in l when want. The
// objects of one profile come one after another, so its list is a piece of items, not a copy:
// its capacity ends with the piece.
func (g *grouped[Out]) prime(ctx context.Context, want bool, l *dataloader.Loader[int64, []Out], ids []int64) {
	if !want {
		return
	}
	lists := make(map[int64][]Out, len(ids))
	for i := 0; i < len(g.items); {
		owner, j := g.owners[i], i+1
		for j < len(g.items) && g.owners[j] == owner {
			j++
		}
		if prev, met := lists[owner]; met {
			// Not one after another after all: prev's capacity ends with its piece, so this
			// copies it rather than write over the next owner's.
			lists[owner] = append(prev, g.items[i:j]...)
		} else {
			lists[owner] = g.items[i:j:j]
		}
		i = j
	}
	for _, id := range ids {
		list := lists[id]
		if list == nil {
			list = []Out{}
		}
		l.Prime(ctx, id, list)
	}
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
	l.tokenPages.reset()
	l.productsByToken.ClearAll()
	l.cardByXTat.ClearAll()
	l.ordersMu.Lock()
	l.ordersByCustomer = map[orderPageArgs]*pageLists[customerOrderPage]{}
	l.ord = nil
	l.ordersMu.Unlock()
	l.namedMu.Lock()
	l.named = nil
	l.namedMu.Unlock()
}

// keysOf are the keys of rows.
func keysOf[Row any](rows []Row, key func(Row) int64) []int64 {
	out := make([]int64, len(rows))
	for i, r := range rows {
		out[i] = key(r)
	}
	return out
}

// orderPageArgs are the page arguments of Customer.orders: the page size, the cursor's key and
// whether the total is wanted.
type orderPageArgs struct {
	limit     int
	after     int64
	hasAfter  bool
	withCount bool
}

func newOrderPageArgs(limit int, after *int64, withCount bool) orderPageArgs {
	if after == nil {
		return orderPageArgs{limit: limit, withCount: withCount}
	}
	return orderPageArgs{limit: limit, after: *after, hasAfter: true, withCount: withCount}
}

// customerOrderPage is one page of a profile's orders, one more than the page size when a next
// page exists.
type customerOrderPage struct {
	customerProfileID int64
	orders            []*graph.Order
	hasPrevious       bool
	total             int64
}

// ordersOfCustomers is the loader of the pages of profiles' orders with the given arguments: per
// batch (a page of profiles) one statement reads the pages with their orders, which are then
// recorded as one page of orders.
func (l *loaders) ordersOfCustomers(args orderPageArgs) *pageLists[customerOrderPage] {
	l.ordersMu.Lock()
	defer l.ordersMu.Unlock()
	if ld, ok := l.ordersByCustomer[args]; ok {
		return ld
	}
	fetch := func(ctx context.Context, ids []int64) ([]customerOrderPage, error) {
		arg := postgres.OrderPagesByCustomersParams{CustomerProfileIds: ids, PageLimit: int32(args.limit + 1),
			WithCount: args.withCount}
		if args.hasAfter {
			arg.After = &args.after
		}
		rows, err := l.store.OrderPagesByCustomers(ctx, arg)
		if err != nil {
			return nil, err
		}
		ord := l.orders()
		out := make([]customerOrderPage, 0, len(ids))
		keys := make([]int64, 0, len(rows))
		for _, r := range rows {
			if n := len(out); n == 0 || out[n-1].customerProfileID != r.PageProfileID {
				out = append(out, customerOrderPage{customerProfileID: r.PageProfileID, hasPrevious: r.HasPrevious,
					total: r.TotalCount})
			}
			if r.OrderKey == nil {
				continue
			}
			o := toGraphOrder(pageOrderView(r), l.orderLists)
			ord.orderByKey.Prime(ctx, *r.OrderKey, o)
			out[len(out)-1].orders = append(out[len(out)-1].orders, o)
			keys = append(keys, *r.OrderKey)
		}
		if pg := ord.orderPages.add(keys); pg != nil {
			l.prefetchOrderLists(ctx, ord, pg)
		}
		return out, nil
	}
	ld := pageChildrenOf(l.pages, l.wait, fetch, func(p customerOrderPage) int64 { return p.customerProfileID },
		func(p customerOrderPage) customerOrderPage { return p })
	l.ordersByCustomer[args] = ld
	return ld
}

// pageOrderView is the order of a row of OrderPagesByCustomers that has one.
func pageOrderView(r postgres.OrderPagesByCustomersRow) postgres.OrderView {
	return postgres.OrderView{
		ID: *r.OrderKey, OrderID: r.OrderID, OrderNumber: deref(r.OrderNumber), ExternalOrderID: r.ExternalOrderID,
		CustomerProfileID: r.CustomerProfileID, TotalAmount: derefInt32(r.TotalAmount), CreatedOn: derefTime(r.CreatedOn),
		LastUpdatedOn: derefTime(r.LastUpdatedOn), OrderStatusID: derefInt32(r.OrderStatusID),
		OrderStatusName: deref(r.OrderStatusName), SalesTouchpointID: derefInt32(r.SalesTouchpointID),
		TouchpointName: deref(r.TouchpointName), TouchpointIsActive: r.TouchpointIsActive != nil && *r.TouchpointIsActive,
		TouchpointRetailerID: derefInt32(r.TouchpointRetailerID), LanguageID: derefInt32(r.LanguageID),
		LanguageName: deref(r.LanguageName), LanguageIso639Code: deref(r.LanguageIso639Code),
		LanguageIetfCode: deref(r.LanguageIetfCode), OrderCustomerKey: r.OrderCustomerKey, OrderCustomerID: r.OrderCustomerID,
		CustomerBirthname: r.CustomerBirthname, CustomerSurname: r.CustomerSurname, CustomerPrefix: r.CustomerPrefix,
		CustomerEmailAddress: r.CustomerEmailAddress, CustomerDateOfBirth: r.CustomerDateOfBirth,
		ValidContents: r.ValidContents, Version: derefInt32(r.Version),
	}
}

func derefInt32(v *int32) int32 {
	if v == nil {
		return 0
	}
	return *v
}

// newOrderByUUIDLoader loads orders by the uuid the API names them by; a key that is no uuid, or
// names no order, loads as nil.
func newOrderByUUIDLoader(s Store, wait time.Duration, lists graph.OrderLists) *dataloader.Loader[string, *graph.Order] {
	batch := func(ctx context.Context, keys []string) []*dataloader.Result[*graph.Order] {
		ids := make([]pgtype.UUID, 0, len(keys))
		for _, k := range keys {
			if u, ok := parseUUID(k); ok {
				ids = append(ids, u)
			}
		}
		out := make([]*dataloader.Result[*graph.Order], len(keys))
		rows, err := s.OrdersByOrderIDs(ctx, ids)
		if err != nil {
			for i := range out {
				out[i] = &dataloader.Result[*graph.Order]{Error: err}
			}
			return out
		}
		found := make(map[string]*graph.Order, len(rows))
		for _, r := range rows {
			found[uuidText(r.OrderID)] = toGraphOrder(r, lists)
		}
		for i, k := range keys {
			var o *graph.Order
			if u, ok := parseUUID(k); ok {
				o = found[uuidText(u)]
			}
			out[i] = &dataloader.Result[*graph.Order]{Data: o}
		}
		return out
	}
	return newLoader(wait, batch)
}

// tokenIDs are the ids of token rows.
func tokenIDs(rows []postgres.TokenView) []int64 {
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	return ids
}

// newLoader builds a loader on a batch function. A key whose result is an error (the database
// unreachable for a moment, the request's deadline passed) leaves the cache before its result is
// delivered, so the next load of it asks again instead of failing for the rest of the operation;
// dataloader v7.1 has no NewSkipCacheError to say so per result. A key without rows is no failure:
// it loads as nil or an empty list and stays cached.
func newLoader[K comparable, V any](wait time.Duration, batch dataloader.BatchFunc[K, V]) *dataloader.Loader[K, V] {
	var l *dataloader.Loader[K, V]
	l = dataloader.NewBatchedLoader(func(ctx context.Context, keys []K) []*dataloader.Result[V] {
		out := batch(ctx, keys)
		for i, r := range out {
			if r.Error != nil {
				l.Clear(ctx, keys[i])
			}
		}
		return out
	},
		dataloader.WithWait[K, V](wait),
		dataloader.WithBatchCapacity[K, V](maxBatch),
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

// add records the keys of one page, and returns it (nil for fewer than two keys, which make no
// page). A key already on a page stays on that one.
func (p *pages) add(ids []int64) *page {
	if len(ids) < 2 {
		return nil
	}
	pg := &page{ids: ids}
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, id := range ids {
		if _, seen := p.byID[id]; !seen {
			p.byID[id] = pg
		}
	}
	return pg
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
	return pageChildrenOf(pgs, wait, fetch, key, conv).Loader
}

// pageLists is a loader of child lists (see childrenOf) whose list reads the list of a key that
// lies on a page at once, with the rest of its page, without a batch or its wait: the page's
// keys are known already. It shares the page's fetch with the loader's batches.
type pageLists[Out any] struct {
	*dataloader.Loader[int64, []Out]
	pgs  *pages
	page func(ctx context.Context, pg *page) (map[int64][]Out, error)
}

// list is the child list of id: from its page's fetch when it lies on a page, through the loader
// otherwise.
func (p *pageLists[Out]) list(ctx context.Context, id int64) ([]Out, error) {
	pg := p.pgs.of(id)
	if pg == nil {
		return p.Load(ctx, id)()
	}
	grouped, err := p.page(ctx, pg)
	if err != nil {
		return nil, err
	}
	if list := grouped[id]; list != nil {
		return list, nil
	}
	return []Out{}, nil
}

func pageChildrenOf[Row, Out any](pgs *pages, wait time.Duration, fetch func(context.Context, []int64) ([]Row, error),
	key func(Row) int64, conv func(Row) Out) *pageLists[Out] {
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
	ofPage := func(ctx context.Context, pg *page) (map[int64][]Out, error) {
		mu.Lock()
		f, ok := fetched[pg]
		if !ok {
			f = &pageFetch[Out]{}
			fetched[pg] = f
		}
		mu.Unlock()
		return f.get(func() (map[int64][]Out, error) { return group(ctx, pg.ids) })
	}
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
			grouped, err := ofPage(ctx, pg)
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
	return &pageLists[Out]{Loader: newLoader(wait, batch), pgs: pgs, page: ofPage}
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
func WithLoaders(s Store, backoffice gbo.Backoffice, wait time.Duration) graphql.OperationMiddleware {
	return func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return next(context.WithValue(ctx, loadersKey{}, newLoaders(ctx, s, backoffice, wait)))
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
