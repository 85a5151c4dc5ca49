package rest

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
)

// Input the shim refuses with the documented 400 (issue 6), each measured case through the REST
// paths; resolvers/input_test.go has the same cases through GraphQL.
func TestABTCustomersRefusesInput(t *testing.T) {
	verify := func(field string) map[string]any {
		return errBody400(`Bad Request - please verify the value for the following field "` + field + `"`)
	}
	runAPICases(t, map[string][]apiCase{
		"integers beyond 32 bits": {
			{name: "debtorStatusId 2^32+3", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}",
				body: `{"debtorStatusId": 4294967299}`, status: 400, want: verify("debtorStatusId"), unchanged: true},
			{name: "houseNumber 2^32+1", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/addresses/1",
				body: `{"address": {"houseNumber": 4294967297}}`, status: 400, want: verify("houseNumber"), unchanged: true},
			{name: "addressTypeId 2^32+1", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/addresses/1",
				body: `{"address": {"addressTypeId": 4294967297}}`, status: 400, want: verify("addressTypeId"), unchanged: true},
			{name: "languageId 2^32+2", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/customerpreferences",
				body: `{"customerPreference": {"languageId": 4294967298}}`, status: 400, want: verify("languageId"), unchanged: true},
			{name: "languageId 2^32+2 as a string", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/customerpreferences",
				body: `{"customerPreference": {"languageId": "4294967298"}}`, status: 400,
				want: errBody400("numeric instance is greater than the required maximum (maximum: 2147483647, found: 4294967298)"), unchanged: true},
			{name: "houseNumber 2^63", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/addresses/1",
				body: `{"address": {"houseNumber": 9223372036854775808}}`, status: 400, want: verify("houseNumber"), unchanged: true},
			{name: "languageId 2.0", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/customerpreferences",
				body: `{"customerPreference": {"languageId": 2.0}}`, status: 400,
				want: errBody400("a number written with a fraction or an exponent is not an integer"), unchanged: true},
			{name: "chipCardNumber beyond 64 bits", as: asTouchpoint, method: "POST", path: "/customers/{cn}/ovchipcards",
				body: `{"ovChipCard": {"chipCardNumber": 18446744073709551617}}`, status: 400, want: verify("chipCardNumber"), unchanged: true},
		},
	})
}

// No text takes control characters or bidirectional overrides; a NUL byte was a 500.
func TestABTCustomersRefusesControlCharacters(t *testing.T) {
	verify := func(field string) map[string]any {
		return errBody400(`Bad Request - please verify the value for the following field "` + field + `"`)
	}
	runAPICases(t, map[string][]apiCase{
		"control characters": {
			{name: "NUL in a surname", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/persons",
				body: `{"person": {"surname": "Jan\u0000sen"}}`, status: 400, want: verify("surname"), unchanged: true},
			{name: "NUL in a street", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/addresses/1",
				body: `{"address": {"street": "Spui\u0000"}}`, status: 400, want: verify("street"), unchanged: true},
			{name: "NUL in a search parameter", as: asTouchpoint, method: "GET", path: "/customers?surname=Jan%00sen",
				status: 400, want: verify("surname")},
			{name: "NUL in a token filter", as: asTouchpoint, method: "GET", path: "/customers/{cn}/ovpaytokens?xtat=%00",
				status: 400, want: verify("xtat")},
			{name: "right-to-left override in a surname", as: asCustomer, method: "PATCH", path: "/selfservice/customers/{cn}/persons",
				body: `{"person": {"surname": "Jan\u202esen"}}`, status: 400, want: verify("surname"), unchanged: true},
			{name: "line feed in an account holder", as: asTouchpoint, method: "POST", path: "/customers/{cn}/financials/billinginformation",
				body:   `{"billingInformation": {"iban": "NL91ABNA0417164300", "ascription": "J.\nJansen", "alias": "x"}}`,
				status: 400, want: verify("ascription"), unchanged: true},
		},
	})
}

