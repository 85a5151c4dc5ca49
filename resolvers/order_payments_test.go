package resolvers_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"ovgraph/graph"
)

// Payments, provider reports and fulfilment (resolvers/order_payments.go). Orders and lines are
// written with SQL: the basket mutations are another part's.

// payLine is an order line a test writes: a product and the token it is for, by an OVpay token
// of the profile or a GBO card's service reference and amount; none for a line without one.
type payLine struct {
	product int
	token   int
	srid    string
	amount  int
}

// payOrder writes a concept order of profile (0: nobody on file) with lines, its total their
// prices, each line valid from tomorrow; it answers the order's uuid and its lines' uuids.
func (e *env) payOrder(profile int, lines ...payLine) (string, []string) {
	e.t.Helper()
	ctx := context.Background()
	var p *int
	if profile != 0 {
		p = &profile
	}
	var key int64
	var orderID string
	if err := e.store.Pool().QueryRow(ctx, `
		WITH o AS (INSERT INTO sales_order (customer_profile_id, sales_touchpoint_id, language_id)
		           VALUES ($1, 3, 1) RETURNING id, order_id),
		     h AS (INSERT INTO order_status_history (sales_order_id, order_status_id, description)
		           SELECT id, 1, 'Order is aangemaakt' FROM o)
		SELECT id, order_id::text FROM o`, p).Scan(&key, &orderID); err != nil {
		e.t.Fatal(err)
	}
	var lineIDs []string
	for _, l := range lines {
		var lineKey int64
		var lineID string
		if err := e.store.Pool().QueryRow(ctx, `
			INSERT INTO order_line (sales_order_id, product_id, product_name, product_description, fiko_article_number,
			                        tax_code, tax_percentage, amount_incl_tax, valid_from)
			SELECT $1, p.id, p.name, p.description, p.fiko_article_number, p.tax_code, p.tax_percentage, p.price_incl_tax,
			       date_trunc('day', now()) + interval '1 day'
			FROM product p WHERE p.id = $2 RETURNING id, order_line_id::text`, key, l.product).Scan(&lineKey, &lineID); err != nil {
			e.t.Fatal(err)
		}
		lineIDs = append(lineIDs, lineID)
		switch {
		case l.token != 0:
			e.exec(`INSERT INTO customer_token (order_line_id, token_type_id, ovpay_token_id) VALUES ($1, 1, $2)`, lineKey, l.token)
		case l.srid != "":
			e.exec(`INSERT INTO customer_token (order_line_id, token_type_id, service_reference_id, amount) VALUES ($1, 1, $2, $3)`,
				lineKey, l.srid, l.amount)
		}
	}
	e.exec(`UPDATE sales_order SET total_amount = (SELECT coalesce(sum(amount_incl_tax), 0) FROM order_line WHERE sales_order_id = $1)
		WHERE id = $1`, key)
	return orderID, lineIDs
}

func (e *env) exec(sql string, args ...any) {
	e.t.Helper()
	if _, err := e.store.Pool().Exec(context.Background(), sql, args...); err != nil {
		e.t.Fatal(err)
	}
}

// payCustomer creates a customer with an OVpay token (xTat tat) and answers its number, profile
// id and token id.
func (e *env) payCustomer(email, tat string) (number, profile, token int) {
	e.t.Helper()
	number = e.newCustomer(email)
	var c struct {
		Customer struct{ CustomerProfileID int }
	}
	e.ok(touchpoint, `query($n: Int!) { customer(customerNumber: $n) { customerProfileId } }`, map[string]any{"n": number}, &c)
	var tok struct{ AddOvPayToken struct{ OvPayTokenID int } }
	e.ok(touchpoint, `mutation($n: Int!, $t: String!) { addOvPayToken(customerNumber: $n, input: {tokenTypeId: 1, xTat: $t, xBot: $t,
		alias: "Bankpas", lastDigits: "1234"}) { ovPayTokenId } }`, map[string]any{"n": number, "t": tat}, &tok)
	return number, c.Customer.CustomerProfileID, tok.AddOvPayToken.OvPayTokenID
}

// payView is what the tests read of an order.
type payView struct {
	OrderID       string
	TotalAmount   int
	ValidContents *bool
	OrderStatus   struct{ OrderStatusID int }
	History       []struct {
		OrderStatus struct{ OrderStatusID int }
		Description string
	} `json:"orderOrderStatuses"`
	OrderLines []struct {
		OrderLineID             string
		ValidationResult        *string
		Validations             []map[string]any
		ValidUntil              *string
		OrderLineStatus         struct{ OrderLineStatusID int }
		OrderAccountingStatuses []struct {
			AccountingStatus struct{ AccountingStatusID int }
			Description      string
		}
		CustomerTokens []struct{ XTat *string }
	}
	Payments []struct {
		PaymentID           string
		AmountDebit         int
		IsRefund            bool
		PspPaymentReference *string
		TouchPoint          struct{ SalesTouchpointID int }
		PaymentStatuses     []struct{ StatusCode string }
		MandateInput        *struct {
			Iban                 string
			DirectDebitMandateID *int
		}
	}
}

