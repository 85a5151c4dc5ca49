package rest

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"ovgraph/graph"
)

// Every error code of the graph has a status and body in the ABTCustomers form, and so has a body
// over the cap.
func TestABTErrorsCoverEveryCode(t *testing.T) {
	checkDialect(t, ABTCustomersAPI().Errors, func(t *testing.T, body map[string]any) {
		if _, ok := body["code"].(string); !ok {
			t.Errorf("code is not a string: %v", body)
		}
	})
}

// The documented error bodies.
func errBody400(description string) map[string]any {
	return map[string]any{"code": "400", "type": "Bad Request - Input parameters",
		"message": "Invalid input parameter.", "description": description}
}

var (
	// The gateway's 401 in the contract's shape; its description names the header to send.
	errBody401NoToken = map[string]any{"code": "900901", "message": "Invalid Credentials",
		"description": graph.ErrNoApplication.Message}
	errBody401NoCustomerToken = map[string]any{"code": "900901", "message": "Invalid Credentials",
		"description": errNoCustomerToken.Message}
	errBody404 = map[string]any{"code": "404", "type": "Status report", "message": "Not Found",
		"description": "The requested resource is not available."}
	errBody409Email = map[string]any{"code": "409", "type": "Conflict", "message": "emailAddress already exists.",
		"description": ""}
)

// apiCase is one request and what it must answer. Body checks are exact when want is set (the
// value "{cn}" stands for the fixture's customer number), and partial (the listed keys) when has
// is set.
type apiCase struct {
	name         string
	as           func(f fixture, other fixture) who
	method, path string // path may use {cn} and {other} for the two customers' numbers
	body         string
	status       int
	want         map[string]any
	has          map[string]any
	// unchanged asserts the database is exactly as before the request.
	unchanged bool
}

func asTouchpoint(fixture, fixture) who { return touchpoint }
func asCustomer(f, _ fixture) who       { return customer(f.customerNumber) }
func asNobody(fixture, fixture) who     { return nobody }

const validAddress = `"street": "Spui", "houseNumber": 1, "postalCode": "2511BT", "city": "Den Haag", "country": "NL"`

