package resolvers_test

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"ovgraph/adapters/aptic"
	"ovgraph/adapters/sandbox"
	"ovgraph/adapters/upstream"
	"ovgraph/graph"
)

// apticAudit is the entity and detail of the profile's audit rows of Aptic writes, oldest first.
func (e *env) apticAudit(profileID int) []string {
	e.t.Helper()
	rows, err := e.store.Pool().Query(context.Background(), `SELECT entity || ' ' || action || ' ' || detail::text FROM audit_trail
		WHERE customer_profile_id = $1 AND entity LIKE 'aptic%' ORDER BY id`, profileID)
	if err != nil {
		e.t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			e.t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

const createApticCustomer = `mutation($n: Int!) { createApticCustomer(customerNumber: $n) { customerNumber customerGuid
	customer { vendorLinks { vendor externalId } credit { customerGuid addresses { nodes { street houseNo zipCode countryCode } } } } } }`

// createApticCustomer makes the profile's Aptic customer from the profile and links it, once.
func TestCreateApticCustomer(t *testing.T) {
	e := demoEnv(t)
	n := e.newCustomer("aptic-new@example.nl")
	e.ok(touchpoint, `mutation($n: Int!) { updatePerson(customerNumber: $n, input: {birthname: "Jan", prefix: "van der", dateOfBirth: "1980-02-03"}) { customerNumber } }`,
		map[string]any{"n": n}, nil)
	counter := e.countedAptic(upstream.Policy{})

	var out struct {
		CreateApticCustomer struct {
			CustomerGUID string
			Customer     struct {
				VendorLinks []struct{ Vendor, ExternalID string }
				Credit      struct {
					CustomerGUID string
					Addresses    struct {
						Nodes []struct{ Street, HouseNo, ZipCode, CountryCode string }
					}
				}
			}
		}
	}
	e.ok(touchpoint, createApticCustomer, map[string]any{"n": n}, &out)
	got := out.CreateApticCustomer
	if got.CustomerGUID == "" || len(got.Customer.VendorLinks) != 1 || got.Customer.VendorLinks[0].ExternalID != got.CustomerGUID ||
		got.Customer.Credit.CustomerGUID != got.CustomerGUID || len(got.Customer.Credit.Addresses.Nodes) != 1 ||
		got.Customer.Credit.Addresses.Nodes[0] != (struct{ Street, HouseNo, ZipCode, CountryCode string }{"Spui", "70", "2511BT", "NL"}) {
		t.Fatalf("created %+v", got)
	}
	res, err := e.work.Aptic.GetCustomerWithResponse(context.Background(), got.CustomerGUID)
	if err != nil || res.JSON200 == nil {
		t.Fatalf("read at Aptic: %v", err)
	}
	c := res.JSON200
	if *c.CustomerReference != strconv.Itoa(n) || *c.Firstname != "Jan" || *c.Middlename != "van der" || *c.Lastname != "Jansen" ||
		*c.Email != "aptic-new@example.nl" || *c.CellularPhone != "+31612345678" || c.HomePhone != nil ||
		c.DateOfBirth.Format(time.DateOnly) != "1980-02-03" || *c.JuridicalType != aptic.JuridicalTypeN0 {
		t.Fatalf("the Aptic customer %+v", c)
	}
	audit := e.apticAudit(e.profileID(n))
	if len(audit) != 1 || !strings.Contains(audit[0], got.CustomerGUID) || strings.Contains(audit[0], "@") || strings.Contains(audit[0], "Spui") {
		t.Fatalf("audit %v", audit)
	}

	// Linked already: CONFLICT, and Aptic is not asked.
	counter.reset()
	wantCode(t, e.do(touchpoint, createApticCustomer, map[string]any{"n": n}), "CONFLICT", "")
	if counter.total() != 0 {
		t.Fatalf("%d calls to Aptic", counter.total())
	}

	// A create whose link was lost finds the customer Aptic made by its customerReference: no second.
	e.exec(`DELETE FROM vendor_link WHERE customer_profile_id = $1`, e.profileID(n))
	counter.reset()
	e.ok(touchpoint, createApticCustomer, map[string]any{"n": n}, &out)
	if out.CreateApticCustomer.CustomerGUID != got.CustomerGUID || counter.count("Customers") != 1 {
		t.Fatalf("again: %s, %d list calls, %v", out.CreateApticCustomer.CustomerGUID, counter.count("Customers"), counter.byResource)
	}

	// Aptic down: nothing is linked.
	other := e.newCustomer("aptic-down@example.nl")
	e.fault("aptic", sandbox.ModeError, 0)
	r := e.do(touchpoint, createApticCustomer, map[string]any{"n": other})
	wantCode(t, r, "UPSTREAM_UNAVAILABLE", "")
	if r.Errors[0].Extensions["vendor"] != "aptic" || len(e.vendorLinksOf(other)) != 0 {
		t.Fatalf("%+v, links %v", r.Errors, e.vendorLinksOf(other))
	}
	e.fault("aptic", sandbox.ModeNone, 0)
	wantCode(t, e.do(touchpoint, createApticCustomer, map[string]any{"n": 99999999}), "NOT_FOUND", "")
}

const updateApticCustomer = `mutation($n: Int!, $in: ApticCustomerPatchInput!) { updateApticCustomer(customerNumber: $n, input: $in) { customerGuid } }`

// updateApticCustomer changes only the fields given; bad input never reaches Aptic.
func TestUpdateApticCustomer(t *testing.T) {
	e := demoEnv(t)
	counter := e.countedAptic(upstream.Policy{})
	refused := map[string]struct {
		in    map[string]any
		field string
	}{
		"nothing":         {map[string]any{}, "input"},
		"channel case":    {map[string]any{"preferredChannel": "email"}, "input.preferredChannel"},
		"language":        {map[string]any{"languageCode": "NL"}, "input.languageCode"},
		"currency":        {map[string]any{"currencyCode": "eur"}, "input.currencyCode"},
		"e-mail":          {map[string]any{"email": "not-an-address"}, "input.email"},
		"blank last name": {map[string]any{"lastname": " "}, "input.lastname"},
	}
	for name, c := range refused {
		t.Run(name, func(t *testing.T) {
			wantCode(t, e.do(touchpoint, updateApticCustomer, map[string]any{"n": 1000001, "in": c.in}), "BAD_USER_INPUT", c.field)
		})
	}
	if counter.total() != 0 {
		t.Fatalf("refused input reached Aptic: %v", counter.byResource)
	}
	e.ok(touchpoint, updateApticCustomer, map[string]any{"n": 1000001, "in": map[string]any{"firstname": "Annie", "invoiceChannel": "LETTER"}}, nil)
	res, _ := e.work.Aptic.GetCustomerWithResponse(context.Background(), sandbox.ApticCustomerGUID(1000001))
	if c := res.JSON200; *c.Firstname != "Annie" || *c.InvoiceChannel != "LETTER" || *c.Lastname != "Vries" || *c.Email != "anna.vries1@example.nl" {
		t.Fatalf("after the update %+v", c)
	}
	// Not linked to Aptic: UNPROCESSABLE.
	n := e.newCustomer("aptic-unlinked@example.nl")
	wantCode(t, e.do(touchpoint, updateApticCustomer, map[string]any{"n": n, "in": map[string]any{"firstname": "X"}}), "UNPROCESSABLE", "")
}

// Addresses, extra fields, party parameters, mandates and credit insurances: written at Aptic,
// each with an audit row naming Aptic's ids only; an id of another customer is NOT_FOUND.
func TestApticItemWrites(t *testing.T) {
	e := demoEnv(t)
	n := map[string]any{"n": 1000001}
	with := func(kv ...any) map[string]any {
		v := map[string]any{"n": 1000001}
		for i := 0; i < len(kv); i += 2 {
			v[kv[i].(string)] = kv[i+1]
		}
		return v
	}
	list := func(sel string) string {
		var out struct {
			Customer struct{ Credit map[string]any }
		}
		e.ok(touchpoint, `query($n: Int!) { customer(customerNumber: $n) { credit { `+sel+` } } }`, n, &out)
		b, _ := jsonText(out.Customer.Credit)
		return b
	}

	t.Run("addresses", func(t *testing.T) {
		var c struct {
			CreateApticAddress struct{ AddressGUID string }
		}
		e.ok(touchpoint, `mutation($n: Int!) { createApticAddress(customerNumber: $n, input: {addressType: "SHIPPING", street: "Spui", houseNo: "70",
			zipCode: "2511BT", city: "Den Haag", countryCode: "NL"}) { addressGuid } }`, n, &c)
		guid := c.CreateApticAddress.AddressGUID
		e.ok(touchpoint, `mutation($n: Int!, $g: String!) { updateApticAddress(customerNumber: $n, addressGuid: $g, input: {city: "Delft"}) { address { city street } } }`,
			with("g", guid), nil)
		if got := list(`addresses(filter: {addressType: "SHIPPING"}) { nodes { city street } }`); got != `{"addresses":{"nodes":[{"city":"Delft","street":"Spui"}]}}` {
			t.Fatalf("after update %s", got)
		}
		// Another customer's address, a bad country: refused.
		bram := "a0000001-0000-4000-8000-0000000a0001"
		res, _ := e.work.Aptic.GetCustomerAddressesWithResponse(context.Background(), sandbox.ApticCustomerGUID(1000002), nil)
		bram = *(*res.JSON200.Value)[0].AddressGUID
		wantCode(t, e.do(touchpoint, `mutation($n: Int!, $g: String!) { updateApticAddress(customerNumber: $n, addressGuid: $g, input: {city: "X"}) { addressGuid } }`,
			with("g", bram)), "NOT_FOUND", "")
		wantCode(t, e.do(touchpoint, `mutation($n: Int!, $g: String!) { deleteApticAddress(customerNumber: $n, addressGuid: $g) { addressGuid } }`,
			with("g", bram)), "NOT_FOUND", "")
		wantCode(t, e.do(touchpoint, `mutation($n: Int!) { createApticAddress(customerNumber: $n, input: {street: "Spui", countryCode: "nl"}) { addressGuid } }`, n),
			"BAD_USER_INPUT", "input.countryCode")
		e.ok(touchpoint, `mutation($n: Int!, $g: String!) { deleteApticAddress(customerNumber: $n, addressGuid: $g) { addressGuid address { city } } }`, with("g", guid), nil)
		if got := list(`addresses(filter: {addressType: "SHIPPING"}) { totalCount }`); got != `{"addresses":{"totalCount":0}}` {
			t.Fatalf("after delete %s", got)
		}
	})

	t.Run("extra fields", func(t *testing.T) {
		e.ok(touchpoint, `mutation($n: Int!) { createApticExtraField(customerNumber: $n, input: {name: "TOKENS", value: ["a", "b"]}) { name } }`, n, nil)
		wantCode(t, e.do(touchpoint, `mutation($n: Int!) { createApticExtraField(customerNumber: $n, input: {name: "TOKENS", value: []}) { name } }`, n), "CONFLICT", "")
		e.ok(touchpoint, `mutation($n: Int!) { updateApticExtraField(customerNumber: $n, name: "TOKENS", value: ["c"]) { extraField { value } } }`, n, nil)
		if got := list(`extraFields(filter: {name: "TOKENS"}) { nodes { value } }`); got != `{"extraFields":{"nodes":[{"value":["c"]}]}}` {
			t.Fatalf("after update %s", got)
		}
		e.ok(touchpoint, `mutation($n: Int!) { deleteApticExtraField(customerNumber: $n, name: "TOKENS") { name } }`, n, nil)
		wantCode(t, e.do(touchpoint, `mutation($n: Int!) { deleteApticExtraField(customerNumber: $n, name: "TOKENS") { name } }`, n), "NOT_FOUND", "")
		wantCode(t, e.do(touchpoint, `mutation($n: Int!, $v: [String!]!) { updateApticExtraField(customerNumber: $n, name: "HTM_CUSTOMER_NUMBER", value: $v) { name } }`,
			with("v", []string{strings.Repeat("x", 501)})), "BAD_USER_INPUT", "")
	})

	t.Run("party parameters", func(t *testing.T) {
		var out struct {
			SetApticPartyParameters struct {
				Parameters []struct{ Name, Value string }
			}
		}
		e.ok(touchpoint, `mutation($n: Int!) { setApticPartyParameters(customerNumber: $n, parameters: [{name: "DUNNING_LEVEL", value: "2"},
			{name: "HTM_SEGMENT", type: "STRING", value: "B2C"}]) { parameters { name value } } }`, n, &out)
		if p := out.SetApticPartyParameters.Parameters; len(p) != 2 || p[0].Value != "2" || p[1].Name != "HTM_SEGMENT" {
			t.Fatalf("parameters %+v", p)
		}
		if got := list(`partyParameters { totalCount }`); got != `{"partyParameters":{"totalCount":3}}` {
			t.Fatalf("after set %s", got)
		}
		wantCode(t, e.do(touchpoint, `mutation($n: Int!) { setApticPartyParameters(customerNumber: $n, parameters: [{name: "A"}, {name: "A"}]) { customerNumber } }`, n),
			"BAD_USER_INPUT", "parameters.1.name")
	})

	t.Run("mandates", func(t *testing.T) {
		const create = `mutation($n: Int!, $in: ApticDirectDebitMandateInput!) { createApticDirectDebitMandate(customerNumber: $n, input: $in) {
			directDebitMandate { mandateGuid directDebitMandateType bankAccountNo referenceNo } } }`
		wantCode(t, e.do(touchpoint, create, with("in", map[string]any{"directDebitMandateType": 6, "receivingBankAccountNo": "NL91ABNA0417164300"})),
			"BAD_USER_INPUT", "input.directDebitMandateType")
		wantCode(t, e.do(touchpoint, create, with("in", map[string]any{"directDebitMandateType": 3, "receivingBankAccountNo": " "})),
			"BAD_USER_INPUT", "input.receivingBankAccountNo")
		wantCode(t, e.do(touchpoint, create, with("in", map[string]any{"directDebitMandateType": 3, "receivingBankAccountNo": "NL91ABNA0417164300",
			"sendingBankAccountNo": "NL00XXXX"})), "BAD_USER_INPUT", "input.sendingBankAccountNo")
		e.ok(touchpoint, create, with("in", map[string]any{"directDebitMandateType": 4, "receivingBankAccountNo": "NL91 ABNA 0417 1643 00",
			"sendingBankAccountNo": "NL44RABO0123456789", "referenceNo": "BO-1"}), nil)
		if got := list(`directDebitMandates(filter: {referenceNo: "BO-1"}) { nodes { directDebitMandateType bankAccountNo } }`); got !=
			`{"directDebitMandates":{"nodes":[{"bankAccountNo":"NL44RABO0123456789","directDebitMandateType":4}]}}` {
			t.Fatalf("mandate %s", got)
		}
	})

	t.Run("credit insurances", func(t *testing.T) {
		var c struct {
			CreateApticCreditInsurance struct{ InsuranceGUID string }
		}
		e.ok(touchpoint, `mutation($n: Int!) { createApticCreditInsurance(customerNumber: $n, input: {insuranceCompanyReferenceCode: "EULERHERMES",
			amount: 250.5, currencyCode: "EUR", paymentTerm: 30}) { insuranceGuid } }`, n, &c)
		guid := c.CreateApticCreditInsurance.InsuranceGUID
		e.ok(touchpoint, `mutation($n: Int!, $g: String!) { updateApticCreditInsurance(customerNumber: $n, insuranceGuid: $g, input: {amount: 300}) {
			creditInsurance { amount paymentTerm } } }`, with("g", guid), nil)
		if got := list(`creditInsurances(filter: {insuranceCompanyName: "EULERHERMES"}) { nodes { amount paymentTerm } }`); got !=
			`{"creditInsurances":{"nodes":[{"amount":300,"paymentTerm":30}]}}` {
			t.Fatalf("after update %s", got)
		}
		wantCode(t, e.do(touchpoint, `mutation($n: Int!, $g: String!) { updateApticCreditInsurance(customerNumber: $n, insuranceGuid: $g, input: {amount: -1}) { insuranceGuid } }`,
			with("g", guid)), "BAD_USER_INPUT", "input.amount")
		wantCode(t, e.do(touchpoint, `mutation($g: String!) { deleteApticCreditInsurance(customerNumber: 1000002, insuranceGuid: $g) { insuranceGuid } }`,
			map[string]any{"g": guid}), "NOT_FOUND", "")
		e.ok(touchpoint, `mutation($n: Int!, $g: String!) { deleteApticCreditInsurance(customerNumber: $n, insuranceGuid: $g) { insuranceGuid } }`, with("g", guid), nil)
		if got := list(`creditInsurances { totalCount }`); got != `{"creditInsurances":{"totalCount":1}}` {
			t.Fatalf("after delete %s", got)
		}
	})

	audit := strings.Join(e.apticAudit(e.profileID(1000001)), "\n")
	for _, want := range []string{"apticAddress insert", "apticAddress update", "apticAddress delete", "apticExtraField insert",
		"apticExtraField update", "apticExtraField delete", "apticPartyParameters update", "apticDirectDebitMandate insert",
		"apticCreditInsurance insert", "apticCreditInsurance update", "apticCreditInsurance delete", sandbox.ApticCustomerGUID(1000001)} {
		if !strings.Contains(audit, want) {
			t.Errorf("audit lacks %q:\n%s", want, audit)
		}
	}
	for _, never := range []string{"Spui", "NL44RABO0123456789", "Delft", "@"} {
		if strings.Contains(audit, never) {
			t.Errorf("audit shows %q:\n%s", never, audit)
		}
	}
}

const respondToAction = `mutation($n: Int!, $g: String!, $in: ApticActionResponseInput!) { respondToApticAction(customerNumber: $n, actionGuid: $g, input: $in) {
	actionGuid response } }`

// A customer answers its own questions with one of the responses offered, postponing only what
// may be postponed; an answered question leaves the list.
func TestRespondToApticAction(t *testing.T) {
	e := demoEnv(t)
	anna := graph.Caller{Application: "test-app", CustomerSubject: "demo-1000001"}
	const plan, address = "a0000005-0000-4000-8000-0000000a0001", "a0000006-0000-4000-8000-0000000a0001"
	vars := func(g string, in map[string]any) map[string]any {
		return map[string]any{"n": 1000001, "g": g, "in": in}
	}
	tomorrow := time.Now().Add(24 * time.Hour).UTC().Format(time.RFC3339)

	wantCode(t, e.do(anna, respondToAction, vars(plan, map[string]any{"response": "MAYBE"})), "BAD_USER_INPUT", "input.response")
	wantCode(t, e.do(anna, respondToAction, vars(address, map[string]any{"response": "YES", "postponeTo": tomorrow})), "BAD_USER_INPUT", "input.postponeTo")
	wantCode(t, e.do(anna, respondToAction, vars(plan, map[string]any{"response": "ACCEPT", "postponeTo": "2001-01-01T00:00:00Z"})), "BAD_USER_INPUT", "input.postponeTo")
	wantCode(t, e.do(anna, respondToAction, vars("a9999999-0000-4000-8000-000000000000", map[string]any{"response": "YES"})), "NOT_FOUND", "")
	// Another customer's profile is NOT_FOUND to a customer (the policy's profile rule).
	wantCode(t, e.do(anna, respondToAction, map[string]any{"n": 1000002, "g": plan, "in": map[string]any{"response": "ACCEPT"}}), "NOT_FOUND", "")

	e.ok(anna, respondToAction, vars(plan, map[string]any{"response": "ACCEPT", "note": "graag", "postponeTo": tomorrow}), nil)
	var out struct {
		Customer struct {
			Credit struct {
				Actions struct {
					TotalCount int
					Nodes      []struct{ ActionGUID string }
				}
			}
		}
	}
	e.ok(anna, `{ me { credit { actions { totalCount nodes { actionGuid } } } } }`, nil, &struct{ Me *struct{} }{})
	e.ok(touchpoint, `query { customer(customerNumber: 1000001) { credit { actions { totalCount nodes { actionGuid } } } } }`, nil, &out)
	if a := out.Customer.Credit.Actions; a.TotalCount != 1 || a.Nodes[0].ActionGUID != address {
		t.Fatalf("actions after the answer %+v", a)
	}
	audit := e.apticAudit(e.profileID(1000001))
	if len(audit) != 1 || !strings.Contains(audit[0], plan) || strings.Contains(audit[0], "graag") {
		t.Fatalf("audit %v", audit)
	}
	// The back office may not be asked by the customer to write the rest.
	wantCode(t, e.do(anna, `mutation { createApticExtraField(customerNumber: 1000001, input: {name: "X", value: []}) { name } }`, nil), "FORBIDDEN", "")
}

// jsonText is v as compact JSON (map keys sorted).
func jsonText(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}
