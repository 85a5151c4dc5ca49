package resolvers_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"ovgraph/graph"
	"ovgraph/resolvers"
)

// matrixFixture is what one case of the policy matrix runs on: the calling customer A's own
// profile, and the profile the case targets (A's, or another customer B's) with one child of each
// kind.
type matrixFixture struct {
	own, target                                       int
	targetID                                          string // global id of the target profile
	targetProfile                                     int    // customerProfileId of the target profile
	address, phone, chipCard, token, billing, mandate int
	transfer                                          string // clientTrackingId of a transfer of token
	order                                             string // orderId of a concept order of the target profile
	// Children of that order (uuids): a line with a customer token naming token, its personal
	// account data, the order customer and its address; a line whose customer token has no
	// personal account data (bareToken), and a line without a token (bareLine). orderTotal is
	// the order's total in cents.
	orderLine, customerToken, pad, orderCustomer, orderAddress, bareToken, bareLine string
	orderTotal                                                                      int
	// A concept order without lines or customer (bareOrder), one awaiting its payment (payment),
	// and a paid one (paidOrder) whose line is for token.
	bareOrder, payment, paidOrder string
	// The target's customers in the vendor sandbox, linked to it: MasStack's customer (in org
	// sandbox.DemoOrg) with one POSTPAID account paid by direct debit, and Aptic's customer whose
	// customerReference is the target's number.
	accountsCustomer, account, apticCustomer string
	unique                                   string // makes unique values unique per case
}

// sample is a document that exercises one root field, with its variables for a fixture. The
// documents are valid and their inputs pass validation, so a caller the policy lets through
// succeeds.
type sample struct {
	query string
	vars  func(f matrixFixture) map[string]any
	// newSubject: the customer calls with a subject that owns no profile yet (createMe).
	newSubject bool
}

func onTarget(f matrixFixture) map[string]any { return map[string]any{"n": f.target} }

func withID(name string, id func(matrixFixture) int) func(matrixFixture) map[string]any {
	return func(f matrixFixture) map[string]any { return map[string]any{"n": f.target, name: id(f)} }
}

func lookupSample(field, sel string) sample {
	return sample{query: "{ " + field + " { " + sel + " } }"}
}