func TestABTCustomersOutcomes(t *testing.T) {
	groups := map[string][]apiCase{
		"status codes": {
			{name: "201 create returns the new customer number", as: asTouchpoint,
				method: "POST", path: "/customers", body: `{"person": {"emailAddress": "new@example.nl"}}`,
				status: 201, has: map[string]any{"customerNumber": float64(1000003)}},
			{name: "201 address returns customer number and address id", as: asTouchpoint,
				method: "POST", path: "/customers/{cn}/addresses", body: `{"address": {` + validAddress + `, "addressTypeId": 1}}`,
				status: 201, has: map[string]any{"addressId": float64(4)}},
			{name: "201 selfservice create makes the token's own profile", as: func(fixture, fixture) who { return customer(2000001) },
				method: "POST", path: "/selfservice/customers", body: `{}`,
				status: 201, has: map[string]any{"customerNumber": float64(1000003)}},
			{name: "202 patch address answers its id", as: asTouchpoint,
				method: "PATCH", path: "/customers/{cn}/addresses/2", body: `{"address": {"city": "Delft"}}`,
				status: 202, want: map[string]any{"id": float64(2)}},
			{name: "201 financial patch answers the customer number", as: asCustomer,
				method: "PATCH", path: "/selfservice/customers/{cn}/financials/billinginformation/2", body: `{"billingInformation": {"alias": "nieuw"}}`,
				status: 201, want: map[string]any{"customerNumber": "{cn}"}},
			{name: "202 delete has no body", as: asTouchpoint,
				method: "DELETE", path: "/customers/{cn}/phones/2", status: 202},
			{name: "202 selfservice delete without the header the contract forgot", as: asCustomer,
				method: "DELETE", path: "/selfservice/customers/{cn}/ovchipcards/1", status: 202},
			{name: "409 duplicate e-mail on create", as: asTouchpoint,
				method: "POST", path: "/customers", body: `{"person": {"emailAddress": "FIXTURE@example.nl"}}`,
				status: 409, want: errBody409Email, unchanged: true},
			{name: "409 duplicate e-mail on person update", as: asTouchpoint,
				method: "PATCH", path: "/customers/{other}/persons", body: `{"person": {"emailAddress": "` + fixtureEmail + `"}}`,
				status: 409, want: errBody409Email, unchanged: true},
			{name: "422 forbidden status transition active to cleared", as: asTouchpoint,
				method: "POST", path: "/customers/{cn}/statuses", body: `{"customerStatus": {"name": "cleared"}}`,
				status: 422, want: map[string]any{"code": "422", "type": "Unprocessable entity",
					"message": "Forbidden state transition requested! From Active to Cleared not allowed."}, unchanged: true},
			{name: "404 unknown customer", as: asTouchpoint,
				method: "GET", path: "/customers/9999999/financials", status: 404, want: errBody404},
			{name: "404 another customer's number on a selfservice route", as: asCustomer,
				method: "GET", path: "/selfservice/customers/{other}/financials", status: 404, want: errBody404},
			{name: "404 another customer's number on a selfservice write", as: asCustomer,
				method: "POST", path: "/selfservice/customers/{other}/phones", body: `{"phone": {"number": "612345679", "countryCode": "0031", "phoneTypeId": 1}}`,
				status: 404, want: errBody404, unchanged: true},
			{name: "404 no profile matches", as: asTouchpoint,
				method: "GET", path: "/customers?emailAddress=nobody@example.nl", status: 404, want: errBody404},
			{name: "404 no profile in the list", as: asTouchpoint,
				method: "GET", path: "/customers/list?surname=Niemand", status: 404, want: errBody404},
			{name: "404 unknown path", as: asTouchpoint,
				method: "GET", path: "/nothing/here", status: 404, want: errBody404},
			{name: "401 no token", as: asNobody,
				method: "GET", path: "/customers/{cn}/financials", status: 401, want: errBody401NoToken},
			{name: "401 no token on a write", as: asNobody,
				method: "POST", path: "/customers/{cn}/statuses", body: `{"customerStatus": {"name": "blocked"}}`,
				status: 401, want: errBody401NoToken, unchanged: true},
			{name: "401 touchpoint token alone on a selfservice route", as: asTouchpoint,
				method: "GET", path: "/selfservice/customers", status: 401, want: errBody401NoCustomerToken},
			{name: "403 customer token on a touchpoint route", as: asCustomer,
				method: "PATCH", path: "/customers/{cn}", body: `{"debtorStatusId": 2}`, status: 403,
				has: map[string]any{"code": "403", "type": "Forbidden"}, unchanged: true},
			{name: "200 profile by customer number", as: asTouchpoint,
				method: "GET", path: "/customers?customerNumber={cn}", status: 200,
				has: map[string]any{"debtorStateId": float64(1), "customerProfileId": float64(1)}},
			{name: "200 profile list by surname", as: asTouchpoint,
				method: "GET", path: "/customers/list?surname=Klant", status: 200},
			{name: "200 own profile", as: asCustomer,
				method: "GET", path: "/selfservice/customers", status: 200},
			{name: "200 tokens narrowed by ovPasNumber", as: asTouchpoint,
				method: "GET", path: "/customers/{cn}/ovpaytokens?ovPasNumber=OV00001", status: 200},
		},
		"bad input": {
			{name: "no search parameter", as: asTouchpoint, method: "GET", path: "/customers", status: 400,
				want: errBody400("Bad Request: Input parameters missing! Please fill in at least 1 valid input parameter.")},
			{name: "no search parameter on the list", as: asTouchpoint, method: "GET", path: "/customers/list?unknown=1", status: 400,
				want: errBody400("Bad Request: Input parameters missing! Please fill in at least 1 valid input parameter.")},
			{name: "malformed path parameter", as: asTouchpoint, method: "GET", path: "/customers/12ab/financials", status: 400,
				want: errBody400(`Bad Request - please verify the value for the following field "customerNumber"`)},
			{name: "malformed query parameter", as: asTouchpoint, method: "GET", path: "/customers?addressHouseNumber=vijf", status: 400,
				want: errBody400(`Bad Request - please verify the value for the following field "addressHouseNumber"`)},
			{name: "malformed date query parameter", as: asTouchpoint, method: "GET", path: "/customers?dateOfBirth=1980-13-01", status: 400,
				has: map[string]any{"code": "400", "message": "Invalid input parameter."}},
			{name: "malformed JSON", as: asTouchpoint, method: "POST", path: "/customers/{cn}/addresses",
				body: `{"address": {"street": "Spui",`, status: 400, has: map[string]any{"code": "400"}, unchanged: true},
			{name: "empty body", as: asTouchpoint, method: "POST", path: "/customers",
				body: ``, status: 400, want: errBody400("Bad Request - the request body is missing; a JSON object is required"), unchanged: true},
			{name: "body not an object", as: asTouchpoint, method: "POST", path: "/customers",
				body: `[{"person": {}}]`, status: 400, want: errBody400("Bad Request - the request body must be a JSON object"), unchanged: true},
			{name: "wrong type: string for an integer", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/customerpreferences",
				body: `{"customerPreference": {"languageId": "een"}}`, status: 400,
				want: errBody400(`Bad Request - please verify the value for the following field "languageId"`), unchanged: true},
			{name: "wrong type: number for a string", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/persons",
				body: `{"person": {"surname": 42}}`, status: 400,
				want: errBody400(`Bad Request - please verify the value for the following field "surname"`), unchanged: true},
			{name: "wrong type: fraction for an integer", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}",
				body: `{"debtorStatusId": 1.5}`, status: 400,
				want: errBody400(`Bad Request - please verify the value for the following field "debtorStatusId"`), unchanged: true},
			{name: "wrong type: wrapper is not an object", as: asTouchpoint, method: "POST", path: "/customers/{cn}/addresses",
				body: `{"address": "Spui 1"}`, status: 400,
				want: errBody400(`Bad Request - please verify the value for the following field "address"`), unchanged: true},
			{name: "unknown field", as: asTouchpoint, method: "POST", path: "/customers/{cn}/addresses",
				body: `{"address": {` + validAddress + `, "addressTypeId": 1, "floor": 3}}`, status: 400,
				want: errBody400(`object instance has properties which are not allowed by the schema: ["floor"]`), unchanged: true},
			{name: "unknown top-level field", as: asTouchpoint, method: "POST", path: "/customers/{cn}/addresses",
				body: `{"address": {` + validAddress + `, "addressTypeId": 1}, "extra": true}`, status: 400,
				want: errBody400(`object instance has properties which are not allowed by the schema: ["extra"]`), unchanged: true},
			{name: "unknown field in a flat body", as: asTouchpoint, method: "POST", path: "/customers",
				body: `{"emailAddress": "x@example.nl"}`, status: 400,
				want: errBody400(`object instance has properties which are not allowed by the schema: ["emailAddress"]`), unchanged: true},
			{name: "missing required field", as: asTouchpoint, method: "POST", path: "/customers/{cn}/addresses",
				body: `{"address": {` + validAddress + `}}`, status: 400,
				want: errBody400(`object has missing required properties (["addressTypeId"])`), unchanged: true},
			{name: "missing wrapper", as: asTouchpoint, method: "POST", path: "/customers/{cn}/addresses",
				body: `{}`, status: 400,
				want: errBody400(`object has missing required properties (["address"])`), unchanged: true},
			{name: "invalid IBAN", as: asTouchpoint, method: "POST", path: "/customers/{cn}/financials/billinginformation",
				body: `{"billingInformation": {"iban": "NL91ABNA0417164301", "ascription": "F. Klant", "alias": "x"}}`, status: 400,
				want: errBody400(`iban "NL91ABNA0417164301" fails the mod-97 checksum`), unchanged: true},
			{name: "NL postal code with a space", as: asTouchpoint, method: "POST", path: "/customers/{cn}/addresses",
				body:   `{"address": {"street": "Spui", "houseNumber": 1, "postalCode": "2500 AA", "city": "Den Haag", "country": "NL", "addressTypeId": 1}}`,
				status: 400, want: map[string]any{"code": "400", "type": "Bad Request - Input parameters",
					"message":     "Invalid input parameter for country validation (NL).",
					"description": `ECMA 262 regex "^(?:\d{4}[A-Z]{2})?$" does not match input string "2500 AA"`}, unchanged: true},
			{name: "NL postal code with a space in a new profile", as: asTouchpoint, method: "POST", path: "/customers",
				body:   `{"person": {"emailAddress": "nieuw@example.nl"}, "addresses": [{"street": "Spui", "houseNumber": 1, "postalCode": "2500 AA", "city": "Den Haag", "country": "NL", "addressTypeId": 1}]}`,
				status: 400, has: map[string]any{"message": "Invalid input parameter for country validation (NL)."}, unchanged: true},
			{name: "chip card number too small", as: asTouchpoint, method: "POST", path: "/customers/{cn}/ovchipcards",
				body: `{"ovChipCard": {"chipCardNumber": 999999999999999}}`, status: 400,
				want: errBody400("numeric instance is lower than the required minimum (minimum: 1000000000000000, found: 999999999999999)"), unchanged: true},
			{name: "chip card number too large", as: asCustomer, method: "POST", path: "/selfservice/customers/{cn}/ovchipcards",
				body: `{"ovChipCard": {"chipCardNumber": 10000000000000000}}`, status: 400,
				want: errBody400("numeric instance is greater than the required maximum (maximum: 9999999999999999, found: 10000000000000000)"), unchanged: true},
			{name: "unknown customer", as: asTouchpoint, method: "POST", path: "/customers/9999999/phones",
				body: `{"phone": {"number": "612345679", "countryCode": "0031", "phoneTypeId": 1}}`, status: 404, want: errBody404, unchanged: true},
			{name: "unknown child", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/phones/99",
				body: `{"phone": {"number": "612345679"}}`, status: 404, want: errBody404, unchanged: true},
			{name: "another customer's child", as: asTouchpoint, method: "DELETE", path: "/customers/{other}/addresses/1",
				status: 404, want: errBody404, unchanged: true},
			{name: "duplicate e-mail", as: asCustomer, method: "PATCH", path: "/selfservice/customers/{cn}/persons",
				body: `{"person": {"emailAddress": "other@example.nl"}}`, status: 409, want: errBody409Email, unchanged: true},
			{name: "unknown language", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/customerpreferences",
				body: `{"customerPreference": {"languageId": 9}}`, status: 400,
				want: errBody400("Bad Request: Update Or Delete failed as conflicted with foreign Key constraint 'languageId'"), unchanged: true},
			{name: "null for a required wrapper", as: asTouchpoint, method: "POST", path: "/customers/{cn}/statuses",
				body: `{"customerStatus": null}`, status: 400, has: map[string]any{"code": "400"}, unchanged: true},
			{name: "invalid mandate state", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/financials/directdebitmandates/1",
				body: `{"directDebitMandate": {"mandateState": "DONE"}}`, status: 400,
				want: errBody400(`Bad Request - please verify the value for the following field "mandateState"`), unchanged: true},
			{name: "several unknown fields, listed in order", as: asTouchpoint, method: "POST", path: "/customers/{cn}/addresses",
				body: `{"address": {` + validAddress + `, "addressTypeId": 1, "floor": 3, "annex": "b"}}`, status: 400,
				want: errBody400(`object instance has properties which are not allowed by the schema: ["annex","floor"]`), unchanged: true},
			{name: "several missing fields, listed in order", as: asTouchpoint, method: "POST", path: "/customers/{cn}/addresses",
				body: `{"address": {"street": "Spui"}}`, status: 400,
				want: errBody400(`object has missing required properties (["addressTypeId","city","country","houseNumber","postalCode"])`), unchanged: true},
			{name: "missing field in a list element", as: asTouchpoint, method: "POST", path: "/customers",
				body: `{"phones": [{"number": "612345678", "countryCode": "0031"}]}`, status: 400,
				want: errBody400(`object has missing required properties (["phoneTypeId"])`), unchanged: true},
			{name: "wrong type of a list element", as: asTouchpoint, method: "POST", path: "/customers",
				body: `{"addresses": [1]}`, status: 400,
				want: errBody400(`Bad Request - please verify the value for the following field "addresses"`), unchanged: true},
			{name: "integer beyond 32 bits", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/addresses/1",
				body: `{"address": {"houseNumber": 3000000000}}`, status: 400,
				want: errBody400(`Bad Request - please verify the value for the following field "houseNumber"`), unchanged: true},
			{name: "null for a non-null field", as: asTouchpoint, method: "POST", path: "/customers/{cn}/phones",
				body: `{"phone": {"number": null, "countryCode": "0031", "phoneTypeId": 1}}`, status: 400,
				want: errBody400(`Bad Request - please verify the value for the following field "number"`), unchanged: true},
			{name: "body is null", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}",
				body: `null`, status: 400, want: errBody400("Bad Request - the request body must be a JSON object"), unchanged: true},
			{name: "data after the body", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}",
				body: `{"debtorStatusId": 2} {}`, status: 400,
				want: errBody400("Bad Request - the request body is not valid JSON: data after the JSON value"), unchanged: true},
			{name: "empty integer query parameter", as: asTouchpoint, method: "GET", path: "/customers?customerNumber=", status: 400,
				want: errBody400(`Bad Request - please verify the value for the following field "customerNumber"`)},
			{name: "path parameter beyond 32 bits", as: asTouchpoint, method: "DELETE", path: "/customers/{cn}/phones/3000000000", status: 400,
				want: errBody400(`Bad Request - please verify the value for the following field "phoneId"`), unchanged: true},
			{name: "date-time the scalar refuses", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/ovpaytokens/2",
				body: `{"ovPayToken": {"expirationDate": "2030-02-30T00:00:00Z"}}`, status: 400,
				has: map[string]any{"code": "400", "message": "Invalid input parameter."}, unchanged: true},
		},
		// What GraphQL reads beyond the strict JSON type, the document takes too.
		"lenient input": {
			{name: "integer as a string of digits", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/customerpreferences",
				body: `{"customerPreference": {"languageId": "2"}}`, status: 202, want: map[string]any{"customerNumber": "{cn}"}},
			{name: "last digits as a number", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/ovpaytokens/2",
				body: `{"ovPayToken": {"lastDigits": 4321}}`, status: 202, want: map[string]any{"customerNumber": "{cn}"}},
			{name: "chip card number as a string", as: asTouchpoint, method: "POST", path: "/customers/{cn}/ovchipcards",
				body: `{"ovChipCard": {"chipCardNumber": "1000000000000002"}}`, status: 201, has: map[string]any{"ovChipCardId": float64(2)}},
			{name: "zone-less date-time", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/ovpaytokens/2",
				body: `{"ovPayToken": {"expirationDate": "2030-01-01 00:00:00.000"}}`, status: 202, want: map[string]any{"customerNumber": "{cn}"}},
			{name: "null for a nullable field", as: asTouchpoint, method: "PATCH", path: "/customers/{cn}/addresses/2",
				body: `{"address": {"houseNumberSuffix": null}}`, status: 202, want: map[string]any{"id": float64(2)}},
		},
	}
	runAPICases(t, groups)
}

