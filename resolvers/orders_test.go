package resolvers_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"ovgraph/adapters/postgres"
	"ovgraph/graph"
)

// at follows a path of keys and list indexes ("order.orderLines.0.productId") through decoded JSON.
func at(t *testing.T, v any, path string) any {
	t.Helper()
	for _, k := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[k]; !ok {
				t.Fatalf("%s: no %q in %v", path, k, x)
			}
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i >= len(x) {
				t.Fatalf("%s: no element %s of %d", path, k, len(x))
			}
			v = x[i]
		default:
			t.Fatalf("%s: %q of %v", path, k, v)
		}
	}
	return v
}

// expect checks the values at paths of decoded JSON (numbers as float64).
func expect(t *testing.T, v any, want map[string]any) {
	t.Helper()
	for path, w := range want {
		if got := at(t, v, path); fmt.Sprint(got) != fmt.Sprint(w) {
			t.Errorf("%s = %v, want %v", path, got, w)
		}
	}
}

func (e *env) data(caller graph.Caller, query string, vars map[string]any) map[string]any {
	e.t.Helper()
	var out map[string]any
	e.ok(caller, query, vars, &out)
	return out
}

// demoOrders are the demo data's orders: delivered (customer 1000001), paid (1000002) and
// concept (1000003).
type demoOrders struct{ delivered, paid, concept string }

