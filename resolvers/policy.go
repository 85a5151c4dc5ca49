package resolvers

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"ovgraph/adapters/postgres"
	"ovgraph/graph"
)

// This file is the one place that decides who may do what. Every root field of the schema has a
// row in policy (a test fails for a field without one); fieldPolicy narrows what a kind of caller
// may write into single input fields. enforcePolicy applies both to every root field before its
// resolver runs, for /graphql and the REST shim alike; the only checks left to resolvers are the
// ones that need stored state (whose profile a global id names, who set a guarded value).

// StaffRoles are the roles of HTM employees (X-HTM-ROLE-HEADER) that act as staff; the value
// "Customer" that customer apps send is no staff role.
var StaffRoles = []string{"KlantenService"}

// Access is what one kind of caller may do with one root field.
type Access int

const (
	// Deny refuses the field: FORBIDDEN.
	Deny Access = iota
	// Allow permits the field on any profile.
	Allow
	// Own permits the field on the caller's own profile only; any other profile is NOT_FOUND, as a
	// missing one is, so a customer cannot probe which customer numbers exist.
	Own
)

func (a Access) String() string {
	return [...]string{"deny", "allow", "own"}[a]
}

// Rule is the access of each kind of caller to one root field. Anonymous callers (no valid
// application token) may do nothing.
type Rule struct {
	Application, Staff, Customer Access
}

// For returns the access of a kind of caller.
func (r Rule) For(k graph.CallerKind) Access {
	switch k {
	case graph.CallerApplication:
		return r.Application
	case graph.CallerStaff:
		return r.Staff
	case graph.CallerCustomer:
		return r.Customer
	}
	return Deny
}

// Shorthands for the table.
var (
	// backOffice: touchpoint applications and staff on any profile; customers never.
	backOffice = Rule{Application: Allow, Staff: Allow, Customer: Deny}
	// profile: touchpoint applications and staff on any profile, a customer on its own.
	profile = Rule{Application: Allow, Staff: Allow, Customer: Own}
	// selfOnly: the calling customer's own profile, found by its subject.
	selfOnly = Rule{Application: Deny, Staff: Deny, Customer: Own}
	// everyone: reference data every caller with an application token may read.
	everyone = Rule{Application: Allow, Staff: Allow, Customer: Allow}
)

