package graph

import "context"

// CallerKind is the kind of caller a request acts as; the policy table (resolvers/policy.go)
// decides per kind what it may do.
type CallerKind int

const (
	// CallerAnonymous carries no valid application token: it may do nothing.
	CallerAnonymous CallerKind = iota
	// CallerApplication is a back-office application (touchpoint) acting on its own account.
	CallerApplication
	// CallerStaff is an HTM employee in a trusted application (the staff portal), with a role.
	CallerStaff
	// CallerCustomer is a customer logged in to an application: it acts on its own profile only.
	CallerCustomer
)

var callerKindNames = [...]string{"anonymous", "application", "staff", "customer"}

// String names the kind as the audit trail and the README do.
func (k CallerKind) String() string {
	if int(k) < len(callerKindNames) {
		return callerKindNames[k]
	}
	return "unknown"
}

// CallerKinds lists every kind, for tests that walk the policy table.
var CallerKinds = []CallerKind{CallerAnonymous, CallerApplication, CallerStaff, CallerCustomer}

// Caller is who a request acts for: the application that sent it (always required), and either a
// staff role or a customer. HTTP middleware builds it from verified tokens and headers; the
// resolvers read it through CallerFrom.
type Caller struct {
	// Application is the subject (client id) of the application token; "" when the request
	// carried no valid one.
	Application string
	// StaffRole is the employee's role (X-HTM-ROLE-HEADER), set only when the application is
	// trusted to speak for staff.
	StaffRole string
	// StaffProfileID is the profile a staff member acts on (X-HTM-CUSTOMER-PROFILE-ID-HEADER);
	// zero when absent.
	StaffProfileID int64
	// CustomerSubject is the sub of the customer's own JWT (X-HTM-JWT-AUTH-HEADER): the identity
	// provider's subject stored on the customer's profile, never a customer number.
	CustomerSubject string
	// Refused, when set, is why the request's credentials cannot be accepted (a customer token
	// that fails verification, a role the application may not claim, ...). Every surface answers
	// it, in its own form, before anything runs.
	Refused *Error
}

// Kind tells which kind of caller c is.
func (c Caller) Kind() CallerKind {
	switch {
	case c.Application == "" || c.Refused != nil:
		return CallerAnonymous
	case c.CustomerSubject != "":
		return CallerCustomer
	case c.StaffRole != "":
		return CallerStaff
	default:
		return CallerApplication
	}
}

// AuditUser is the caller as the audit trail records it: kind, then who.
func (c Caller) AuditUser() string {
	switch c.Kind() {
	case CallerCustomer:
		return "customer:" + c.CustomerSubject
	case CallerStaff:
		return "staff:" + c.StaffRole + "@" + c.Application
	case CallerApplication:
		return "application:" + c.Application
	}
	return "anonymous"
}

type callerKey struct{}

// WithCaller returns a context carrying c.
func WithCaller(ctx context.Context, c Caller) context.Context {
	return context.WithValue(ctx, callerKey{}, c)
}

// CallerFrom returns the request's caller, or an anonymous one.
func CallerFrom(ctx context.Context) Caller {
	c, _ := ctx.Value(callerKey{}).(Caller)
	return c
}

type correlationKey struct{}

// WithCorrelationID returns a context carrying the request's correlation id.
func WithCorrelationID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, correlationKey{}, id)
}

// CorrelationID returns the request's correlation id, or "".
func CorrelationID(ctx context.Context) string {
	id, _ := ctx.Value(correlationKey{}).(string)
	return id
}
