package resolvers

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"ovgraph/adapters/postgres"
	"ovgraph/graph"
)

const (
	defaultPageSize = 20
	maxPageSize     = 100
	// A new profile is active and its debtor status Inactive (1) unless the input says otherwise.
	initialStatus       = "active"
	initialDebtorStatus = 1
)

// customer returns a profile, or NOT_FOUND. The policy table let only callers that may see it
// this far. It loads through the operation's loader, so aliased customer fields batch.
func (r *Resolver) customer(ctx context.Context, customerNumber int) (*graph.Customer, error) {
	l := loadersFor(ctx)
	c, err := l.customerByNumber.Load(ctx, int64(customerNumber))()
	if err != nil {
		return nil, err
	}
	if c == nil {
		return nil, graph.NotFound()
	}
	l.warm(ctx, int64(c.CustomerProfileID), selectedLists(ctx))
	return c, nil
}

// me is the profile the calling customer's subject owns, or NOT_FOUND before it registered. As the
// only profile at the root of a query whose subject was not looked up yet, it is read by the
// subject in one statement (which the operation then remembers as the caller's profile), with
// its selected child lists in one more.
func (r *Resolver) me(ctx context.Context) (*graph.Customer, error) {
	if _, _, known := loadersFor(ctx).self.get(); !known && soleProfileRoot(ctx) {
		return r.meBySubject(ctx)
	}
	self, found, err := r.selfProfile(ctx)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, graph.NotFound()
	}
	return r.rootCustomer(ctx, int(self.CustomerNumber))
}

// meBySubject reads the calling customer's profile by its subject and remembers it as the
// operation's caller profile.
func (r *Resolver) meBySubject(ctx context.Context) (*graph.Customer, error) {
	l := loadersFor(ctx)
	row, err := r.Store.CustomerViewBySubject(ctx, graph.CallerFrom(ctx).CustomerSubject)
	if errors.Is(err, postgres.ErrNotFound) {
		l.self.set(postgres.CustomerBySubjectRow{}, false)
		return nil, graph.NotFound()
	}
	if err != nil {
		return nil, err
	}
	l.self.set(postgres.CustomerBySubjectRow{ID: row.ID, CustomerNumber: row.CustomerNumber}, true)
	return r.soleProfile(ctx, row), nil
}

// rootCustomer resolves a profile named at the root of a query (customer, me). When it is the
// only one there, no other profile can join a batch of the loader, so waiting for one gains
// nothing: the profile is read at once and the child lists its selection asks for are prefetched
// in one statement, as for a page of one profile (whose one key needs no page record: it is one
// statement either way). With several profiles at the root they batch through the loader.
func (r *Resolver) rootCustomer(ctx context.Context, customerNumber int) (*graph.Customer, error) {
	if !soleProfileRoot(ctx) {
		return r.customer(ctx, customerNumber)
	}
	rows, err := r.Store.CustomersByNumbers(ctx, []int64{int64(customerNumber)})
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, graph.NotFound()
	}
	return r.soleProfile(ctx, rows[0]), nil
}

// soleProfile is the profile row read for the only profile field at the root of a query: it
// primes the loader and prefetches the child lists its selection asks for.
func (r *Resolver) soleProfile(ctx context.Context, row postgres.CustomerView) *graph.Customer {
	l := loadersFor(ctx)
	c := l.customer(row)
	l.customerByNumber.Prime(ctx, row.CustomerNumber, c)
	l.prefetch(ctx, r.Store, []int64{row.ID}, selectedLists(ctx))
	return c
}

// selectedLists tells which child lists the selection of the profile field being resolved asks
// for, through fragments and @skip/@include.
func selectedLists(ctx context.Context) postgres.ChildLists {
	var want postgres.ChildLists
	profileChildLists(graphql.GetOperationContext(ctx), graphql.GetFieldContext(ctx).Field.Selections, &want)
	return want
}

