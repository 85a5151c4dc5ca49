package resolvers

import (
	"context"

	"ovgraph/graph"
)

// Payments, what the payment service provider reports, and fulfilment.
// (Skeleton of the orders-base branch: each function is written on its own branch.)

func (r *Resolver) addPayment(ctx context.Context, orderID string, input graph.PaymentInput) (*graph.Order, error) {
	return nil, errNotBuilt
}

func (r *Resolver) updatePayment(ctx context.Context, paymentID string, input graph.UpdatePaymentInput) (*graph.Order, error) {
	return nil, errNotBuilt
}

func (r *Resolver) fulfillOrder(ctx context.Context, orderID string) (*graph.Order, error) {
	return nil, errNotBuilt
}