// samples has a document for every root field; a field without one fails the matrix.
var samples = map[string]sample{
	"Mutation.linkVendorCustomer": {query: `mutation($n: Int!, $id: String!) { linkVendorCustomer(customerNumber: $n,
		input: {vendor: ACCOUNTS, org: "telco", externalId: $id}) { customerNumber } }`,
		vars: func(f matrixFixture) map[string]any {
			return map[string]any{"n": f.target, "id": "c2000000-0000-4000-8000-0000" + f.unique}
		}},
	"Mutation.unlinkVendorCustomer": {query: `mutation($n: Int!) { unlinkVendorCustomer(customerNumber: $n, vendor: APTIC) { customerNumber } }`,
		vars: onTarget},
	"Query.__schema":                lookupSample("__schema", "queryType { name }"),
	"Query.__type":                  {query: `{ __type(name: "Customer") { name } }`},
	"Query.node":                    {query: `query($id: ID!) { node(id: $id) { id } }`, vars: func(f matrixFixture) map[string]any { return map[string]any{"id": f.targetID} }},
	"Query.customer":                {query: `query($n: Int!) { customer(customerNumber: $n) { customerNumber } }`, vars: onTarget},
	"Query.customers":               {query: `{ customers(first: 1) { totalCount } }`},
	"Query.me":                      {query: `{ me { customerNumber } }`},
	"Query.languages":               lookupSample("languages", "id"),
	"Query.addressTypes":            lookupSample("addressTypes", "id"),
	"Query.phoneTypes":              lookupSample("phoneTypes", "id"),
	"Query.tokenTypes":              lookupSample("tokenTypes", "id"),
	"Query.tokenStatuses":           lookupSample("tokenStatuses", "id"),
	"Query.debtorStatuses":          lookupSample("debtorStatuses", "id"),
	"Query.directDebitMandateTypes": lookupSample("directDebitMandateTypes", "id"),
	"Query.customerStatusTypes":     lookupSample("customerStatusTypes", "name"),

	"Mutation.createCustomer": {query: `mutation { createCustomer(input: {person: {surname: "Nieuw"}}) { customerNumber } }`},
	"Mutation.createMe":       {query: `mutation { createMe(input: {person: {surname: "Zelf"}}) { customerNumber } }`, newSubject: true},
	"Mutation.updateCustomer": {query: `mutation($n: Int!) { updateCustomer(customerNumber: $n, input: {debtorStatusId: 2}) { customerNumber } }`, vars: onTarget},
	"Mutation.updateCustomerPreference": {query: `mutation($n: Int!) { updateCustomerPreference(customerNumber: $n, input: {languageId: 2}) { customerNumber } }`,
		vars: onTarget},
	"Mutation.updatePerson":      {query: `mutation($n: Int!) { updatePerson(customerNumber: $n, input: {surname: "Anders"}) { customerNumber } }`, vars: onTarget},
	"Mutation.addCustomerStatus": {query: `mutation($n: Int!) { addCustomerStatus(customerNumber: $n, input: {name: "blocked"}) { customerNumber } }`, vars: onTarget},
	"Mutation.addAddress": {query: `mutation($n: Int!) { addAddress(customerNumber: $n, input: {street: "Spui", houseNumber: 1,
		postalCode: "2511BT", city: "Den Haag", country: "NL", addressTypeId: 2}) { customerNumber } }`, vars: onTarget},
	"Mutation.updateAddress": {query: `mutation($n: Int!, $id: Int!) { updateAddress(customerNumber: $n, addressId: $id, input: {city: "Delft"}) { customerNumber } }`,
		vars: withID("id", func(f matrixFixture) int { return f.address })},
	"Mutation.deleteAddress": {query: `mutation($n: Int!, $id: Int!) { deleteAddress(customerNumber: $n, addressId: $id) { customerNumber } }`,
		vars: withID("id", func(f matrixFixture) int { return f.address })},
	"Mutation.addPhone": {query: `mutation($n: Int!) { addPhone(customerNumber: $n, input: {number: "0701234567", countryCode: "0031", phoneTypeId: 1}) { customerNumber } }`,
		vars: onTarget},
	"Mutation.updatePhone": {query: `mutation($n: Int!, $id: Int!) { updatePhone(customerNumber: $n, phoneId: $id, input: {number: "0707654321"}) { customerNumber } }`,
		vars: withID("id", func(f matrixFixture) int { return f.phone })},
	"Mutation.deletePhone": {query: `mutation($n: Int!, $id: Int!) { deletePhone(customerNumber: $n, phoneId: $id) { customerNumber } }`,
		vars: withID("id", func(f matrixFixture) int { return f.phone })},
	"Mutation.addOvChipCard": {query: `mutation($n: Int!, $c: Long!) { addOvChipCard(customerNumber: $n, input: {chipCardNumber: $c}) { customerNumber } }`,
		vars: func(f matrixFixture) map[string]any { return map[string]any{"n": f.target, "c": "35290000" + f.unique} }},
	"Mutation.deleteOvChipCard": {query: `mutation($n: Int!, $id: Int!) { deleteOvChipCard(customerNumber: $n, ovChipCardId: $id) { customerNumber } }`,
		vars: withID("id", func(f matrixFixture) int { return f.chipCard })},
	"Mutation.addOvPayToken": {query: `mutation($n: Int!, $t: String!) { addOvPayToken(customerNumber: $n, input: {tokenTypeId: 1, xTat: $t, xBot: $t,
		alias: "Bankpas", lastDigits: "1234"}) { customerNumber } }`,
		vars: func(f matrixFixture) map[string]any { return map[string]any{"n": f.target, "t": "tat-new-" + f.unique} }},
	"Mutation.updateOvPayToken": {query: `mutation($n: Int!, $id: Int!) { updateOvPayToken(customerNumber: $n, ovPayTokenId: $id, input: {alias: "Nieuw"}) { customerNumber } }`,
		vars: withID("id", func(f matrixFixture) int { return f.token })},
	"Mutation.deleteOvPayToken": {query: `mutation($n: Int!, $id: Int!) { deleteOvPayToken(customerNumber: $n, ovPayTokenId: $id) { customerNumber } }`,
		vars: withID("id", func(f matrixFixture) int { return f.token })},
	"Mutation.addBillingInformation": {query: `mutation($n: Int!) { addBillingInformation(customerNumber: $n, input: {iban: "NL91ABNA0417164300",
		ascription: "A. Klant", alias: "Spaar"}) { customerNumber } }`, vars: onTarget},
	"Mutation.updateBillingInformation": {query: `mutation($n: Int!, $id: Int!) { updateBillingInformation(customerNumber: $n, billingInformationId: $id,
		input: {alias: "Nieuw"}) { customerNumber } }`, vars: withID("id", func(f matrixFixture) int { return f.billing })},
	"Mutation.addDirectDebitMandate": {query: `mutation($n: Int!, $b: Int!, $r: String!) { addDirectDebitMandate(customerNumber: $n,
		input: {directDebitMandateTypeId: 1, billingInformationId: $b, mandateReference: $r}) { customerNumber } }`,
		vars: func(f matrixFixture) map[string]any {
			return map[string]any{"n": f.target, "b": f.billing, "r": "new-" + f.unique}
		}},
	"Mutation.updateDirectDebitMandate": {query: `mutation($n: Int!, $id: Int!) { updateDirectDebitMandate(customerNumber: $n, directDebitMandateId: $id,
		input: {mandateState: SIGNED}) { customerNumber } }`, vars: withID("id", func(f matrixFixture) int { return f.mandate })},
	"Mutation.transferToken": {query: `mutation($p: Int, $id: Int!, $t: String!) { transferToken(customerProfileId: $p, ovPayTokenId: $id,
		input: {oldOvPayToken: {padOtp: "123456"}, newOvPayToken: {xTat: $t, alias: "Nieuw"}}) { clientTrackingId status } }`,
		vars: func(f matrixFixture) map[string]any {
			return map[string]any{"p": f.targetProfile, "id": f.token, "t": "tat-transfer-" + f.unique}
		}},
	"Query.tokenTransfer": {query: `query($p: Int, $c: String!) { tokenTransfer(customerProfileId: $p, clientTrackingId: $c) { status } }`,
		vars: func(f matrixFixture) map[string]any { return map[string]any{"p": f.targetProfile, "c": f.transfer} }},
}