// soleProfileRoot tells whether the operation is a query whose root selection, through fragments
// and @skip/@include, holds exactly one profile field (customer or me).
func soleProfileRoot(ctx context.Context) bool {
	oc := graphql.GetOperationContext(ctx)
	if oc.Operation == nil || oc.Operation.Operation != ast.Query {
		return false
	}
	n := 0
	for _, f := range graphql.CollectFields(oc, oc.Operation.SelectionSet, []string{"Query"}) {
		if f.Name == "customer" || f.Name == "me" {
			n++
		}
	}
	return n == 1
}

var errEmptyFilter = graph.InputError("filter",
	"Bad Request: Input parameters missing! Please fill in at least 1 valid input parameter.")

func toStoreFilter(f *graph.CustomerFilter) (postgres.SearchCustomersParams, error) {
	if f == nil {
		return postgres.SearchCustomersParams{}, nil
	}
	out := postgres.SearchCustomersParams{
		CustomerProfileID:        int64Ptr(f.CustomerProfileID),
		CustomerNumber:           int64Ptr(f.CustomerNumber),
		EmailAddress:             f.EmailAddress,
		ChipCardNumber:           f.ChipCardNumber,
		OvpasNumber:              f.OvPasNumber,
		PhoneNumber:              f.PhoneNumber,
		PhoneCountryCode:         f.PhoneCountryCode,
		AddressStreet:            f.AddressStreet,
		AddressHouseNumber:       int32Ptr(f.AddressHouseNumber),
		AddressHouseNumberSuffix: f.AddressHouseNumberSuffix,
		AddressPostalCode:        dutchPostalCode(f.AddressPostalCode),
		AddressCity:              f.AddressCity,
		AddressCountry:           f.AddressCountry,
		Birthname:                f.Birthname,
		Surname:                  f.Surname,
		CustomerStatus:           f.CustomerStatus,
		CustomerStatusID:         int32Ptr(f.CustomerStatusID),
		DebtorNumber:             f.DebtorNumber,
		DebtorStatusID:           int32Ptr(f.DebtorStatusID),
		ChipCardAlias:            f.ChipCardAlias,
		OvpayTokenID:             int64Ptr(f.OvPayTokenID),
		TokenAlias:               f.TokenAlias,
		TokenXTat:                f.TokenXTat,
		TokenXBot:                f.TokenXBot,
	}
	if f.DateOfBirth != nil {
		out.DateOfBirth = &f.DateOfBirth.Time
	}
	if out == (postgres.SearchCustomersParams{}) {
		return out, errEmptyFilter
	}
	return out, nil
}

// dutchPostalCode is a Dutch postal code as it is stored, four digits and two capitals without a
// space ('1234 ab' is '1234AB'); any other value is searched as given.
func dutchPostalCode(code *string) *string {
	if code == nil {
		return nil
	}
	m := dutchPostalCodeForm.FindStringSubmatch(*code)
	if m == nil {
		return code
	}
	out := m[1] + strings.ToUpper(m[2])
	return &out
}

var dutchPostalCodeForm = regexp.MustCompile(`^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})\s*$`)

const cursorPrefix = "customer:"

func encodeCursor(customerNumber int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + strconv.FormatInt(customerNumber, 10)))
}

func decodeCursor(s string) (int64, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		if n, ok := strings.CutPrefix(string(b), cursorPrefix); ok {
			if v, err := strconv.ParseInt(n, 10, 64); err == nil {
				return v, nil
			}
		}
	}
	return 0, graph.InputError("after", "after is not a cursor of this connection")
}