// policy has a row for every root field, "Query.<field>" or "Mutation.<field>". Customers may do
// what the ABTCustomers selfservice operations offer; fieldPolicy takes away what would undo a
// touchpoint's decision.
var policy = map[string]Rule{
	"Query.__schema":  everyone,
	"Query.__type":    everyone,
	"Query.node":      profile,
	"Query.customer":  profile,
	"Query.customers": backOffice,
	"Query.me":        selfOnly,
	// The SE token operations act on the profile the caller names (staff, touchpoints) or on the
	// customer's own (resolvers' actingProfile).
	"Query.customerProfile":         profile,
	"Query.compareTokens":           profile,
	"Query.tokenTransfer":           profile,
	"Query.languages":               everyone,
	"Query.addressTypes":            everyone,
	"Query.phoneTypes":              everyone,
	"Query.tokenTypes":              everyone,
	"Query.tokenStatuses":           everyone,
	"Query.debtorStatuses":          everyone,
	"Query.directDebitMandateTypes": everyone,
	"Query.customerStatusTypes":     everyone,
	// SE orders: touchpoints and staff see every order, a customer those of its own profile (the
	// resolvers narrow the search to it and answer another's order NOT_FOUND). The catalogue is
	// reference data.
	"Query.orders":            profile,
	"Query.order":             profile,
	"Query.products":          everyone,
	"Query.orderStatuses":     everyone,
	"Query.orderLineStatuses": everyone,
	"Query.salesTouchpoints":  everyone,
	"Query.gboAgeProfiles":    everyone,
	"Query.challengeTypes":    everyone,
	"Query.paymentMethods":    everyone,
	// The age-profile check reads personal data of any token it is given: touchpoints and staff
	// (the contract declares no customer JWT on it).
	"Query.gboAgeProfile": backOffice,
	// Order writes: touchpoints and staff on any order, a customer on its own (the resolvers answer
	// another's NOT_FOUND). What the payment service provider reported, and delivery, come from
	// touchpoints only: a customer cannot mark its own order paid or delivered.
	"Mutation.createOrder":                profile,
	"Mutation.updateOrder":                profile,
	"Mutation.deleteOrder":                profile,
	"Mutation.addOrderLine":               profile,
	"Mutation.updateOrderLine":            profile,
	"Mutation.deleteOrderLine":            profile,
	"Mutation.addCustomerToken":           profile,
	"Mutation.updateCustomerToken":        profile,
	"Mutation.deleteCustomerToken":        profile,
	"Mutation.addPersonalAccountData":     profile,
	"Mutation.updatePersonalAccountData":  profile,
	"Mutation.deletePersonalAccountData":  profile,
	"Mutation.addPayment":                 profile,
	"Mutation.updatePayment":              backOffice,
	"Mutation.addOrderCustomer":           profile,
	"Mutation.updateOrderCustomer":        profile,
	"Mutation.addOrderCustomerAddress":    profile,
	"Mutation.updateOrderCustomerAddress": profile,
	"Mutation.deleteOrderCustomerAddress": profile,
	"Mutation.fulfillOrder":               backOffice,

	// Which vendor customer a profile is: the back office decides.
	"Mutation.linkVendorCustomer":   backOffice,
	"Mutation.unlinkVendorCustomer": backOffice,

	// MasStack accounts.
	// The billing accounts of a profile's MasStack customer: touchpoints and staff on any profile,
	// a customer on its own (Customer.billingAccounts follows Query.customer / Query.me).
	"Mutation.changePaymentMethod":  profile,
	"Mutation.createBillingAccount": profile,
	"Mutation.deleteBillingAccount": profile,
	"Mutation.cancelPromotion":      profile,

	// Aptic. Creating, linking and changing the Aptic customer, its addresses, extra fields, party
	// parameters, mandates and credit insurances is credit management's work: the back office.
	// A customer reads its own credit (a field of Customer, under Query.customer and Query.me) and
	// answers the questions Aptic puts to it on its own profile.
	"Mutation.createApticCustomer":           backOffice,
	"Mutation.updateApticCustomer":           backOffice,
	"Mutation.createApticAddress":            backOffice,
	"Mutation.updateApticAddress":            backOffice,
	"Mutation.deleteApticAddress":            backOffice,
	"Mutation.createApticExtraField":         backOffice,
	"Mutation.updateApticExtraField":         backOffice,
	"Mutation.deleteApticExtraField":         backOffice,
	"Mutation.setApticPartyParameters":       backOffice,
	"Mutation.createApticDirectDebitMandate": backOffice,
	"Mutation.createApticCreditInsurance":    backOffice,
	"Mutation.updateApticCreditInsurance":    backOffice,
	"Mutation.deleteApticCreditInsurance":    backOffice,
	"Mutation.respondToApticAction":          profile,

	"Mutation.createCustomer": backOffice,
	"Mutation.createMe":       selfOnly,
	// The debtor status is credit management's decision (it blocks a debtor): never a customer's.
	"Mutation.updateCustomer":           backOffice,
	"Mutation.updateCustomerPreference": profile,
	"Mutation.updatePerson":             profile,
	"Mutation.addCustomerStatus":        profile,
	"Mutation.addAddress":               profile,
	"Mutation.updateAddress":            profile,
	"Mutation.deleteAddress":            profile,
	"Mutation.addPhone":                 profile,
	"Mutation.updatePhone":              profile,
	"Mutation.deletePhone":              profile,
	"Mutation.addOvChipCard":            profile,
	"Mutation.deleteOvChipCard":         profile,
	"Mutation.addOvPayToken":            profile,
	"Mutation.updateOvPayToken":         profile,
	"Mutation.deleteOvPayToken":         profile,
	"Mutation.registerOvPayToken":       profile,
	"Mutation.editOvPayToken":           profile,
	"Mutation.removeOvPayToken":         profile,
	"Mutation.replaceOvPayToken":        profile,
	"Mutation.transferToken":            profile,
	"Mutation.addBillingInformation":    profile,
	"Mutation.updateBillingInformation": profile,
	"Mutation.addDirectDebitMandate":    profile,
	"Mutation.updateDirectDebitMandate": profile,
}

// PolicyRule returns the table's row of a root field ("Query.customer", "Mutation.createMe").
func PolicyRule(key string) (Rule, bool) {
	r, ok := policy[key]
	return r, ok
}

