package resolvers_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"ovgraph/graph"
)

// The basket writes of the SE orders API: each write read back through the graph, refusals that
// change nothing, the status rules and the audit trail.

const (
	createOrderDoc = `mutation($p: Int, $in: CreateOrderInput!) { createOrder(customerProfileId: $p, input: $in) { ...O } } ` + fullOrder
	updateOrderDoc = `mutation($id: String!, $in: UpdateOrderInput!) { updateOrder(orderId: $id, input: $in) { ...O } } ` + fullOrder
	deleteOrderDoc = `mutation($id: String!) { deleteOrder(orderId: $id) { orderId } }`
	addLineDoc     = `mutation($id: String!, $in: OrderLineInput!) { addOrderLine(orderId: $id, input: $in) { ...O } } ` + fullOrder
	updateLineDoc  = `mutation($id: String!, $in: UpdateOrderLineInput!) { updateOrderLine(orderLineId: $id, input: $in) { ...O } } ` +
		fullOrder
	deleteLineDoc     = `mutation($id: String!) { deleteOrderLine(orderLineId: $id) { ...O } } ` + fullOrder
	addCustomerDoc    = `mutation($id: String!, $in: OrderCustomerInput!) { addOrderCustomer(orderId: $id, input: $in) { ...O } } ` + fullOrder
	updateCustomerDoc = `mutation($id: String!, $in: UpdateOrderCustomerInput!) { updateOrderCustomer(orderCustomerId: $id, input: $in) {
		...O } } ` + fullOrder
	addAddressDoc = `mutation($id: String!, $in: OrderCustomerAddressInput!) { addOrderCustomerAddress(orderCustomerId: $id, input: $in) {
		...O } } ` + fullOrder
	updateAddressDoc = `mutation($id: String!, $in: UpdateOrderCustomerAddressInput!) {
		updateOrderCustomerAddress(orderCustomerAddressId: $id, input: $in) { ...O } } ` + fullOrder
	deleteAddressDoc = `mutation($id: String!) { deleteOrderCustomerAddress(orderCustomerAddressId: $id) { ...O } } ` + fullOrder
	readOrderDoc     = `query($id: String!) { order(orderId: $id) { ...O } } ` + fullOrder
)

// orderTables are the tables an order's rows live in, with the audit trail.
var orderTables = []string{"sales_order", "order_status_history", "order_line", "order_line_terms", "order_accounting_status",
	"customer_token", "personal_account_data", "payment", "payment_status", "mandate_input", "order_customer",
	"order_customer_address", "purchased_product", "audit_trail"}

// orderDump is every row of the order tables and the audit trail, as JSON: equal before and after
// a request that changed nothing.
func (e *env) orderDump(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	for _, table := range orderTables {
		var rows string
		if err := e.store.Pool().QueryRow(context.Background(),
			`SELECT coalesce(json_agg(x ORDER BY x.id)::text, '[]') FROM `+table+` x`).Scan(&rows); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s %s\n", table, rows)
	}
	return b.String()
}

// refusedOrder runs a request that must fail with code (and, when given, field) and change nothing.
func (e *env) refusedOrder(t *testing.T, caller graph.Caller, query string, vars map[string]any, code, field string) result {
	t.Helper()
	before := e.orderDump(t)
	r := e.do(caller, query, vars)
	if r.code() != code {
		t.Fatalf("code %q, want %q: %+v", r.code(), code, r.Errors)
	}
	if field != "" && r.Errors[0].Extensions["field"] != field {
		t.Errorf("field %v, want %s (%s)", r.Errors[0].Extensions["field"], field, r.Errors[0].Message)
	}
	if after := e.orderDump(t); after != before {
		t.Errorf("a refused request changed the database:\nbefore %s\nafter  %s", before, after)
	}
	return r
}

// newOrder creates an order as caller and answers it (decoded JSON).
func (e *env) newOrder(t *testing.T, caller graph.Caller, profile any, in map[string]any) map[string]any {
	t.Helper()
	out := e.data(caller, createOrderDoc, map[string]any{"p": profile, "in": in})
	return out["createOrder"].(map[string]any)
}

func (e *env) orderStatusTo(t *testing.T, orderID string, status int) {
	t.Helper()
	if _, err := e.store.Pool().Exec(context.Background(),
		`UPDATE sales_order SET order_status_id = $2 WHERE order_id = $1`, orderID, status); err != nil {
		t.Fatal(err)
	}
}

// auditOf is the audit rows of entity, oldest first: "action user correlation profile".
func (e *env) auditOf(t *testing.T, entity string) []string {
	t.Helper()
	return e.texts(t, `SELECT action || ' ' || "user" || ' ' || correlation_id || ' ' ||
		coalesce(customer_profile_id::text, '-') FROM audit_trail WHERE entity = $1 ORDER BY id`, entity)
}