func (r *Resolver) customers(ctx context.Context, filter *graph.CustomerFilter, first *int, after *string) (*graph.CustomerConnection, error) {
	f, err := toStoreFilter(filter)
	if err != nil {
		return nil, err
	}
	limit := defaultPageSize
	if first != nil {
		limit = *first
	}
	if limit < 0 || limit > maxPageSize {
		return nil, graph.InputError("first", fmt.Sprintf("first must be between 0 and %d", maxPageSize))
	}
	if after != nil {
		n, err := decodeCursor(*after)
		if err != nil {
			return nil, err
		}
		f.After = &n
	}
	f.PageLimit = int32(limit + 1)
	// Counting every match costs a pass over all of them: only when the document asks.
	f.WithCount = selects(ctx, "totalCount")
	rows, err := r.Store.SearchCustomers(ctx, f)
	if err != nil {
		return nil, err
	}
	rows, info, total, err := keysetPage(rows, limit, f.After != nil,
		func(row postgres.SearchCustomersRow) (int64, bool) { return row.TotalCount, row.HasPrevious },
		func() ([]postgres.SearchCustomersRow, error) {
			all := f
			all.After, all.PageLimit = nil, 1
			return r.Store.SearchCustomers(ctx, all)
		})
	if err != nil {
		return nil, err
	}
	conn := &graph.CustomerConnection{Edges: []*graph.CustomerEdge{}, Nodes: []*graph.Customer{},
		PageInfo: info, TotalCount: total}
	ids := make([]int64, len(rows))
	for i, row := range rows {
		ids[i] = row.CustomerView.ID
	}
	l := loadersFor(ctx)
	l.pages.add(ids)
	l.prefetch(ctx, r.Store, ids, pageChildLists(ctx))
	for _, row := range rows {
		node := l.customer(row.CustomerView)
		cursor := encodeCursor(row.CustomerView.CustomerNumber)
		conn.Edges = append(conn.Edges, &graph.CustomerEdge{Cursor: cursor, Node: node})
		conn.Nodes = append(conn.Nodes, node)
		if conn.PageInfo.StartCursor == nil {
			conn.PageInfo.StartCursor = &cursor
		}
		conn.PageInfo.EndCursor = &cursor
	}
	return conn, nil
}

// keysetPage reads what a keyset search answered about its page. rows are the matches after the
// cursor, at most limit+1 of them (one more than the page tells whether another page follows),
// each carrying, through meta, the number of all matches and whether a match lies at or before
// the cursor (hasPreviousPage: Relay lets a forward page always answer false, but the exact answer
// is cheap, and without a cursor nothing precedes). Past the last page no row says so: fromStart
// then searches from the start for one match, and every match lies before the cursor. It returns
// the page's rows, the page info (cursors are the caller's) and the total.
func keysetPage[Row any](rows []Row, limit int, afterCursor bool, meta func(Row) (total int64, hasPrevious bool),
	fromStart func() ([]Row, error)) ([]Row, *graph.PageInfo, int, error) {
	info := &graph.PageInfo{HasNextPage: len(rows) > limit}
	total := 0
	if len(rows) > 0 {
		t, previous := meta(rows[0])
		total, info.HasPreviousPage = int(t), previous
	} else if afterCursor {
		first, err := fromStart()
		if err != nil {
			return nil, nil, 0, err
		}
		if len(first) > 0 {
			t, _ := meta(first[0])
			total, info.HasPreviousPage = int(t), true
		}
	}
	if len(rows) > limit {
		rows = rows[:limit]
	}
	return rows, info, total, nil
}

// pageChildLists tells which child lists of a profile the nodes of the connection being resolved
// select, under edges { node } or nodes, through fragments and @skip/@include.
func pageChildLists(ctx context.Context) postgres.ChildLists {
	oc := graphql.GetOperationContext(ctx)
	var want postgres.ChildLists
	profile := func(sel ast.SelectionSet) { profileChildLists(oc, sel, &want) }
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		switch f.Name {
		case "nodes":
			profile(f.Selections)
		case "edges":
			for _, e := range graphql.CollectFields(oc, f.Selections, []string{"CustomerEdge"}) {
				if e.Name == "node" {
					profile(e.Selections)
				}
			}
		}
	}
	return want
}

