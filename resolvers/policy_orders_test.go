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
	"Query.challengeTypes":    lookupSample("challengeTypes", "id"),
	"Query.paymentMethods":    lookupSample("paymentMethods", "paymentMethodId"),
	"Query.gboAgeProfile": {query: `query($t: Int) { gboAgeProfile(productStartDate: "2026-03-01", ovPayTokenId: $t,
		birthDate: "1990-05-01") { gboAgeProfileId } }`, vars: func(f matrixFixture) map[string]any { return map[string]any{"t": f.token} }},

	"Mutation.createOrder": {query: `mutation($p: Int) { createOrder(customerProfileId: $p, input: {orderLines: [{productId: 21, quantity: 1}]}) { orderId } }`,
		vars: onProfile(nil)},
	"Mutation.updateOrder":  onOrderChild(`updateOrder(orderId: $id, input: {languageId: 2})`, func(f matrixFixture) string { return f.order }),
	"Mutation.deleteOrder":  {query: `mutation($id: String!) { deleteOrder(orderId: $id) { orderId } }`, vars: idVar(func(f matrixFixture) string { return f.order })},
	"Mutation.addOrderLine": onOrderChild(`addOrderLine(orderId: $id, input: {productId: 11, quantity: 1})`, func(f matrixFixture) string { return f.order }),
	"Mutation.updateOrderLine": onOrderChild(`updateOrderLine(orderLineId: $id, input: {quantity: 2})`,
		func(f matrixFixture) string { return f.orderLine }),
	"Mutation.deleteOrderLine": onOrderChild(`deleteOrderLine(orderLineId: $id)`, func(f matrixFixture) string { return f.orderLine }),
	"Mutation.addCustomerToken": onOrderChild(`addCustomerToken(orderLineId: $id, input: {tokenTypeId: 1,
		serviceReferenceId: "NLOV1234567ABCDEFG", amount: 200})`, func(f matrixFixture) string { return f.bareLine }),
	"Mutation.updateCustomerToken": onOrderChild(`updateCustomerToken(customerTokenId: $id, input: {tokenTypeId: 1})`,
		func(f matrixFixture) string { return f.customerToken }),
	"Mutation.deleteCustomerToken": onOrderChild(`deleteCustomerToken(customerTokenId: $id)`, func(f matrixFixture) string { return f.customerToken }),
	"Mutation.addPersonalAccountData": onOrderChild(`addPersonalAccountData(customerTokenId: $id, input: {name: "B. Klant",
		birthdate: "1990-01-01"})`, func(f matrixFixture) string { return f.bareToken }),
	"Mutation.updatePersonalAccountData": onOrderChild(`updatePersonalAccountData(personalAccountDataId: $id, input: {name: "C. Klant"})`,
		func(f matrixFixture) string { return f.pad }),
	"Mutation.deletePersonalAccountData": onOrderChild(`deletePersonalAccountData(personalAccountDataId: $id)`,
		func(f matrixFixture) string { return f.pad }),
	"Mutation.addPayment": {query: `mutation($id: String!, $a: Int!) { addPayment(orderId: $id, input: {amountDebit: $a, paymentMethodId: 1,
		htmPaymentReference: "HTM-1"}) { orderId } }`,
		vars: func(f matrixFixture) map[string]any { return map[string]any{"id": f.order, "a": f.orderTotal} }},
	"Mutation.updatePayment": onOrderChild(`updatePayment(paymentId: $id, input: {pspPaymentReference: "PSP-1",
		paymentStatuses: [{createdOn: "2026-03-01T10:00:00Z", statusCode: "791"}]})`, func(f matrixFixture) string { return f.payment }),
	"Mutation.addOrderCustomer": onOrderChild(`addOrderCustomer(orderId: $id, input: {birthname: "Jan", surname: "Vries", prefix: "de"})`,
		func(f matrixFixture) string { return f.bareOrder }),
	"Mutation.updateOrderCustomer": onOrderChild(`updateOrderCustomer(orderCustomerId: $id, input: {surname: "Jansen"})`,
		func(f matrixFixture) string { return f.orderCustomer }),
	"Mutation.addOrderCustomerAddress": onOrderChild(`addOrderCustomerAddress(orderCustomerId: $id, input: {addressTypeId: 1,
		street: "Spui", houseNumber: 71, postalCode: "2511 BT", city: "Den Haag", country: "NL"})`,
		func(f matrixFixture) string { return f.orderCustomer }),
	"Mutation.updateOrderCustomerAddress": onOrderChild(`updateOrderCustomerAddress(orderCustomerAddressId: $id, input: {houseNumber: 72})`,
		func(f matrixFixture) string { return f.orderAddress }),
	"Mutation.deleteOrderCustomerAddress": onOrderChild(`deleteOrderCustomerAddress(orderCustomerAddressId: $id)`,
		func(f matrixFixture) string { return f.orderAddress }),
	"Mutation.fulfillOrder": onOrderChild(`fulfillOrder(orderId: $id)`, func(f matrixFixture) string { return f.paidOrder }),
}

// onOrderChild is the sample of an order write that names an object of the fixture's orders by
// $id and answers the order.
func onOrderChild(field string, id func(f matrixFixture) string) sample {
	return sample{query: `mutation($id: String!) { ` + field + ` { orderId } }`, vars: idVar(id)}
}

func idVar(id func(f matrixFixture) string) func(f matrixFixture) map[string]any {
	return func(f matrixFixture) map[string]any { return map[string]any{"id": id(f)} }
}