// Every text has a maximum length (the OpenAPI document carries it). 1 MB names and account
// holders were stored; a 1 MB e-mail address failed on its index's size limit (a 500). The
// bodies stay below the body cap, whose 413 is another matter.
func TestABTCustomersRefusesOverlongText(t *testing.T) {
	verify := func(field string) map[string]any {
		return errBody400(`Bad Request - please verify the value for the following field "` + field + `"`)
	}
	big := strings.Repeat("a", 1<<20-200)
	runAPICases(t, map[string][]apiCase{
		"overlong text": {
			{name: "1 MB surname", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/persons",
				body: `{"person": {"surname": "` + big + `"}}`, status: 400, want: verify("surname"), unchanged: true},
			{name: "1 MB e-mail address", as: asCustomer, method: "PATCH", path: "/selfservice/customers/{cn}/persons",
				body: `{"person": {"emailAddress": "` + big + `@example.nl"}}`, status: 400, want: verify("emailAddress"), unchanged: true},
			{name: "1 MB account holder", as: asTouchpoint, method: "POST", path: "/customers/{cn}/financials/billinginformation",
				body:   `{"billingInformation": {"iban": "NL91ABNA0417164300", "ascription": "` + big + `", "alias": "x"}}`,
				status: 400, want: verify("ascription"), unchanged: true},
			{name: "1 MB name in a new profile", as: asTouchpoint, method: "POST", path: "/customers",
				body: `{"person": {"birthname": "` + big + `"}}`, status: 400, want: verify("birthname"), unchanged: true},
			{name: "overlong search parameter", as: asTouchpoint, method: "GET", path: "/customers?emailAddress=" + strings.Repeat("a", 300),
				status: 400, want: verify("emailAddress")},
			{name: "overlong token filter", as: asTouchpoint, method: "GET", path: "/customers/{cn}/ovpaytokens?xtat=" + strings.Repeat("a", 101),
				status: 400, has: map[string]any{"code": "400", "message": "Invalid input parameter."}},
			{name: "house number 0", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/addresses/1",
				body: `{"address": {"houseNumber": 0}}`, status: 400, want: verify("houseNumber"), unchanged: true},
		},
	})
}

// Dates lie between 1900-01-01 and 9999-12-31; a date of birth or a token expiry in 1 BC was stored.
func TestABTCustomersRefusesDatesOutOfRange(t *testing.T) {
	runAPICases(t, map[string][]apiCase{
		"dates": {
			{name: "date of birth in 1 BC", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/persons",
				body: `{"person": {"dateOfBirth": "0000-06-01"}}`, status: 400,
				want: errBody400("0000-06-01 lies before 1900-01-01"), unchanged: true},
			{name: "token expiry in 1 BC", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/ovpaytokens/1",
				body: `{"ovPayToken": {"expirationDate": "0000-12-31T00:00:00Z"}}`, status: 400,
				want: errBody400("0000-12-31T00:00:00Z lies before 1900-01-01"), unchanged: true},
			{name: "search for a birth in 1 BC", as: asTouchpoint, method: "GET", path: "/customers?dateOfBirth=0000-01-01", status: 400,
				want: errBody400("0000-01-01 lies before 1900-01-01")},
		},
	})
}

// An enum value is spelled as the contract spells it ("signed" for SIGNED was a 500 through GraphQL).
func TestABTCustomersRefusesEnumInAnotherCase(t *testing.T) {
	runAPICases(t, map[string][]apiCase{
		"enums": {
			{name: "mandate state in lower case", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/financials/directdebitmandates/1",
				body: `{"directDebitMandate": {"mandateState": "signed"}}`, status: 400,
				want: errBody400(`Bad Request - please verify the value for the following field "mandateState"`), unchanged: true},
		},
	})
}

