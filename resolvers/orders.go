package resolvers

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/vektah/gqlparser/v2/ast"

	"ovgraph/adapters/postgres"
	"ovgraph/graph"
)

// Orders of the SE orders API, read side: the search, one order, a profile's orders and the
// children of an order, all through the operation's loaders. A customer sees only the orders of
// its own profile; another's is NOT_FOUND, as a missing one is.

const orderCursorPrefix = "order:"

func encodeOrderCursor(key int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(orderCursorPrefix + strconv.FormatInt(key, 10)))
}

func decodeOrderCursor(s string) (int64, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		if n, ok := strings.CutPrefix(string(b), orderCursorPrefix); ok {
			if v, err := strconv.ParseInt(n, 10, 64); err == nil {
				return v, nil
			}
		}
	}
	return 0, graph.InputError("after", "after is not a cursor of this connection")
}

// orderPage reads the page arguments of an orders connection: the page size and the key after
// which the page starts (nil for the first page).
func orderPage(first *int, after *string) (limit int, afterKey *int64, err error) {
	limit = defaultPageSize
	if first != nil {
		limit = *first
	}
	if limit < 0 || limit > maxPageSize {
		return 0, nil, graph.InputError("first", fmt.Sprintf("first must be between 0 and %d", maxPageSize))
	}
	if after != nil {
		k, err := decodeOrderCursor(*after)
		if err != nil {
			return 0, nil, err
		}
		afterKey = &k
	}
	return limit, afterKey, nil
}

// parseUUID reads a uuid as the API names its objects; ok is false for anything else.
func parseUUID(s string) (pgtype.UUID, bool) {
	var u pgtype.UUID
	if err := u.Scan(s); err != nil {
		return pgtype.UUID{}, false
	}
	return u, true
}

func uuidText(u pgtype.UUID) string {
	if !u.Valid {
		return ""
	}
	return u.String()
}

func toSearchOrdersParams(f *graph.OrderFilter) (postgres.SearchOrdersParams, error) {
	var out postgres.SearchOrdersParams
	if f == nil {
		return out, nil
	}
	if f.OrderID != nil {
		u, ok := parseUUID(*f.OrderID)
		if !ok {
			return out, graph.InputError("filter.orderId", "orderId is not a uuid")
		}
		out.OrderID = u
	}
	out.OrderNumber, out.ExternalOrderID, out.XTat = f.OrderNumber, f.ExternalOrderID, f.XTat
	out.CustomerProfileID = int64Ptr(f.CustomerProfileID)
	if f.OrderStatusID != nil {
		out.OrderStatusIds = make([]int32, len(f.OrderStatusID))
		for i, id := range f.OrderStatusID {
			out.OrderStatusIds[i] = int32(id)
		}
	}
	out.CreatedBefore, out.CreatedAfter = instant(f.CreatedBefore), instant(f.CreatedAfter)
	out.UpdatedBefore, out.UpdatedAfter = instant(f.UpdatedBefore), instant(f.UpdatedAfter)
	return out, nil
}

func (r *Resolver) orders(ctx context.Context, filter *graph.OrderFilter, first *int, after *string) (*graph.OrderConnection, error) {
	f, err := toSearchOrdersParams(filter)
	if err != nil {
		return nil, err
	}
	// A customer searches the orders of its own profile only; naming another is NOT_FOUND.
	if graph.CallerFrom(ctx).Kind() == graph.CallerCustomer {
		var named *int
		if filter != nil {
			named = filter.CustomerProfileID
		}
		id, err := r.actingProfile(ctx, named)
		if err != nil {
			return nil, err
		}
		f.CustomerProfileID = &id
	}
	limit, afterKey, err := orderPage(first, after)
	if err != nil {
		return nil, err
	}
	f.After, f.PageLimit = afterKey, int32(limit+1)
	f.WithCount = selects(ctx, "totalCount")
	rows, err := r.Store.SearchOrders(ctx, f)
	if err != nil {
		return nil, err
	}
	rows, info, total, err := keysetPage(rows, limit, f.After != nil,
		func(row postgres.SearchOrdersRow) (int64, bool) { return row.TotalCount, row.HasPrevious },
		func() ([]postgres.SearchOrdersRow, error) {
			all := f
			all.After, all.PageLimit = nil, 1
			return r.Store.SearchOrders(ctx, all)
		})
	if err != nil {
		return nil, err
	}
	conn := &graph.OrderConnection{Edges: []*graph.OrderEdge{}, Nodes: []*graph.Order{}, PageInfo: info, TotalCount: total}
	orders := make([]*graph.Order, len(rows))
	keys := make([]int64, len(rows))
	l := loadersFor(ctx)
	for i, row := range rows {
		orders[i] = toGraphOrder(row.OrderView, l.orderLists)
		keys[i] = row.OrderView.ID
		l.orders().orderByKey.Prime(ctx, row.OrderView.ID, orders[i])
	}
	l.orders().orderPages.add(keys)
	fillOrderConnection(conn, orders)
	return conn, nil
}