// PolicyKeys lists the root fields the table has a row for, sorted.
func PolicyKeys() []string {
	keys := make([]string, 0, len(policy))
	for k := range policy {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// FieldRule limits what one kind of caller may write into one input field.
type FieldRule struct {
	// To lists the values the caller may set, as their text ("blocked", "5"; names ignore case).
	// Empty: the caller may not set the field at all.
	To []string
	// Guarded lists values the caller may move away from only when a caller of its own kind set
	// them: a customer may lift a block or a suspension it set itself, not one a touchpoint set.
	Guarded []string
}

// fieldPolicy limits input fields per kind of caller: "<root field key>.<argument>.<field>". A
// kind without an entry may set any value. Token status ids: 1 Retired, 2 Active, 3 Replaced,
// 4 On Stock, 5 Suspended, 6 Removed by customer, 7 Renewed Active.
var fieldPolicy = map[string]map[graph.CallerKind]FieldRule{
	// The selfservice example sends debtorStatusId 2; a customer may not choose its own debtor
	// status (README: deviations).
	"Mutation.createMe.input.debtorStatusId": {graph.CallerCustomer: {}},
	// A customer may block itself and lift its own block, nothing else.
	"Mutation.addCustomerStatus.input.name": {graph.CallerCustomer: {
		To: []string{"blocked", "active"}, Guarded: []string{"blocked", "inactive", "cleared"}}},
	// A new token of a customer starts Active.
	"Mutation.addOvPayToken.input.tokenStatusId": {graph.CallerCustomer: {To: []string{"2"}}},
	// SE PATCH: touchpoints change only the alias; a customer may suspend or remove its own token,
	// and only staff lift a suspension or set any other status.
	"Mutation.editOvPayToken.input.tokenStatusId": {
		graph.CallerApplication: {},
		graph.CallerCustomer:    {To: []string{"5", "6"}},
	},
	// A customer may suspend or remove its own token and reactivate one it suspended itself.
	"Mutation.updateOvPayToken.input.tokenStatusId": {graph.CallerCustomer: {
		To: []string{"2", "5", "6"}, Guarded: []string{"1", "3", "4", "5", "6"}}},
}

var errNoPolicy = errors.New("no policy")

func forbidden(format string, args ...any) *graph.Error {
	return graph.NewError(graph.CodeForbidden, fmt.Sprintf(format, args...))
}

// rootKey names a root field as the policy table does.
func rootKey(op *ast.OperationDefinition, field string) string {
	if op != nil && op.Operation == ast.Mutation {
		return "Mutation." + field
	}
	return "Query." + field
}

// enforcePolicy is the root field middleware that applies the policy table before any resolver
// of a root field runs. A refused field answers null with its error; the other root fields of the
// document still run.
func (r *Resolver) enforcePolicy(ctx context.Context, next graphql.RootResolver) graphql.Marshaler {
	rf := graphql.GetRootFieldContext(ctx)
	if rf == nil || rf.Field.Name == "__typename" {
		return next(ctx)
	}
	oc := graphql.GetOperationContext(ctx)
	key := rootKey(oc.Operation, rf.Field.Name)
	if err := r.allowed(ctx, key, rf.Field.ArgumentMap(oc.Variables)); err != nil {
		if errors.Is(err, errNoPolicy) {
			r.Log.ErrorContext(ctx, "root field without policy", "field", key)
			err = forbidden("%s is not open to any caller", rf.Field.Name)
		}
		graphql.AddError(ctx, &gqlerror.Error{Err: err, Message: err.Error(),
			Path: ast.Path{ast.PathName(rf.Field.Alias)}})
		return graphql.Null
	}
	return next(ctx)
}

// allowed decides one root field with its arguments for the request's caller.
func (r *Resolver) allowed(ctx context.Context, key string, args map[string]any) error {
	caller := graph.CallerFrom(ctx)
	kind := caller.Kind()
	if kind == graph.CallerAnonymous {
		if caller.Refused != nil {
			return caller.Refused
		}
		return graph.ErrNoApplication
	}
	rule, ok := policy[key]
	if !ok {
		return fmt.Errorf("%w for %s", errNoPolicy, key)
	}
	switch rule.For(kind) {
	case Deny:
		return forbidden("%s is not open to %s callers", strings.SplitN(key, ".", 2)[1], kind)
	case Own:
		if n, ok := args["customerNumber"]; ok && n != nil {
			number, err := argInt(n)
			if err != nil {
				return nil // not an Int: gqlgen refuses it with BAD_USER_INPUT when the resolver runs
			}
			if err := r.requireOwn(ctx, number); err != nil {
				return err
			}
		}
		if id, ok := args["customerProfileId"]; ok && id != nil {
			profileID, err := argInt(id)
			if err != nil {
				return nil
			}
			if err := r.requireOwnProfile(ctx, profileID); err != nil {
				return err
			}
		}
	}
	prefix := key + "."
	for path, rules := range fieldPolicy {
		rest, ok := strings.CutPrefix(path, prefix)
		if !ok {
			continue
		}
		fr, limited := rules[kind]
		if !limited {
			continue
		}
		v, present := lookup(args, strings.Split(rest, "."))
		if !present || v == nil {
			continue
		}
		if !matchAny(fr.To, fmt.Sprint(v)) {
			return forbidden("%s callers may not set %s to %v", kind, rest[strings.LastIndex(rest, ".")+1:], v)
		}
	}
	return nil
}

// checkGuarded refuses to move a guarded field away from a value that a caller of another kind
// set (fieldPolicy's Guarded). Resolvers call it where they know the stored value and who set it.
func checkGuarded(ctx context.Context, key, from, decidedBy, to string) error {
	kind := graph.CallerFrom(ctx).Kind()
	fr, limited := fieldPolicy[key][kind]
	if !limited || strings.EqualFold(from, to) || !matchAny(fr.Guarded, from) || decidedBy == kind.String() {
		return nil
	}
	field := key[strings.LastIndex(key, ".")+1:]
	return forbidden("%s %s was set by %s and cannot be changed by a %s", field, from, decidedByText(decidedBy), kind)
}

func decidedByText(k string) string {
	if k == graph.CallerApplication.String() {
		return "a touchpoint"
	}
	return k
}

func matchAny(values []string, v string) bool {
	return slices.ContainsFunc(values, func(s string) bool { return strings.EqualFold(s, v) })
}

// lookup follows a path of keys through nested argument maps.
func lookup(v any, path []string) (any, bool) {
	for _, k := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = m[k]; !ok {
			return nil, false
		}
	}
	return v, true
}

// argInt reads an Int argument as the transports decode it (a literal, or a JSON number).
func argInt(v any) (int64, error) {
	switch n := v.(type) {
	case int64:
		return n, nil
	case int:
		return int64(n), nil
	case float64:
		if n == float64(int64(n)) {
			return int64(n), nil
		}
	case interface{ Int64() (int64, error) }:
		return n.Int64()
	}
	return 0, fmt.Errorf("not an integer: %v", v)
}

// requireOwnProfile is requireOwn for a profile named by its key (customerProfileId).
func (r *Resolver) requireOwnProfile(ctx context.Context, customerProfileID int64) error {
	return r.requireSelf(ctx, func(me postgres.CustomerBySubjectRow) bool { return me.ID == customerProfileID })
}

// self is the calling customer's profile, looked up once per operation by its subject: again
// after a write (createMe gives the subject its profile) or after a failed look-up.
type self struct {
	mu    sync.Mutex
	known bool
	found bool
	row   postgres.CustomerBySubjectRow
}

func (s *self) forget() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.known, s.found, s.row = false, false, postgres.CustomerBySubjectRow{}
}

