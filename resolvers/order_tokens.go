package resolvers

import (
	"context"
	"errors"

	"ovgraph/adapters/postgres"
	"ovgraph/graph"
)

// Customer tokens and their personal account data (with the one-time-password challenge).
// (Skeleton of the orders-base branch: each function is written on its own branch.)

var errNotBuilt = errors.New("not built on this branch")

// insertCustomerToken adds a customer token (with its personal account data, when given) to the
// line with key lineKey of the order w writes. field is where the input sits in the mutation's
// arguments ("input.orderLines.0.customerTokens.0"), for the errors it answers.
func (r *Resolver) insertCustomerToken(ctx context.Context, w *orderWrite, lineKey int64, in graph.CustomerTokenInput, field string) error {
	return errNotBuilt
}

func (r *Resolver) addCustomerToken(ctx context.Context, orderLineID string, input graph.CustomerTokenInput) (*graph.Order, error) {
	return nil, errNotBuilt
}

func (r *Resolver) updateCustomerToken(ctx context.Context, customerTokenID string, input graph.UpdateCustomerTokenInput) (*graph.Order, error) {
	return nil, errNotBuilt
}

func (r *Resolver) deleteCustomerToken(ctx context.Context, customerTokenID string) (*graph.Order, error) {
	return nil, errNotBuilt
}

func (r *Resolver) addPersonalAccountData(ctx context.Context, customerTokenID string, input graph.PersonalAccountDataInput) (*graph.Order, error) {
	return nil, errNotBuilt
}

func (r *Resolver) updatePersonalAccountData(ctx context.Context, id string, input graph.UpdatePersonalAccountDataInput) (*graph.Order, error) {
	return nil, errNotBuilt
}

func (r *Resolver) deletePersonalAccountData(ctx context.Context, id string) (*graph.Order, error) {
	return nil, errNotBuilt
}

// revalidate validates every line of a concept order again, stores the findings, the lines'
// results and the order's validContents, and its total.
func (r *Resolver) revalidate(ctx context.Context, q *postgres.Queries, orderKey int64) error {
	return nil
}

func (r *Resolver) gboAgeProfileFor(ctx context.Context, productStartDate graph.Date, birthDate *graph.Date,
	ovPayTokenID *int, customerTokenID *string, serviceReferenceID *string, amount *int, ovpasNumber *string,
	verificationCode *string) (*graph.GboAgeProfile, error) {
	return nil, errNotBuilt
}