// fillOrderConnection adds a page of orders to a connection, with their cursors.
func fillOrderConnection(conn *graph.OrderConnection, orders []*graph.Order) {
	for _, o := range orders {
		cursor := encodeOrderCursor(int64(o.OrderKey))
		conn.Edges = append(conn.Edges, &graph.OrderEdge{Cursor: cursor, Node: o})
		conn.Nodes = append(conn.Nodes, o)
		if conn.PageInfo.StartCursor == nil {
			conn.PageInfo.StartCursor = &cursor
		}
		conn.PageInfo.EndCursor = &cursor
	}
}

// order is one order by its uuid, or NOT_FOUND (also for another customer's).
func (r *Resolver) order(ctx context.Context, orderID string) (*graph.Order, error) {
	if _, ok := parseUUID(orderID); !ok {
		return nil, graph.InputError("orderId", "orderId is not a uuid")
	}
	o, err := loadersFor(ctx).orders().orderByUUID.Load(ctx, orderID)()
	if err != nil {
		return nil, err
	}
	return r.ownOrder(ctx, o)
}

// orderNode is the order a global id names, or NOT_FOUND.
func (r *Resolver) orderNode(ctx context.Context, key int64) (*graph.Order, error) {
	o, err := loadersFor(ctx).orders().orderByKey.Load(ctx, key)()
	if err != nil {
		return nil, err
	}
	return r.ownOrder(ctx, o)
}

// ownOrder passes an order the caller may see, and answers NOT_FOUND for anything else, a
// missing order included.
func (r *Resolver) ownOrder(ctx context.Context, o *graph.Order) (*graph.Order, error) {
	if o == nil {
		return nil, graph.NotFound()
	}
	ok, err := r.maySee(ctx, o)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, graph.NotFound()
	}
	return o, nil
}

// maySee tells whether the caller may see an order: touchpoints and staff any, a customer those
// of its own profile.
func (r *Resolver) maySee(ctx context.Context, o *graph.Order) (bool, error) {
	if graph.CallerFrom(ctx).Kind() != graph.CallerCustomer {
		return true, nil
	}
	me, found, err := r.selfProfile(ctx)
	if err != nil {
		return false, err
	}
	return found && o.CustomerProfileID != nil && int64(*o.CustomerProfileID) == me.ID, nil
}

// productInstanceOrder is the order that bought a product instance: null when it is not on file
// or the caller may not see it.
func (r *Resolver) productInstanceOrder(ctx context.Context, p *graph.ProductInstance) (*graph.Order, error) {
	o, err := loadersFor(ctx).orders().orderByUUID.Load(ctx, p.OrderID)()
	if err != nil || o == nil {
		return nil, err
	}
	ok, err := r.maySee(ctx, o)
	if err != nil || !ok {
		return nil, err
	}
	return o, nil
}

// customerTokenOvPayToken is the OVpay token a customer token names: null when it names none,
// or, for a customer, when the token is on another profile.
func (r *Resolver) customerTokenOvPayToken(ctx context.Context, t *graph.CustomerToken) (*graph.OvPayToken, error) {
	if t.OvPayTokenID == nil {
		return nil, nil
	}
	toks, err := loadersFor(ctx).orders().tokenByID.list(ctx, int64(*t.OvPayTokenID))
	if err != nil || len(toks) == 0 {
		return nil, err
	}
	tok := toks[0]
	if graph.CallerFrom(ctx).Kind() == graph.CallerCustomer {
		me, found, err := r.selfProfile(ctx)
		if err != nil || !found || me.ID != int64(tok.CustomerProfileID) {
			return nil, err
		}
	}
	return tok, nil
}

