package rest

import (
	"embed"
	"fmt"
	"io/fs"
	"net/http"

	"ovgraph/graph"
)

// SEOrdersBasePath is where the SE orders API is mounted: the contract's server path.
const SEOrdersBasePath = "/abt/touchpoint/2.0"

//go:embed documents/seorders/*.graphql
var seOrdersDocuments embed.FS

// SEOrdersAPI is HTM's Service Engine API for orders as data: the orders search and the order,
// the basket writes of a concept order (lines, customer tokens, personal account data, the order
// customer and its addresses), payments, fulfilment and the GBO age-profile check, on the same
// graph as the customers APIs. Every write answers the whole order as it is afterwards.
func SEOrdersAPI() API {
	docs, err := fs.Sub(seOrdersDocuments, "documents/seorders")
	if err != nil {
		panic(fmt.Errorf("seorders documents: %w", err))
	}
	return API{
		Name:      "seorders",
		BasePath:  SEOrdersBasePath,
		Routes:    seOrdersRoutes(),
		Documents: docs,
		Schema:    graph.NewExecutableSchema(graph.Config{}).Schema(),
		Info: OpenAPIInfo{
			Title:   "ABT Service Engine Order APIs",
			Version: "1.0",
			Description: "Order APIs available in the Service Engine for order validation and fulfillment: " +
				"a webshop customer (X-HTM-JWT-AUTH-HEADER) acts on its own orders, touchpoints on any.",
		},
		Errors: seOrdersDialect(),
		// A personal account data photo may take up to 200000 characters; the rest is small.
		MaxBodyBytes: seOrdersMaxBodyBytes,
	}
}

// seOrdersMaxBodyBytes caps the API's request bodies, unless the server's cap is lower.
const seOrdersMaxBodyBytes = 512 << 10

// seoPath is a uuid of the path: the order or one of its children.
func seoPath(name string) Var { return Var{Name: name, From: Path, Key: name, Kind: String} }

// seoFilter is the filter of GET /orders: the contract's query parameters, each feeding the
// OrderFilter field of the same name. The date-times may come without a zone (the contract's
// examples do): they are Dutch time.
var seoFilter = Var{Name: "filter", From: Query, Fields: []Param{
	{Name: "orderId", Kind: String},
	{Name: "orderNumber", Kind: String},
	{Name: "externalOrderId", Kind: String},
	{Name: "createdBefore", Kind: String},
	{Name: "createdAfter", Kind: String},
	{Name: "updatedBefore", Kind: String},
	{Name: "updatedAfter", Kind: String},
	{Name: "orderStatusId", Kind: IntList},
	{Name: "customerProfileId", Kind: Int},
	{Name: "xTat", Kind: String},
}}

// seoRoute is a route of the API; its document is <id>.graphql.
func seoRoute(method, path, id string, status int, auth Auth, vars ...Var) Route {
	return Route{Method: method, Path: path, OperationID: id, Auth: auth, Vars: vars, Status: status}
}

// seoOrderRoute is a route answering one order, at data path root, reshaped as the contract shows
// it (see seoShapeOrder), with the nulls of GBO's fields passed on. pathKey names the path's id,
// which a 404 names.
func seoOrderRoute(method, path, id, root string, status int, auth Auth, pathKey string, vars ...Var) Route {
	r := seoRoute(method, path, id, status, auth, vars...)
	r.Data = root
	r.Nullable = seoGBONullable(root + ".orderLines.customerTokens.ovPayToken")
	r.Shape, r.ShapeSchema = seoShapeOrder, seoOrderSchema
	r.Explain = seoExplain(pathKey)
	return r
}

// seoGBONullable are the token's fields GBO answers: null, with an error, when GBO cannot be
// asked, and the rest of the order stands.
func seoGBONullable(token string) []string {
	return []string{token + ".personalAccountData", token + ".ePurse", token + ".autoReloadRegistration"}
}

