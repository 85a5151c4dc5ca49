package resolvers_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"ovgraph/graph"
)

// Input the graph refuses (issue 6): each case answers BAD_USER_INPUT naming the offending field
// and leaves the database exactly as it was.

// doRaw runs a GraphQL request whose variables are given as JSON text, so a case can send what
// encoding/json would not write (2.0, numbers beyond 64 bits).
func (e *env) doRaw(caller graph.Caller, query, vars string) result {
	e.t.Helper()
	q, _ := json.Marshal(query)
	if vars == "" {
		vars = "{}"
	}
	body := fmt.Sprintf(`{"query": %s, "variables": %s}`, q, vars)
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader([]byte(body)))
	req.Header.Set("Content-Type", "application/json")
	ctx := graph.WithCorrelationID(req.Context(), "test-correlation")
	rec := httptest.NewRecorder()
	e.handler.ServeHTTP(rec, req.WithContext(graph.WithCaller(ctx, caller)))
	var out result
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		e.t.Fatalf("decode %s: %v", rec.Body.String(), err)
	}
	return out
}

// refusal is a request the graph must refuse: the query, its variables as JSON, and the field
// the error must name ("" when the document itself is invalid and has no field to name).
type refusal struct {
	query, vars, field string
}

// The profile newCustomer makes in a fresh database is 1000001 with address 1 and phone 1.
const (
	updateCustomer   = `mutation($i: UpdateCustomerInput!) { updateCustomer(customerNumber: 1000001, input: $i) { customerNumber } }`
	updatePreference = `mutation($i: CustomerPreferenceInput!) { updateCustomerPreference(customerNumber: 1000001, input: $i) { customerNumber } }`
	updateAddress    = `mutation($i: AddressPatchInput!) { updateAddress(customerNumber: 1000001, addressId: 1, input: $i) { addressId } }`
)

func checkRefusals(t *testing.T, e *env, cases map[string]refusal) {
	t.Helper()
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			before := e.fingerprint(t)
			r := e.doRaw(touchpoint, c.query, c.vars)
			if r.code() != string(graph.CodeBadUserInput) {
				t.Fatalf("code %q, want BAD_USER_INPUT: %+v", r.code(), r.Errors)
			}
			if c.field != "" && r.Errors[0].Extensions["field"] != c.field {
				t.Errorf("field %v, want %s: %+v", r.Errors[0].Extensions["field"], c.field, r.Errors[0])
			}
			if e.fingerprint(t) != before {
				t.Error("a refused request changed the database")
			}
		})
	}
}

// GraphQL's Int is a signed 32-bit integer. 2^32+3 used to be read into a Go int and cut to
// int32 on the way to the database: stored as 3 (Blocked).
func TestIntegersOutsideTheirRangeAreRefused(t *testing.T) {
	e := newEnv(t)
	e.newCustomer("range@example.nl")
	checkRefusals(t, e, map[string]refusal{
		"debtorStatusId 2^32+3":           {updateCustomer, `{"i": {"debtorStatusId": 4294967299}}`, "debtorStatusId"},
		"debtorStatusId 2^32+3 literal":   {`mutation { updateCustomer(customerNumber: 1000001, input: {debtorStatusId: 4294967299}) { customerNumber } }`, "", "debtorStatusId"},
		"houseNumber 2^32+1":              {updateAddress, `{"i": {"houseNumber": 4294967297}}`, "houseNumber"},
		"addressTypeId 2^32+1":            {updateAddress, `{"i": {"addressTypeId": 4294967297}}`, "addressTypeId"},
		"languageId 2^32+2":               {updatePreference, `{"i": {"languageId": 4294967298}}`, "languageId"},
		"languageId 2^32+2 as a string":   {updatePreference, `{"i": {"languageId": "4294967298"}}`, "languageId"},
		"languageId below -2^31":          {updatePreference, `{"i": {"languageId": -2147483649}}`, "languageId"},
		"customerNumber 2^32+1":           {`query($n: Int!) { customer(customerNumber: $n) { customerNumber } }`, `{"n": 4294967297}`, "customerNumber"},
		"houseNumber 2^63":                {updateAddress, `{"i": {"houseNumber": 9223372036854775808}}`, "houseNumber"},
		"languageId 2.0":                  {updatePreference, `{"i": {"languageId": 2.0}}`, "languageId"},
		"languageId 2.0 literal":          {`mutation { updateCustomerPreference(customerNumber: 1000001, input: {languageId: 2.0}) { customerNumber } }`, "", ""},
		"chipCardNumber beyond 64 bits":   {`mutation($c: Long!) { addOvChipCard(customerNumber: 1000001, input: {chipCardNumber: $c}) { ovChipCardId } }`, `{"c": 18446744073709551617}`, "chipCardNumber"},
		"chipCardNumber with an exponent": {`mutation($c: Long!) { addOvChipCard(customerNumber: 1000001, input: {chipCardNumber: $c}) { ovChipCardId } }`, `{"c": 1.000000000000001e15}`, "chipCardNumber"},
	})
}