// situation is one column of the matrix: who calls, and on whose data.
type situation struct {
	name string
	// caller builds the caller from the fixture; kind is what the policy table sees.
	caller func(f matrixFixture, s sample) graph.Caller
	kind   graph.CallerKind
	// onOther targets another customer's profile.
	onOther bool
	// tokenless: the request lacks the application's token, whatever else it carries.
	tokenless bool
}

var situations = []situation{
	{name: "no token", caller: func(matrixFixture, sample) graph.Caller { return graph.Caller{} }, tokenless: true},
	{name: "customer JWT only", tokenless: true, caller: func(f matrixFixture, _ sample) graph.Caller {
		return graph.Caller{CustomerSubject: subjectOf(int64(f.own))}
	}},
	{name: "application", kind: graph.CallerApplication, caller: func(matrixFixture, sample) graph.Caller { return touchpoint }},
	{name: "customer A on A", kind: graph.CallerCustomer, caller: customerCaller},
	{name: "customer A on B", kind: graph.CallerCustomer, onOther: true, caller: customerCaller},
	{name: "staff", kind: graph.CallerStaff, caller: func(matrixFixture, sample) graph.Caller {
		return graph.Caller{Application: "staff-portal", StaffRole: resolvers.StaffRoles[0]}
	}},
}

func customerCaller(f matrixFixture, s sample) graph.Caller {
	if s.newSubject {
		return graph.Caller{Application: "test-app", CustomerSubject: "new-" + f.unique}
	}
	return customer(int64(f.own))
}