// runAPICases runs groups of cases in parallel, each on a fresh database with the fixture and a
// second customer.
func runAPICases(t *testing.T, groups map[string][]apiCase) {
	for group, cases := range groups {
		t.Run(group, func(t *testing.T) {
			t.Parallel()
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					t.Parallel()
					e := newEnv(t)
					f := e.seed()
					other := e.otherCustomer()
					path := strings.NewReplacer("{cn}", strconv.FormatInt(f.customerNumber, 10),
						"{other}", strconv.FormatInt(other.customerNumber, 10)).Replace(c.path)
					var before map[string]string
					if c.unchanged {
						before = e.fingerprint()
					}
					r := e.do(c.as(f, other), c.method, path, c.body)
					if r.status != c.status {
						t.Fatalf("want %d, got %s", c.status, r)
					}
					number := float64(f.customerNumber)
					switch {
					case c.want != nil:
						want := map[string]any{}
						for k, v := range c.want {
							if v == "{cn}" {
								v = number
							}
							want[k] = v
						}
						if got := r.json(t); !reflect.DeepEqual(got, want) {
							t.Errorf("body\n got %v\nwant %v", got, want)
						}
					case c.has != nil:
						got := r.json(t)
						for k, v := range c.has {
							if !reflect.DeepEqual(got[k], v) {
								t.Errorf("%s = %v, want %v (body %s)", k, got[k], v, r.body)
							}
						}
					case c.status == http.StatusAccepted && len(r.body) != 0:
						t.Errorf("202 with a body: %s", r.body)
					}
					if c.unchanged {
						e.unchanged(before)
					}
				})
			}
		})
	}
}