// A customer's order is its own, made at the webshop; touchpoints and staff name the profile or
// none, at their touchpoint. The lines copy the catalogue, validUntil follows from the product's
// duration, and the audit trail records who did it.
func TestCreateOrder(t *testing.T) {
	e := newEnv(t)
	number, profile := e.seProfile("koper@example.nl")
	me := customer(int64(number))

	o := e.newOrder(t, me, nil, map[string]any{"externalOrderId": "WEB-1", "languageId": 2, "orderLines": []any{
		map[string]any{"productId": 21, "quantity": 2, "validFrom": "2026-03-25T04:00:00", "externalOrderLineId": "L-1"},
		map[string]any{"productId": 1, "quantity": 1},
	}})
	expect(t, o, map[string]any{
		"customerProfileId": profile, "externalOrderId": "WEB-1", "totalAmount": 2*5900 + 121,
		"touchPoint.salesTouchpointId": 3, "language.languageId": 2, "orderStatus.orderStatusId": 1, "orderStatus.name": "concept",
		"orderOrderStatuses.0.orderStatus.orderStatusId": 1, "orderOrderStatuses.0.description": "Order is aangemaakt",
		"orderLines.0.productId": 21, "orderLines.0.productName": "HTM Regio Vrij - HL65 - Voltarief",
		"orderLines.0.productDescription": "Voor een vast bedrag onbeperkt reizen met EBS, HTM en RET in gebied HL65",
		"orderLines.0.fikoArticleNumber":  "6651", "orderLines.0.taxCode": "V09", "orderLines.0.taxPercentage": 9,
		"orderLines.0.quantity": 2, "orderLines.0.amountInclTax": 11800, "orderLines.0.amountExclTax": 10826,
		"orderLines.0.taxAmount": 974, "orderLines.0.externalOrderLineId": "L-1",
		// A month from 04:00 to 04:00, across the change to summer time.
		"orderLines.0.validFrom": "2026-03-25T04:00:00.000+01:00", "orderLines.0.validUntil": "2026-04-25T04:00:00.000+02:00",
		"orderLines.0.orderLineStatus.orderLineStatusId": 1, "orderLines.0.orderLineStatus.name": "pending",
		"orderLines.0.orderLineTerms.0.termsUrl": "generalTermsAndConditions.pdf",
		"orderLines.0.orderLineTerms.1.termsUrl": "RegiovrijTermsAndConditions.pdf",
		"orderLines.1.productId":                 1, "orderLines.1.amountInclTax": 121, "orderLines.1.validFrom": nil,
		"orderLines.1.validUntil": nil, "payments": "[]", "orderCustomer": nil,
	})
	if n := len(at(t, o, "orderLines").([]any)); n != 2 {
		t.Errorf("%d lines, want 2", n)
	}
	if n := len(at(t, o, "orderLines.0.customerTokens").([]any)); n != 0 {
		t.Errorf("%d customer tokens, want 0", n)
	}
	// Read back as the order, and in the customer's orders.
	again := e.data(me, readOrderDoc, map[string]any{"id": o["orderId"]})
	expect(t, again, map[string]any{"order.totalAmount": 11921, "order.orderLines.1.productName": "HTM Maandkorting 20%"})
	who := "customer:" + subjectOf(int64(number)) + " test-correlation " + fmt.Sprint(profile)
	if got, want := e.auditOf(t, "sales_order"), []string{"insert " + who}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("audit of the order %v, want %v", got, want)
	}
	if got, want := e.auditOf(t, "order_line"), []string{"insert " + who, "insert " + who}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("audit of the lines %v, want %v", got, want)
	}

	// A touchpoint: for nobody on file, or for a profile it names, at its own touchpoint (2).
	anon := e.newOrder(t, touchpoint, nil, map[string]any{})
	expect(t, anon, map[string]any{"customerProfileId": nil, "touchPoint.salesTouchpointId": 2, "totalAmount": 0,
		"language.languageId": 1})
	named := e.newOrder(t, touchpoint, profile, map[string]any{"orderLines": []any{map[string]any{"productId": 11, "quantity": 3}}})
	expect(t, named, map[string]any{"customerProfileId": profile, "totalAmount": 3 * 780})
	// Staff: the profile header, at customer service (1); without the header, nobody.
	staff := e.newOrder(t, staffOn(profile), nil, map[string]any{})
	expect(t, staff, map[string]any{"customerProfileId": profile, "touchPoint.salesTouchpointId": 1})
	expect(t, e.newOrder(t, staffOn(0), nil, map[string]any{}), map[string]any{"customerProfileId": nil})
	if got := e.auditOf(t, "sales_order"); len(got) != 5 || !strings.HasPrefix(got[4], "insert staff:") || !strings.HasSuffix(got[4], " -") {
		t.Errorf("audit of the orders %v", got)
	}

	// A customer naming another's profile, or a profile that does not exist: NOT_FOUND.
	_, other := e.seProfile("ander@example.nl")
	e.refusedOrder(t, me, createOrderDoc, map[string]any{"p": other, "in": map[string]any{}}, "NOT_FOUND", "")
	e.refusedOrder(t, touchpoint, createOrderDoc, map[string]any{"p": 999999, "in": map[string]any{}}, "NOT_FOUND", "")
	// An application that is not registered as a sales touchpoint sells nowhere.
	e.refusedOrder(t, graph.Caller{Application: "unregistered-app"}, createOrderDoc, map[string]any{"in": map[string]any{}},
		"FORBIDDEN", "")
}