// rootFields are the keys of every root field of the schema, introspection included.
func rootFields(t *testing.T) []string {
	t.Helper()
	schema := graph.NewExecutableSchema(graph.Config{}).Schema()
	var keys []string
	for _, def := range []*ast.Definition{schema.Query, schema.Mutation} {
		for _, f := range def.Fields {
			keys = append(keys, def.Name+"."+f.Name)
		}
	}
	for _, f := range []string{"__schema", "__type"} {
		if !containsKey(keys, "Query."+f) {
			keys = append(keys, "Query."+f)
		}
	}
	return keys
}

func containsKey(keys []string, k string) bool {
	for _, x := range keys {
		if x == k {
			return true
		}
	}
	return false
}

// The policy matrix: every root field of the schema × every kind of caller, with the answer the
// policy table gives. A root field without a policy row or without a sample fails here.
func TestPolicyMatrix(t *testing.T) {
	keys := rootFields(t)
	for _, key := range resolvers.PolicyKeys() {
		if !containsKey(keys, key) {
			t.Errorf("policy row %s names no root field of the schema", key)
		}
	}
	e := newEnv(t)
	seq := 0
	for _, key := range keys {
		rule, ok := resolvers.PolicyRule(key)
		if !ok {
			t.Errorf("root field %s has no row in the policy table (resolvers/policy.go)", key)
			continue
		}
		s, ok := samples[key]
		if !ok {
			t.Errorf("root field %s has no sample in the policy matrix", key)
			continue
		}
		for _, sit := range situations {
			t.Run(key+"/"+sit.name, func(t *testing.T) {
				seq++
				f := e.matrixFixture(sit.onOther, seq)
				var vars map[string]any
				if s.vars != nil {
					vars = s.vars(f)
				}
				want := expected(rule, sit, s)
				r := e.do(sit.caller(f, s), s.query, vars)
				if got := r.code(); got != want {
					t.Fatalf("code %q, want %q (rule %+v): %+v", got, want, rule, r.Errors)
				}
			})
		}
	}
}

// expected is the code the policy table predicts for a situation: "" is success.
func expected(rule resolvers.Rule, sit situation, s sample) string {
	if sit.tokenless {
		return string(graph.CodeUnauthenticated)
	}
	switch rule.For(sit.kind) {
	case resolvers.Deny:
		return string(graph.CodeForbidden)
	case resolvers.Own:
		if sit.onOther && s.vars != nil {
			return string(graph.CodeNotFound)
		}
	}
	return ""
}