// get returns the caller's profile and whether it was found, if it was looked up (known).
func (s *self) get() (row postgres.CustomerBySubjectRow, found, known bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.row, s.found, s.known
}

// set records the caller's profile, looked up another way (me reads it with its fields).
func (s *self) set(row postgres.CustomerBySubjectRow, found bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.known, s.found, s.row = true, found, row
}

// selfProfile returns the profile the calling customer's subject owns; found is false when it has
// none yet.
func (r *Resolver) selfProfile(ctx context.Context) (row postgres.CustomerBySubjectRow, found bool, err error) {
	s := loadersFor(ctx).self
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.known {
		row, err := r.Store.CustomerBySubject(ctx, graph.CallerFrom(ctx).CustomerSubject)
		if err != nil && !errors.Is(err, postgres.ErrNotFound) {
			return postgres.CustomerBySubjectRow{}, false, err
		}
		s.known, s.found, s.row = true, err == nil, row
	}
	return s.row, s.found, nil
}

// requireOwn lets a customer act only on the profile its subject owns: any other customer number
// is NOT_FOUND. Other callers pass.
func (r *Resolver) requireOwn(ctx context.Context, customerNumber int64) error {
	return r.requireSelf(ctx, func(me postgres.CustomerBySubjectRow) bool { return me.CustomerNumber == customerNumber })
}

// requireSelf passes a customer whose own profile is the one named (is tells), and every other
// kind of caller; a customer naming another profile, or without one, is NOT_FOUND.
func (r *Resolver) requireSelf(ctx context.Context, is func(me postgres.CustomerBySubjectRow) bool) error {
	if graph.CallerFrom(ctx).Kind() != graph.CallerCustomer {
		return nil
	}
	me, found, err := r.selfProfile(ctx)
	if err != nil {
		return err
	}
	if !found || !is(me) {
		return graph.NotFound()
	}
	return nil
}