const updatePerson = `mutation($i: PersonInput!) { updatePerson(customerNumber: 1000001, input: $i) { customerNumber } }`

// No text takes control characters or bidirectional overrides. A NUL byte made PostgreSQL refuse
// the statement (a 500); the others were stored, and an override makes a name display as another.
func TestControlCharactersAreRefused(t *testing.T) {
	e := newEnv(t)
	e.newCustomer("text@example.nl")
	checkRefusals(t, e, map[string]refusal{
		"NUL in a surname":            {updatePerson, `{"i": {"surname": "Jan\u0000sen"}}`, "surname"},
		"NUL in a street":             {updateAddress, `{"i": {"street": "Spui\u0000"}}`, "street"},
		"NUL in a search parameter":   {`query($s: String) { customers(filter: {surname: $s}) { totalCount } }`, `{"s": "Jan\u0000sen"}`, "surname"},
		"NUL in a token argument":     {`query($x: String) { customer(customerNumber: 1000001) { ovPayTokens(xTat: $x) { alias } } }`, `{"x": "\u0000"}`, "xTat"},
		"escape in a city":            {updateAddress, `{"i": {"city": "Den \u001b[31mHaag"}}`, "city"},
		"C1 next line in a birthname": {updatePerson, `{"i": {"birthname": "Jan\u0085sen"}}`, "birthname"},
		"right-to-left override":      {updatePerson, `{"i": {"surname": "Jan\u202esen"}}`, "surname"},
		"first strong isolate":        {updatePerson, `{"i": {"prefix": "\u2068van"}}`, "prefix"},
		"line feed in an account holder": {`mutation($i: BillingInformationInput!) { addBillingInformation(customerNumber: 1000001, input: $i) { billingInformationId } }`,
			`{"i": {"iban": "NL91ABNA0417164300", "ascription": "J.\nJansen", "alias": "x"}}`, "ascription"},
	})
	// Letters beyond ASCII are text like any other.
	e.ok(touchpoint, updatePerson, map[string]any{"i": map[string]any{"surname": "Ðurđević-Ñúñez 山田"}}, nil)
}

// Every text has a maximum length. 1 MB names and account holders were stored; a 1 MB e-mail
// address failed on the size limit of its index (a 500).
func TestOverlongTextIsRefused(t *testing.T) {
	e := newEnv(t)
	e.newCustomer("long@example.nl")
	mb := strings.Repeat("a", 1<<20)
	checkRefusals(t, e, map[string]refusal{
		"1 MB surname":          {updatePerson, `{"i": {"surname": "` + mb + `"}}`, "surname"},
		"201 character surname": {updatePerson, `{"i": {"surname": "` + strings.Repeat("é", 201) + `"}}`, "surname"},
		"1 MB e-mail address":   {updatePerson, `{"i": {"emailAddress": "` + mb + `@example.nl"}}`, "emailAddress"},
		"1 MB street":           {updateAddress, `{"i": {"street": "` + mb + `"}}`, "street"},
		"1 MB account holder": {`mutation($i: BillingInformationInput!) { addBillingInformation(customerNumber: 1000001, input: $i) { billingInformationId } }`,
			`{"i": {"iban": "NL91ABNA0417164300", "ascription": "` + mb + `", "alias": "x"}}`, "ascription"},
		"1 MB name in a new profile": {createCustomer, `{"input": {"person": {"birthname": "` + mb + `"}}}`, "birthname"},
		"1 MB search parameter":      {`query($s: String) { customers(filter: {emailAddress: $s}) { totalCount } }`, `{"s": "` + mb + `"}`, "emailAddress"},
		"1 MB cursor":                {`query($a: String) { customers(after: $a) { totalCount } }`, `{"a": "` + mb + `"}`, "after"},
		"house number 0":             {updateAddress, `{"i": {"houseNumber": 0}}`, "houseNumber"},
		"house number 100000":        {updateAddress, `{"i": {"houseNumber": 100000}}`, "houseNumber"},
	})
	// At the limit is fine: 200 characters, whatever their encoding.
	e.ok(touchpoint, updatePerson, map[string]any{"i": map[string]any{"surname": strings.Repeat("é", 200)}}, nil)
}