// matrixFixture creates the caller's profile and, for onOther, another customer's profile, the
// target getting one child of each kind; seq keeps unique values unique.
func (e *env) matrixFixture(onOther bool, seq int) matrixFixture {
	e.t.Helper()
	u := fmt.Sprintf("%08d", seq)
	f := matrixFixture{unique: u}
	f.own = e.newCustomer("own-" + u + "@example.nl")
	f.target = f.own
	if onOther {
		f.target = e.newCustomer("other-" + u + "@example.nl")
	}
	id := func(query, field string, vars map[string]any) int {
		var out map[string]map[string]any
		e.ok(touchpoint, query, vars, &out)
		for _, v := range out {
			return int(v[field].(float64))
		}
		return 0
	}
	n := map[string]any{"n": f.target}
	var c struct {
		Customer struct {
			ID                string
			CustomerProfileID int
			Person            struct {
				Addresses []struct{ AddressID int }
				Phones    []struct{ PhoneID int }
			}
		}
	}
	e.ok(touchpoint, `query($n: Int!) { customer(customerNumber: $n) { id customerProfileId person { addresses { addressId } phones { phoneId } } } }`, n, &c)
	f.targetID = c.Customer.ID
	f.targetProfile = c.Customer.CustomerProfileID
	f.address = c.Customer.Person.Addresses[0].AddressID
	f.phone = c.Customer.Person.Phones[0].PhoneID
	f.chipCard = id(`mutation($n: Int!, $c: Long!) { addOvChipCard(customerNumber: $n, input: {chipCardNumber: $c}) { ovChipCardId } }`,
		"ovChipCardId", map[string]any{"n": f.target, "c": "35280000" + u})
	f.token = id(`mutation($n: Int!, $t: String!) { addOvPayToken(customerNumber: $n, input: {tokenTypeId: 1, xTat: $t, xBot: $t,
		alias: "Bankpas", lastDigits: "1234"}) { ovPayTokenId } }`, "ovPayTokenId", map[string]any{"n": f.target, "t": "tat-" + u})
	f.billing = id(`mutation($n: Int!) { addBillingInformation(customerNumber: $n, input: {iban: "NL91ABNA0417164300",
		ascription: "A. Klant", alias: "Betaal"}) { billingInformationId } }`, "billingInformationId", n)
	f.mandate = id(`mutation($n: Int!, $b: Int!, $r: String!) { addDirectDebitMandate(customerNumber: $n,
		input: {directDebitMandateTypeId: 1, billingInformationId: $b, mandateReference: $r}) { directDebitMandateId } }`,
		"directDebitMandateId", map[string]any{"n": f.target, "b": f.billing, "r": "mandate-" + u})
	var tr struct {
		TransferToken struct{ ClientTrackingID string }
	}
	e.ok(touchpoint, `mutation($p: Int, $id: Int!, $t: String!) { transferToken(customerProfileId: $p, ovPayTokenId: $id,
		input: {oldOvPayToken: {}, newOvPayToken: {xTat: $t, alias: "Nieuw"}}) { clientTrackingId } }`,
		map[string]any{"p": f.targetProfile, "id": f.token, "t": "tat-fixture-" + u}, &tr)
	f.transfer = tr.TransferToken.ClientTrackingID
	if err := e.store.Pool().QueryRow(context.Background(), matrixOrders, f.targetProfile, f.token).Scan(&f.order, &f.orderLine,
		&f.customerToken, &f.pad, &f.orderCustomer, &f.orderAddress, &f.bareToken, &f.bareLine, &f.orderTotal, &f.bareOrder,
		&f.payment, &f.paidOrder); err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.store.Pool().Exec(context.Background(), matrixPaidOrderPayment, f.targetProfile, f.paidOrder); err != nil {
		e.t.Fatal(err)
	}
	f.accountsCustomer, f.account = e.vendorAccount(fmt.Sprintf("c1000000-0000-4000-8000-%012d", seq))
	f.apticCustomer = e.vendorApticCustomer(f.target)
	e.linkVendors(f.targetProfile, f.accountsCustomer, f.apticCustomer)
	for _, hook := range matrixFixtureHooks {
		hook(e, f)
	}
	return f
}

// matrixFixtureHooks run on every new fixture: a vendor's samples keep there what they need
// beyond the fixture's fields (in the vendor's own test file).
var matrixFixtureHooks []func(e *env, f matrixFixture)