// seOrdersRoutes are the contract's 23 operations, in its order. Every route needs the
// application's token; a webshop customer adds its own (X-HTM-JWT-AUTH-HEADER) and then acts on its
// own orders only (Profile), except for the payment service provider's reports and fulfilment,
// which are the touchpoints' (Touchpoint). A touchpoint or staff member creating an order names the
// customer, if any, with X-HTM-CUSTOMER-PROFILE-ID-HEADER, as in the SE customers API.
func seOrdersRoutes() []Route {
	input := Var{Name: "input", From: Body}
	orderID, lineID, tokenID := seoPath("orderId"), seoPath("orderLineId"), seoPath("customerTokenId")
	padID, paymentID := seoPath("personalAccountDataId"), seoPath("paymentId")
	customerID, addressID := seoPath("orderCustomerId"), seoPath("orderCustomerAddressId")
	const get, post, patch, del = http.MethodGet, http.MethodPost, http.MethodPatch, http.MethodDelete
	const ok, created = http.StatusOK, http.StatusCreated

	list := seoRoute(get, "/orders", "getOrders", ok, Profile, seoFilter)
	list.Data, list.Nullable = "orders.nodes", seoGBONullable("orders.nodes.orderLines.customerTokens.ovPayToken")
	list.Shape, list.ShapeSchema, list.Explain = seoShapeOrderList, seoOrderListSchema, seoExplain("")

	deleteOrder := seoRoute(del, "/orders/{orderId}", "deleteOrder", ok, Profile, orderID)
	deleteOrder.Data, deleteOrder.NoBody, deleteOrder.Explain = "deleteOrder", true, seoExplain("orderId")

	fulfil := seoRoute(post, "/orders/{orderId}/fulfill", "fulfillOrder", ok, Touchpoint, orderID)
	fulfil.Data, fulfil.NoBody, fulfil.Explain = "fulfillOrder", true, seoExplain("orderId")

	gbo := seoRoute(get, "/orders/validation/gboAgeProfile", "getGboAgeProfile", ok, Profile,
		queryVar("productStartDate", "productStartDate", String), queryVar("birthDate", "birthDate", String),
		queryVar("ovPayTokenId", "ovPayTokenId", Int), queryVar("customerTokenId", "customerTokenId", String),
		queryVar("serviceReferenceId", "serviceReferenceId", String), queryVar("amount", "amount", Int),
		queryVar("ovpasNumber", "ovpasNumber", String), queryVar("verificationCode", "verificationCode", String))
	gbo.Data, gbo.Explain = "gboAgeProfile", seoGBOExplain

	return []Route{
		list,
		seoOrderRoute(post, "/orders", "postOrder", "createOrder", created, Profile, "", seProfile, input),
		seoOrderRoute(get, "/orders/{orderId}", "getOrder", "order", ok, Profile, "orderId", orderID),
		seoOrderRoute(patch, "/orders/{orderId}", "patchOrder", "updateOrder", ok, Profile, "orderId", orderID, input),
		deleteOrder,
		seoOrderRoute(post, "/orders/{orderId}/orderlines", "postOrderLine", "addOrderLine", ok, Profile, "orderId", orderID, input),
		seoOrderRoute(patch, "/orderlines/{orderLineId}", "patchOrderLine", "updateOrderLine", ok, Profile, "orderLineId", lineID, input),
		seoOrderRoute(del, "/orderlines/{orderLineId}", "deleteOrderLine", "deleteOrderLine", ok, Profile, "orderLineId", lineID),
		seoOrderRoute(post, "/orderlines/{orderLineId}/customertokens", "postCustomerToken", "addCustomerToken", created, Profile, "orderLineId", lineID, input),
		seoOrderRoute(patch, "/customertokens/{customerTokenId}", "patchCustomerToken", "updateCustomerToken", ok, Profile, "customerTokenId", tokenID, input),
		seoOrderRoute(del, "/customertokens/{customerTokenId}", "deleteCustomerToken", "deleteCustomerToken", ok, Profile, "customerTokenId", tokenID),
		seoOrderRoute(post, "/customertokens/{customerTokenId}/personalaccountdata", "postPersonalAccountData", "addPersonalAccountData", created, Profile, "customerTokenId", tokenID, input),
		// 201 for a PATCH, as documented.
		seoOrderRoute(patch, "/personalaccountdata/{personalAccountDataId}", "patchPersonalAccountData", "updatePersonalAccountData", created, Profile, "personalAccountDataId", padID, input),
		seoOrderRoute(del, "/personalaccountdata/{personalAccountDataId}", "deletePersonalAccountData", "deletePersonalAccountData", ok, Profile, "personalAccountDataId", padID),
		seoOrderRoute(post, "/orders/{orderId}/payments", "postPayment", "addPayment", created, Profile, "orderId", orderID, input),
		seoOrderRoute(patch, "/payments/{paymentId}", "patchPayment", "updatePayment", ok, Touchpoint, "paymentId", paymentID, input),
		seoOrderRoute(post, "/orders/{orderId}/ordercustomers", "postOrderCustomer", "addOrderCustomer", created, Profile, "orderId", orderID, input),
		seoOrderRoute(patch, "/ordercustomers/{orderCustomerId}", "patchOrderCustomer", "updateOrderCustomer", ok, Profile, "orderCustomerId", customerID, input),
		seoOrderRoute(post, "/ordercustomers/{orderCustomerId}/orderCustomerAddress", "postOrderCustomerAddress", "addOrderCustomerAddress", created, Profile, "orderCustomerId", customerID, input),
		seoOrderRoute(patch, "/orderCustomerAddress/{orderCustomerAddressId}", "patchOrderCustomerAddress", "updateOrderCustomerAddress", ok, Profile, "orderCustomerAddressId", addressID, input),
		seoOrderRoute(del, "/orderCustomerAddress/{orderCustomerAddressId}", "deleteOrderCustomerAddress", "deleteOrderCustomerAddress", ok, Profile, "orderCustomerAddressId", addressID),
		fulfil,
		gbo,
	}
}