// customerOrders is a page of the profile id's orders, newest first (Customer.orders). The field
// is a method of the profile, resolved in line without a field context (see graph.ChildLists), so
// whether the total is wanted is read from the operation's document.
func customerOrders(ctx context.Context, l *loaders, id int64, first *int, after *string) (*graph.OrderConnection, error) {
	limit, afterKey, err := orderPage(first, after)
	if err != nil {
		return nil, err
	}
	pages, err := l.ordersOfCustomers(newOrderPageArgs(limit, afterKey, l.countsCustomerOrders(ctx))).list(ctx, id)
	if err != nil {
		return nil, err
	}
	conn := &graph.OrderConnection{Edges: []*graph.OrderEdge{}, Nodes: []*graph.Order{}, PageInfo: &graph.PageInfo{}}
	if len(pages) == 0 {
		return conn, nil
	}
	p := pages[0]
	orders := p.orders
	conn.PageInfo.HasNextPage = len(orders) > limit
	conn.PageInfo.HasPreviousPage = p.hasPrevious
	conn.TotalCount = int(p.total)
	if len(orders) > limit {
		orders = orders[:limit]
	}
	fillOrderConnection(conn, orders)
	return conn, nil
}

// countsCustomerOrders tells whether the operation selects the totalCount of a Customer.orders
// anywhere; it reads the document once per operation.
func (l *loaders) countsCustomerOrders(ctx context.Context) bool {
	l.orderCount.Do(func() {
		l.ordersCounted = !graphql.HasOperationContext(ctx) ||
			selectsIn(graphql.GetOperationContext(ctx).Operation, "Customer", "orders", "totalCount")
	})
	return l.ordersCounted
}

// prefetchOrderLists reads the lines of the page of orders pg, and the customer tokens of those
// lines, when the operation selects them anywhere (read once per operation from its document),
// before the orders are resolved: the statements are the ones their first order and line would
// run, but the hundreds of goroutines gqlgen starts for the orders and lines of the page then
// find their lists read and run to their end, instead of parking on the page's fetch and waking
// together. A failed read is left to the fields, which read again.
func (l *loaders) prefetchOrderLists(ctx context.Context, ord *orderLoaders, pg *page) {
	l.orderListsOnce.Do(func() {
		if graphql.HasOperationContext(ctx) {
			op := graphql.GetOperationContext(ctx).Operation
			l.listsSelected = [2]bool{selectsIn(op, "Order", "orderLines", ""), selectsIn(op, "OrderLine", "customerTokens", "")}
		}
	})
	if !l.listsSelected[0] {
		return
	}
	lines, err := ord.linesByOrder.page(ctx, pg)
	if err != nil || !l.listsSelected[1] {
		return
	}
	for _, list := range lines {
		if len(list) > 0 {
			if linePage := ord.linePages.of(int64(list[0].LineKey)); linePage != nil {
				_, _ = ord.tokensByLine.page(ctx, linePage)
			}
			return
		}
	}
}

// selectsIn tells whether op selects the field of the object type typ anywhere (child empty), or
// the field child of what that field returns; through fragments too. Fields under @skip or
// @include count as selected: what is read in vain costs a read, not a wrong answer.
func selectsIn(op *ast.OperationDefinition, typ, field, child string) bool {
	if op == nil {
		return true
	}
	type visit struct {
		fragment string
		under    bool
	}
	seen := map[visit]bool{}
	var walk func(set ast.SelectionSet, under bool) bool
	walk = func(set ast.SelectionSet, under bool) bool {
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				if under && s.Name == child {
					return true
				}
				match := s.Name == field && s.ObjectDefinition != nil && s.ObjectDefinition.Name == typ
				if match && child == "" {
					return true
				}
				if walk(s.SelectionSet, match) {
					return true
				}
			case *ast.InlineFragment:
				if walk(s.SelectionSet, under) {
					return true
				}
			case *ast.FragmentSpread:
				v := visit{s.Name, under}
				if s.Definition != nil && !seen[v] {
					seen[v] = true
					if walk(s.Definition.SelectionSet, under) {
						return true
					}
				}
			}
		}
		return false
	}
	return walk(op.SelectionSet, false)
}