// The field rules of the policy table: a customer may not choose its debtor status, may block
// itself and lift its own block but not a touchpoint's, and may suspend or remove its token and
// reactivate one it suspended, not one staff suspended. Through the SE edit a customer may only
// suspend or remove, a touchpoint only change the alias, staff anything. Refusals change nothing.
func TestPolicyFieldRules(t *testing.T) {
	e := newEnv(t)
	seq := 100000
	fixture := func() matrixFixture {
		seq++
		return e.matrixFixture(false, seq)
	}
	const (
		status = `mutation($n: Int!, $s: String!) { addCustomerStatus(customerNumber: $n, input: {name: $s}) { customer { currentStatus } } }`
		token  = `mutation($n: Int!, $id: Int!, $s: Int!) { updateOvPayToken(customerNumber: $n, ovPayTokenId: $id, input: {tokenStatusId: $s}) {
			ovPayToken { tokenStatusId } } }`
		addToken = `mutation($n: Int!, $t: String!, $s: Int!) { addOvPayToken(customerNumber: $n, input: {tokenTypeId: 1, xTat: $t, xBot: $t,
			alias: "Bankpas", lastDigits: "1234", tokenStatusId: $s}) { customerNumber } }`
		createMe = `mutation($d: Int) { createMe(input: {debtorStatusId: $d}) { customerNumber } }`
		edit     = `mutation($id: Int!, $s: Int) { editOvPayToken(ovPayTokenId: $id, input: {tokenStatusId: $s}) {
			ovPayToken { tokenStatusId } } }`
		editAlias = `mutation($p: Int, $id: Int!) { editOvPayToken(customerProfileId: $p, ovPayTokenId: $id, input: {alias: "Kwijt"}) {
			ovPayToken { alias } } }`
	)
	type step struct {
		as    string // "customer" or "touchpoint"
		query string
		vars  func(f matrixFixture) map[string]any
		code  string
	}
	statusTo := func(s string) func(matrixFixture) map[string]any {
		return func(f matrixFixture) map[string]any { return map[string]any{"n": f.own, "s": s} }
	}
	tokenTo := func(s int) func(matrixFixture) map[string]any {
		return func(f matrixFixture) map[string]any { return map[string]any{"n": f.own, "id": f.token, "s": s} }
	}
	// The SE edit acts on the customer's own profile, or on the profile staff and touchpoints name.
	editTo := func(s int) func(matrixFixture) map[string]any {
		return func(f matrixFixture) map[string]any { return map[string]any{"id": f.token, "s": s} }
	}
	editOn := func(s int) func(matrixFixture) map[string]any {
		return func(f matrixFixture) map[string]any {
			return map[string]any{"id": f.token, "s": s, "p": f.targetProfile}
		}
	}
	aliasOn := func(f matrixFixture) map[string]any { return map[string]any{"id": f.token, "p": f.targetProfile} }
	editAsOther := `mutation($p: Int, $id: Int!, $s: Int) { editOvPayToken(customerProfileId: $p, ovPayTokenId: $id,
		input: {tokenStatusId: $s}) { ovPayToken { tokenStatusId } } }`
	forbidden := string(graph.CodeForbidden)
	for name, steps := range map[string][]step{
		"customer blocks itself and lifts its own block": {
			{"customer", status, statusTo("blocked"), ""},
			{"customer", status, statusTo("active"), ""},
		},
		"customer cannot lift a touchpoint's block": {
			{"touchpoint", status, statusTo("blocked"), ""},
			{"customer", status, statusTo("active"), forbidden},
			{"touchpoint", status, statusTo("active"), ""},
		},
		"customer cannot make itself inactive": {
			{"customer", status, statusTo("inactive"), forbidden},
		},
		"customer suspends its token and reactivates it": {
			{"customer", token, tokenTo(5), ""},
			{"customer", token, tokenTo(2), ""},
			{"customer", token, tokenTo(6), ""},
		},
		"customer cannot reactivate a token staff suspended": {
			{"touchpoint", token, tokenTo(5), ""},
			{"customer", token, tokenTo(2), forbidden},
			{"customer", token, tokenTo(6), forbidden},
		},
		"customer cannot retire its token": {
			{"customer", token, tokenTo(1), forbidden},
		},
		"customer adds an active token, not another status": {
			{"customer", addToken, func(f matrixFixture) map[string]any { return map[string]any{"n": f.own, "t": "x-" + f.unique, "s": 5} }, forbidden},
			{"customer", addToken, func(f matrixFixture) map[string]any { return map[string]any{"n": f.own, "t": "y-" + f.unique, "s": 2} }, ""},
		},
		"SE edit: a customer suspends or removes its token, and reactivates nothing": {
			{"customer", edit, editTo(5), ""},
			{"customer", edit, editTo(2), forbidden},
			{"customer", edit, editTo(1), forbidden},
			{"customer", edit, editTo(6), ""},
		},
		"SE edit: a touchpoint changes the alias, not the status": {
			{"touchpoint", editAsOther, editOn(5), forbidden},
			{"touchpoint", editAlias, aliasOn, ""},
		},
		"SE edit: staff set any status and lift a suspension": {
			{"customer", edit, editTo(5), ""},
			{"staff", editAsOther, editOn(2), ""},
			{"staff", editAsOther, editOn(4), ""},
		},
		"customer cannot choose its debtor status": {
			{"new customer", createMe, func(matrixFixture) map[string]any { return map[string]any{"d": 2} }, forbidden},
			{"new customer", createMe, func(matrixFixture) map[string]any { return map[string]any{"d": nil} }, ""},
		},
	} {
		t.Run(name, func(t *testing.T) {
			f := fixture()
			for i, st := range steps {
				caller := touchpoint
				switch st.as {
				case "customer":
					caller = customer(int64(f.own))
				case "new customer":
					caller = graph.Caller{Application: "test-app", CustomerSubject: "new-" + f.unique}
				case "staff":
					caller = graph.Caller{Application: "staff-portal", StaffRole: resolvers.StaffRoles[0]}
				}
				before := e.tableCounts()
				fp := e.fingerprint(t)
				r := e.do(caller, st.query, st.vars(f))
				if r.code() != st.code {
					t.Fatalf("step %d (%s): code %q, want %q: %+v", i, st.as, r.code(), st.code, r.Errors)
				}
				if st.code != "" {
					sameCounts(t, before, e.tableCounts())
					if after := e.fingerprint(t); after != fp {
						t.Errorf("step %d: a refused write changed the database", i)
					}
				}
			}
		})
	}
}