// profileChildLists adds to want the child lists a selection set of a profile asks for.
func profileChildLists(oc *graphql.OperationContext, sel ast.SelectionSet, want *postgres.ChildLists) {
	for _, f := range graphql.CollectFields(oc, sel, []string{"Customer", "Node"}) {
		switch f.Name {
		case "customerStatuses":
			want.Statuses = true
		case "person":
			for _, p := range graphql.CollectFields(oc, f.Selections, []string{"Person"}) {
				want.Addresses = want.Addresses || p.Name == "addresses"
				want.Phones = want.Phones || p.Name == "phones"
			}
		case "ovChipCards":
			want.ChipCards = true
		case "ovPayTokens":
			want.Tokens = true
		case "billingInformation":
			want.Billing = true
		case "directDebitMandates":
			want.Mandates = true
		case "audit":
			want.Audit = true
		}
	}
}

// selects tells whether the selection of the field being resolved asks for the child field name,
// directly, under an alias or in a fragment.
func selects(ctx context.Context, name string) bool {
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		if f.Name == name {
			return true
		}
	}
	return false
}

// node resolves a global id. Objects of a profile the caller may not see are NOT_FOUND.
func (r *Resolver) node(ctx context.Context, id string) (graph.Node, error) {
	typ, keys, err := graph.ParseGlobalID(id)
	if err != nil {
		return nil, graph.InputError("id", "id is not an id of this graph")
	}
	switch {
	case typ == "Customer" && len(keys) == 1:
	case typ == "Order" && len(keys) == 1:
		return r.orderNode(ctx, int64(keys[0]))
	case len(keys) == 2:
		return r.childNode(ctx, typ, int64(keys[0]), int64(keys[1]))
	default:
		return nil, graph.NotFound()
	}
	l := loadersFor(ctx)
	c, err := l.customerByID.Load(ctx, int64(keys[0]))()
	if err != nil {
		return nil, err
	}
	if c == nil {
		return nil, graph.NotFound()
	}
	if err := r.requireOwn(ctx, int64(c.CustomerNumber)); err != nil {
		return nil, err
	}
	l.warm(ctx, int64(c.CustomerProfileID), selectedLists(ctx))
	return c, nil
}

func (r *Resolver) lookups(ctx context.Context, t string) ([]*graph.Lookup, error) {
	rows, err := r.Store.Lookups(ctx, t)
	if err != nil {
		return nil, err
	}
	return toGraphLookups(rows), nil
}

func (r *Resolver) customerStatusTypes(ctx context.Context) ([]*graph.CustomerStatusType, error) {
	return readAll(ctx, r.Store.CustomerStatusTypes, func(row postgres.CustomerStatusTypesRow) *graph.CustomerStatusType {
		return &graph.CustomerStatusType{Name: row.Name, AllowedNext: row.AllowedNext}
	})
}

// applyPerson patches c with the person fields in holds, after checking them: a null clears one.
func applyPerson(c *postgres.CustomerProfile, in *graph.PersonInput) error {
	if in == nil {
		return nil
	}
	if v := in.EmailAddress.Value(); v != nil {
		if err := checkEmail(*v); err != nil {
			return err
		}
	}
	if v := in.DateOfBirth.Value(); v != nil {
		if err := checkDateOfBirth(*v); err != nil {
			return err
		}
	}
	patch(&c.EmailAddress, in.EmailAddress, same)
	patch(&c.DateOfBirth, in.DateOfBirth, dateTime)
	patch(&c.Birthname, in.Birthname, same)
	patch(&c.Surname, in.Surname, same)
	patch(&c.Prefix, in.Prefix, same)
	patch(&c.Suffix, in.Suffix, same)
	return nil
}

func (r *Resolver) createCustomer(ctx context.Context, input graph.CreateCustomerInput) (*graph.CustomerPayload, error) {
	return r.insertCustomer(ctx, nil, input)
}

// createMe registers the calling customer: the new profile stores the customer's subject, so
// `me` and the selfservice operations find it. A subject owns one profile (CONFLICT).
func (r *Resolver) createMe(ctx context.Context, input graph.CreateCustomerInput) (*graph.CustomerPayload, error) {
	subject := graph.CallerFrom(ctx).CustomerSubject
	return r.insertCustomer(ctx, &subject, input)
}

