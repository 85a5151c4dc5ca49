package resolvers_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"ovgraph/graph"
)

// Customer tokens and personal account data of order lines, and the gboAgeProfile query. The
// orders and lines are written with SQL here (their own writes are tested elsewhere); the tokens
// and personal account data through the mutations.

// GBO stand-in cards (seed/gbo.sql) the tests name.
const (
	cardAdult      = "c0000000-0000-4000-8000-000000000001" // EMV, birthdate 1985-06-12
	cardChild      = "c0000000-0000-4000-8000-000000000005" // EMV, birthdate 2018-04-15
	cardNoPAD      = "c0000000-0000-4000-8000-000000000006" // OV-pas, no birthdate
	contractEMV    = "32089cc8-d187-47ff-a3a9-5c2558def811" // NLOV1234567ABCDEFG/200, birthdate 1970-01-01
	contractOvpas  = "0a345670-0000-4000-8000-000000034567" // OV34567/211, no birthdate
	poolCard1XTat  = "00000001-0000-4000-8000-000000000001" // NLOVPOOL0000000001/100, no birthdate
	poolCard1SRID  = "NLOVPOOL0000000001"
	namedOvpas3    = "OVNAMED03" // verification code 303, birthdate 1982-09-21
	contractAmount = 200
)

// orderLine is a line a test order is written with: a product and, when set, a start.
type orderLine struct {
	product   int
	validFrom *time.Time
}

// sqlOrder writes an order of the profile (0: of nobody on file) in a status, with lines; it
// answers the order's uuid and its lines' uuids. Its total and validation are left as the columns'
// defaults, for a write to compute.
func (e *env) sqlOrder(profile int, status int, lines ...orderLine) (string, []string) {
	e.t.Helper()
	ctx := context.Background()
	var p *int
	if profile != 0 {
		p = &profile
	}
	var key int64
	var orderID string
	if err := e.store.Pool().QueryRow(ctx, `WITH o AS (INSERT INTO sales_order (customer_profile_id, sales_touchpoint_id,
	    language_id, order_status_id) VALUES ($1, 3, 1, $2) RETURNING id, order_id),
	  h AS (INSERT INTO order_status_history (sales_order_id, order_status_id, description) SELECT id, $2, 'test' FROM o)
	  SELECT id, order_id::text FROM o`, p, status).Scan(&key, &orderID); err != nil {
		e.t.Fatal(err)
	}
	ids := make([]string, len(lines))
	for i, l := range lines {
		if err := e.store.Pool().QueryRow(ctx, `INSERT INTO order_line (sales_order_id, product_id, product_name,
		    product_description, fiko_article_number, tax_code, tax_percentage, amount_incl_tax, valid_from)
		  SELECT $1, id, name, description, fiko_article_number, tax_code, tax_percentage, price_incl_tax, $3
		  FROM product WHERE id = $2 RETURNING order_line_id::text`, key, l.product, l.validFrom).Scan(&ids[i]); err != nil {
			e.t.Fatal(err)
		}
	}
	return orderID, ids
}

// sqlExec runs SQL that sets up a case.
func (e *env) sqlExec(sql string, args ...any) {
	e.t.Helper()
	if _, err := e.store.Pool().Exec(context.Background(), sql, args...); err != nil {
		e.t.Fatal(err)
	}
}

// countSQL runs a SQL count.
func (e *env) countSQL(sql string, args ...any) int {
	e.t.Helper()
	var n int
	if err := e.store.Pool().QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}

// profileOf is the customerProfileId of customer n.
func (e *env) profileOf(n int) int {
	e.t.Helper()
	var out struct {
		Customer struct{ CustomerProfileID int }
	}
	e.ok(touchpoint, `query($n: Int!) { customer(customerNumber: $n) { customerProfileId } }`, map[string]any{"n": n}, &out)
	return out.Customer.CustomerProfileID
}