func toGraphOrder(v postgres.OrderView, lists graph.OrderLists) *graph.Order {
	o := &graph.Order{
		OrderKey: int(v.ID), OrderID: uuidText(v.OrderID), ExternalOrderID: v.ExternalOrderID,
		OrderNumber: v.OrderNumber, CustomerProfileID: intPtr64(v.CustomerProfileID), TotalAmount: int(v.TotalAmount),
		TouchPoint: &graph.SalesTouchpoint{SalesTouchpointID: int(v.SalesTouchpointID), Name: v.TouchpointName,
			IsActive: v.TouchpointIsActive, RetailerID: int(v.TouchpointRetailerID)},
		Language: &graph.Language{LanguageID: int(v.LanguageID), Name: v.LanguageName,
			Iso639Code: v.LanguageIso639Code, IetfCode: v.LanguageIetfCode},
		CreatedOn: graph.DateTime{Time: v.CreatedOn}, LastUpdatedOn: graph.DateTime{Time: v.LastUpdatedOn},
		OrderStatus:   &graph.OrderStatus{OrderStatusID: int(v.OrderStatusID), Name: v.OrderStatusName},
		ValidContents: v.ValidContents, Lists: lists,
	}
	if v.OrderCustomerKey != nil {
		o.OrderCustomer = &graph.OrderCustomer{
			OrderKey: int(v.ID), OrderCustomerID: uuidText(v.OrderCustomerID), Birthname: v.CustomerBirthname,
			Surname: v.CustomerSurname, Prefix: v.CustomerPrefix, EmailAddress: v.CustomerEmailAddress,
			DateOfBirth: datePtr(v.CustomerDateOfBirth),
		}
	}
	return o
}

func toGraphStatusEntry(h postgres.StatusHistoryByOrdersRow) *graph.OrderStatusEntry {
	return &graph.OrderStatusEntry{
		OrderOrderStatusID: uuidText(h.OrderOrderStatusID),
		OrderStatus:        &graph.OrderStatus{OrderStatusID: int(h.OrderStatusID), Name: h.OrderStatusName},
		CreatedOn:          graph.DateTime{Time: h.CreatedOn}, Description: h.Description,
	}
}

func toGraphOrderLine(l postgres.LinesByOrdersRow, lists graph.OrderLists) *graph.OrderLine {
	return &graph.OrderLine{
		LineKey: int(l.ID), OrderLineID: uuidText(l.OrderLineID), ExternalOrderLineID: l.ExternalOrderLineID,
		ProductID: int(l.ProductID), ProductName: l.ProductName, ProductDescription: l.ProductDescription,
		FikoArticleNumber: l.FikoArticleNumber, TaxCode: l.TaxCode, TaxPercentage: l.TaxPercentage,
		TaxAmount: int(l.TaxAmount), AmountExclTax: int(l.AmountExclTax), AmountInclTax: int(l.AmountInclTax),
		Quantity: int(l.Quantity), CreatedOn: graph.DateTime{Time: l.CreatedOn},
		LastUpdatedOn: graph.DateTime{Time: l.LastUpdatedOn}, ValidFrom: dateTimePtr(l.ValidFrom),
		ValidUntil:        dateTimePtr(l.ValidUntil),
		OrderLineStatus:   &graph.OrderLineStatus{OrderLineStatusID: int(l.OrderLineStatusID), Name: l.OrderLineStatusName},
		ValidationResult:  validationResult(l.ValidationResult),
		StoredValidations: l.Validations,
		Lists:             lists,
	}
}

// validationResult reads a line's stored validation result; nil once the order is paid.
func validationResult(s *string) *graph.ValidationResult {
	if s == nil {
		return nil
	}
	v := graph.ValidationResult(*s)
	return &v
}

func toGraphTerms(t postgres.OrderLineTerm) *graph.OrderLineTerms {
	return &graph.OrderLineTerms{OrderLineTermsID: uuidText(t.OrderLineTermsID), TermsURL: t.TermsUrl}
}