// fingerprint is a digest of every row of the domain's tables, so a test can show that a refused
// write changed nothing, not even a value in place.
func (e *env) fingerprint(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	for _, table := range []string{"customer_profile", "customer_status", "address", "phone", "ov_chip_card",
		"ovpay_token", "billing_information", "direct_debit_mandate", "audit_trail"} {
		var sum string
		if err := e.store.Pool().QueryRow(t.Context(),
			`SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM `+table+` t`).Scan(&sum); err != nil {
			t.Fatal(err)
		}
		b.WriteString(table + ":" + sum + " ")
	}
	return b.String()
}

// The matrix checks that the table is enforced; these pins check the decisions the table must
// keep, whatever else changes in it: a customer never lists other customers, never creates a
// profile for someone else, never changes its debtor status, and no application or staff member
// acts as a customer.
func TestPolicyPins(t *testing.T) {
	for key, want := range map[string]resolvers.Rule{
		"Query.customers":           {Application: resolvers.Allow, Staff: resolvers.Allow, Customer: resolvers.Deny},
		"Query.customer":            {Application: resolvers.Allow, Staff: resolvers.Allow, Customer: resolvers.Own},
		"Query.node":                {Application: resolvers.Allow, Staff: resolvers.Allow, Customer: resolvers.Own},
		"Query.me":                  {Application: resolvers.Deny, Staff: resolvers.Deny, Customer: resolvers.Own},
		"Mutation.createCustomer":   {Application: resolvers.Allow, Staff: resolvers.Allow, Customer: resolvers.Deny},
		"Mutation.createMe":         {Application: resolvers.Deny, Staff: resolvers.Deny, Customer: resolvers.Own},
		"Mutation.updateCustomer":   {Application: resolvers.Allow, Staff: resolvers.Allow, Customer: resolvers.Deny},
		"Mutation.updateOvPayToken": {Application: resolvers.Allow, Staff: resolvers.Allow, Customer: resolvers.Own},
	} {
		if got, _ := resolvers.PolicyRule(key); got != want {
			t.Errorf("%s: %+v, want %+v", key, got, want)
		}
	}
	for _, key := range resolvers.PolicyKeys() {
		if r, _ := resolvers.PolicyRule(key); r.Customer == resolvers.Allow && strings.HasPrefix(key, "Mutation.") {
			t.Errorf("%s lets a customer write to any profile", key)
		}
	}
}