// Bad input names its field and changes nothing: not even the order is written.
func TestCreateOrderRefusesBadInput(t *testing.T) {
	e := newEnv(t)
	number, _ := e.seProfile("koper@example.nl")
	me := customer(int64(number))
	line := func(extra map[string]any) map[string]any {
		l := map[string]any{"productId": 21, "quantity": 1}
		for k, v := range extra {
			l[k] = v
		}
		return l
	}
	emv := func(ref string) map[string]any {
		return map[string]any{"tokenTypeId": 1, "serviceReferenceId": ref, "amount": 100}
	}
	for name, c := range map[string]struct {
		in    map[string]any
		field string
	}{
		"unknown product": {map[string]any{"orderLines": []any{line(nil), line(map[string]any{"productId": 999})}},
			"input.orderLines.1.productId"},
		// The schema's @constraint refuses it before the resolver runs; its error names the field
		// alone (graph.InputField), not its path.
		"quantity 0": {map[string]any{"orderLines": []any{line(map[string]any{"quantity": 0})}}, "quantity"},
		"validUntil before validFrom": {map[string]any{"orderLines": []any{line(map[string]any{
			"validFrom": "2026-03-25T04:00:00", "validUntil": "2026-03-24T04:00:00"})}}, "input.orderLines.0.validUntil"},
		"two tokens on a line": {map[string]any{"orderLines": []any{line(map[string]any{
			"customerTokens": []any{emv("NLOV1"), emv("NLOV2")}})}}, "input.orderLines.0.customerTokens"},
		"unknown language": {map[string]any{"languageId": 99, "orderLines": []any{line(nil)}}, "input.languageId"},
		"bad validFrom":    {map[string]any{"orderLines": []any{line(map[string]any{"validFrom": "morgen"})}}, ""},
	} {
		t.Run(name, func(t *testing.T) {
			e.refusedOrder(t, me, createOrderDoc, map[string]any{"in": c.in}, "BAD_USER_INPUT", c.field)
		})
	}
}

// An order's language and reference change; null clears the reference, a left-out field keeps.
func TestUpdateOrder(t *testing.T) {
	e := newEnv(t)
	number, profile := e.seProfile("koper@example.nl")
	me := customer(int64(number))
	o := e.newOrder(t, me, nil, map[string]any{"externalOrderId": "WEB-1"})
	id := o["orderId"]

	out := e.data(me, updateOrderDoc, map[string]any{"id": id, "in": map[string]any{"languageId": 2}})
	expect(t, out, map[string]any{"updateOrder.language.languageId": 2, "updateOrder.externalOrderId": "WEB-1"})
	out = e.data(me, updateOrderDoc, map[string]any{"id": id, "in": map[string]any{"externalOrderId": nil}})
	expect(t, out, map[string]any{"updateOrder.language.languageId": 2, "updateOrder.externalOrderId": nil})
	out = e.data(touchpoint, updateOrderDoc, map[string]any{"id": id, "in": map[string]any{"externalOrderId": "WEB-2", "languageId": 1}})
	expect(t, out, map[string]any{"updateOrder.language.languageId": 1, "updateOrder.externalOrderId": "WEB-2"})
	audit := e.auditOf(t, "sales_order")
	if len(audit) != 4 || audit[1] != "update customer:"+subjectOf(int64(number))+" test-correlation "+fmt.Sprint(profile) ||
		!strings.HasPrefix(audit[3], "update application:test-touchpoint ") {
		t.Errorf("audit %v", audit)
	}

	e.refusedOrder(t, me, updateOrderDoc, map[string]any{"id": id, "in": map[string]any{"languageId": 42}}, "BAD_USER_INPUT", "input.languageId")
	e.refusedOrder(t, me, updateOrderDoc, map[string]any{"id": id, "in": map[string]any{"languageId": nil}}, "BAD_USER_INPUT", "languageId")
	e.refusedOrder(t, me, updateOrderDoc, map[string]any{"id": "not-a-uuid", "in": map[string]any{}}, "BAD_USER_INPUT", "orderId")
	e.refusedOrder(t, me, updateOrderDoc, map[string]any{"id": "00000000-0000-4000-8000-000000000000", "in": map[string]any{}},
		"NOT_FOUND", "")
}

