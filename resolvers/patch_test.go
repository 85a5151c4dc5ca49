package resolvers_test

import (
	"encoding/json"
	"testing"
)

// Updates read their input as a JSON merge patch: a field left out keeps its value, an explicit
// null clears an optional field, and null for a field that cannot be empty is refused. Before,
// null meant "unchanged" too, so a customer who moved could never drop a house number suffix or a
// name prefix.
func TestUpdatesAreMergePatches(t *testing.T) {
	e := newEnv(t)
	e.newCustomer("patch@example.nl")
	e.ok(touchpoint, `mutation {
	  updatePerson(customerNumber: 1000001, input: {birthname: "Berg", prefix: "van den", suffix: "jr.", dateOfBirth: "1980-02-03"}) { customerNumber }
	  updateCustomerPreference(customerNumber: 1000001, input: {languageId: 2}) { customerNumber }
	  updateAddress(customerNumber: 1000001, addressId: 1, input: {houseNumberSuffix: "A"}) { addressId }
	  addOvPayToken(customerNumber: 1000001, input: {tokenTypeId: 2, xTat: "t1", xBot: "b1", alias: "ov-pas", lastDigits: "0001",
	    ovpasNumber: "OV1", expirationDate: "2030-01-01"}) { ovPayTokenId }
	  second: addOvPayToken(customerNumber: 1000001, input: {tokenTypeId: 1, xTat: "t2", xBot: "b2", alias: "bank", lastDigits: "1234"}) { ovPayTokenId }
	  addBillingInformation(customerNumber: 1000001, input: {iban: "NL91ABNA0417164300", bic: "ABNANL2A", ascription: "J. Jansen",
	    alias: "x", billingAddressId: 1}) { billingInformationId }
	}`, nil, nil)
	e.ok(touchpoint, `mutation { updateOvPayToken(customerNumber: 1000001, ovPayTokenId: 1, input: {replacedByTokenId: 2}) { ovPayTokenId } }`, nil, nil)

	read := func() string {
		t.Helper()
		var out json.RawMessage
		e.ok(touchpoint, `{ customer(customerNumber: 1000001) {
		  customerPreference { languageId }
		  person { birthname surname prefix suffix dateOfBirth emailAddress addresses { street houseNumberSuffix } }
		  ovPayTokens(ovPayTokenId: 1) { alias ovpasNumber expirationDate replacedByTokenId }
		  billingInformation { iban bic billingAddressId } } }`, nil, &out)
		return string(out)
	}
	const full = `{"customer":{"customerPreference":{"languageId":2},` +
		`"person":{"birthname":"Berg","surname":"Jansen","prefix":"van den","suffix":"jr.","dateOfBirth":"1980-02-03","emailAddress":"patch@example.nl",` +
		`"addresses":[{"street":"Spui","houseNumberSuffix":"A"}]},` +
		`"ovPayTokens":[{"alias":"ov-pas","ovpasNumber":"OV1","expirationDate":"2030-01-01T00:00:00.000+01:00","replacedByTokenId":2}],` +
		`"billingInformation":[{"iban":"NL91ABNA0417164300","bic":"ABNANL2A","billingAddressId":1}]}}`
	if got := read(); got != full {
		t.Fatalf("before:\n got %s\nwant %s", got, full)
	}

	// Fields left out keep their values.
	e.doOK(`mutation {
	  updatePerson(customerNumber: 1000001, input: {}) { customerNumber }
	  updateCustomerPreference(customerNumber: 1000001, input: {}) { customerNumber }
	  updateAddress(customerNumber: 1000001, addressId: 1, input: {}) { addressId }
	  updateOvPayToken(customerNumber: 1000001, ovPayTokenId: 1, input: {}) { ovPayTokenId }
	  updateBillingInformation(customerNumber: 1000001, billingInformationId: 1, input: {}) { billingInformationId }
	}`, "")
	if got := read(); got != full {
		t.Fatalf("after empty patches:\n got %s\nwant %s", got, full)
	}
	// So do fields whose variable is not given.
	e.doOK(`mutation($p: String) { updatePerson(customerNumber: 1000001, input: {prefix: $p}) { customerNumber } }`, `{}`)
	if got := read(); got != full {
		t.Fatalf("after a patch with an unset variable:\n got %s\nwant %s", got, full)
	}

	// An explicit null clears an optional field, literal or variable.
	e.doOK(`mutation($s: String) {
	  updatePerson(customerNumber: 1000001, input: {prefix: null, suffix: $s, birthname: null, dateOfBirth: null}) { customerNumber }
	  updateCustomerPreference(customerNumber: 1000001, input: {languageId: null}) { customerNumber }
	  updateAddress(customerNumber: 1000001, addressId: 1, input: {houseNumberSuffix: null}) { addressId }
	  updateOvPayToken(customerNumber: 1000001, ovPayTokenId: 1, input: {ovpasNumber: null, expirationDate: null, replacedByTokenId: null}) { ovPayTokenId }
	  updateBillingInformation(customerNumber: 1000001, billingInformationId: 1, input: {bic: null, billingAddressId: null}) { billingInformationId }
	}`, `{"s": null}`)
	const cleared = `{"customer":{"customerPreference":{"languageId":null},` +
		`"person":{"birthname":null,"surname":"Jansen","prefix":null,"suffix":null,"dateOfBirth":null,"emailAddress":"patch@example.nl",` +
		`"addresses":[{"street":"Spui","houseNumberSuffix":null}]},` +
		`"ovPayTokens":[{"alias":"ov-pas","ovpasNumber":null,"expirationDate":null,"replacedByTokenId":null}],` +
		`"billingInformation":[{"iban":"NL91ABNA0417164300","bic":null,"billingAddressId":null}]}}`
	if got := read(); got != cleared {
		t.Fatalf("after nulls:\n got %s\nwant %s", got, cleared)
	}

	// Null for a field that cannot be empty is refused; nothing changes.
	e.ok(touchpoint, `mutation { addPhone(customerNumber: 1000001, input: {number: "0701234567", countryCode: "0031", phoneTypeId: 1}) { phoneId } }`, nil, nil)
	e.ok(touchpoint, `mutation { addDirectDebitMandate(customerNumber: 1000001, input: {directDebitMandateTypeId: 1, billingInformationId: 1, mandateReference: "R1"}) { directDebitMandateId } }`, nil, nil)
	refusals := map[string]refusal{
		"debtor status":             {updateCustomer, `{"i": {"debtorStatusId": null}}`, "debtorStatusId"},
		"street":                    {updateAddress, `{"i": {"street": null}}`, "street"},
		"house number":              {updateAddress, `{"i": {"houseNumber": null}}`, "houseNumber"},
		"preferred address":         {updateAddress, `{"i": {"isPreferred": null}}`, "isPreferred"},
		"phone number":              {`mutation($i: PhonePatchInput!) { updatePhone(customerNumber: 1000001, phoneId: 1, input: $i) { phoneId } }`, `{"i": {"number": null}}`, "number"},
		"token status":              {`mutation($i: OvPayTokenPatchInput!) { updateOvPayToken(customerNumber: 1000001, ovPayTokenId: 1, input: $i) { ovPayTokenId } }`, `{"i": {"tokenStatusId": null}}`, "tokenStatusId"},
		"token alias":               {`mutation($i: OvPayTokenPatchInput!) { updateOvPayToken(customerNumber: 1000001, ovPayTokenId: 1, input: $i) { ovPayTokenId } }`, `{"i": {"alias": null}}`, "alias"},
		"IBAN":                      {`mutation($i: BillingInformationPatchInput!) { updateBillingInformation(customerNumber: 1000001, billingInformationId: 1, input: $i) { billingInformationId } }`, `{"i": {"iban": null}}`, "iban"},
		"mandate state":             {`mutation($i: DirectDebitMandatePatchInput!) { updateDirectDebitMandate(customerNumber: 1000001, directDebitMandateId: 1, input: $i) { directDebitMandateId } }`, `{"i": {"mandateState": null}}`, "mandateState"},
		"mandate reference literal": {`mutation { updateDirectDebitMandate(customerNumber: 1000001, directDebitMandateId: 1, input: {mandateReference: null}) { directDebitMandateId } }`, "", "mandateReference"},
	}
	checkRefusals(t, e, refusals)
}

// doOK runs a request with JSON variables as a touchpoint and fails the test on any error.
func (e *env) doOK(query, vars string) {
	e.t.Helper()
	if r := e.doRaw(touchpoint, query, vars); len(r.Errors) > 0 {
		e.t.Fatalf("unexpected errors: %+v", r.Errors)
	}
}
