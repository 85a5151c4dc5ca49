package resolvers_test

// The policy matrix's samples of the SE orders fields: the orders of the target profile, one order
// of it, and the catalogue.

func init() {
	for k, v := range seOrderSamples {
		samples[k] = v
	}
}

var seOrderSamples = map[string]sample{
	"Query.orders": {query: `query($p: Int) { orders(filter: {customerProfileId: $p}) { totalCount nodes { orderId } } }`,
		vars: onProfile(nil)},
	"Query.order": {query: `query($o: String!) { order(orderId: $o) { orderId } }`,
		vars: func(f matrixFixture) map[string]any { return map[string]any{"o": f.order} }},
	"Query.products":          lookupSample("products", "productId"),
	"Query.orderStatuses":     lookupSample("orderStatuses", "orderStatusId"),
	"Query.orderLineStatuses": lookupSample("orderLineStatuses", "orderLineStatusId"),
	"Query.salesTouchpoints":  lookupSample("salesTouchpoints", "salesTouchpointId"),
	"Query.gboAgeProfiles":    lookupSample("gboAgeProfiles", "gboAgeProfileId"),
}