// Lines: added with the catalogue's data, changed (quantity keeps the unit price, a new product
// copies the catalogue again, drops the line's tokens and recomputes validUntil), deleted; the
// total follows.
func TestOrderLineWrites(t *testing.T) {
	e := newEnv(t)
	number, _ := e.seProfile("koper@example.nl")
	me := customer(int64(number))
	o := e.newOrder(t, me, nil, map[string]any{"orderLines": []any{map[string]any{"productId": 11, "quantity": 1}}})
	id := o["orderId"].(string)

	out := e.data(me, addLineDoc, map[string]any{"id": id, "in": map[string]any{"productId": 2, "quantity": 2,
		"externalOrderLineId": "L-2", "validFrom": "2026-05-01T04:00:00", "createdOn": "2024-03-22T09:00:00"}})
	expect(t, out, map[string]any{"addOrderLine.totalAmount": 780 + 2*242, "addOrderLine.orderLines.1.productId": 2,
		"addOrderLine.orderLines.1.productName": "HTM Maandkorting 40%", "addOrderLine.orderLines.1.amountInclTax": 484,
		"addOrderLine.orderLines.1.externalOrderLineId":       "L-2",
		"addOrderLine.orderLines.1.validUntil":                "2026-06-01T04:00:00.000+02:00",
		"addOrderLine.orderLines.1.orderLineTerms.1.termsUrl": "productTermsAndConditions.pdf"})
	line := at(t, out, "addOrderLine.orderLines.1.orderLineId").(string)

	// A new quantity keeps the unit price the line copied, even when the catalogue's has changed.
	if _, err := e.store.Pool().Exec(context.Background(), `UPDATE product SET price_incl_tax = 300 WHERE id = 2`); err != nil {
		t.Fatal(err)
	}
	out = e.data(me, updateLineDoc, map[string]any{"id": line, "in": map[string]any{"quantity": 3, "externalOrderLineId": nil}})
	expect(t, out, map[string]any{"updateOrderLine.orderLines.1.quantity": 3, "updateOrderLine.orderLines.1.amountInclTax": 726,
		"updateOrderLine.totalAmount": 780 + 726, "updateOrderLine.orderLines.1.externalOrderLineId": nil,
		"updateOrderLine.orderLines.1.validUntil": "2026-06-01T04:00:00.000+02:00"})

	// A new product: the catalogue again, the line's token (and its personal account data) gone, the terms of the
	// new product, validUntil from its duration.
	if _, err := e.store.Pool().Exec(context.Background(), `
		WITH t AS (INSERT INTO customer_token (order_line_id, token_type_id, service_reference_id, amount)
		           SELECT id, 1, 'NLOV1234567ABCDEFG', 100 FROM order_line WHERE order_line_id = $1 RETURNING id)
		INSERT INTO personal_account_data (customer_token_id, name) SELECT id, 'A. Klant' FROM t`, line); err != nil {
		t.Fatal(err)
	}
	if n := len(at(t, e.data(me, readOrderDoc, map[string]any{"id": id}), "order.orderLines.1.customerTokens").([]any)); n != 1 {
		t.Fatalf("%d tokens before the product change", n)
	}
	out = e.data(me, updateLineDoc, map[string]any{"id": line, "in": map[string]any{"productId": 21, "validFrom": "2026-05-25T04:00:00",
		"validUntil": nil}})
	expect(t, out, map[string]any{"updateOrderLine.orderLines.1.productId": 21,
		"updateOrderLine.orderLines.1.productName": "HTM Regio Vrij - HL65 - Voltarief", "updateOrderLine.orderLines.1.taxCode": "V09",
		"updateOrderLine.orderLines.1.fikoArticleNumber": "6651", "updateOrderLine.orderLines.1.amountInclTax": 3 * 5900,
		"updateOrderLine.totalAmount": 780 + 3*5900, "updateOrderLine.orderLines.1.customerTokens": "[]",
		"updateOrderLine.orderLines.1.validFrom":                 "2026-05-25T04:00:00.000+02:00",
		"updateOrderLine.orderLines.1.validUntil":                "2026-06-25T04:00:00.000+02:00",
		"updateOrderLine.orderLines.1.orderLineTerms.1.termsUrl": "RegiovrijTermsAndConditions.pdf"})
	if n := len(at(t, out, "updateOrderLine.orderLines.1.orderLineTerms").([]any)); n != 2 {
		t.Errorf("%d terms, want 2", n)
	}
	var pads int
	if err := e.store.Pool().QueryRow(context.Background(), `SELECT count(*) FROM personal_account_data`).Scan(&pads); err != nil || pads != 0 {
		t.Errorf("personal account data left: %d (%v)", pads, err)
	}
	// validFrom moves: validUntil follows; a validUntil given stays; null validFrom clears both.
	out = e.data(me, updateLineDoc, map[string]any{"id": line, "in": map[string]any{"validFrom": "2026-05-26T04:00:00"}})
	expect(t, out, map[string]any{"updateOrderLine.orderLines.1.validUntil": "2026-06-26T04:00:00.000+02:00"})
	out = e.data(me, updateLineDoc, map[string]any{"id": line, "in": map[string]any{"validUntil": "2026-06-01T00:00:00"}})
	expect(t, out, map[string]any{"updateOrderLine.orderLines.1.validUntil": "2026-06-01T00:00:00.000+02:00",
		"updateOrderLine.orderLines.1.validFrom": "2026-05-26T04:00:00.000+02:00"})
	out = e.data(me, updateLineDoc, map[string]any{"id": line, "in": map[string]any{"validFrom": nil}})
	expect(t, out, map[string]any{"updateOrderLine.orderLines.1.validFrom": nil, "updateOrderLine.orderLines.1.validUntil": nil})

	// Refusals.
	e.refusedOrder(t, me, addLineDoc, map[string]any{"id": id, "in": map[string]any{"productId": 999, "quantity": 1}},
		"BAD_USER_INPUT", "input.productId")
	e.refusedOrder(t, me, addLineDoc, map[string]any{"id": id, "in": map[string]any{"productId": 11, "quantity": 0}},
		"BAD_USER_INPUT", "quantity")
	e.refusedOrder(t, me, addLineDoc, map[string]any{"id": "nope", "in": map[string]any{"productId": 11, "quantity": 1}},
		"BAD_USER_INPUT", "orderId")
	e.refusedOrder(t, me, addLineDoc, map[string]any{"id": id, "in": map[string]any{"productId": 11, "quantity": 1,
		"validFrom": "2026-05-26T04:00:00", "validUntil": "2026-05-25T04:00:00"}}, "BAD_USER_INPUT", "input.validUntil")
	e.refusedOrder(t, me, addLineDoc, map[string]any{"id": id, "in": map[string]any{"productId": 11, "quantity": 1,
		"customerTokens": []any{map[string]any{"tokenTypeId": 1, "ovPayTokenId": 1}, map[string]any{"tokenTypeId": 1, "ovPayTokenId": 2}}}},
		"BAD_USER_INPUT", "input.customerTokens")
	e.refusedOrder(t, me, updateLineDoc, map[string]any{"id": line, "in": map[string]any{"productId": 999}}, "BAD_USER_INPUT", "input.productId")
	e.refusedOrder(t, me, updateLineDoc, map[string]any{"id": line, "in": map[string]any{"quantity": 0}}, "BAD_USER_INPUT", "quantity")
	e.refusedOrder(t, me, updateLineDoc, map[string]any{"id": line, "in": map[string]any{"quantity": nil}}, "BAD_USER_INPUT", "quantity")
	e.refusedOrder(t, me, updateLineDoc, map[string]any{"id": line, "in": map[string]any{"validFrom": "2026-05-26T04:00:00",
		"validUntil": "2026-05-01T04:00:00"}}, "BAD_USER_INPUT", "input.validUntil")
	e.refusedOrder(t, me, updateLineDoc, map[string]any{"id": "x", "in": map[string]any{}}, "BAD_USER_INPUT", "orderLineId")
	e.refusedOrder(t, me, deleteLineDoc, map[string]any{"id": "00000000-0000-4000-8000-000000000000"}, "NOT_FOUND", "")

	out = e.data(me, deleteLineDoc, map[string]any{"id": line})
	expect(t, out, map[string]any{"deleteOrderLine.totalAmount": 780, "deleteOrderLine.orderLines.0.productId": 11})
	if n := len(at(t, out, "deleteOrderLine.orderLines").([]any)); n != 1 {
		t.Errorf("%d lines after the delete, want 1", n)
	}
	audit := e.auditOf(t, "order_line")
	want := []string{"insert", "insert", "update", "update", "update", "update", "update", "delete"}
	if len(audit) != len(want) {
		t.Fatalf("audit of the lines %v", audit)
	}
	for i, a := range audit {
		if !strings.HasPrefix(a, want[i]+" customer:") {
			t.Errorf("audit %d: %s, want %s", i, a, want[i])
		}
	}
	if got := e.auditOf(t, "customer_token"); len(got) != 1 || !strings.HasPrefix(got[0], "delete ") {
		t.Errorf("audit of the dropped token %v", got)
	}
}