const payFields = `orderId totalAmount validContents orderStatus { orderStatusId }
	orderOrderStatuses { orderStatus { orderStatusId } description }
	orderLines { orderLineId validationResult validations { code type } validUntil orderLineStatus { orderLineStatusId }
		orderAccountingStatuses { accountingStatus { accountingStatusId } description } customerTokens { xTat } }
	payments { paymentId amountDebit isRefund pspPaymentReference touchPoint { salesTouchpointId }
		paymentStatuses { statusCode } mandateInput { iban directDebitMandateId } }`

var (
	addPaymentDoc = `mutation($id: String!, $in: PaymentInput!) { addPayment(orderId: $id, input: $in) { ` + payFields + ` } }`
	updatePayDoc  = `mutation($id: String!, $in: UpdatePaymentInput!) { updatePayment(paymentId: $id, input: $in) { ` + payFields + ` } }`
	fulfilDoc     = `mutation($id: String!) { fulfillOrder(orderId: $id) { ` + payFields + ` } }`
	orderDoc      = `query($id: String!) { order(orderId: $id) { ` + payFields + ` } }`
)

func (e *env) payOK(caller graph.Caller, doc string, vars map[string]any) payView {
	e.t.Helper()
	var out map[string]payView
	e.ok(caller, doc, vars, &out)
	for _, v := range out {
		return v
	}
	return payView{}
}

func pay(amount int) map[string]any {
	return map[string]any{"amountDebit": amount, "paymentMethodId": 1, "htmPaymentReference": "HTM-1234"}
}

func psp(codes ...string) map[string]any {
	var statuses []any
	for _, c := range codes {
		statuses = append(statuses, map[string]any{"createdOn": "2026-03-01T10:00:00Z", "statusCode": c,
			"statusDescription": "report " + c, "statusSubCode": "S001"})
	}
	return map[string]any{"pspPaymentReference": "Buckaroo-1234", "paymentStatuses": statuses}
}

func historyOf(v payView) []int {
	out := []int{}
	for _, h := range v.History {
		out = append(out, h.OrderStatus.OrderStatusID)
	}
	return out
}

func wantCode(t *testing.T, r result, code graph.Code, field string) {
	t.Helper()
	if r.code() != string(code) {
		t.Fatalf("code %q, want %s: %+v", r.code(), code, r.Errors)
	}
	if field != "" && r.Errors[0].Extensions["field"] != field {
		t.Fatalf("field %v, want %s: %+v", r.Errors[0].Extensions["field"], field, r.Errors)
	}
}

// snapshot is every row payments, mandates and fulfilment write, to show that a refused write
// changed nothing.
func (e *env) snapshot() string {
	e.t.Helper()
	var s string
	if err := e.store.Pool().QueryRow(context.Background(), `SELECT json_build_array(
		(SELECT json_agg(t ORDER BY t.id) FROM sales_order t), (SELECT json_agg(t ORDER BY t.id) FROM order_status_history t),
		(SELECT json_agg(t ORDER BY t.id) FROM order_line t), (SELECT json_agg(t ORDER BY t.id) FROM customer_token t),
		(SELECT json_agg(t ORDER BY t.id) FROM payment t), (SELECT json_agg(t ORDER BY t.id) FROM payment_status t),
		(SELECT json_agg(t ORDER BY t.id) FROM mandate_input t), (SELECT json_agg(t ORDER BY t.id) FROM billing_information t),
		(SELECT json_agg(t ORDER BY t.id) FROM direct_debit_mandate t), (SELECT json_agg(t ORDER BY t.id) FROM ovpay_token t),
		(SELECT json_agg(t ORDER BY t.id) FROM product_instance t), (SELECT json_agg(t ORDER BY t.id) FROM purchased_product t),
		(SELECT json_agg(t ORDER BY t.id) FROM order_accounting_status t), (SELECT json_agg(t ORDER BY t.id) FROM audit_trail t)
	)::text`).Scan(&s); err != nil {
		e.t.Fatal(err)
	}
	return s
}

func (e *env) unchanged(before string) {
	e.t.Helper()
	if after := e.snapshot(); after != before {
		e.t.Fatalf("a refused write changed rows:\nbefore %s\nafter  %s", before, after)
	}
}