func (e *env) demoOrders(t *testing.T) demoOrders {
	t.Helper()
	if err := e.store.SeedDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	var d demoOrders
	for status, into := range map[int]*string{5: &d.delivered, 4: &d.paid, 1: &d.concept} {
		if err := e.store.Pool().QueryRow(context.Background(),
			`SELECT order_id::text FROM sales_order WHERE order_status_id = $1`, status).Scan(into); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

const fullOrder = `fragment O on Order { id orderId externalOrderId orderNumber customerProfileId totalAmount
  touchPoint { salesTouchpointId name isActive retailerId } language { languageId name iso639Code ietfCode }
  createdOn lastUpdatedOn orderStatus { orderStatusId name }
  orderOrderStatuses { orderOrderStatusId orderStatus { orderStatusId name } createdOn description }
  orderLines { orderLineId externalOrderLineId productId productName productDescription fikoArticleNumber taxCode
    taxPercentage taxAmount amountExclTax amountInclTax quantity orderLineTerms { orderLineTermsId termsUrl }
    createdOn lastUpdatedOn validFrom validUntil orderLineStatus { orderLineStatusId name }
    customerTokens { customerTokenId tokenType { id name } ovPayTokenId serviceReferenceId amount ovpasNumber xTat
      ovPayToken { xTat alias tokenStatus { name } }
      personalAccountData { personalAccountDataId name birthdate photo challengeType { id name } isVerified } }
    orderAccountingStatuses { orderAccountingStatusId accountingStatus { accountingStatusId name } createdOn description } }
  payments { paymentId orderId createdOn amountDebit paymentMethod { paymentMethodId name provider }
    touchPoint { salesTouchpointId name } isRefund htmPaymentReference pspPaymentReference
    paymentStatuses { paymentStatusId createdOn statusCode statusDescription statusSubCode statusSubDescription }
    mandateInput { mandateInputId directDebitMandateType { id name } createdOn bic iban ascription place directDebitMandateId } }
  orderCustomer { orderCustomerId birthname surname prefix emailAddress dateOfBirth
    orderCustomerAddresses { orderCustomerAddressId addressType { id name } street houseNumber houseNumberSuffix
      postalCode city country } } }`

// Every field of an order reads what the demo data stored, by order, by node and in the search.
func TestOrderFields(t *testing.T) {
	e := newEnv(t)
	d := e.demoOrders(t)
	var profile1 int
	if err := e.store.Pool().QueryRow(context.Background(),
		`SELECT id FROM customer_profile WHERE customer_number = 1000001`).Scan(&profile1); err != nil {
		t.Fatal(err)
	}

	delivered := e.data(touchpoint, `query($o: String!) { order(orderId: $o) { ...O } } `+fullOrder, map[string]any{"o": d.delivered})
	expect(t, delivered, map[string]any{
		"order.orderId": d.delivered, "order.externalOrderId": "WEB-1000001-1", "order.customerProfileId": profile1,
		"order.totalAmount": 1500, "order.touchPoint.salesTouchpointId": 3, "order.touchPoint.name": "Website (Perplex)",
		"order.touchPoint.isActive": true, "order.touchPoint.retailerId": 1001,
		"order.language.languageId": 1, "order.language.name": "Nederlands", "order.language.iso639Code": "nl-NL",
		"order.language.ietfCode": "nl", "order.createdOn": "2024-12-20T10:00:00.000+01:00",
		"order.lastUpdatedOn":             "2024-12-20T10:06:00.000+01:00",
		"order.orderStatus.orderStatusId": 5, "order.orderStatus.name": "delivered",
		// Newest first.
		"order.orderOrderStatuses.0.orderStatus.name": "delivered", "order.orderOrderStatuses.0.description": "Order is geleverd",
		"order.orderOrderStatuses.3.orderStatus.orderStatusId": 2, "order.orderOrderStatuses.4.orderStatus.name": "concept",
		"order.orderOrderStatuses.4.createdOn": "2024-12-20T10:00:00.000+01:00",
		"order.orderLines.0.orderLineId":       "d1b0a3c2-0000-4000-8000-000000000101", "order.orderLines.0.externalOrderLineId": nil,
		"order.orderLines.0.productId": 10, "order.orderLines.0.productName": "HTM 90% Korting",
		"order.orderLines.0.fikoArticleNumber": "6620", "order.orderLines.0.taxCode": "V09", "order.orderLines.0.taxPercentage": 9,
		"order.orderLines.0.amountInclTax": 1500, "order.orderLines.0.amountExclTax": 1376, "order.orderLines.0.taxAmount": 124,
		"order.orderLines.0.quantity": 1, "order.orderLines.0.validFrom": "2025-01-01T00:00:00.000+01:00",
		"order.orderLines.0.validUntil": nil, "order.orderLines.0.orderLineStatus.orderLineStatusId": 4,
		"order.orderLines.0.orderLineStatus.name":                            "delivered",
		"order.orderLines.0.orderLineTerms.0.termsUrl":                       "generalTermsAndConditions.pdf",
		"order.orderLines.0.orderLineTerms.1.termsUrl":                       "productTermsAndConditions.pdf",
		"order.orderLines.0.orderAccountingStatuses.0.accountingStatus.name": "open",
		"order.orderLines.0.orderAccountingStatuses.0.description":           "Financiele transactie voor de FIKO.",
		"order.orderLines.0.customerTokens.0.tokenType.name":                 "EMV", "order.orderLines.0.customerTokens.0.xTat": "xtat-1000001-1",
		"order.orderLines.0.customerTokens.0.serviceReferenceId": nil, "order.orderLines.0.customerTokens.0.personalAccountData": nil,
		"order.orderLines.0.customerTokens.0.ovPayToken.xTat":  "xtat-1000001-1",
		"order.orderLines.0.customerTokens.0.ovPayToken.alias": "Bankpas",
		"order.payments.0.orderId":                             d.delivered, "order.payments.0.amountDebit": 1500,
		"order.payments.0.paymentMethod.name": "ideal", "order.payments.0.paymentMethod.provider": "Buckaroo",
		"order.payments.0.touchPoint.salesTouchpointId": 3, "order.payments.0.isRefund": false,
		"order.payments.0.htmPaymentReference": "HTM-1000001-1", "order.payments.0.pspPaymentReference": "Buckaroo-1000001-1",
		// Oldest first.
		"order.payments.0.paymentStatuses.0.statusDescription": "Initiated", "order.payments.0.paymentStatuses.1.statusCode": "791",
		"order.payments.0.paymentStatuses.2.statusCode": "190", "order.payments.0.paymentStatuses.2.statusSubCode": "S001",
		"order.payments.0.paymentStatuses.2.statusSubDescription": "PaymentSuccessful",
		"order.payments.0.mandateInput.iban":                      "NL48ABNA1022121676", "order.payments.0.mandateInput.bic": "ABNANL2A",
		"order.payments.0.mandateInput.ascription": "Anna Vries", "order.payments.0.mandateInput.place": "Den Haag",
		"order.payments.0.mandateInput.directDebitMandateType.id": 1,
		"order.orderCustomer": nil,
	})
	if n := len(at(t, delivered, "order.orderOrderStatuses").([]any)); n != 5 {
		t.Errorf("%d status entries, want 5", n)
	}
	if at(t, delivered, "order.orderLines.0.customerTokens.0.ovPayTokenId") == nil ||
		at(t, delivered, "order.payments.0.mandateInput.directDebitMandateId") == nil {
		t.Errorf("token or mandate not linked: %v", delivered)
	}
	if !strings.HasPrefix(at(t, delivered, "order.orderNumber").(string), "ORD-") {
		t.Errorf("order number %v", at(t, delivered, "order.orderNumber"))
	}

	concept := e.data(touchpoint, `query($o: String!) { order(orderId: $o) { ...O } } `+fullOrder, map[string]any{"o": d.concept})
	expect(t, concept, map[string]any{
		"order.orderStatus.name": "concept", "order.totalAmount": 6021, "order.payments": "[]",
		"order.orderLines.0.productId": 1, "order.orderLines.0.customerTokens": "[]", "order.orderLines.0.orderLineTerms": "[]",
		"order.orderLines.1.productId": 21, "order.orderLines.1.productName": "HTM Regio Vrij - HL65 - Voltarief",
		"order.orderLines.1.amountInclTax": 5900, "order.orderLines.1.validFrom": nil,
		"order.orderLines.1.orderLineStatus.name": "pending", "order.orderLines.1.orderAccountingStatuses": "[]",
		"order.orderLines.1.customerTokens.0.ovPayTokenId":       nil,
		"order.orderLines.1.customerTokens.0.serviceReferenceId": "NLOVPOOL0000000999",
		"order.orderLines.1.customerTokens.0.amount":             100, "order.orderLines.1.customerTokens.0.xTat": nil,
		"order.orderLines.1.customerTokens.0.ovPayToken":                             nil,
		"order.orderLines.1.customerTokens.0.personalAccountData.name":               "Chantal Dijk",
		"order.orderLines.1.customerTokens.0.personalAccountData.birthdate":          "1988-05-17",
		"order.orderLines.1.customerTokens.0.personalAccountData.photo":              nil,
		"order.orderLines.1.customerTokens.0.personalAccountData.challengeType.name": "email",
		"order.orderLines.1.customerTokens.0.personalAccountData.isVerified":         false,
		"order.orderCustomer.birthname":                                              "Chantal", "order.orderCustomer.surname": "Dijk", "order.orderCustomer.prefix": "van",
		"order.orderCustomer.emailAddress": "chantal.dijk3@example.nl", "order.orderCustomer.dateOfBirth": "1988-05-17",
		"order.orderCustomer.orderCustomerAddresses.0.addressType.name":  "Billing",
		"order.orderCustomer.orderCustomerAddresses.0.postalCode":        "2497 EK",
		"order.orderCustomer.orderCustomerAddresses.0.houseNumber":       13,
		"order.orderCustomer.orderCustomerAddresses.0.houseNumberSuffix": nil,
	})

	// The same order by its global id, and in the search.
	byNode := e.data(touchpoint, `query($id: ID!) { node(id: $id) { ...O } } `+fullOrder,
		map[string]any{"id": at(t, delivered, "order.id")})
	inSearch := e.data(touchpoint, `query($o: String) { orders(filter: {orderId: $o}) { nodes { ...O } } } `+fullOrder,
		map[string]any{"o": d.delivered})
	want, _ := json.Marshal(at(t, delivered, "order"))
	for name, got := range map[string]any{"node": at(t, byNode, "node"), "search": at(t, inSearch, "orders.nodes.0")} {
		if b, _ := json.Marshal(got); string(b) != string(want) {
			t.Errorf("%s answered %s, order %s", name, b, want)
		}
	}

	for name, c := range map[string]struct {
		query string
		vars  map[string]any
		code  string
	}{
		"order that is not there":         {`{ order(orderId: "00000000-0000-4000-8000-000000000000") { orderId } }`, nil, "NOT_FOUND"},
		"order id that is no uuid":        {`{ order(orderId: "ORD-1") { orderId } }`, nil, "BAD_USER_INPUT"},
		"search by an id that is no uuid": {`{ orders(filter: {orderId: "x"}) { totalCount } }`, nil, "BAD_USER_INPUT"},
		"page too large":                  {`{ orders(first: 101) { totalCount } }`, nil, "BAD_USER_INPUT"},
		"cursor of another connection":    {`{ orders(after: "Y3VzdG9tZXI6MQ") { totalCount } }`, nil, "BAD_USER_INPUT"},
	} {
		t.Run(name, func(t *testing.T) {
			if r := e.do(touchpoint, c.query, c.vars); r.code() != c.code {
				t.Errorf("code %q, want %q: %+v", r.code(), c.code, r.Errors)
			}
		})
	}
}

// The orders a profile's tokens and mandates lead to: a product instance's order and the payment
// a mandate was born from, null where there is none; and the profile's orders, paged.
func TestOrdersFromTheProfile(t *testing.T) {
	e := newEnv(t)
	d := e.demoOrders(t)
	const q = `query($after: String) { customer(customerNumber: 1000001) {
	  orders(first: 2, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
	    edges { cursor node { orderId } } nodes { orderId orderStatus { name } } }
	  ovPayTokens { productInstances { productId order { orderId orderStatus { name } orderLines { orderLineId } } } }
	  directDebitMandates { mandateReference payment { orderId pspPaymentReference mandateInput { iban } } } } }`
	first := e.data(touchpoint, q, nil)
	expect(t, first, map[string]any{
		"customer.orders.nodes.0.orderId": d.delivered, "customer.orders.pageInfo.hasNextPage": false,
		"customer.orders.pageInfo.hasPreviousPage": false, "customer.orders.totalCount": 1,
		"customer.ovPayTokens.0.productInstances.0.productId":                      10,
		"customer.ovPayTokens.0.productInstances.0.order.orderId":                  d.delivered,
		"customer.ovPayTokens.0.productInstances.0.order.orderStatus.name":         "delivered",
		"customer.ovPayTokens.0.productInstances.0.order.orderLines.0.orderLineId": "d1b0a3c2-0000-4000-8000-000000000101",
		// An instance whose order is not on file.
		"customer.ovPayTokens.0.productInstances.1.productId": 11, "customer.ovPayTokens.0.productInstances.1.order": nil,
		"customer.directDebitMandates.0.mandateReference":            "HTM-MND-1000001",
		"customer.directDebitMandates.0.payment.orderId":             d.delivered,
		"customer.directDebitMandates.0.payment.pspPaymentReference": "Buckaroo-1000001-1",
		"customer.directDebitMandates.0.payment.mandateInput.iban":   "NL48ABNA1022121676",
	})
	if other := e.data(touchpoint, `{ customer(customerNumber: 1000002) { directDebitMandates { payment { orderId } } } }`, nil); at(t, other, "customer.directDebitMandates.0.payment") != nil {
		t.Errorf("a mandate not born from a payment has one: %v", other)
	}

	// Two more orders: three pages of one, or pages of two.
	for i := 0; i < 2; i++ {
		if _, err := e.store.Pool().Exec(context.Background(), `INSERT INTO sales_order (customer_profile_id, sales_touchpoint_id, language_id)
			SELECT id, 1, 2 FROM customer_profile WHERE customer_number = 1000001`); err != nil {
			t.Fatal(err)
		}
	}
	page1 := e.data(touchpoint, q, nil)
	expect(t, page1, map[string]any{"customer.orders.pageInfo.hasNextPage": true, "customer.orders.pageInfo.hasPreviousPage": false,
		"customer.orders.totalCount": 3})
	if n := len(at(t, page1, "customer.orders.nodes").([]any)); n != 2 {
		t.Fatalf("first page has %d orders", n)
	}
	if at(t, page1, "customer.orders.pageInfo.endCursor") != at(t, page1, "customer.orders.edges.1.cursor") {
		t.Errorf("end cursor is not the last edge's: %v", page1)
	}
	page2 := e.data(touchpoint, q, map[string]any{"after": at(t, page1, "customer.orders.pageInfo.endCursor")})
	expect(t, page2, map[string]any{"customer.orders.pageInfo.hasNextPage": false, "customer.orders.pageInfo.hasPreviousPage": true,
		"customer.orders.nodes.0.orderId": d.delivered})
	if n := len(at(t, page2, "customer.orders.nodes").([]any)); n != 1 {
		t.Errorf("second page has %d orders", n)
	}
}

// The search through the graph: each documented filter, combined, and its pages.
func TestOrdersSearch(t *testing.T) {
	e := newEnv(t)
	d := e.demoOrders(t)
	var profile2 int
	if err := e.store.Pool().QueryRow(context.Background(),
		`SELECT id FROM customer_profile WHERE customer_number = 1000002`).Scan(&profile2); err != nil {
		t.Fatal(err)
	}
	const q = `query($f: OrderFilter) { orders(filter: $f) { totalCount nodes { orderId } } }`
	for name, c := range map[string]struct {
		filter map[string]any
		want   []string
	}{
		"none":              {nil, []string{d.concept, d.paid, d.delivered}},
		"statuses":          {map[string]any{"orderStatusId": []int{4, 5}}, []string{d.paid, d.delivered}},
		"xTat":              {map[string]any{"xTat": "xtat-1000001-1"}, []string{d.delivered}},
		"customer":          {map[string]any{"customerProfileId": profile2}, []string{d.paid}},
		"created after":     {map[string]any{"createdAfter": "2025-02-01T00:00:00"}, []string{d.concept, d.paid}},
		"created before":    {map[string]any{"createdBefore": "2025-02-01T00:00:00+01:00"}, []string{d.delivered}},
		"updated after":     {map[string]any{"updatedAfter": "2025-03-01"}, []string{d.concept}},
		"updated before":    {map[string]any{"updatedBefore": "2025-03-01"}, []string{d.paid, d.delivered}},
		"order number":      {map[string]any{"orderNumber": "ORD-0"}, nil},
		"external order id": {map[string]any{"externalOrderId": "WEB-1000002-1"}, []string{d.paid}},
		"combined":          {map[string]any{"orderStatusId": []int{1, 4}, "createdBefore": "2025-03-01T00:00:00"}, []string{d.paid}},
	} {
		t.Run(name, func(t *testing.T) {
			var out struct {
				Orders struct {
					TotalCount int
					Nodes      []struct{ OrderID string }
				}
			}
			e.ok(touchpoint, q, map[string]any{"f": c.filter}, &out)
			var got []string
			for _, n := range out.Orders.Nodes {
				got = append(got, n.OrderID)
			}
			if fmt.Sprint(got) != fmt.Sprint(c.want) || out.Orders.TotalCount != len(c.want) {
				t.Errorf("orders %v (count %d), want %v", got, out.Orders.TotalCount, c.want)
			}
		})
	}

	const pages = `query($after: String) { orders(first: 1, after: $after) {
	  totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { orderId } } }`
	var seen []any
	var after any
	for i := 0; i < 3; i++ {
		p := e.data(touchpoint, pages, map[string]any{"after": after})
		expect(t, p, map[string]any{"orders.totalCount": 3, "orders.pageInfo.hasNextPage": i < 2,
			"orders.pageInfo.hasPreviousPage": i > 0})
		seen = append(seen, at(t, p, "orders.nodes.0.orderId"))
		after = at(t, p, "orders.pageInfo.endCursor")
	}
	past := e.data(touchpoint, pages, map[string]any{"after": after})
	expect(t, past, map[string]any{"orders.nodes": "[]", "orders.pageInfo.hasPreviousPage": true, "orders.totalCount": 3})
	if fmt.Sprint(seen) != fmt.Sprint([]string{d.concept, d.paid, d.delivered}) {
		t.Errorf("pages gave %v", seen)
	}
}

// A customer sees its own orders only: the search is narrowed to its profile, another's order is
// NOT_FOUND (by id, by node, or by naming the other profile), and another's product instance
// shows no order.
func TestOrdersOfACustomer(t *testing.T) {
	e := newEnv(t)
	d := e.demoOrders(t)
	anna := graph.Caller{Application: "test-app", CustomerSubject: postgres.DemoSubject(1000001)}
	var own, other struct{ id string }
	for _, o := range []struct {
		uuid string
		into *struct{ id string }
	}{{d.delivered, &own}, {d.paid, &other}} {
		r := e.data(touchpoint, `query($o: String!) { order(orderId: $o) { id } }`, map[string]any{"o": o.uuid})
		o.into.id = at(t, r, "order.id").(string)
	}
	mine := e.data(anna, `{ orders { totalCount nodes { orderId } } }`, nil)
	expect(t, mine, map[string]any{"orders.totalCount": 1, "orders.nodes.0.orderId": d.delivered})
	if r := e.data(anna, `query($o: String!) { order(orderId: $o) { orderId } }`, map[string]any{"o": d.delivered}); at(t, r, "order.orderId") != d.delivered {
		t.Errorf("own order: %v", r)
	}
	if r := e.data(anna, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": own.id}); at(t, r, "node.id") != own.id {
		t.Errorf("own order by node: %v", r)
	}
	var profile2 int
	if err := e.store.Pool().QueryRow(context.Background(),
		`SELECT id FROM customer_profile WHERE customer_number = 1000002`).Scan(&profile2); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		query string
		vars  map[string]any
	}{
		"another's order":         {`query($o: String!) { order(orderId: $o) { orderId } }`, map[string]any{"o": d.paid}},
		"another's order by node": {`query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": other.id}},
		"another's profile in the search": {`query($p: Int) { orders(filter: {customerProfileId: $p}) { totalCount } }`,
			map[string]any{"p": profile2}},
	} {
		t.Run(name, func(t *testing.T) {
			if r := e.do(anna, c.query, c.vars); r.code() != "NOT_FOUND" {
				t.Errorf("code %q, want NOT_FOUND: %+v", r.code(), r.Errors)
			}
		})
	}
	// The customer sees the token its order names, not one on another profile.
	const token = `query($o: String!) { order(orderId: $o) { orderLines { customerTokens { ovPayToken { xTat } } } } }`
	expect(t, e.data(anna, token, map[string]any{"o": d.delivered}),
		map[string]any{"order.orderLines.0.customerTokens.0.ovPayToken.xTat": "xtat-1000001-1"})
	if _, err := e.store.Pool().Exec(context.Background(), `UPDATE customer_token SET ovpay_token_id =
		(SELECT id FROM ovpay_token WHERE x_tat = 'xtat-1000002-2') WHERE x_tat = 'xtat-1000001-1'`); err != nil {
		t.Fatal(err)
	}
	expect(t, e.data(anna, token, map[string]any{"o": d.delivered}),
		map[string]any{"order.orderLines.0.customerTokens.0.ovPayToken": nil})
	expect(t, e.data(touchpoint, token, map[string]any{"o": d.delivered}),
		map[string]any{"order.orderLines.0.customerTokens.0.ovPayToken.xTat": "xtat-1000002-2"})
	// A customer without a profile has no orders to search.
	if r := e.do(graph.Caller{Application: "test-app", CustomerSubject: "nobody"}, `{ orders { totalCount } }`, nil); r.code() != "NOT_FOUND" {
		t.Errorf("customer without a profile: %+v", r)
	}
	// An instance on the customer's token whose order is another profile's shows no order.
	if _, err := e.store.Pool().Exec(context.Background(), `UPDATE sales_order SET customer_profile_id = $1 WHERE order_id = $2`,
		profile2, d.delivered); err != nil {
		t.Fatal(err)
	}
	r := e.data(anna, `{ me { ovPayTokens { productInstances { productId order { orderId } } } } }`, nil)
	expect(t, r, map[string]any{"me.ovPayTokens.0.productInstances.0.productId": 10, "me.ovPayTokens.0.productInstances.0.order": nil})
}

// The catalogue as seeded: the product tree with its sellable leaves, and the lookups.
func TestCatalogue(t *testing.T) {
	e := newEnv(t)
	r := e.data(touchpoint, `{ products { productId parentProductId isSellable name description fikoArticleNumber taxCode
	    taxPercentage priceInclTax duration productCategory { productCategoryId name } packageTemplateId isRenewable
	    requiresCustomerToken requiresValidFrom requiresMandate gboAgeProfileId termsUrls }
	  orderStatuses { orderStatusId name } orderLineStatuses { orderLineStatusId name }
	  salesTouchpoints { salesTouchpointId name isActive retailerId }
	  gboAgeProfiles { gboAgeProfileId name ageFromInclusive ageToInclusive } }`, nil)
	products := map[float64]any{}
	for _, p := range at(t, r, "products").([]any) {
		products[at(t, p, "productId").(float64)] = p
	}
	expect(t, products[1], map[string]any{"isSellable": false, "parentProductId": nil, "name": "HTM Maandkorting 20%",
		"fikoArticleNumber": "6609", "taxCode": "V21", "taxPercentage": 21, "priceInclTax": 121})
	expect(t, products[3], map[string]any{"isSellable": true, "parentProductId": 1, "gboAgeProfileId": 3})
	expect(t, products[21], map[string]any{"isSellable": true, "parentProductId": 20, "name": "HTM Regio Vrij - HL65 - Voltarief",
		"taxCode": "V09", "taxPercentage": 9, "priceInclTax": 5900, "duration": "P1M", "requiresCustomerToken": true,
		"requiresValidFrom": true, "requiresMandate": true, "productCategory.name": "Vrij reizen abonnement",
		"termsUrls.1": "RegiovrijTermsAndConditions.pdf"})
	expect(t, products[20], map[string]any{"isSellable": false})
	expect(t, products[11], map[string]any{"duration": "P1D", "isRenewable": false, "packageTemplateId": "10003"})
	expect(t, products[10], map[string]any{"duration": nil})
	expect(t, r, map[string]any{
		"orderStatuses.0.name": "concept", "orderStatuses.1.name": "awaitingPayment", "orderStatuses.2.name": "pendingPayment",
		"orderStatuses.3.name": "paid", "orderStatuses.4.name": "delivered", "orderStatuses.5.orderStatusId": 6,
		"orderStatuses.5.name": "cancelled", "orderLineStatuses.0.name": "pending", "orderLineStatuses.3.orderLineStatusId": 4,
		"orderLineStatuses.3.name": "delivered", "salesTouchpoints.2.salesTouchpointId": 3,
		"salesTouchpoints.2.name": "Website (Perplex)", "salesTouchpoints.2.retailerId": 1001,
		"gboAgeProfiles.1.gboAgeProfileId": 1, "gboAgeProfiles.1.name": "Kind (4 t/m 11 jaar)",
		"gboAgeProfiles.1.ageFromInclusive": 4, "gboAgeProfiles.1.ageToInclusive": 11,
	})
	// Every age from 0 on has exactly one profile, without gaps.
	next := 0.0
	for _, p := range at(t, r, "gboAgeProfiles").([]any) {
		if at(t, p, "ageFromInclusive").(float64) != next {
			t.Errorf("profile %v does not start at %v", p, next)
		}
		next = at(t, p, "ageToInclusive").(float64) + 1
	}
}

// customers(first: N) { orders(first: 5) { orderLines { customerTokens } } } runs the same
// statements for 5 profiles as for 50, and so does orders(first: N) with every child list.
func TestOrderStatementCountDoesNotGrowWithPageSize(t *testing.T) {
	e := newEnv(t)
	if err := e.store.SeedDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 20; i++ {
		e.newCustomer(fmt.Sprintf("orders%d@example.nl", i))
	}
	// Seven orders per profile, two lines each, a token per line.
	if _, err := e.store.Pool().Exec(context.Background(), `
		WITH o AS (
		    INSERT INTO sales_order (customer_profile_id, sales_touchpoint_id, language_id)
		    SELECT c.id, 3, 1 FROM customer_profile c, generate_series(1, 7) RETURNING id),
		l AS (
		    INSERT INTO order_line (sales_order_id, product_id, product_name, product_description, fiko_article_number,
		                            tax_code, tax_percentage, amount_incl_tax)
		    SELECT o.id, 2, 'HTM Maandkorting 40%', 'HTM Maandkorting 40%', '6610', 'V21', 21, 242
		    FROM o, generate_series(1, 2) RETURNING id)
		INSERT INTO customer_token (order_line_id, token_type_id, ovpas_number, verification_code)
		SELECT id, 2, 'OV' || id, '123' FROM l`); err != nil {
		t.Fatal(err)
	}
	const q = `query($first: Int!) { customers(first: $first) { nodes { customerNumber
	  orders(first: 5) { pageInfo { hasNextPage } nodes { orderId orderStatus { name }
	    orderLines { productId customerTokens { ovpasNumber personalAccountData { name } } } } } } } }`
	counts := map[int]int64{}
	for _, first := range []int{5, 50} {
		var out struct {
			Customers struct {
				Nodes []struct {
					Orders struct {
						PageInfo struct{ HasNextPage bool }
						Nodes    []struct {
							OrderLines []struct{ CustomerTokens []any }
						}
					}
				}
			}
		}
		before := e.count.n.Load()
		e.ok(touchpoint, q, map[string]any{"first": first}, &out)
		counts[first] = e.count.n.Load() - before
		if len(out.Customers.Nodes) != first {
			t.Fatalf("first %d: %d customers", first, len(out.Customers.Nodes))
		}
		for _, c := range out.Customers.Nodes {
			if len(c.Orders.Nodes) != 5 || !c.Orders.PageInfo.HasNextPage {
				t.Fatalf("first %d: %d orders, next page %v", first, len(c.Orders.Nodes), c.Orders.PageInfo.HasNextPage)
			}
			for _, o := range c.Orders.Nodes {
				if len(o.OrderLines) != 2 || len(o.OrderLines[0].CustomerTokens) != 1 {
					t.Fatalf("first %d: an order came back without its lines or tokens", first)
				}
			}
		}
	}
	if counts[5] != counts[50] {
		t.Errorf("statements: %d for 5 customers, %d for 50", counts[5], counts[50])
	}
	t.Logf("statements: %v", counts)
	// The search, the pages of orders and their orders, the lines, the tokens.
	if counts[50] > 5 {
		t.Errorf("statements for 50 customers: %d, want at most 5", counts[50])
	}

	// The OVpay tokens the customer tokens name load together too: one more statement, for 5
	// profiles as for 50.
	if _, err := e.store.Pool().Exec(context.Background(), `
		WITH tok AS (
		    INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, alias)
		    SELECT id, 1, 1, 'tat-' || id, 'Bankpas' FROM customer_profile RETURNING id, customer_profile_id)
		UPDATE customer_token ct SET token_type_id = 1, ovpay_token_id = tok.id, ovpas_number = NULL, verification_code = NULL
		FROM order_line l, sales_order o, tok
		WHERE ct.order_line_id = l.id AND l.sales_order_id = o.id AND o.customer_profile_id = tok.customer_profile_id`); err != nil {
		t.Fatal(err)
	}
	const withTokens = `query($first: Int!) { customers(first: $first) { nodes { customerNumber
	  orders(first: 5) { nodes { orderId orderLines { customerTokens { ovPayTokenId ovPayToken { ovPayTokenId alias } } } } } } } }`
	for _, first := range []int{5, 50} {
		var out struct {
			Customers struct {
				Nodes []struct {
					Orders struct {
						Nodes []struct {
							OrderLines []struct {
								CustomerTokens []struct {
									OvPayTokenID int
									OvPayToken   *struct {
										OvPayTokenID int
										Alias        string
									}
								}
							}
						}
					}
				}
			}
		}
		before := e.count.n.Load()
		e.ok(touchpoint, withTokens, map[string]any{"first": first}, &out)
		counts[first] = e.count.n.Load() - before
		for _, c := range out.Customers.Nodes {
			for _, o := range c.Orders.Nodes {
				for _, l := range o.OrderLines {
					if tok := l.CustomerTokens[0]; tok.OvPayToken == nil || tok.OvPayToken.OvPayTokenID != tok.OvPayTokenID || tok.OvPayToken.Alias != "Bankpas" {
						t.Fatalf("first %d: customer token %+v", first, tok)
					}
				}
			}
		}
	}
	if counts[5] != counts[50] || counts[50] > 5 {
		t.Errorf("statements with the OVpay tokens: %d for 5 customers, %d for 50; want the same, at most 5", counts[5], counts[50])
	}
	t.Logf("statements with the OVpay tokens: %v", counts)

	// The search's pages, with every child list of an order: a payment with a PSP status on each.
	if _, err := e.store.Pool().Exec(context.Background(), `
		WITH p AS (
		    INSERT INTO payment (sales_order_id, amount_debit, payment_method_id, sales_touchpoint_id)
		    SELECT id, 484, 1, 3 FROM sales_order RETURNING id)
		INSERT INTO payment_status (payment_id, status_code, created_on) SELECT id, '190', now() FROM p`); err != nil {
		t.Fatal(err)
	}
	const all = `query($first: Int!) { orders(first: $first) { nodes { orderId
	  orderOrderStatuses { description } orderCustomer { orderCustomerAddresses { city } }
	  orderLines { orderLineTerms { termsUrl } orderAccountingStatuses { description } customerTokens { ovpasNumber } }
	  payments { amountDebit paymentStatuses { statusCode } mandateInput { iban } } } } }`
	for _, first := range []int{5, 50} {
		var out struct {
			Orders struct {
				Nodes []struct {
					Payments []struct{ PaymentStatuses []any }
				}
			}
		}
		before := e.count.n.Load()
		e.ok(touchpoint, all, map[string]any{"first": first}, &out)
		counts[first] = e.count.n.Load() - before
		if len(out.Orders.Nodes) != first || len(out.Orders.Nodes[0].Payments) != 1 || len(out.Orders.Nodes[0].Payments[0].PaymentStatuses) != 1 {
			t.Fatalf("first %d: %+v", first, out)
		}
	}
	if counts[5] != counts[50] {
		t.Errorf("statements of the search: %d for 5 orders, %d for 50", counts[5], counts[50])
	}
	t.Logf("statements of the search: %v", counts)
	// The search, then one per child list: history, customer addresses (of orders with a
	// customer), lines, terms, accounting statuses, tokens, payments, PSP statuses.
	if counts[50] > 9 {
		t.Errorf("statements of the search for 50 orders: %d, want at most 9", counts[50])
	}
}