// deleteOrder: a concept or cancelled order goes with everything in it; any other status is
// UNPROCESSABLE, naming it.
func TestDeleteOrder(t *testing.T) {
	e := newEnv(t)
	number, _ := e.seProfile("koper@example.nl")
	me := customer(int64(number))
	full := func() string {
		o := e.newOrder(t, me, nil, map[string]any{"orderLines": []any{map[string]any{"productId": 21, "quantity": 1}}})
		e.ok(me, addCustomerDoc, map[string]any{"id": o["orderId"], "in": map[string]any{"surname": "Klant",
			"orderCustomerAddresses": []any{map[string]any{"addressTypeId": 1, "street": "Spui", "houseNumber": 70,
				"postalCode": "2511 BT", "city": "Den Haag", "country": "NL"}}}}, nil)
		return o["orderId"].(string)
	}
	keep := full()
	for _, status := range []int{1, 6} {
		id := full()
		e.orderStatusTo(t, id, status)
		var out struct{ DeleteOrder struct{ OrderID string } }
		e.ok(me, deleteOrderDoc, map[string]any{"id": id}, &out)
		if out.DeleteOrder.OrderID != id {
			t.Errorf("deleted %q, want %q", out.DeleteOrder.OrderID, id)
		}
		if r := e.do(me, readOrderDoc, map[string]any{"id": id}); r.code() != "NOT_FOUND" {
			t.Errorf("status %d: the order is still there: %+v", status, r.Errors)
		}
	}
	// Only the kept order's rows remain.
	for _, table := range []string{"order_line", "order_line_terms", "order_status_history", "order_customer", "order_customer_address"} {
		var n int
		if err := e.store.Pool().QueryRow(context.Background(), `SELECT count(*) FROM `+table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		want := map[string]int{"order_line": 1, "order_line_terms": 2, "order_status_history": 1, "order_customer": 1,
			"order_customer_address": 1}[table]
		if n != want {
			t.Errorf("%s: %d rows, want %d", table, n, want)
		}
	}
	if got := e.auditOf(t, "sales_order"); len(got) != 5 || !strings.HasPrefix(got[2], "delete customer:") || !strings.HasPrefix(got[4], "delete ") {
		t.Errorf("audit of the orders %v", got)
	}

	for status, name := range map[int]string{2: "awaitingPayment", 3: "pendingPayment", 4: "paid", 5: "delivered"} {
		e.orderStatusTo(t, keep, status)
		r := e.refusedOrder(t, me, deleteOrderDoc, map[string]any{"id": keep}, "UNPROCESSABLE", "")
		if r.Errors[0].Message != "The order can not be deleted." || r.Errors[0].Extensions["orderStatus"] != name ||
			r.Errors[0].Extensions["orderStatusId"] != float64(status) {
			t.Errorf("status %d: %+v", status, r.Errors[0])
		}
	}
	e.refusedOrder(t, me, deleteOrderDoc, map[string]any{"id": "nope"}, "BAD_USER_INPUT", "orderId")
}

// The order customer (one per order) and its addresses.
func TestOrderCustomerWrites(t *testing.T) {
	e := newEnv(t)
	number, _ := e.seProfile("koper@example.nl")
	me := customer(int64(number))
	id := e.newOrder(t, me, nil, map[string]any{})["orderId"].(string)
	address := map[string]any{"addressTypeId": 3, "street": "Spui", "houseNumber": 70, "houseNumberSuffix": "A",
		"postalCode": "2511 BT", "city": "Den Haag", "country": "NL"}

	out := e.data(me, addCustomerDoc, map[string]any{"id": id, "in": map[string]any{"birthname": "Jan", "surname": "Vries",
		"prefix": "de", "emailAddress": "jan@example.nl", "dateOfBirth": "1980-02-03", "orderCustomerAddresses": []any{address}}})
	expect(t, out, map[string]any{"addOrderCustomer.orderCustomer.birthname": "Jan", "addOrderCustomer.orderCustomer.surname": "Vries",
		"addOrderCustomer.orderCustomer.prefix": "de", "addOrderCustomer.orderCustomer.emailAddress": "jan@example.nl",
		"addOrderCustomer.orderCustomer.dateOfBirth":                                "1980-02-03",
		"addOrderCustomer.orderCustomer.orderCustomerAddresses.0.addressType.name":  "Home",
		"addOrderCustomer.orderCustomer.orderCustomerAddresses.0.houseNumberSuffix": "A",
		"addOrderCustomer.orderCustomer.orderCustomerAddresses.0.postalCode":        "2511 BT",
		"addOrderCustomer.orderCustomer.orderCustomerAddresses.0.addressType.id":    3,
		"addOrderCustomer.orderCustomer.orderCustomerAddresses.0.orderCustomerAddressId": at(t, out,
			"addOrderCustomer.orderCustomer.orderCustomerAddresses.0.orderCustomerAddressId")})
	oc := at(t, out, "addOrderCustomer.orderCustomer.orderCustomerId").(string)
	addr := at(t, out, "addOrderCustomer.orderCustomer.orderCustomerAddresses.0.orderCustomerAddressId").(string)

	r := e.refusedOrder(t, me, addCustomerDoc, map[string]any{"id": id, "in": map[string]any{"surname": "Tweede"}}, "CONFLICT", "")
	if r.Errors[0].Message != "The order has a customer already." {
		t.Errorf("message %q", r.Errors[0].Message)
	}

	out = e.data(me, updateCustomerDoc, map[string]any{"id": oc, "in": map[string]any{"prefix": nil, "surname": "Jansen"}})
	expect(t, out, map[string]any{"updateOrderCustomer.orderCustomer.prefix": nil, "updateOrderCustomer.orderCustomer.surname": "Jansen",
		"updateOrderCustomer.orderCustomer.birthname": "Jan", "updateOrderCustomer.orderCustomer.dateOfBirth": "1980-02-03"})

	out = e.data(me, addAddressDoc, map[string]any{"id": oc, "in": map[string]any{"addressTypeId": 1, "street": "Lange Voorhout",
		"houseNumber": 1, "postalCode": "2514EA", "city": "Den Haag", "country": "NL"}})
	expect(t, out, map[string]any{"addOrderCustomerAddress.orderCustomer.orderCustomerAddresses.1.addressType.name": "Billing",
		"addOrderCustomerAddress.orderCustomer.orderCustomerAddresses.0.street": "Spui"})
	out = e.data(me, updateAddressDoc, map[string]any{"id": addr, "in": map[string]any{"houseNumber": 101, "houseNumberSuffix": nil,
		"addressTypeId": 2}})
	expect(t, out, map[string]any{"updateOrderCustomerAddress.orderCustomer.orderCustomerAddresses.0.houseNumber": 101,
		"updateOrderCustomerAddress.orderCustomer.orderCustomerAddresses.0.houseNumberSuffix": nil,
		"updateOrderCustomerAddress.orderCustomer.orderCustomerAddresses.0.addressType.name":  "Shipping",
		"updateOrderCustomerAddress.orderCustomer.orderCustomerAddresses.0.street":            "Spui"})

	// Refusals.
	bad := func(change map[string]any) map[string]any {
		a := map[string]any{}
		for k, v := range address {
			a[k] = v
		}
		for k, v := range change {
			a[k] = v
		}
		return a
	}
	e.refusedOrder(t, me, addAddressDoc, map[string]any{"id": oc, "in": bad(map[string]any{"addressTypeId": 9})}, "BAD_USER_INPUT", "input.addressTypeId")
	e.refusedOrder(t, me, addAddressDoc, map[string]any{"id": oc, "in": bad(map[string]any{"street": "  "})}, "BAD_USER_INPUT", "input.street")
	e.refusedOrder(t, me, addAddressDoc, map[string]any{"id": oc, "in": bad(map[string]any{"postalCode": "25BT"})}, "BAD_USER_INPUT", "input.postalCode")
	e.refusedOrder(t, me, addAddressDoc, map[string]any{"id": oc, "in": bad(map[string]any{"country": "nl"})}, "BAD_USER_INPUT", "input.country")
	e.refusedOrder(t, me, addAddressDoc, map[string]any{"id": oc, "in": bad(map[string]any{"houseNumber": 0})}, "BAD_USER_INPUT", "houseNumber")
	e.refusedOrder(t, me, updateAddressDoc, map[string]any{"id": addr, "in": map[string]any{"addressTypeId": 0}}, "BAD_USER_INPUT", "input.addressTypeId")
	e.refusedOrder(t, me, updateAddressDoc, map[string]any{"id": addr, "in": map[string]any{"city": nil}}, "BAD_USER_INPUT", "city")
	e.refusedOrder(t, me, updateCustomerDoc, map[string]any{"id": oc, "in": map[string]any{"emailAddress": "geen-adres"}}, "BAD_USER_INPUT",
		"input.emailAddress")
	e.refusedOrder(t, me, updateCustomerDoc, map[string]any{"id": "x", "in": map[string]any{}}, "BAD_USER_INPUT", "orderCustomerId")
	other := e.newOrder(t, me, nil, map[string]any{})["orderId"].(string)
	e.refusedOrder(t, me, addCustomerDoc, map[string]any{"id": other, "in": map[string]any{"orderCustomerAddresses": []any{address,
		bad(map[string]any{"addressTypeId": 7})}}}, "BAD_USER_INPUT", "input.orderCustomerAddresses.1.addressTypeId")

	out = e.data(me, deleteAddressDoc, map[string]any{"id": addr})
	if a := at(t, out, "deleteOrderCustomerAddress.orderCustomer.orderCustomerAddresses").([]any); len(a) != 1 {
		t.Errorf("%d addresses after the delete, want 1", len(a))
	}
	e.refusedOrder(t, me, deleteAddressDoc, map[string]any{"id": addr}, "NOT_FOUND", "")

	// The audit trail names the fields, not their values.
	var detail string
	if err := e.store.Pool().QueryRow(context.Background(),
		`SELECT string_agg(detail::text, ' ') FROM audit_trail WHERE entity LIKE 'order_customer%'`).Scan(&detail); err != nil {
		t.Fatal(err)
	}
	for _, personal := range []string{"Jan", "Vries", "jan@example.nl", "1980", "Spui", "2511"} {
		if strings.Contains(detail, personal) {
			t.Errorf("the audit trail holds %q: %s", personal, detail)
		}
	}
	if got := e.auditOf(t, "order_customer_address"); len(got) != 4 {
		t.Errorf("audit of the addresses %v", got)
	}
}

// Basket edits of an order that is no longer concept: UNPROCESSABLE naming the status, nothing
// changed. Another customer's order: NOT_FOUND.
func TestBasketEditsRefused(t *testing.T) {
	e := newEnv(t)
	number, _ := e.seProfile("koper@example.nl")
	me := customer(int64(number))
	otherNumber, _ := e.seProfile("ander@example.nl")
	stranger := customer(int64(otherNumber))
	o := e.newOrder(t, me, nil, map[string]any{"orderLines": []any{map[string]any{"productId": 11, "quantity": 1}}})
	id := o["orderId"].(string)
	line := at(t, o, "orderLines.0.orderLineId").(string)
	c := e.data(me, addCustomerDoc, map[string]any{"id": id, "in": map[string]any{"surname": "Klant",
		"orderCustomerAddresses": []any{map[string]any{"addressTypeId": 1, "street": "Spui", "houseNumber": 70,
			"postalCode": "2511 BT", "city": "Den Haag", "country": "NL"}}}})
	oc := at(t, c, "addOrderCustomer.orderCustomer.orderCustomerId").(string)
	addr := at(t, c, "addOrderCustomer.orderCustomer.orderCustomerAddresses.0.orderCustomerAddressId").(string)
	address := map[string]any{"addressTypeId": 1, "street": "Spui", "houseNumber": 1, "postalCode": "2511 BT", "city": "Den Haag",
		"country": "NL"}
	writes := map[string]struct {
		doc  string
		vars map[string]any
	}{
		"updateOrder":                {updateOrderDoc, map[string]any{"id": id, "in": map[string]any{"languageId": 2}}},
		"addOrderLine":               {addLineDoc, map[string]any{"id": id, "in": map[string]any{"productId": 11, "quantity": 1}}},
		"updateOrderLine":            {updateLineDoc, map[string]any{"id": line, "in": map[string]any{"quantity": 2}}},
		"deleteOrderLine":            {deleteLineDoc, map[string]any{"id": line}},
		"addOrderCustomer":           {addCustomerDoc, map[string]any{"id": id, "in": map[string]any{"surname": "X"}}},
		"updateOrderCustomer":        {updateCustomerDoc, map[string]any{"id": oc, "in": map[string]any{"surname": "X"}}},
		"addOrderCustomerAddress":    {addAddressDoc, map[string]any{"id": oc, "in": address}},
		"updateOrderCustomerAddress": {updateAddressDoc, map[string]any{"id": addr, "in": map[string]any{"houseNumber": 2}}},
		"deleteOrderCustomerAddress": {deleteAddressDoc, map[string]any{"id": addr}},
		"deleteOrder":                {deleteOrderDoc, map[string]any{"id": id}},
	}
	for name, w := range writes {
		t.Run(name+" on another's order", func(t *testing.T) {
			e.refusedOrder(t, stranger, w.doc, w.vars, "NOT_FOUND", "")
		})
	}
	e.orderStatusTo(t, id, 4)
	for name, w := range writes {
		t.Run(name+" on a paid order", func(t *testing.T) {
			r := e.refusedOrder(t, me, w.doc, w.vars, "UNPROCESSABLE", "")
			if r.Errors[0].Extensions["orderStatusId"] != float64(4) || r.Errors[0].Extensions["orderStatus"] != "paid" {
				t.Errorf("extensions %v", r.Errors[0].Extensions)
			}
		})
	}
}