// The whole journey: a customer pays its concept order of a subscription on a new EMV card (a
// REMARK does not block), the provider reports pending, then success with a mandate; the order
// is paid and no longer validated; fulfilment registers the card on the profile, puts the
// product on it and delivers the lines; a second fulfilment changes nothing. The mandate and
// the product instance show from the customer down, and the xTat search finds the order.
func TestPaymentLifecycle(t *testing.T) {
	e := newEnv(t)
	number, profile, _ := e.payCustomer("pay@example.nl", "tat-pay")
	me := customer(int64(number))
	orderID, lines := e.payOrder(profile, payLine{product: 21, srid: "NLOVNAMED000000001", amount: 100})
	e.exec(`UPDATE order_line SET validation_result = 'preliminary',
		validations = '[{"code": "MANDATE_REQUIRED", "type": "REMARK", "parameter": "directDebitMandateId"}]'
		WHERE order_line_id = $1`, lines[0])
	e.exec(`UPDATE sales_order SET valid_contents = false WHERE order_id = $1`, orderID)

	v := e.payOK(me, addPaymentDoc, map[string]any{"id": orderID, "in": pay(5900)})
	if v.OrderStatus.OrderStatusID != 2 || len(v.Payments) != 1 || v.Payments[0].TouchPoint.SalesTouchpointID != 3 ||
		len(v.Payments[0].PaymentStatuses) != 0 || v.Payments[0].PspPaymentReference != nil {
		t.Fatalf("after addPayment: %+v", v)
	}
	if v.History[0].Description != "Betaling is geinitieerd" {
		t.Fatalf("history %+v", v.History)
	}
	paymentID := v.Payments[0].PaymentID

	v = e.payOK(touchpoint, updatePayDoc, map[string]any{"id": paymentID, "in": psp("791")})
	if v.OrderStatus.OrderStatusID != 3 || v.History[0].Description != "Betaling in behandeling" ||
		deref(v.Payments[0].PspPaymentReference) != "Buckaroo-1234" {
		t.Fatalf("after 791: %+v", v)
	}
	if v.OrderLines[0].ValidationResult == nil {
		t.Fatal("a pending order's lines keep their validation")
	}

	in := psp("190")
	in["mandateInput"] = map[string]any{"directDebitMandateTypeId": 1, "iban": "NL44 RABO 0123 4567 89",
		"bic": "RABONL2U", "ascription": "J. de Vries", "place": "Den Haag"}
	v = e.payOK(touchpoint, updatePayDoc, map[string]any{"id": paymentID, "in": in})
	if v.OrderStatus.OrderStatusID != 4 || v.History[0].Description != "Order succesvol betaald" {
		t.Fatalf("after 190: %+v", v)
	}
	if got := historyOf(v); !reflect.DeepEqual(got, []int{4, 3, 2, 1}) {
		t.Fatalf("history newest first %v", got)
	}
	if v.ValidContents != nil || v.OrderLines[0].ValidationResult != nil || len(v.OrderLines[0].Validations) != 0 {
		t.Fatalf("a paid order is not validated: %+v", v)
	}
	p := v.Payments[0]
	if len(p.PaymentStatuses) != 2 || p.MandateInput == nil || p.MandateInput.Iban != "NL44RABO0123456789" ||
		p.MandateInput.DirectDebitMandateID == nil {
		t.Fatalf("payment %+v", p)
	}

	// The mandate is on the profile, SIGNED, and knows its payment; the customer sees it.
	var c struct {
		Customer struct {
			BillingInformation []struct {
				BillingInformationID int
				Iban                 string
			}
			DirectDebitMandates []struct {
				DirectDebitMandateID int
				BillingInformationID int
				MandateState         string
				Payment              *struct{ PaymentID string }
			}
		}
	}
	e.ok(me, `query($n: Int!) { customer(customerNumber: $n) { billingInformation { billingInformationId iban }
		directDebitMandates { directDebitMandateId billingInformationId mandateState payment { paymentId } } } }`,
		map[string]any{"n": number}, &c)
	ms := c.Customer.DirectDebitMandates
	if len(ms) != 1 || ms[0].MandateState != "SIGNED" || ms[0].Payment == nil || ms[0].Payment.PaymentID != paymentID ||
		ms[0].DirectDebitMandateID != *p.MandateInput.DirectDebitMandateID {
		t.Fatalf("mandates %+v", ms)
	}
	bs := c.Customer.BillingInformation
	if len(bs) != 1 || bs[0].Iban != "NL44RABO0123456789" || bs[0].BillingInformationID != ms[0].BillingInformationID {
		t.Fatalf("billing information %+v", bs)
	}

	// A customer cannot fulfil; a touchpoint can.
	wantCode(t, e.do(me, fulfilDoc, map[string]any{"id": orderID}), graph.CodeForbidden, "")
	v = e.payOK(touchpoint, fulfilDoc, map[string]any{"id": orderID})
	if v.OrderStatus.OrderStatusID != 5 || v.History[0].Description != "Order is geleverd" {
		t.Fatalf("after fulfil: %+v", v)
	}
	if got := historyOf(v); !reflect.DeepEqual(got, []int{5, 4, 3, 2, 1}) {
		t.Fatalf("history newest first %v", got)
	}
	l := v.OrderLines[0]
	const xTat = "c0000000-0000-4000-8000-000000000001"
	if l.OrderLineStatus.OrderLineStatusID != 4 || l.ValidUntil == nil || len(l.OrderAccountingStatuses) != 1 ||
		l.OrderAccountingStatuses[0].AccountingStatus.AccountingStatusID != 1 ||
		l.OrderAccountingStatuses[0].Description != "Financiele transactie voor de FIKO." ||
		len(l.CustomerTokens) != 1 || deref(l.CustomerTokens[0].XTat) != xTat {
		t.Fatalf("delivered line %+v", l)
	}

	// The card is a new Active token of the profile, carrying the product of the order.
	var tk struct {
		Customer struct {
			OvPayTokens []struct {
				XTat             *string
				TokenStatusID    int
				ProductInstances []struct {
					ProductID      int
					Status         string
					ContractID     *string
					UntilInclusive *string
					Order          *struct{ OrderID string }
				}
			}
		}
	}
	tokensDoc := `query($n: Int!) { customer(customerNumber: $n) { ovPayTokens { xTat tokenStatusId
		productInstances { productId status contractId untilInclusive order { orderId } } } } }`
	e.ok(me, tokensDoc, map[string]any{"n": number}, &tk)
	found := false
	for _, tok := range tk.Customer.OvPayTokens {
		if deref(tok.XTat) != xTat {
			continue
		}
		found = true
		pis := tok.ProductInstances
		if tok.TokenStatusID != 2 || len(pis) != 1 || pis[0].ProductID != 21 || pis[0].Status != "Active" ||
			pis[0].ContractID == nil || pis[0].UntilInclusive == nil || pis[0].Order == nil || pis[0].Order.OrderID != orderID {
			t.Fatalf("registered token %+v", tok)
		}
	}
	if !found {
		t.Fatalf("the card is not a token of the profile: %+v", tk)
	}

	var s struct {
		Orders struct{ Nodes []struct{ OrderID string } }
	}
	e.ok(touchpoint, `query($x: String!) { orders(filter: {xTat: $x}) { nodes { orderId } } }`, map[string]any{"x": xTat}, &s)
	if len(s.Orders.Nodes) != 1 || s.Orders.Nodes[0].OrderID != orderID {
		t.Fatalf("xTat search %+v", s)
	}

	// A second fulfilment answers the order and changes nothing.
	before := e.snapshot()
	again := e.payOK(touchpoint, fulfilDoc, map[string]any{"id": orderID})
	e.unchanged(before)
	if again.OrderStatus.OrderStatusID != 5 {
		t.Fatalf("second fulfil %+v", again)
	}
}