// matrixOrders writes the orders of a matrix fixture for profile $1 and its token $2: a concept
// order with a line of product 21 for the token (with personal account data), an order customer
// and an address; an order awaiting its payment; and a paid order of the same line.
const matrixOrders = `
WITH o AS (INSERT INTO sales_order (customer_profile_id, sales_touchpoint_id, language_id, total_amount)
           VALUES ($1, 3, 1, 5900 + 2 * 780) RETURNING id, order_id),
     h AS (INSERT INTO order_status_history (sales_order_id, order_status_id, description)
           SELECT id, 1, 'Order is aangemaakt' FROM o),
     l AS (INSERT INTO order_line (sales_order_id, product_id, product_name, product_description, fiko_article_number,
                                   tax_code, tax_percentage, amount_incl_tax, valid_from)
           SELECT o.id, p.id, p.name, p.description, p.fiko_article_number, p.tax_code, p.tax_percentage, p.price_incl_tax,
                  now() + interval '1 day'
           FROM o, product p WHERE p.id = 21 RETURNING id, order_line_id),
     t AS (INSERT INTO customer_token (order_line_id, token_type_id, ovpay_token_id) SELECT id, 1, $2 FROM l
           RETURNING id, customer_token_id),
     d AS (INSERT INTO personal_account_data (customer_token_id, name, birthdate) SELECT id, 'A. Klant', '1980-01-01' FROM t
           RETURNING personal_account_data_id),
     c AS (INSERT INTO order_customer (sales_order_id, birthname, surname) SELECT id, 'Anna', 'Klant' FROM o
           RETURNING id, order_customer_id),
     a AS (INSERT INTO order_customer_address (order_customer_id, address_type_id, street, house_number, postal_code, city, country)
           SELECT id, 1, 'Spui', 70, '2511 BT', 'Den Haag', 'NL' FROM c RETURNING order_customer_address_id),
     l2 AS (INSERT INTO order_line (sales_order_id, product_id, product_name, product_description, fiko_article_number,
                                   tax_code, tax_percentage, amount_incl_tax, valid_from)
           SELECT o.id, p.id, p.name, p.description, p.fiko_article_number, p.tax_code, p.tax_percentage, p.price_incl_tax,
                  now() + interval '1 day'
           FROM o, product p WHERE p.id = 11 RETURNING id),
     t2 AS (INSERT INTO customer_token (order_line_id, token_type_id, ovpay_token_id) SELECT id, 1, $2 FROM l2
           RETURNING customer_token_id),
     l3 AS (INSERT INTO order_line (sales_order_id, product_id, product_name, product_description, fiko_article_number,
                                   tax_code, tax_percentage, amount_incl_tax)
           SELECT o.id, p.id, p.name, p.description, p.fiko_article_number, p.tax_code, p.tax_percentage, p.price_incl_tax
           FROM o, product p WHERE p.id = 11 RETURNING order_line_id),
     b AS (INSERT INTO sales_order (customer_profile_id, sales_touchpoint_id, language_id) VALUES ($1, 3, 1) RETURNING order_id),
     w AS (INSERT INTO sales_order (customer_profile_id, sales_touchpoint_id, language_id, order_status_id, total_amount)
           VALUES ($1, 3, 1, 2, 0) RETURNING id),
     wh AS (INSERT INTO order_status_history (sales_order_id, order_status_id, description)
           SELECT id, 2, 'Betaling is geinitieerd' FROM w),
     pay AS (INSERT INTO payment (sales_order_id, amount_debit, payment_method_id, sales_touchpoint_id, htm_payment_reference)
           SELECT id, 0, 1, 3, 'HTM-matrix' FROM w RETURNING payment_id),
     po AS (INSERT INTO sales_order (customer_profile_id, sales_touchpoint_id, language_id, order_status_id, total_amount,
                                     valid_contents)
           VALUES ($1, 3, 1, 4, 5900, NULL) RETURNING id, order_id),
     ph AS (INSERT INTO order_status_history (sales_order_id, order_status_id, description)
           SELECT id, 4, 'Order succesvol betaald' FROM po),
     pl AS (INSERT INTO order_line (sales_order_id, product_id, product_name, product_description, fiko_article_number,
                                    tax_code, tax_percentage, amount_incl_tax, valid_from)
           SELECT po.id, p.id, p.name, p.description, p.fiko_article_number, p.tax_code, p.tax_percentage, p.price_incl_tax,
                  now() + interval '1 day'
           FROM po, product p WHERE p.id = 21 RETURNING id),
     pt AS (INSERT INTO customer_token (order_line_id, token_type_id, ovpay_token_id) SELECT id, 1, $2 FROM pl)
SELECT o.order_id::text, l.order_line_id::text, t.customer_token_id::text, d.personal_account_data_id::text,
       c.order_customer_id::text, a.order_customer_address_id::text, t2.customer_token_id::text, l3.order_line_id::text,
       (SELECT 5900 + 2 * price_incl_tax FROM product WHERE id = 11), b.order_id::text, pay.payment_id::text, po.order_id::text
FROM o, l, t, d, c, a, t2, l3, b, pay, po`