func toGraphAccountingStatus(a postgres.AccountingStatusesByLinesRow) *graph.OrderAccountingStatus {
	return &graph.OrderAccountingStatus{
		OrderAccountingStatusID: uuidText(a.OrderAccountingStatusID),
		AccountingStatus:        &graph.AccountingStatus{AccountingStatusID: int(a.AccountingStatusID), Name: a.AccountingStatusName},
		CreatedOn:               graph.DateTime{Time: a.CreatedOn}, Description: a.Description,
	}
}

func toGraphCustomerToken(t postgres.CustomerTokensByLinesRow) *graph.CustomerToken {
	out := &graph.CustomerToken{
		CustomerTokenID: uuidText(t.CustomerTokenID),
		TokenType:       &graph.Lookup{ID: int(t.TokenTypeID), Name: t.TokenTypeName},
		OvPayTokenID:    intPtr64(t.OvpayTokenID), ServiceReferenceID: t.ServiceReferenceID,
		Amount: intPtr(t.Amount), OvpasNumber: t.OvpasNumber, XTat: t.XTat,
	}
	if t.PersonalAccountDataID.Valid {
		out.PersonalAccountData = &graph.CustomerTokenPersonalAccountData{
			PersonalAccountDataID: uuidText(t.PersonalAccountDataID), Name: t.PadName,
			Birthdate: datePtr(t.PadBirthdate), Photo: t.PadPhoto,
			ChallengeType: lookupPtr(t.PadChallengeTypeID, t.PadChallengeTypeName),
			IsVerified:    t.PadVerifiedOn != nil,
		}
	}
	return out
}

func toGraphPayment(p postgres.PaymentView) *graph.Payment {
	out := &graph.Payment{
		PaymentKey: int(p.ID), PaymentID: uuidText(p.PaymentID), OrderID: uuidText(p.OrderID),
		CreatedOn: graph.DateTime{Time: p.CreatedOn}, AmountDebit: int(p.AmountDebit),
		PaymentMethod: &graph.PaymentMethod{PaymentMethodID: int(p.PaymentMethodID), Name: p.PaymentMethodName,
			Provider: p.PaymentMethodProvider},
		TouchPoint: &graph.SalesTouchpoint{SalesTouchpointID: int(p.SalesTouchpointID), Name: p.TouchpointName,
			IsActive: p.TouchpointIsActive, RetailerID: int(p.TouchpointRetailerID)},
		IsRefund: p.IsRefund, HtmPaymentReference: p.HtmPaymentReference, PspPaymentReference: p.PspPaymentReference,
	}
	if p.MandateInputID.Valid {
		out.MandateInput = &graph.MandateInput{
			MandateInputID:         uuidText(p.MandateInputID),
			DirectDebitMandateType: lookupPtr(p.MandateTypeID, p.MandateTypeName),
			CreatedOn:              graph.DateTime{Time: derefTime(p.MandateCreatedOn)},
			Bic:                    p.MandateBic, Iban: deref(p.MandateIban), Ascription: deref(p.MandateAscription),
			Place: p.MandatePlace, DirectDebitMandateID: intPtr64(p.DirectDebitMandateID),
		}
	}
	return out
}

func toGraphPaymentStatus(s postgres.PaymentStatusesByPaymentsRow) *graph.PaymentStatus {
	return &graph.PaymentStatus{
		PaymentStatusID: uuidText(s.PaymentStatusID), CreatedOn: graph.DateTime{Time: s.CreatedOn},
		StatusCode: s.StatusCode, StatusDescription: s.StatusDescription, StatusSubCode: s.StatusSubCode,
		StatusSubDescription: s.StatusSubDescription,
	}
}

func toGraphOrderCustomerAddress(a postgres.OrderCustomerAddressesByOrdersRow) *graph.OrderCustomerAddress {
	return &graph.OrderCustomerAddress{
		OrderCustomerAddressID: uuidText(a.OrderCustomerAddressID),
		AddressType:            &graph.Lookup{ID: int(a.AddressTypeID), Name: a.AddressTypeName},
		Street:                 a.Street, HouseNumber: int(a.HouseNumber), HouseNumberSuffix: a.HouseNumberSuffix,
		PostalCode: a.PostalCode, City: a.City, Country: a.Country,
	}
}

func derefTime(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}