// insertCustomer creates a profile with its person, first status, addresses and phones in one
// transaction, owned by subject (nil for a profile a touchpoint creates). Its customer number
// comes from the sequence.
func (r *Resolver) insertCustomer(ctx context.Context, subject *string, input graph.CreateCustomerInput) (*graph.CustomerPayload, error) {
	edit := postgres.CustomerProfile{DebtorStatusID: int32Ptr(input.DebtorStatusID)}
	if edit.DebtorStatusID == nil {
		d := int32(initialDebtorStatus)
		edit.DebtorStatusID = &d
	}
	if input.CustomerPreference != nil {
		patch(&edit.LanguageID, input.CustomerPreference.LanguageID, int32Ptr)
	}
	if err := applyPerson(&edit, input.Person); err != nil {
		return nil, err
	}
	addresses := make([]postgres.AddressView, len(input.Addresses))
	for i, a := range input.Addresses {
		row, err := newAddress(*a)
		if err != nil {
			return nil, err
		}
		addresses[i] = row
	}
	phones := make([]postgres.PhoneView, len(input.Phones))
	preferred := 0
	for i, p := range input.Phones {
		row, err := newPhone(*p)
		if err != nil {
			return nil, err
		}
		if row.IsPreferred {
			preferred++
		}
		phones[i] = row
	}
	if preferred > 1 {
		return nil, graph.InputError("phones", "at most one phone can be preferred")
	}
	var created int64
	err := r.inTx(ctx, func(q *postgres.Queries) error {
		row, err := q.InsertCustomer(ctx, toInsertCustomerParams(subject, edit))
		if err != nil {
			return err
		}
		id, n := row.ID, row.CustomerNumber
		created = n
		status, err := q.StatusTypeByName(ctx, initialStatus)
		if err != nil {
			return fmt.Errorf("initial status: %w", err)
		}
		if err := q.InsertStatus(ctx, postgres.InsertStatusParams{CustomerProfileID: id, StatusTypeID: status.ID,
			DecidedBy: decidedBy(ctx)}); err != nil {
			return err
		}
		for _, a := range addresses {
			a.CustomerProfileID = id
			if _, err := q.InsertAddress(ctx, toInsertAddressParams(a)); err != nil {
				return err
			}
		}
		for _, p := range phones {
			p.CustomerProfileID = id
			if _, err := q.InsertPhone(ctx, toInsertPhoneParams(p)); err != nil {
				return err
			}
		}
		return insertAudit(ctx, q, id, change{
			action: "insert", entity: "customer", id: id,
			detail: map[string]any{"customerNumber": n, "addresses": len(addresses), "phones": len(phones)},
		})
	})
	if err != nil {
		return nil, storeError(err)
	}
	return r.customerPayload(ctx, int(created))
}

// customerPayload reads back the profile a write changed, starting the loads of the child lists
// the payload's customer selects.
func (r *Resolver) customerPayload(ctx context.Context, number int) (*graph.CustomerPayload, error) {
	c, err := r.customer(ctx, number)
	if err != nil {
		return nil, err
	}
	var want postgres.ChildLists
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		if f.Name == "customer" {
			profileChildLists(graphql.GetOperationContext(ctx), f.Selections, &want)
		}
	}
	loadersFor(ctx).warm(ctx, int64(c.CustomerProfileID), want)
	return &graph.CustomerPayload{CustomerNumber: number, Customer: c}, nil
}

func (r *Resolver) updateCustomer(ctx context.Context, number int, input graph.UpdateCustomerInput) (*graph.CustomerPayload, error) {
	err := r.write(ctx, number, func(q *postgres.Queries, c *postgres.CustomerProfile) (change, error) {
		before := customerFields(*c)
		setIf(&c.DebtorStatusID, int32Ptr(input.DebtorStatusID))
		return change{"update", "customer", c.ID, changes(before, customerFields(*c))}, q.UpdateCustomer(ctx, toUpdateCustomerParams(*c))
	})
	if err != nil {
		return nil, err
	}
	return r.customerPayload(ctx, number)
}