// newPaidOrder writes an order of the profile on its token, paid through a payment of the
// caller's: it answers the order and the payment.
func (e *env) awaitingOrder(profile, token int, caller graph.Caller) (string, string) {
	e.t.Helper()
	orderID, _ := e.payOrder(profile, payLine{product: 11, token: token})
	v := e.payOK(caller, addPaymentDoc, map[string]any{"id": orderID, "in": pay(780)})
	return orderID, v.Payments[0].PaymentID
}

// The provider's reports: 190 pays an order awaiting payment at once; a failed payment takes the
// order back to concept, where a new payment may be added; a cancelled one cancels it; a report
// that would move the order backwards is recorded and moves nothing; codes it does not know
// move nothing either.
func TestPaymentReports(t *testing.T) {
	e := newEnv(t)
	number, profile, token := e.payCustomer("reports@example.nl", "tat-reports")
	me := customer(int64(number))

	t.Run("paid from awaiting", func(t *testing.T) {
		orderID, paymentID := e.awaitingOrder(profile, token, me)
		v := e.payOK(touchpoint, updatePayDoc, map[string]any{"id": paymentID, "in": psp("190")})
		if got := historyOf(v); !reflect.DeepEqual(got, []int{4, 2, 1}) {
			t.Fatalf("history %v", got)
		}
		// Backwards: pending and failed after paid are recorded, the order stays paid.
		v = e.payOK(touchpoint, updatePayDoc, map[string]any{"id": paymentID, "in": psp("791", "490")})
		if v.OrderStatus.OrderStatusID != 4 || len(v.History) != 3 || len(v.Payments[0].PaymentStatuses) != 3 {
			t.Fatalf("a backward report moved the order: %+v", v)
		}
		_ = orderID
	})
	t.Run("failed, then a new payment", func(t *testing.T) {
		orderID, paymentID := e.awaitingOrder(profile, token, me)
		v := e.payOK(touchpoint, updatePayDoc, map[string]any{"id": paymentID, "in": psp("791", "490")})
		if got := historyOf(v); !reflect.DeepEqual(got, []int{1, 3, 2, 1}) || v.History[0].Description != "Betaling is mislukt" {
			t.Fatalf("history %+v", v.History)
		}
		v = e.payOK(me, addPaymentDoc, map[string]any{"id": orderID, "in": pay(780)})
		if v.OrderStatus.OrderStatusID != 2 || len(v.Payments) != 2 {
			t.Fatalf("retry %+v", v)
		}
		// The failed payment's late reports no longer move the order... they are the new one's.
		v = e.payOK(touchpoint, updatePayDoc, map[string]any{"id": v.Payments[1].PaymentID, "in": psp("190")})
		if v.OrderStatus.OrderStatusID != 4 {
			t.Fatalf("new payment %+v", v)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		_, paymentID := e.awaitingOrder(profile, token, me)
		v := e.payOK(touchpoint, updatePayDoc, map[string]any{"id": paymentID, "in": psp("890")})
		if v.OrderStatus.OrderStatusID != 6 || v.History[0].Description != "Betaling is geannuleerd" {
			t.Fatalf("cancelled %+v", v)
		}
		// Nothing moves a cancelled order.
		v = e.payOK(touchpoint, updatePayDoc, map[string]any{"id": paymentID, "in": psp("190")})
		if v.OrderStatus.OrderStatusID != 6 {
			t.Fatalf("cancelled order moved %+v", v)
		}
	})
	t.Run("unknown code and pending twice", func(t *testing.T) {
		_, paymentID := e.awaitingOrder(profile, token, me)
		v := e.payOK(touchpoint, updatePayDoc, map[string]any{"id": paymentID, "in": psp("?", "791", "792")})
		if got := historyOf(v); !reflect.DeepEqual(got, []int{3, 2, 1}) {
			t.Fatalf("history %v", got)
		}
	})
}

// addPayment's refusals change nothing: an amount that is not the total, provider fields on a
// new payment, a line with an ERROR (REMARKs do not block), a second payment while one is open,
// an unknown method, another customer's order; a customer cannot report for the provider.
func TestAddPaymentRefusals(t *testing.T) {
	e := newEnv(t)
	number, profile, token := e.payCustomer("refuse@example.nl", "tat-refuse")
	me := customer(int64(number))
	otherNumber, _, _ := e.payCustomer("other@example.nl", "tat-other")
	orderID, lines := e.payOrder(profile, payLine{product: 11, token: token}, payLine{product: 11, token: token})
	add := func(caller graph.Caller, in map[string]any) result {
		return e.do(caller, addPaymentDoc, map[string]any{"id": orderID, "in": in})
	}
	before := e.snapshot()
	wantCode(t, add(me, pay(100)), graph.CodeBadUserInput, "input.amountDebit")
	withStatus := pay(1560)
	withStatus["paymentStatuses"] = []any{map[string]any{"createdOn": "2026-03-01T10:00:00Z", "statusCode": "190"}}
	wantCode(t, add(me, withStatus), graph.CodeBadUserInput, "input.paymentStatuses")
	withRef := pay(1560)
	withRef["pspPaymentReference"] = "Buckaroo-1"
	wantCode(t, add(me, withRef), graph.CodeBadUserInput, "input.pspPaymentReference")
	badMethod := pay(1560)
	badMethod["paymentMethodId"] = 99
	wantCode(t, add(me, badMethod), graph.CodeBadUserInput, "input.paymentMethodId")
	wantCode(t, add(customer(int64(otherNumber)), pay(1560)), graph.CodeNotFound, "")
	refund := pay(1560)
	refund["isRefund"] = true
	wantCode(t, add(touchpoint, refund), graph.CodeUnprocessable, "")
	e.unchanged(before)

	// An ERROR blocks the payment, naming the line and the finding.
	e.exec(`UPDATE order_line SET validation_result = 'invalid', validations = '[{"code": "STARTDATE_TOO_FAR_IN_FUTURE",
		"type": "ERROR", "path": "$.x"}]' WHERE order_line_id = $1`, lines[1])
	before = e.snapshot()
	r := add(me, pay(1560))
	wantCode(t, r, graph.CodeUnprocessable, "")
	if want := "The order has lines with errors: " + lines[1] + " STARTDATE_TOO_FAR_IN_FUTURE."; r.Errors[0].Message != want {
		t.Fatalf("message %q, want %q", r.Errors[0].Message, want)
	}
	e.unchanged(before)

	// REMARKs alone do not.
	e.exec(`UPDATE order_line SET validation_result = 'preliminary', validations = '[{"code": "VALIDFROM_REQUIRED",
		"type": "REMARK", "path": "$.x"}]' WHERE order_line_id = $1`, lines[1])
	v := e.payOK(me, addPaymentDoc, map[string]any{"id": orderID, "in": pay(1560)})
	if v.OrderStatus.OrderStatusID != 2 {
		t.Fatalf("payment %+v", v)
	}

	// A second payment while one is open.
	before = e.snapshot()
	r = add(me, pay(1560))
	wantCode(t, r, graph.CodeUnprocessable, "")
	if r.Errors[0].Extensions["orderStatusId"] != float64(2) || r.Errors[0].Extensions["orderStatus"] != "awaitingPayment" {
		t.Fatalf("extensions %+v", r.Errors[0].Extensions)
	}
	// The customer cannot report for the provider, nor fulfil.
	wantCode(t, e.do(me, updatePayDoc, map[string]any{"id": v.Payments[0].PaymentID, "in": psp("190")}),
		graph.CodeForbidden, "")
	wantCode(t, e.do(me, fulfilDoc, map[string]any{"id": orderID}), graph.CodeForbidden, "")
	// Fulfilment wants a paid order.
	r = e.do(touchpoint, fulfilDoc, map[string]any{"id": orderID})
	wantCode(t, r, graph.CodeUnprocessable, "")
	if r.Errors[0].Extensions["orderStatusId"] != float64(2) {
		t.Fatalf("extensions %+v", r.Errors[0].Extensions)
	}
	e.unchanged(before)
}

// A refund is recorded on a paid order (touchpoints and staff), with its statuses, and moves
// nothing.
func TestRefund(t *testing.T) {
	e := newEnv(t)
	number, profile, token := e.payCustomer("refund@example.nl", "tat-refund")
	me := customer(int64(number))
	orderID, paymentID := e.awaitingOrder(profile, token, me)
	e.payOK(touchpoint, updatePayDoc, map[string]any{"id": paymentID, "in": psp("190")})
	refund := pay(780)
	refund["isRefund"] = true
	wantCode(t, e.do(me, addPaymentDoc, map[string]any{"id": orderID, "in": refund}), graph.CodeForbidden, "")
	refund["paymentStatuses"] = []any{map[string]any{"createdOn": "2026-03-02T10:00:00Z", "statusCode": "190"}}
	v := e.payOK(touchpoint, addPaymentDoc, map[string]any{"id": orderID, "in": refund})
	if v.OrderStatus.OrderStatusID != 4 || len(v.Payments) != 2 || !v.Payments[1].IsRefund ||
		len(v.Payments[1].PaymentStatuses) != 1 || v.Payments[1].TouchPoint.SalesTouchpointID != 2 {
		t.Fatalf("refund %+v", v)
	}
	// A refund's later reports move nothing either.
	v = e.payOK(touchpoint, updatePayDoc, map[string]any{"id": v.Payments[1].PaymentID, "in": psp("890")})
	if v.OrderStatus.OrderStatusID != 4 {
		t.Fatalf("a refund's report moved the order %+v", v)
	}
}

// A mandate input with a bad IBAN changes nothing; a second one on a payment is CONFLICT; the
// account of a profile's billing information is reused; an order of nobody on file keeps the
// mandate input only.
func TestPaymentMandateInput(t *testing.T) {
	e := newEnv(t)
	number, profile, token := e.payCustomer("mandate@example.nl", "tat-mandate")
	me := customer(int64(number))
	var b struct {
		AddBillingInformation struct{ BillingInformationID int }
	}
	e.ok(touchpoint, `mutation($n: Int!) { addBillingInformation(customerNumber: $n, input: {iban: "NL91ABNA0417164300",
		ascription: "A. Klant", alias: "Betaal"}) { billingInformationId } }`, map[string]any{"n": number}, &b)
	_, paymentID := e.awaitingOrder(profile, token, me)
	mandate := func(iban string) map[string]any {
		return map[string]any{"mandateInput": map[string]any{"directDebitMandateTypeId": 2, "iban": iban, "ascription": "A. Klant"}}
	}
	before := e.snapshot()
	wantCode(t, e.do(touchpoint, updatePayDoc, map[string]any{"id": paymentID, "in": mandate("NL91ABNA0417164301")}),
		graph.CodeBadUserInput, "input.mandateInput.iban")
	bad := mandate("NL91ABNA0417164300")
	bad["mandateInput"].(map[string]any)["directDebitMandateTypeId"] = 9
	wantCode(t, e.do(touchpoint, updatePayDoc, map[string]any{"id": paymentID, "in": bad}),
		graph.CodeBadUserInput, "input.mandateInput.directDebitMandateTypeId")
	e.unchanged(before)

	v := e.payOK(touchpoint, updatePayDoc, map[string]any{"id": paymentID, "in": mandate("nl91 abna 0417 1643 00")})
	if v.OrderStatus.OrderStatusID != 2 || v.Payments[0].MandateInput == nil {
		t.Fatalf("mandate %+v", v)
	}
	var c struct {
		Customer struct {
			BillingInformation  []struct{ BillingInformationID int }
			DirectDebitMandates []struct {
				BillingInformationID     int
				DirectDebitMandateTypeID int
				MandateState             string
			}
		}
	}
	e.ok(touchpoint, `query($n: Int!) { customer(customerNumber: $n) { billingInformation { billingInformationId }
		directDebitMandates { billingInformationId directDebitMandateTypeId mandateState } } }`, map[string]any{"n": number}, &c)
	if len(c.Customer.BillingInformation) != 1 || len(c.Customer.DirectDebitMandates) != 1 ||
		c.Customer.DirectDebitMandates[0].BillingInformationID != b.AddBillingInformation.BillingInformationID ||
		c.Customer.DirectDebitMandates[0].DirectDebitMandateTypeID != 2 || c.Customer.DirectDebitMandates[0].MandateState != "SIGNED" {
		t.Fatalf("financials %+v", c)
	}

	before = e.snapshot()
	r := e.do(touchpoint, updatePayDoc, map[string]any{"id": paymentID, "in": mandate("NL91ABNA0417164300")})
	wantCode(t, r, graph.CodeConflict, "")
	e.unchanged(before)

	// Nobody on file: the mandate input only.
	orderID, _ := e.payOrder(0, payLine{product: 11})
	v = e.payOK(touchpoint, addPaymentDoc, map[string]any{"id": orderID, "in": pay(780)})
	v = e.payOK(touchpoint, updatePayDoc, map[string]any{"id": v.Payments[0].PaymentID, "in": mandate("NL91ABNA0417164300")})
	if m := v.Payments[0].MandateInput; m == nil || m.DirectDebitMandateID != nil {
		t.Fatalf("mandate input of an order of nobody %+v", v.Payments[0])
	}
}

// Fulfilment's refusals change nothing: a line whose product needs a token and has none, a card
// GBO does not know, a subscription without a signed mandate from a payment of the order. A
// product on a token of the profile lands on that token; an order of nobody on file records the
// purchased product only.
func TestFulfilOrder(t *testing.T) {
	e := newEnv(t)
	number, profile, token := e.payCustomer("fulfil@example.nl", "tat-fulfil")
	me := customer(int64(number))
	paid := func(profile int, lines ...payLine) string {
		orderID, _ := e.payOrder(profile, lines...)
		e.exec(`UPDATE sales_order SET order_status_id = 4 WHERE order_id = $1`, orderID)
		return orderID
	}
	for name, orderID := range map[string]string{
		"no token":     paid(profile, payLine{product: 11}),
		"unknown card": paid(profile, payLine{product: 11, srid: "NLOVUNKNOWN", amount: 230}),
		"no mandate":   paid(profile, payLine{product: 21, token: token}),
		"concept":      func() string { id, _ := e.payOrder(profile, payLine{product: 11, token: token}); return id }(),
	} {
		t.Run(name, func(t *testing.T) {
			before := e.snapshot()
			r := e.do(touchpoint, fulfilDoc, map[string]any{"id": orderID})
			wantCode(t, r, graph.CodeUnprocessable, "")
			e.unchanged(before)
		})
	}

	orderID := paid(profile, payLine{product: 11, token: token})
	v := e.payOK(touchpoint, fulfilDoc, map[string]any{"id": orderID})
	if v.OrderStatus.OrderStatusID != 5 || v.OrderLines[0].OrderLineStatus.OrderLineStatusID != 4 ||
		deref(v.OrderLines[0].CustomerTokens[0].XTat) != "tat-fulfil" {
		t.Fatalf("fulfilled %+v", v)
	}
	var tk struct {
		Customer struct {
			OvPayTokens []struct {
				OvPayTokenID     int
				ProductInstances []struct {
					ProductID  int
					ContractID *string
					Order      *struct{ OrderID string }
				}
			}
		}
	}
	e.ok(me, `query($n: Int!) { customer(customerNumber: $n) { ovPayTokens { ovPayTokenId
		productInstances { productId contractId order { orderId } } } } }`, map[string]any{"n": number}, &tk)
	got := fmt.Sprintf("%+v", tk.Customer.OvPayTokens)
	if len(tk.Customer.OvPayTokens) != 1 || len(tk.Customer.OvPayTokens[0].ProductInstances) != 1 ||
		tk.Customer.OvPayTokens[0].ProductInstances[0].ProductID != 11 ||
		tk.Customer.OvPayTokens[0].ProductInstances[0].ContractID != nil ||
		tk.Customer.OvPayTokens[0].ProductInstances[0].Order.OrderID != orderID {
		t.Fatalf("tokens %s", got)
	}

	nobody := paid(0, payLine{product: 11, srid: "NLOVNAMED000000005", amount: 100})
	v = e.payOK(touchpoint, fulfilDoc, map[string]any{"id": nobody})
	if v.OrderStatus.OrderStatusID != 5 || deref(v.OrderLines[0].CustomerTokens[0].XTat) != "c0000000-0000-4000-8000-000000000005" {
		t.Fatalf("order of nobody %+v", v)
	}
	var n int
	if err := e.store.Pool().QueryRow(context.Background(), `SELECT count(*) FROM purchased_product pp
		JOIN order_line l ON l.id = pp.order_line_id JOIN sales_order o ON o.id = l.sales_order_id
		WHERE o.order_id = $1 AND pp.product_instance_id IS NULL`, nobody).Scan(&n); err != nil || n != 1 {
		t.Fatalf("purchased products of the order of nobody: %d %v", n, err)
	}
}

// matrixPaidOrderPayment gives the matrix fixture's paid order (of profile $1, uuid $2) the payment
// it was paid by: status 190, with a mandate input that created a SIGNED mandate on the profile, so
// that its subscription line can be fulfilled.
const matrixPaidOrderPayment = `
WITH po AS (SELECT id, order_id FROM sales_order WHERE order_id = $2::uuid),
     pp AS (INSERT INTO payment (sales_order_id, amount_debit, payment_method_id, sales_touchpoint_id, htm_payment_reference)
            SELECT id, 5900, 1, 3, 'HTM-matrix-paid' FROM po RETURNING id),
     ps AS (INSERT INTO payment_status (payment_id, status_code, status_description, created_on)
            SELECT id, '190', 'Success', now() FROM pp),
     bi AS (INSERT INTO billing_information (customer_profile_id, iban, ascription, alias)
            VALUES ($1, 'NL44RABO0123456789', 'A. Klant', 'Incasso') RETURNING id),
     dm AS (INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference,
                                              mandate_state)
            SELECT $1, 1, bi.id, 'matrix-' || replace(po.order_id::text, '-', ''), 'SIGNED' FROM bi, po RETURNING id, billing_information_id)
INSERT INTO mandate_input (payment_id, direct_debit_mandate_type_id, iban, ascription, billing_information_id, direct_debit_mandate_id)
SELECT pp.id, 1, 'NL44RABO0123456789', 'A. Klant', dm.billing_information_id, dm.id FROM pp, dm`

// A token replaced after the order was made hands its delivery over to the token that replaced it;
// a removed token refuses fulfilment. A payment that is not there is NOT_FOUND, a payment id that
// is not a uuid BAD_USER_INPUT.
func TestFulfilReplacedToken(t *testing.T) {
	e := newEnv(t)
	_, profile, token := e.payCustomer("replaced@example.nl", "tat-replaced")
	orderID, _ := e.payOrder(profile, payLine{product: 11, token: token})
	e.exec(`UPDATE sales_order SET order_status_id = 4 WHERE order_id = $1`, orderID)
	var rp struct {
		ReplaceOvPayToken struct{ OvPayToken struct{ OvPayTokenID int } }
	}
	e.ok(touchpoint, `mutation($p: Int, $id: Int!) { replaceOvPayToken(customerProfileId: $p, ovPayTokenId: $id,
		input: {serviceReferenceId: "NLOVNAMED000000001", amount: 100}) { ovPayToken { ovPayTokenId } } }`,
		map[string]any{"p": profile, "id": token}, &rp)
	v := e.payOK(touchpoint, fulfilDoc, map[string]any{"id": orderID})
	if v.OrderStatus.OrderStatusID != 5 || deref(v.OrderLines[0].CustomerTokens[0].XTat) != "c0000000-0000-4000-8000-000000000001" {
		t.Fatalf("fulfilled %+v", v)
	}
	var onNew int
	if err := e.store.Pool().QueryRow(context.Background(), `SELECT count(*) FROM product_instance WHERE ovpay_token_id = $1
		AND order_id = $2::uuid`, rp.ReplaceOvPayToken.OvPayToken.OvPayTokenID, orderID).Scan(&onNew); err != nil || onNew != 1 {
		t.Fatalf("product instances on the new token: %d %v", onNew, err)
	}

	removed, _ := e.payOrder(profile, payLine{product: 11, token: rp.ReplaceOvPayToken.OvPayToken.OvPayTokenID})
	e.exec(`UPDATE sales_order SET order_status_id = 4 WHERE order_id = $1`, removed)
	e.exec(`UPDATE ovpay_token SET token_status_id = 6 WHERE id = $1`, rp.ReplaceOvPayToken.OvPayToken.OvPayTokenID)
	before := e.snapshot()
	wantCode(t, e.do(touchpoint, fulfilDoc, map[string]any{"id": removed}), graph.CodeUnprocessable, "")
	e.unchanged(before)

	wantCode(t, e.do(touchpoint, updatePayDoc, map[string]any{"id": "00000000-0000-4000-8000-000000000000", "in": psp("190")}),
		graph.CodeNotFound, "")
	wantCode(t, e.do(touchpoint, updatePayDoc, map[string]any{"id": "not-a-uuid", "in": psp("190")}),
		graph.CodeBadUserInput, "paymentId")
}

// Two payments of one order raced: the order's lock lets one win; the other finds the order
// awaiting its payment and is refused. Two success reports raced move the order once.
func TestPaymentRace(t *testing.T) {
	e := newEnv(t)
	number, profile, token := e.payCustomer("race@example.nl", "tat-race")
	me := customer(int64(number))
	orderID, _ := e.payOrder(profile, payLine{product: 11, token: token})
	race := func(run func() result) []string {
		codes := make(chan string, 2)
		for range 2 {
			go func() { codes <- run().code() }()
		}
		return []string{<-codes, <-codes}
	}
	codes := race(func() result { return e.do(me, addPaymentDoc, map[string]any{"id": orderID, "in": pay(780)}) })
	if !(codes[0] == "" && codes[1] == string(graph.CodeUnprocessable) || codes[1] == "" && codes[0] == string(graph.CodeUnprocessable)) {
		t.Fatalf("raced payments: %v", codes)
	}
	v := e.payOK(me, orderDoc, map[string]any{"id": orderID})
	if len(v.Payments) != 1 {
		t.Fatalf("payments %+v", v.Payments)
	}
	codes = race(func() result {
		return e.do(touchpoint, updatePayDoc, map[string]any{"id": v.Payments[0].PaymentID, "in": psp("190")})
	})
	if codes[0] != "" || codes[1] != "" {
		t.Fatalf("raced reports: %v", codes)
	}
	v = e.payOK(me, orderDoc, map[string]any{"id": orderID})
	if got := historyOf(v); !reflect.DeepEqual(got, []int{4, 2, 1}) || len(v.Payments[0].PaymentStatuses) != 2 {
		t.Fatalf("history %v, statuses %+v", got, v.Payments[0].PaymentStatuses)
	}
}
