package resolvers

import (
	"context"

	"ovgraph/adapters/postgres"
	"ovgraph/graph"
)

// HTM products instantiated on a token (product_instance): fulfilled orders put them there, a
// replacement or transfer moves the active ones to the new token.

func (r *Resolver) productInstances(ctx context.Context, t *graph.OvPayToken) ([]*graph.ProductInstance, error) {
	return loadersFor(ctx).productsByToken.Load(ctx, int64(t.OvPayTokenID))()
}

func toGraphProductInstance(p postgres.ProductInstancesByTokensRow) *graph.ProductInstance {
	out := &graph.ProductInstance{
		ProductInstanceID: int(p.ID), ProductID: int(p.ProductID), Name: p.Name,
		Status: graph.ProductInstanceStatus(p.Status), IsRenewable: p.IsRenewable,
		ProductCategory: &graph.ProductCategory{ProductCategoryID: int(p.ProductCategoryID), Name: p.ProductCategoryName},
		FromInclusive:   graph.DateTime{Time: p.FromInclusive}, UntilInclusive: dateTimePtr(p.UntilInclusive),
		OrderID: p.OrderID.String(), OrderLineID: p.OrderLineID.String(), PackageTemplateID: p.PackageTemplateID,
	}
	if p.ContractID.Valid {
		c := p.ContractID.String()
		out.ContractID = &c
	}
	return out
}
