package graph

import "context"

// CallerKind tells who is calling: a back-office application (touchpoint) or a customer.
type CallerKind int

const (
	CallerAnonymous CallerKind = iota
	CallerTouchpoint
	CallerCustomer
)

// Caller is the authenticated principal of a request. A customer caller may act only on its own
// customer profile; a touchpoint caller on any.
type Caller struct {
	Kind           CallerKind
	Subject        string // the token's sub, written to the audit trail as the user
	CustomerNumber int64  // set for customer callers
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

// Credentials are the verified tokens a request carried: a touchpoint's (Authorization: Bearer)
// and a customer's (X-HTM-JWT-AUTH-HEADER). Either may be nil. HTTP middleware sets them; each
// endpoint chooses the caller it acts as.
type Credentials struct {
	Touchpoint *Caller
	Customer   *Caller
}

type credentialsKey struct{}

// WithCredentials returns a context carrying the request's verified tokens.
func WithCredentials(ctx context.Context, c Credentials) context.Context {
	return context.WithValue(ctx, credentialsKey{}, c)
}

// CredentialsFrom returns the request's verified tokens (none when absent).
func CredentialsFrom(ctx context.Context) Credentials {
	c, _ := ctx.Value(credentialsKey{}).(Credentials)
	return c
}