// PATCH bodies are JSON merge patches: the shim passes an explicit null on to GraphQL, where it
// clears an optional field; a field left out keeps its value; null for a field that cannot be
// empty is the documented 400. Before, null meant "unchanged".
func TestABTCustomersPatchIsAMergePatch(t *testing.T) {
	e := newEnv(t)
	f := e.seed()
	e.must(touchpoint, "PATCH", f.path+"/persons", `{"person": {"prefix": "van", "suffix": "jr."}}`, 202)
	// Address 2 has suffix A; the billing information 1 has a BIC.
	e.must(touchpoint, "PATCH", f.path+"/addresses/2", `{"address": {"houseNumberSuffix": null, "street": "Kneuterdijk"}}`, 202)
	e.must(customer(f.customerNumber), "PATCH", "/selfservice"+f.path+"/persons", `{"person": {"prefix": null}}`, 202)
	e.must(touchpoint, "PATCH", f.path+"/financials/billinginformation/1", `{"billingInformation": {"bic": null}}`, 201)
	e.must(touchpoint, "PATCH", f.path+"/customerpreferences", `{"customerPreference": {"languageId": null}}`, 202)

	var profile struct {
		CustomerPreference struct{ LanguageID *int } `json:"customerPreference"`
		Person             struct {
			Prefix, Suffix *string
			Address        []struct {
				AddressID         int
				Street            string
				HouseNumberSuffix *string
			}
		}
	}
	r := e.must(touchpoint, "GET", "/customers?customerNumber="+strconv.FormatInt(f.customerNumber, 10), "", 200)
	if err := json.Unmarshal(r.body, &profile); err != nil {
		t.Fatal(err)
	}
	a := profile.Person.Address[1]
	if a.AddressID != 2 || a.HouseNumberSuffix != nil || a.Street != "Kneuterdijk" {
		t.Errorf("address 2 after the patch: %+v", a)
	}
	if profile.Person.Prefix != nil || profile.Person.Suffix == nil || *profile.Person.Suffix != "jr." {
		t.Errorf("person after the patch: prefix %v, suffix %v", profile.Person.Prefix, profile.Person.Suffix)
	}
	if profile.CustomerPreference.LanguageID != nil {
		t.Errorf("language after the patch: %v", *profile.CustomerPreference.LanguageID)
	}
	fin := e.must(touchpoint, "GET", f.path+"/financials", "", 200).json(t)
	if bi := fin["billingInformation"].([]any)[0].(map[string]any); bi["bic"] != nil || bi["iban"] != "NL91ABNA0417164300" {
		t.Errorf("billing information 1 after the patch: %v", bi)
	}

	verify := func(field string) map[string]any {
		return errBody400(`Bad Request - please verify the value for the following field "` + field + `"`)
	}
	runAPICases(t, map[string][]apiCase{
		"null for a field that cannot be empty": {
			{name: "debtor status", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}",
				body: `{"debtorStatusId": null}`, status: 400, want: verify("debtorStatusId"), unchanged: true},
			{name: "street", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/addresses/1",
				body: `{"address": {"street": null}}`, status: 400, want: verify("street"), unchanged: true},
			{name: "phone number", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/phones/1",
				body: `{"phone": {"number": null}}`, status: 400, want: verify("number"), unchanged: true},
			{name: "token status", as: asCustomer, method: "PATCH", path: "/selfservice/customers/{cn}/ovpaytokens/1",
				body: `{"ovPayToken": {"tokenStatusId": null}}`, status: 400, want: verify("tokenStatusId"), unchanged: true},
			{name: "account holder", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/financials/billinginformation/1",
				body: `{"billingInformation": {"ascription": null}}`, status: 400, want: verify("ascription"), unchanged: true},
			{name: "mandate state", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/financials/directdebitmandates/1",
				body: `{"directDebitMandate": {"mandateState": null}}`, status: 400, want: verify("mandateState"), unchanged: true},
		},
	})
}