// otherCustomer is a second, bare profile.
func (e *testEnv) otherCustomer() fixture {
	e.t.Helper()
	r := e.must(touchpoint, http.MethodPost, "/customers", `{"person": {"emailAddress": "other@example.nl"}}`, http.StatusCreated)
	n := int64(r.json(e.t)["customerNumber"].(float64))
	e.link(n)
	return fixture{customerNumber: n, path: "/customers/" + strconv.FormatInt(n, 10)}
}

// Writes through the shim change what reads through it show: a delete removes the child, a
// status change closes the old status, and the 16-digit chip card number survives the round trip.
func TestABTCustomersRoundTrip(t *testing.T) {
	e := newEnv(t)
	f := e.seed()
	cn := strconv.FormatInt(f.customerNumber, 10)
	e.must(touchpoint, "DELETE", f.path+"/phones/2", "", http.StatusAccepted)
	e.must(touchpoint, "POST", f.path+"/statuses", `{"customerStatus": {"name": "blocked"}}`, http.StatusCreated)
	e.must(customer(f.customerNumber), "POST", "/selfservice"+f.path+"/ovchipcards",
		`{"ovChipCard": {"chipCardNumber": 9876543210987654}}`, http.StatusCreated)

	var profile struct {
		CustomerNumber int64 `json:"customerNumber"`
		CustomerStatus []struct {
			Name        string  `json:"name"`
			ToInclusive *string `json:"toInclusive"`
		} `json:"customerStatus"`
		Person struct {
			Phone   []struct{ PhoneID int }   `json:"phone"`
			Address []struct{ AddressID int } `json:"address"`
		} `json:"person"`
		OvChipCard []struct {
			ChipCardNumber json.Number `json:"chipCardNumber"`
		} `json:"ovChipCard"`
		OvPayToken []struct {
			LastDigits string `json:"lastDigits"`
		} `json:"ovPayToken"`
		Audit []struct {
			User string `json:"user"`
		} `json:"audit"`
	}
	r := e.must(touchpoint, "GET", "/customers?customerNumber="+cn, "", http.StatusOK)
	if err := json.Unmarshal(r.body, &profile); err != nil {
		t.Fatal(err)
	}
	if profile.CustomerNumber != f.customerNumber || len(profile.Person.Phone) != 1 || len(profile.Person.Address) != 3 {
		t.Errorf("profile: %s", r.body)
	}
	if n := len(profile.CustomerStatus); n != 2 || profile.CustomerStatus[0].ToInclusive == nil ||
		profile.CustomerStatus[1].Name != "blocked" || profile.CustomerStatus[1].ToInclusive != nil {
		t.Errorf("statuses: %+v", profile.CustomerStatus)
	}
	if len(profile.OvChipCard) != 2 || profile.OvChipCard[1].ChipCardNumber != "9876543210987654" {
		t.Errorf("chip cards: %+v", profile.OvChipCard)
	}
	if len(profile.OvPayToken) != 2 || profile.OvPayToken[1].LastDigits != "0001" {
		t.Errorf("tokens: %+v", profile.OvPayToken)
	}
	last := profile.Audit[len(profile.Audit)-1]
	if last.User != "customer:"+subjectOf(f.customerNumber) {
		t.Errorf("last audit entry by %q, want the customer %s", last.User, cn)
	}

	// The selfservice profile is the same document read through me.
	own := e.must(customer(f.customerNumber), "GET", "/selfservice/customers", "", http.StatusOK)
	if string(own.body) != string(r.body) {
		t.Errorf("selfservice profile differs:\n%s\n%s", own.body, r.body)
	}
	list := e.must(touchpoint, "GET", "/customers/list?addressCity=Den%20Haag", "", http.StatusOK).json(t)
	if entries, _ := list["Entries"].([]any); len(entries) != 1 {
		t.Errorf("list: %v", list)
	}
}