func (r *Resolver) updateCustomerPreference(ctx context.Context, number int, input graph.CustomerPreferenceInput) (*graph.CustomerPayload, error) {
	err := r.write(ctx, number, func(q *postgres.Queries, c *postgres.CustomerProfile) (change, error) {
		before := customerFields(*c)
		patch(&c.LanguageID, input.LanguageID, int32Ptr)
		return change{"update", "customerPreference", c.ID, changes(before, customerFields(*c))}, q.UpdateCustomer(ctx, toUpdateCustomerParams(*c))
	})
	if err != nil {
		return nil, err
	}
	return r.customerPayload(ctx, number)
}

func (r *Resolver) updatePerson(ctx context.Context, number int, input graph.PersonInput) (*graph.CustomerPayload, error) {
	err := r.write(ctx, number, func(q *postgres.Queries, c *postgres.CustomerProfile) (change, error) {
		before := customerFields(*c)
		if err := applyPerson(c, &input); err != nil {
			return change{}, err
		}
		return change{"update", "person", c.ID, changes(before, customerFields(*c))}, q.UpdateCustomer(ctx, toUpdateCustomerParams(*c))
	})
	if err != nil {
		return nil, err
	}
	return r.customerPayload(ctx, number)
}

// addCustomerStatus closes the current status and opens the new one at the same instant, the
// database's now() of the transaction.
func (r *Resolver) addCustomerStatus(ctx context.Context, number int, input graph.CustomerStatusInput) (*graph.CustomerPayload, error) {
	err := r.write(ctx, number, func(q *postgres.Queries, c *postgres.CustomerProfile) (change, error) {
		next, err := q.StatusTypeByName(ctx, input.Name)
		if err != nil {
			return change{}, graph.InputError("name", fmt.Sprintf("%q is not a customer status", input.Name))
		}
		cur, err := q.CurrentStatus(ctx, c.ID)
		switch {
		case err == nil:
			if err := checkGuarded(ctx, "Mutation.addCustomerStatus.input.name", cur.Name, cur.DecidedBy, next.Name); err != nil {
				return change{}, err
			}
			ok, err := q.TransitionAllowed(ctx, cur.StatusTypeID, next.ID)
			if err != nil {
				return change{}, err
			}
			if !ok {
				return change{}, forbiddenTransition(cur.Name, next.Name)
			}
			if err := q.CloseStatus(ctx, cur.ID); err != nil {
				return change{}, err
			}
		case !errors.Is(err, postgres.ErrNotFound):
			return change{}, err
		}
		return change{"insert", "customerStatus", c.ID, map[string]any{"name": next.Name}},
			q.InsertStatus(ctx, postgres.InsertStatusParams{CustomerProfileID: c.ID, StatusTypeID: next.ID,
				DecidedBy: decidedBy(ctx)})
	})
	if err != nil {
		return nil, err
	}
	return r.customerPayload(ctx, number)
}

func toInsertCustomerParams(subject *string, c postgres.CustomerProfile) postgres.InsertCustomerParams {
	return postgres.InsertCustomerParams{
		Subject: subject, DebtorStatusID: c.DebtorStatusID, LanguageID: c.LanguageID,
		Birthname: c.Birthname, Surname: c.Surname, Prefix: c.Prefix, Suffix: c.Suffix,
		DateOfBirth: c.DateOfBirth, EmailAddress: c.EmailAddress,
	}
}

func toUpdateCustomerParams(c postgres.CustomerProfile) postgres.UpdateCustomerParams {
	return postgres.UpdateCustomerParams{
		ID: c.ID, DebtorStatusID: c.DebtorStatusID, LanguageID: c.LanguageID,
		Birthname: c.Birthname, Surname: c.Surname, Prefix: c.Prefix, Suffix: c.Suffix,
		DateOfBirth: c.DateOfBirth, EmailAddress: c.EmailAddress,
	}
}
