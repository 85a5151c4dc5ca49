package rest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"ovgraph/graph"
)

// sixDigits finds the one-time password in the e-mail that carries it.
var sixDigits = regexp.MustCompile(`\b[0-9]{6}\b`)

// outboxCode is the code of the last e-mail the outbox holds for recipient.
func (e *seoEnv) outboxCode(recipient string) string {
	e.t.Helper()
	var body string
	if err := e.store.Pool().QueryRow(context.Background(),
		`SELECT body FROM email_outbox WHERE recipient = $1 ORDER BY id DESC LIMIT 1`, recipient).Scan(&body); err != nil {
		e.t.Fatalf("outbox: %v", err)
	}
	code := sixDigits.FindString(body)
	if code == "" {
		e.t.Fatalf("outbox: no code in the e-mail")
	}
	return code
}

// The whole journey through the REST paths only: a webshop customer creates an order of product
// 21 for a new bank card (a card of GBO's pool, by service reference and amount), fixes its
// remarks (a start date; personal account data with a birthdate, its challenge answered with the
// code the outbox e-mailed), and pays; the payment service provider's reports (a touchpoint) bring
// a mandate, 791 and 190; the touchpoint fulfils the order. Then the ABTCustomers financials show
// the SIGNED mandate, the SE customers API lists the product instance on the card, now a token of
// the customer, and one GraphQL query shows it all from the customer down.
func TestSEOrdersJourney(t *testing.T) {
	e := newSEOEnv(t)
	const email = "reiziger@example.nl"
	f := e.seoSeed(email, 1, 2)
	const card = 300 // GBO's pool card: on no profile
	xTat := poolXTat(1, card)
	must := func(as who, method, path, body string, status int) map[string]any {
		t.Helper()
		r := e.must(as, method, path, body, status)
		if len(r.body) == 0 {
			return nil
		}
		return r.json(t)
	}
	lineCodes := func(order map[string]any) []string { return codes(at(order, "orderLines", 0)) }

	// 1. The order: product 21 for the new card.
	order := must(f.as, http.MethodPost, "/orders", fmt.Sprintf(`{"languageId": 1, "orderLines": [{"productId": 21, "quantity": 1,
		"customerTokens": [{"tokenTypeId": 1, "serviceReferenceId": "NLOVPOOL%010d", "amount": 100}]}]}`, card), http.StatusCreated)
	orderID := atString(order, "orderId")
	lineID := atString(order, "orderLines", 0, "orderLineId")
	ctID := atString(order, "orderLines", 0, "customerTokens", 0, "customerTokenId")
	if atString(order, "orderLines", 0, "validationResult") != "preliminary" || !slicesContain(lineCodes(order), "VALIDFROM_REQUIRED") ||
		!slicesContain(lineCodes(order), "MANDATE_REQUIRED") {
		t.Fatalf("new order: %v %v", at(order, "orderLines", 0, "validationResult"), lineCodes(order))
	}

	// 2. Its remarks: the start (tomorrow, Dutch time, written without a zone as the contract
	// does) and the holder's personal account data, whose challenge the customer answers.
	tomorrow := time.Now().In(graph.Amsterdam).AddDate(0, 0, 1).Format("2006-01-02") + "T00:00:00"
	order = must(f.as, http.MethodPatch, "/orderlines/"+lineID, `{"validFrom": "`+tomorrow+`"}`, http.StatusOK)
	if slicesContain(lineCodes(order), "VALIDFROM_REQUIRED") {
		t.Errorf("validFrom given: %v", lineCodes(order))
	}
	order = must(f.as, http.MethodPost, "/customertokens/"+ctID+"/personalaccountdata",
		`{"name": "J. de Vries", "birthdate": "1980-02-03", "challengeTypeId": 1}`, http.StatusCreated)
	padID := atString(order, "orderLines", 0, "customerTokens", 0, "personalAccountData", "personalAccountDataId")
	if !slicesContain(lineCodes(order), "PERSONALACCOUNTDATA_NOT_VERIFIED") {
		t.Errorf("challenge not answered yet: %v", lineCodes(order))
	}
	// A wrong code is refused and changes nothing but its count of wrong answers (the fifth voids
	// the code).
	before := e.fingerprint()
	e.must(f.as, http.MethodPatch, "/personalaccountdata/"+padID, `{"oneTimePassword": "000000"}`, http.StatusBadRequest)
	after := e.fingerprint()
	for table, was := range before {
		if table != "personal_account_data" && after[table] != was {
			t.Errorf("a wrong code changed table %s", table)
		}
	}
	var failures int
	if err := e.store.Pool().QueryRow(context.Background(), `SELECT challenge_failures FROM personal_account_data
		WHERE personal_account_data_id = $1`, padID).Scan(&failures); err != nil || failures != 1 {
		t.Errorf("wrong answers counted: %d (%v), want 1", failures, err)
	}
	order = must(f.as, http.MethodPatch, "/personalaccountdata/"+padID, `{"oneTimePassword": "`+e.outboxCode(email)+`"}`, http.StatusCreated)
	if got := lineCodes(order); len(got) != 1 || got[0] != "MANDATE_REQUIRED" {
		t.Fatalf("after the remarks, want MANDATE_REQUIRED alone (the payment's mandate satisfies it): %v", got)
	}
	total := at(order, "totalAmount").(float64)
	if total != 5900 {
		t.Errorf("totalAmount %v, want 5900", total)
	}

	// 3. The payment, and the provider's reports: the mandate with 791, then 190.
	order = must(f.as, http.MethodPost, "/orders/"+orderID+"/payments",
		`{"createdOn": "2024-03-22T09:00:00", "amountDebit": 5900, "paymentMethodId": 1, "isRefund": false, "htmPaymentReference": "HTM-REIS-1"}`,
		http.StatusCreated)
	paymentID := atString(order, "payments", 0, "paymentId")
	status := func(order map[string]any) string {
		return atString(order, "order_OrderStatuses", 0, "orderStatus", "name")
	}
	if status(order) != "awaitingPayment" || at(order, "orderLines", 0, "customerTokens", 0, "ovPayToken") != nil {
		t.Errorf("after the payment: %s", status(order))
	}
	order = must(touchpoint, http.MethodPatch, "/payments/"+paymentID, `{"pspPaymentReference": "Buckaroo-REIS-1",
		"paymentStatuses": [{"createdOn": "2024-03-22T09:00:00", "statusCode": "791", "statusDescription": "Pending processing"}],
		"mandateInput": {"directDebitMandateTypeId": 1, "bic": "ABNANL2A", "iban": "`+validIBAN+`", "ascription": "J. de Vries", "place": "Den Haag"}}`,
		http.StatusOK)
	if status(order) != "pendingPayment" || at(order, "payments", 0, "mandateInput", "iban") != validIBAN {
		t.Errorf("after 791: %s %v", status(order), at(order, "payments", 0, "mandateInput"))
	}
	order = must(touchpoint, http.MethodPatch, "/payments/"+paymentID,
		`{"paymentStatuses": [{"createdOn": "2024-03-22T09:01:00", "statusCode": "190", "statusDescription": "Success"}]}`, http.StatusOK)
	if status(order) != "paid" || at(order, "validContents") != nil || at(order, "orderLines", 0, "validationResult") != nil {
		t.Errorf("after 190: %s %v", status(order), order)
	}

	// 4. Fulfilment: 200 without a body, and the order is delivered; a second call changes nothing.
	if r := e.must(touchpoint, http.MethodPost, "/orders/"+orderID+"/fulfill", "", http.StatusOK); len(r.body) != 0 {
		t.Errorf("fulfill answered a body: %s", r.body)
	}
	before = e.fingerprint()
	e.must(touchpoint, http.MethodPost, "/orders/"+orderID+"/fulfill", "", http.StatusOK)
	e.unchanged(before)
	order = must(f.as, http.MethodGet, "/orders/"+orderID, "", http.StatusOK)
	if status(order) != "delivered" || atString(order, "orderLines", 0, "orderLineStatus", "name") != "delivered" {
		t.Errorf("after fulfilment: %s, line %v", status(order), at(order, "orderLines", 0, "orderLineStatus"))
	}
	list := must(f.as, http.MethodGet, "/orders?orderStatusId=5&xTat="+xTat, "", http.StatusOK)
	if n := len(at(list, "orders").([]any)); n != 1 {
		t.Errorf("orders delivered onto %s: %d, want 1", xTat, n)
	}

	// 5. ABTCustomers: the financials show the SIGNED mandate on the IBAN.
	fin := e.abt.must(touchpoint, http.MethodGet, "/customers/"+strconv.FormatInt(f.customerNumber, 10)+"/financials", "", http.StatusOK).json(t)
	signed := false
	for _, m := range at(fin, "directDebitMandate").([]any) {
		signed = signed || atString(m, "mandateState") == "SIGNED"
	}
	ibanOnFile := false
	for _, b := range at(fin, "billingInformation").([]any) {
		ibanOnFile = ibanOnFile || atString(b, "iban") == validIBAN
	}
	if !signed || !ibanOnFile {
		t.Errorf("financials: %v", fin)
	}

	// 6. SE customers: the card is a token of the customer now, with the product instance.
	tokens := e.se.must(f.as, http.MethodGet, "/customers/tokens?xTat="+xTat, "", http.StatusOK).json(t)
	tokenID := at(tokens, "ovPayTokens", 0, "ovPayTokenId")
	if tokenID == nil {
		t.Fatalf("the card is no token of the customer: %v", tokens)
	}
	id := strconv.Itoa(int(tokenID.(float64)))
	instances := e.se.must(f.as, http.MethodGet, "/customers/tokens/"+id+"/productinstances", "", http.StatusOK)
	if !strings.Contains(string(instances.body), orderID) || !strings.Contains(string(instances.body), lineID) {
		t.Errorf("product instances of token %s: %s", id, instances.body)
	}

	// 7. One GraphQL query, from the customer down.
	query := `query($n: Int!) { customer(customerNumber: $n) {
		directDebitMandates { mandateState payment { paymentId } }
		ovPayTokens(xTat: "` + xTat + `") { xTat productInstances { productId status order { orderId } } }
		orders(first: 5) { nodes { orderId orderStatus { name }
			orderLines { orderLineStatus { name } customerTokens { xTat personalAccountData { isVerified } } }
			payments { paymentStatuses { statusCode } mandateInput { directDebitMandateId } } } } } }`
	gql := e.graphql(f.as, query, map[string]any{"n": f.customerNumber})
	cust := at(gql, "data", "customer")
	var mandatePaid, instanceOrdered, orderDelivered bool
	for _, m := range at(cust, "directDebitMandates").([]any) {
		mandatePaid = mandatePaid || atString(m, "mandateState") == "SIGNED" && atString(m, "payment", "paymentId") == paymentID
	}
	for _, pi := range at(cust, "ovPayTokens", 0, "productInstances").([]any) {
		instanceOrdered = instanceOrdered || at(pi, "productId") == 21.0 && atString(pi, "order", "orderId") == orderID
	}
	for _, o := range at(cust, "orders", "nodes").([]any) {
		orderDelivered = orderDelivered || atString(o, "orderId") == orderID && atString(o, "orderStatus", "name") == "delivered" &&
			atString(o, "orderLines", 0, "customerTokens", 0, "xTat") == xTat &&
			at(o, "orderLines", 0, "customerTokens", 0, "personalAccountData", "isVerified") == true &&
			at(o, "payments", 0, "mandateInput", "directDebitMandateId") != nil
	}
	if !mandatePaid || !instanceOrdered || !orderDelivered {
		b, _ := json.MarshalIndent(gql, "", "  ")
		t.Errorf("GraphQL (mandate %v, instance %v, order %v): %s", mandatePaid, instanceOrdered, orderDelivered, b)
	}
}

// graphql runs a query at /graphql as the caller.
func (e *seoEnv) graphql(as who, query string, vars map[string]any) map[string]any {
	e.t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		e.t.Fatal(err)
	}
	c := *e.testEnv
	c.base = e.server
	r := c.call(as, http.MethodPost, "/graphql", string(body), nil)
	if r.status != http.StatusOK {
		e.t.Fatalf("graphql: %s", r)
	}
	out := r.json(e.t)
	if out["errors"] != nil {
		e.t.Errorf("graphql errors: %v", out["errors"])
	}
	return out
}
