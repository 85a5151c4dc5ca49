package resolvers

import (
	"context"

	"ovgraph/graph"
)

// Basket writes of the SE orders API: the order, its lines, the order customer and its addresses.
// (Skeleton of the orders-base branch: each function is written on its own branch.)

func (r *Resolver) createOrder(ctx context.Context, customerProfileID *int, input graph.CreateOrderInput) (*graph.Order, error) {
	return nil, errNotBuilt
}

func (r *Resolver) updateOrder(ctx context.Context, orderID string, input graph.UpdateOrderInput) (*graph.Order, error) {
	return nil, errNotBuilt
}

func (r *Resolver) deleteOrder(ctx context.Context, orderID string) (*graph.DeleteOrderPayload, error) {
	return nil, errNotBuilt
}

func (r *Resolver) addOrderLine(ctx context.Context, orderID string, input graph.OrderLineInput) (*graph.Order, error) {
	return nil, errNotBuilt
}

func (r *Resolver) updateOrderLine(ctx context.Context, orderLineID string, input graph.UpdateOrderLineInput) (*graph.Order, error) {
	return nil, errNotBuilt
}

func (r *Resolver) deleteOrderLine(ctx context.Context, orderLineID string) (*graph.Order, error) {
	return nil, errNotBuilt
}

func (r *Resolver) addOrderCustomer(ctx context.Context, orderID string, input graph.OrderCustomerInput) (*graph.Order, error) {
	return nil, errNotBuilt
}

func (r *Resolver) updateOrderCustomer(ctx context.Context, orderCustomerID string, input graph.UpdateOrderCustomerInput) (*graph.Order, error) {
	return nil, errNotBuilt
}

func (r *Resolver) addOrderCustomerAddress(ctx context.Context, orderCustomerID string, input graph.OrderCustomerAddressInput) (*graph.Order, error) {
	return nil, errNotBuilt
}

func (r *Resolver) updateOrderCustomerAddress(ctx context.Context, id string, input graph.UpdateOrderCustomerAddressInput) (*graph.Order, error) {
	return nil, errNotBuilt
}

func (r *Resolver) deleteOrderCustomerAddress(ctx context.Context, id string) (*graph.Order, error) {
	return nil, errNotBuilt
}