// ovPayToken adds an OVpay token for the card with xTat to customer n and answers its id.
func (e *env) ovPayToken(n int, xTat string, tokenType int) int {
	e.t.Helper()
	var out struct {
		AddOvPayToken struct{ OvPayTokenID int }
	}
	e.ok(touchpoint, `mutation($n: Int!, $t: String!, $y: Int!) { addOvPayToken(customerNumber: $n,
		input: {tokenTypeId: $y, xTat: $t, xBot: $t, alias: "Kaart", lastDigits: "1234"}) { ovPayTokenId } }`,
		map[string]any{"n": n, "t": xTat, "y": tokenType}, &out)
	return out.AddOvPayToken.OvPayTokenID
}

// orderFields is what the tests read of an order a write answers.
const orderFields = `fragment O on Order { orderId totalAmount validContents orderStatus { orderStatusId }
  orderLines { orderLineId productId validationResult validations { code detail path parameter type }
    customerTokens { customerTokenId tokenType { id } ovPayTokenId serviceReferenceId amount ovpasNumber xTat
      personalAccountData { personalAccountDataId name birthdate photo challengeType { id } isVerified } } } }`

type orderView struct {
	OrderID       string
	TotalAmount   int
	ValidContents *bool
	OrderLines    []struct {
		OrderLineID      string
		ProductID        int
		ValidationResult *string
		Validations      []validation
		CustomerTokens   []customerTokenView
	}
}

type validation struct {
	Code, Detail, Type string
	Path, Parameter    *string
}

type customerTokenView struct {
	CustomerTokenID     string
	TokenType           struct{ ID int }
	OvPayTokenID        *int
	ServiceReferenceID  *string
	Amount              *int
	OvpasNumber         *string
	XTat                *string
	PersonalAccountData *struct {
		PersonalAccountDataID string
		Name, Birthdate       *string
		Photo                 *string
		ChallengeType         *struct{ ID int }
		IsVerified            bool
	}
}

// write runs an order write as caller (its selection is "{ ...O }"); it fails the test on errors.
func (e *env) write(caller graph.Caller, mutation string, vars map[string]any) orderView {
	e.t.Helper()
	var out map[string]orderView
	e.ok(caller, mutation+" "+orderFields, vars, &out)
	for _, o := range out {
		return o
	}
	e.t.Fatal("no answer")
	return orderView{}
}

const (
	addToken = `mutation($id: String!, $in: CustomerTokenInput!) { addCustomerToken(orderLineId: $id, input: $in) { ...O } }`
	updToken = `mutation($id: String!, $in: UpdateCustomerTokenInput!) { updateCustomerToken(customerTokenId: $id, input: $in) { ...O } }`
	delToken = `mutation($id: String!) { deleteCustomerToken(customerTokenId: $id) { ...O } }`
	addPAD   = `mutation($id: String!, $in: PersonalAccountDataInput!) { addPersonalAccountData(customerTokenId: $id, input: $in) { ...O } }`
	updPAD   = `mutation($id: String!, $in: UpdatePersonalAccountDataInput!) { updatePersonalAccountData(personalAccountDataId: $id, input: $in) { ...O } }`
	delPAD   = `mutation($id: String!) { deletePersonalAccountData(personalAccountDataId: $id) { ...O } }`
)

func arg(id string, input map[string]any) map[string]any {
	return map[string]any{"id": id, "in": input}
}

// refused runs a write that must fail with code (and, when set, on field) and change nothing of
// the order tables.
func (e *env) orderRefused(t *testing.T, caller graph.Caller, mutation string, vars map[string]any, code, field string) gqlError {
	t.Helper()
	before := e.orderTables()
	r := e.do(caller, mutation+" "+orderFields, vars)
	if r.code() != code {
		t.Fatalf("code %q, want %q: %+v", r.code(), code, r.Errors)
	}
	if got, _ := r.Errors[0].Extensions["field"].(string); field != "" && got != field {
		t.Errorf("field %q, want %q (%s)", got, field, r.Errors[0].Message)
	}
	if after := e.orderTables(); after != before {
		t.Errorf("a refused write changed the orders:\n%s\n%s", before, after)
	}
	return r.Errors[0]
}