// Dates lie between 1900-01-01 and 9999-12-31. A date of birth or a token expiry in 1 BC (year 0)
// was stored.
func TestDatesOutsideTheirRangeAreRefused(t *testing.T) {
	e := newEnv(t)
	e.newCustomer("dates@example.nl")
	e.ok(touchpoint, `mutation { addOvPayToken(customerNumber: 1000001, input: {tokenTypeId: 1, xTat: "t", xBot: "b",
	  alias: "a", lastDigits: "1234"}) { ovPayTokenId } }`, nil, nil)
	const updateToken = `mutation($i: OvPayTokenPatchInput!) { updateOvPayToken(customerNumber: 1000001, ovPayTokenId: 1, input: $i) { ovPayTokenId } }`
	checkRefusals(t, e, map[string]refusal{
		"date of birth in 1 BC":           {updatePerson, `{"i": {"dateOfBirth": "0000-06-01"}}`, "dateOfBirth"},
		"date of birth in 1899":           {updatePerson, `{"i": {"dateOfBirth": "1899-12-31"}}`, "dateOfBirth"},
		"token expiry in 1 BC":            {updateToken, `{"i": {"expirationDate": "0000-12-31T00:00:00Z"}}`, "expirationDate"},
		"token expiry in 1 BC, zone-less": {updateToken, `{"i": {"expirationDate": "0000-12-31 00:00:00.000"}}`, "expirationDate"},
		"chip card valid until 1 BC":      {`mutation { addOvChipCard(customerNumber: 1000001, input: {chipCardNumber: 1000000000000001, validUntil: "0000-01-01"}) { ovChipCardId } }`, "", "validUntil"},
		"search for a birth in 1 BC":      {`query($d: Date) { customers(filter: {dateOfBirth: $d}) { totalCount } }`, `{"d": "0000-01-01"}`, "dateOfBirth"},
	})
	// The first day of the range is fine.
	e.ok(touchpoint, updatePerson, map[string]any{"i": map[string]any{"dateOfBirth": "1900-01-01"}}, nil)
}

// An enum value is spelled as the schema spells it; "signed" for SIGNED answered INTERNAL.
func TestEnumValuesInAnotherCaseAreRefused(t *testing.T) {
	e := newEnv(t)
	e.newCustomer("enum@example.nl")
	e.ok(touchpoint, `mutation { addBillingInformation(customerNumber: 1000001, input: {iban: "NL91ABNA0417164300",
	  ascription: "J. Jansen", alias: "x"}) { billingInformationId } }`, nil, nil)
	e.ok(touchpoint, `mutation { addDirectDebitMandate(customerNumber: 1000001, input: {directDebitMandateTypeId: 1,
	  billingInformationId: 1, mandateReference: "REF-1"}) { directDebitMandateId } }`, nil, nil)
	const updateMandate = `mutation($i: DirectDebitMandatePatchInput!) { updateDirectDebitMandate(customerNumber: 1000001,
	  directDebitMandateId: 1, input: $i) { directDebitMandateId } }`
	checkRefusals(t, e, map[string]refusal{
		"lower case":   {updateMandate, `{"i": {"mandateState": "signed"}}`, "mandateState"},
		"unknown":      {updateMandate, `{"i": {"mandateState": "DONE"}}`, "mandateState"},
		"not a string": {updateMandate, `{"i": {"mandateState": 2}}`, "mandateState"},
		"literal":      {`mutation { updateDirectDebitMandate(customerNumber: 1000001, directDebitMandateId: 1, input: {mandateState: signed}) { directDebitMandateId } }`, "", ""},
	})
}