// orderTables is everything the order writes change, as text; but for the count of wrong answers to
// a one-time password, the one thing a refused answer records (TestChallengeVoidedByWrongAnswers).
func (e *env) orderTables() string {
	e.t.Helper()
	var s string
	if err := e.store.Pool().QueryRow(context.Background(), `SELECT concat_ws('|',
	    (SELECT jsonb_agg(o ORDER BY o.id) FROM sales_order o), (SELECT jsonb_agg(l ORDER BY l.id) FROM order_line l),
	    (SELECT jsonb_agg(t ORDER BY t.id) FROM customer_token t), (SELECT jsonb_agg(to_jsonb(d) - 'challenge_failures' ORDER BY d.id) FROM personal_account_data d),
	    (SELECT count(*) FROM audit_trail))`).Scan(&s); err != nil {
		e.t.Fatal(err)
	}
	return s
}

func text(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

// Customer tokens name their card in exactly one way, a card the order's customer holds or one
// GBO knows, of the token type given; the card's xTat is recorded. At most one per line.
func TestCustomerTokenIdentification(t *testing.T) {
	e := newEnv(t)
	n := e.newCustomer("tokens@example.nl")
	profile := e.profileOf(n)
	token := e.ovPayToken(n, cardAdult, 1)
	other := e.newCustomer("other-tokens@example.nl")
	othersToken := e.ovPayToken(other, cardChild, 1)
	_, lines := e.sqlOrder(profile, 1, orderLine{product: 21}, orderLine{product: 21}, orderLine{product: 11})

	for name, c := range map[string]struct {
		input map[string]any
		field string
	}{
		"no way":                      {map[string]any{"tokenTypeId": 1}, "input.ovPayTokenId"},
		"service reference alone":     {map[string]any{"tokenTypeId": 1, "serviceReferenceId": contractSRID}, "input.amount"},
		"amount alone":                {map[string]any{"tokenTypeId": 1, "amount": 200}, "input.serviceReferenceId"},
		"OV-pas number alone":         {map[string]any{"tokenTypeId": 2, "ovpasNumber": "OV34567"}, "input.verificationCode"},
		"verification code alone":     {map[string]any{"tokenTypeId": 2, "verificationCode": "211"}, "input.ovpasNumber"},
		"token and service reference": {map[string]any{"tokenTypeId": 1, "ovPayTokenId": token, "serviceReferenceId": contractSRID, "amount": contractAmount}, "input.serviceReferenceId"},
		"service reference and OV-pas": {map[string]any{"tokenTypeId": 1, "serviceReferenceId": contractSRID, "amount": contractAmount,
			"ovpasNumber": "OV34567", "verificationCode": "211"}, "input.ovpasNumber"},
		"another customer's token":  {map[string]any{"tokenTypeId": 1, "ovPayTokenId": othersToken}, "input.ovPayTokenId"},
		"a token that is not there": {map[string]any{"tokenTypeId": 1, "ovPayTokenId": 99999999}, "input.ovPayTokenId"},
		"a card GBO does not know":  {map[string]any{"tokenTypeId": 1, "serviceReferenceId": "NLOVUNKNOWN", "amount": 100}, "input.serviceReferenceId"},
		"an OV-pas GBO does not know": {map[string]any{"tokenTypeId": 2, "ovpasNumber": "OV34567", "verificationCode": "999"},
			"input.ovpasNumber"},
		"the card's type is another":  {map[string]any{"tokenTypeId": 2, "serviceReferenceId": contractSRID, "amount": contractAmount}, "input.tokenTypeId"},
		"the token's type is another": {map[string]any{"tokenTypeId": 2, "ovPayTokenId": token}, "input.tokenTypeId"},
		"personal account data born tomorrow": {map[string]any{"tokenTypeId": 1, "ovPayTokenId": token,
			"personalAccountData": map[string]any{"birthdate": time.Now().AddDate(0, 0, 2).Format(time.DateOnly)}},
			"input.personalAccountData.birthdate"},
	} {
		t.Run(name, func(t *testing.T) {
			e.orderRefused(t, touchpoint, addToken, arg(lines[0], c.input), string(graph.CodeBadUserInput), c.field)
		})
	}
	e.orderRefused(t, touchpoint, addToken, arg("line-1", map[string]any{"tokenTypeId": 1, "ovPayTokenId": token}),
		string(graph.CodeBadUserInput), "orderLineId")
	e.orderRefused(t, touchpoint, addToken, arg("00000000-0000-4000-8000-000000000000", map[string]any{"tokenTypeId": 1,
		"ovPayTokenId": token}), string(graph.CodeNotFound), "")

	// Each way, with the card's xTat.
	o := e.write(touchpoint, addToken, arg(lines[0], map[string]any{"tokenTypeId": 1, "ovPayTokenId": token}))
	ct := o.OrderLines[0].CustomerTokens[0]
	if ct.OvPayTokenID == nil || *ct.OvPayTokenID != token || text(ct.XTat) != cardAdult || ct.TokenType.ID != 1 {
		t.Errorf("by ovPayTokenId: %+v", ct)
	}
	o = e.write(customer(int64(n)), addToken, arg(lines[1], map[string]any{"tokenTypeId": 1, "serviceReferenceId": contractSRID,
		"amount": contractAmount}))
	if ct := o.OrderLines[1].CustomerTokens[0]; text(ct.ServiceReferenceID) != contractSRID || ct.Amount == nil ||
		*ct.Amount != contractAmount || text(ct.XTat) != contractEMV || ct.OvPayTokenID != nil {
		t.Errorf("by service reference: %+v", ct)
	}
	o = e.write(touchpoint, addToken, arg(lines[2], map[string]any{"tokenTypeId": 2, "ovpasNumber": "OV34567",
		"verificationCode": "211"}))
	if ct := o.OrderLines[2].CustomerTokens[0]; text(ct.OvpasNumber) != "OV34567" || text(ct.XTat) != contractOvpas ||
		ct.TokenType.ID != 2 {
		t.Errorf("by OV-pas: %+v", ct)
	}
	if v := e.countSQL(`SELECT count(*) FROM audit_trail WHERE entity = 'customer_token' AND action = 'insert'
	    AND customer_profile_id = $1 AND detail->>'namedBy' IS NOT NULL AND NOT detail ? 'verificationCode'`, profile); v != 3 {
		t.Errorf("%d audit rows of the tokens added, want 3", v)
	}

	// One token per line.
	err := e.orderRefused(t, touchpoint, addToken, arg(lines[0], map[string]any{"tokenTypeId": 1, "serviceReferenceId": contractSRID,
		"amount": contractAmount}), string(graph.CodeConflict), "")
	if err.Message != "The order line has a customer token already." {
		t.Errorf("conflict: %s", err.Message)
	}

	// An update must leave exactly one way; the card is looked up again.
	first := ct.CustomerTokenID
	e.orderRefused(t, touchpoint, updToken, arg(first, map[string]any{"serviceReferenceId": contractSRID, "amount": contractAmount}),
		string(graph.CodeBadUserInput), "input.serviceReferenceId")
	e.orderRefused(t, touchpoint, updToken, arg(first, map[string]any{"ovPayTokenId": nil}), string(graph.CodeBadUserInput), "input.ovPayTokenId")
	e.orderRefused(t, touchpoint, updToken, arg(first, map[string]any{"tokenTypeId": 2}), string(graph.CodeBadUserInput), "input.tokenTypeId")
	e.orderRefused(t, touchpoint, updToken, arg(first, map[string]any{"ovPayTokenId": othersToken}), string(graph.CodeBadUserInput), "input.ovPayTokenId")
	o = e.write(touchpoint, updToken, arg(first, map[string]any{"ovPayTokenId": nil, "serviceReferenceId": poolCard1SRID, "amount": 100}))
	if ct := o.OrderLines[0].CustomerTokens[0]; ct.CustomerTokenID != first || ct.OvPayTokenID != nil ||
		text(ct.ServiceReferenceID) != poolCard1SRID || text(ct.XTat) != poolCard1XTat {
		t.Errorf("switched to a service reference: %+v", ct)
	}
	o = e.write(touchpoint, updToken, arg(first, map[string]any{"tokenTypeId": 2, "serviceReferenceId": nil, "amount": nil,
		"ovpasNumber": namedOvpas3, "verificationCode": "303"}))
	if ct := o.OrderLines[0].CustomerTokens[0]; ct.ServiceReferenceID != nil || ct.Amount != nil || text(ct.OvpasNumber) != namedOvpas3 ||
		text(ct.XTat) != "c0000000-0000-4000-8000-000000000003" || ct.TokenType.ID != 2 {
		t.Errorf("switched to an OV-pas: %+v", ct)
	}
	e.orderRefused(t, touchpoint, updToken, arg("x", map[string]any{"tokenTypeId": 1}), string(graph.CodeBadUserInput), "customerTokenId")

	// Deleting a token takes its personal account data with it.
	o = e.write(touchpoint, addPAD, arg(first, map[string]any{"name": "P. Houder"}))
	o = e.write(touchpoint, delToken, map[string]any{"id": first})
	if len(o.OrderLines[0].CustomerTokens) != 0 || e.countSQL(`SELECT count(*) FROM personal_account_data`) != 0 {
		t.Errorf("token deleted: %+v", o.OrderLines[0])
	}
	e.orderRefused(t, touchpoint, delToken, map[string]any{"id": first}, string(graph.CodeNotFound), "")
}

// Personal account data: at most one per token; fields replaced or cleared one by one; a
// one-time password needs a challenge; deleting it leaves the token.
func TestPersonalAccountData(t *testing.T) {
	e := newEnv(t)
	n := e.newCustomer("pad@example.nl")
	profile := e.profileOf(n)
	_, lines := e.sqlOrder(profile, 1, orderLine{product: 11})
	o := e.write(touchpoint, addToken, arg(lines[0], map[string]any{"tokenTypeId": 1, "serviceReferenceId": poolCard1SRID, "amount": 100}))
	token := o.OrderLines[0].CustomerTokens[0].CustomerTokenID

	e.orderRefused(t, touchpoint, addPAD, arg(token, map[string]any{"name": "A", "oneTimePassword": "123456"}),
		string(graph.CodeBadUserInput), "input.challengeTypeId")
	e.orderRefused(t, touchpoint, addPAD, arg(token, map[string]any{"name": "A", "challengeTypeId": 99}),
		string(graph.CodeBadUserInput), "input.challengeTypeId")
	e.orderRefused(t, touchpoint, addPAD, arg(token, map[string]any{"birthdate": time.Now().AddDate(0, 1, 0).Format(time.DateOnly)}),
		string(graph.CodeBadUserInput), "input.birthdate")

	o = e.write(customer(int64(n)), addPAD, arg(token, map[string]any{"name": "Jan de Vries", "birthdate": "1970-01-01",
		"photo": "data:image/png;base64,AAAA"}))
	pad := o.OrderLines[0].CustomerTokens[0].PersonalAccountData
	if pad == nil || text(pad.Name) != "Jan de Vries" || text(pad.Birthdate) != "1970-01-01" || pad.ChallengeType != nil || pad.IsVerified {
		t.Fatalf("added: %+v", pad)
	}
	err := e.orderRefused(t, touchpoint, addPAD, arg(token, map[string]any{"name": "B"}), string(graph.CodeConflict), "")
	if err.Message != "The customer token has personal account data already." {
		t.Errorf("conflict: %s", err.Message)
	}

	o = e.write(touchpoint, updPAD, arg(pad.PersonalAccountDataID, map[string]any{"name": "J. de Vries", "birthdate": nil}))
	if p := o.OrderLines[0].CustomerTokens[0].PersonalAccountData; text(p.Name) != "J. de Vries" || p.Birthdate != nil ||
		text(p.Photo) != "data:image/png;base64,AAAA" {
		t.Errorf("updated: %+v", p)
	}
	e.orderRefused(t, touchpoint, updPAD, arg(pad.PersonalAccountDataID, map[string]any{"oneTimePassword": "123456"}),
		string(graph.CodeBadUserInput), "input.challengeTypeId")
	e.orderRefused(t, touchpoint, updPAD, arg(pad.PersonalAccountDataID, map[string]any{"challengeTypeId": 99}),
		string(graph.CodeBadUserInput), "input.challengeTypeId")
	e.orderRefused(t, touchpoint, updPAD, arg(pad.PersonalAccountDataID, map[string]any{"birthdate": "2999-01-01"}),
		string(graph.CodeBadUserInput), "input.birthdate")
	e.orderRefused(t, touchpoint, updPAD, arg("pad-1", map[string]any{"name": "X"}), string(graph.CodeBadUserInput), "personalAccountDataId")
	e.orderRefused(t, touchpoint, updPAD, arg("00000000-0000-4000-8000-000000000000", map[string]any{"name": "X"}),
		string(graph.CodeNotFound), "")
	if v := e.countSQL(`SELECT count(*) FROM audit_trail WHERE entity = 'personal_account_data' AND detail::text NOT LIKE '%Vries%'
	    AND detail::text NOT LIKE '%1970%'`); v != 2 {
		t.Errorf("%d audit rows of the personal account data without its values, want 2", v)
	}

	o = e.write(touchpoint, delPAD, map[string]any{"id": pad.PersonalAccountDataID})
	if ct := o.OrderLines[0].CustomerTokens; len(ct) != 1 || ct[0].PersonalAccountData != nil {
		t.Errorf("deleted: %+v", ct)
	}
	e.orderRefused(t, touchpoint, delPAD, map[string]any{"id": pad.PersonalAccountDataID}, string(graph.CodeNotFound), "")
}

// A customer writes the tokens of its own orders only: another's are NOT_FOUND. Only a concept
// order's tokens change: any other status is UNPROCESSABLE, naming it.
func TestOrderTokenWritesScope(t *testing.T) {
	e := newEnv(t)
	a := e.newCustomer("a@example.nl")
	b := e.newCustomer("b@example.nl")
	pb := e.profileOf(b)
	_, lines := e.sqlOrder(pb, 1, orderLine{product: 11}, orderLine{product: 11})
	o := e.write(touchpoint, addToken, arg(lines[0], map[string]any{"tokenTypeId": 1, "serviceReferenceId": poolCard1SRID, "amount": 100}))
	o = e.write(touchpoint, addPAD, arg(o.OrderLines[0].CustomerTokens[0].CustomerTokenID, map[string]any{"name": "B"}))
	token := o.OrderLines[0].CustomerTokens[0].CustomerTokenID
	pad := o.OrderLines[0].CustomerTokens[0].PersonalAccountData.PersonalAccountDataID
	writes := map[string]struct {
		mutation string
		vars     map[string]any
	}{
		"addCustomerToken":          {addToken, arg(lines[1], map[string]any{"tokenTypeId": 1, "serviceReferenceId": contractSRID, "amount": contractAmount})},
		"updateCustomerToken":       {updToken, arg(token, map[string]any{"tokenTypeId": 1})},
		"deleteCustomerToken":       {delToken, map[string]any{"id": token}},
		"addPersonalAccountData":    {addPAD, arg(token, map[string]any{"name": "C"})},
		"updatePersonalAccountData": {updPAD, arg(pad, map[string]any{"name": "C"})},
		"deletePersonalAccountData": {delPAD, map[string]any{"id": pad}},
	}
	for name, w := range writes {
		t.Run("another customer's/"+name, func(t *testing.T) {
			e.orderRefused(t, customer(int64(a)), w.mutation, w.vars, string(graph.CodeNotFound), "")
		})
	}
	e.sqlExec(`UPDATE sales_order SET order_status_id = 2 WHERE order_id = (SELECT o.order_id FROM sales_order o
	    JOIN order_line l ON l.sales_order_id = o.id WHERE l.order_line_id = $1)`, lines[0])
	for name, w := range writes {
		t.Run("awaiting payment/"+name, func(t *testing.T) {
			err := e.orderRefused(t, touchpoint, w.mutation, w.vars, string(graph.CodeUnprocessable), "")
			if fmt.Sprint(err.Extensions["orderStatusId"]) != "2" || err.Extensions["orderStatus"] != "awaitingPayment" {
				t.Errorf("extensions %v", err.Extensions)
			}
		})
	}
}

// The gboAgeProfile query takes the birthdate from the first source given and answers the one
// profile that holds at the product's start; its refusals name the reason.
func TestGboAgeProfileQuery(t *testing.T) {
	e := newEnv(t)
	n := e.newCustomer("age@example.nl")
	profile := e.profileOf(n)
	adult := e.ovPayToken(n, cardAdult, 1)
	noBirthdate := e.ovPayToken(n, cardNoPAD, 2)
	unknownCard := e.ovPayToken(n, "tat-not-in-gbo", 1)
	child := e.ovPayToken(n, cardChild, 1)
	_, lines := e.sqlOrder(profile, 1, orderLine{product: 21}, orderLine{product: 21}, orderLine{product: 21})
	o := e.write(touchpoint, addToken, arg(lines[0], map[string]any{"tokenTypeId": 1, "ovPayTokenId": child,
		"personalAccountData": map[string]any{"birthdate": "2010-01-01"}}))
	withPAD := o.OrderLines[0].CustomerTokens[0].CustomerTokenID
	o = e.write(touchpoint, addToken, arg(lines[1], map[string]any{"tokenTypeId": 1, "ovPayTokenId": child}))
	viaCard := o.OrderLines[1].CustomerTokens[0].CustomerTokenID
	o = e.write(touchpoint, addToken, arg(lines[2], map[string]any{"tokenTypeId": 1, "serviceReferenceId": poolCard1SRID, "amount": 100,
		"personalAccountData": map[string]any{"name": "Zonder Datum"}}))
	without := o.OrderLines[2].CustomerTokens[0].CustomerTokenID

	const query = `query($s: Date!, $b: Date, $t: Int, $c: String, $r: String, $a: Int, $o: String, $v: String) {
	  gboAgeProfile(productStartDate: $s, birthDate: $b, ovPayTokenId: $t, customerTokenId: $c, serviceReferenceId: $r,
	    amount: $a, ovpasNumber: $o, verificationCode: $v) { gboAgeProfileId name ageFromInclusive ageToInclusive } }`
	for name, c := range map[string]struct {
		vars    map[string]any
		profile int
		code    string
		field   string
		reason  string
	}{
		"birthDate (#32: 14 on 2024-03-22)":    {vars: map[string]any{"s": "2024-03-22", "b": "2010-01-01"}, profile: 2},
		"birthDate, 19 on the birthday":        {vars: map[string]any{"s": "2029-01-01", "b": "2010-01-01"}, profile: 3},
		"birthDate, 18 the day before":         {vars: map[string]any{"s": "2028-12-31", "b": "2010-01-01"}, profile: 2},
		"birthDate before any other source":    {vars: map[string]any{"s": "2024-03-22", "b": "1950-01-01", "t": unknownCard}, profile: 4},
		"customer token's personal data":       {vars: map[string]any{"s": "2024-03-22", "c": withPAD}, profile: 2},
		"customer token's card":                {vars: map[string]any{"s": "2026-06-01", "c": viaCard}, profile: 1},
		"customer token before the token":      {vars: map[string]any{"s": "2024-03-22", "c": withPAD, "t": adult}, profile: 2},
		"OVpay token's card":                   {vars: map[string]any{"s": "2026-03-01", "t": adult}, profile: 3},
		"EMV card":                             {vars: map[string]any{"s": "2036-01-01", "r": contractSRID, "a": contractAmount}, profile: 4},
		"OV-pas":                               {vars: map[string]any{"s": "2026-03-01", "o": namedOvpas3, "v": "303"}, profile: 3},
		"no source":                            {vars: map[string]any{"s": "2026-03-01"}, code: "BAD_USER_INPUT", field: "birthDate"},
		"service reference without amount":     {vars: map[string]any{"s": "2026-03-01", "r": contractSRID}, code: "BAD_USER_INPUT", field: "amount"},
		"OV-pas number without code":           {vars: map[string]any{"s": "2026-03-01", "o": namedOvpas3}, code: "BAD_USER_INPUT", field: "verificationCode"},
		"customer token id that is no uuid":    {vars: map[string]any{"s": "2026-03-01", "c": "ct-1"}, code: "BAD_USER_INPUT", field: "customerTokenId"},
		"customer token not there":             {vars: map[string]any{"s": "2026-03-01", "c": "00000000-0000-4000-8000-000000000000"}, code: "NOT_FOUND"},
		"OVpay token not there":                {vars: map[string]any{"s": "2026-03-01", "t": 99999999}, code: "NOT_FOUND"},
		"OVpay token's card unknown to GBO":    {vars: map[string]any{"s": "2026-03-01", "t": unknownCard}, code: "NOT_FOUND"},
		"EMV card unknown to GBO":              {vars: map[string]any{"s": "2026-03-01", "r": "NLOVUNKNOWN", "a": 1}, code: "NOT_FOUND"},
		"OV-pas unknown to GBO":                {vars: map[string]any{"s": "2026-03-01", "o": "OV34567", "v": "000"}, code: "NOT_FOUND"},
		"customer token without birthdate":     {vars: map[string]any{"s": "2026-03-01", "c": without}, code: "NOT_FOUND", reason: "MISSING_BIRTHDATE_IN_PAD"},
		"OVpay token's card without birthdate": {vars: map[string]any{"s": "2026-03-01", "t": noBirthdate}, code: "NOT_FOUND", reason: "MISSING_BIRTHDATE_IN_PAD"},
		"EMV card without birthdate":           {vars: map[string]any{"s": "2026-03-01", "r": poolCard1SRID, "a": 100}, code: "NOT_FOUND", reason: "MISSING_BIRTHDATE_IN_PAD"},
		"OV-pas without birthdate":             {vars: map[string]any{"s": "2026-03-01", "o": "OV34567", "v": "211"}, code: "NOT_FOUND", reason: "MISSING_BIRTHDATE_IN_PAD"},
		"born after the start":                 {vars: map[string]any{"s": "2026-03-01", "b": "2026-03-02"}, code: "NOT_FOUND", reason: "NO_AGE_PROFILE"},
		"older than any profile":               {vars: map[string]any{"s": "2090-01-01", "b": "1930-01-01"}, code: "NOT_FOUND", reason: "NO_AGE_PROFILE"},
	} {
		t.Run(name, func(t *testing.T) {
			r := e.do(touchpoint, query, c.vars)
			if r.code() != c.code {
				t.Fatalf("code %q, want %q: %+v %s", r.code(), c.code, r.Errors, r.Data)
			}
			if c.code != "" {
				ext := r.Errors[0].Extensions
				if fmt.Sprint(ext["field"]) != fmt.Sprint(orNil(c.field)) || fmt.Sprint(ext["reason"]) != fmt.Sprint(orNil(c.reason)) {
					t.Errorf("extensions %v, want field %q reason %q", ext, c.field, c.reason)
				}
				return
			}
			var out struct {
				GboAgeProfile struct{ GboAgeProfileID, AgeFromInclusive, AgeToInclusive int }
			}
			e.ok(touchpoint, query, c.vars, &out)
			if out.GboAgeProfile.GboAgeProfileID != c.profile {
				t.Errorf("profile %+v, want %d", out.GboAgeProfile, c.profile)
			}
		})
	}
}

func orNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}
