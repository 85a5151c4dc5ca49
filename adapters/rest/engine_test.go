package rest

import (
	"context"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"ovgraph/graph"
)

// testAPI is a small API of the tests' own, on the real schema and in the ABTCustomers error form,
// for what no ABTCustomers route does. docs holds its documents by name.
func testAPI(routes []Route, docs map[string]string) API {
	files := fstest.MapFS{}
	for name, text := range docs {
		files[name+".graphql"] = &fstest.MapFile{Data: []byte(text)}
	}
	return API{Name: "test", BasePath: "/test", Routes: routes, Documents: files,
		Schema: graph.NewExecutableSchema(graph.Config{}).Schema(),
		Info:   OpenAPIInfo{Title: "test", Version: "1"}, Errors: abtCustomersDialect()}
}

// newTestAPIEnv serves the API beside ABTCustomers, which seeds the fixture; the environment calls
// the API.
func newTestAPIEnv(t *testing.T, api API) (*testEnv, fixture) {
	t.Helper()
	abt := newAPIEnv(t, Config{}, ABTCustomersAPI(), api)
	return abt.at(api), abt.seed()
}

// The cap on request bodies is the lower of the API's and the server's, or a default.
func TestMaxBodyBytes(t *testing.T) {
	for _, c := range []struct {
		api, server, want int64
	}{
		{0, 0, DefaultMaxBodyBytes},
		{100, 0, 100},
		{0, 200, 200},
		{100, 200, 100},
		{300, 200, 200},
	} {
		if got := (API{MaxBodyBytes: c.api}).maxBodyBytes(Config{MaxBodyBytes: c.server}); got != c.want {
			t.Errorf("API %d, server %d: cap %d, want %d", c.api, c.server, got, c.want)
		}
	}
}

// A body over the cap answers 413 in the API's error form and changes nothing; one at the cap
// goes through. The cap is the server's or the API's, whichever is lower.
func TestBodyTooLarge(t *testing.T) {
	const address = `{"address": {"street": "Spui", "houseNumber": 1, "postalCode": "2511BT", "city": "Den Haag", "country": "NL", "addressTypeId": 1}}`
	// padded is the address body with trailing white space, n bytes long.
	padded := func(n int) string { return address + strings.Repeat(" ", n-len(address)) }
	tooLarge := func(limit string) map[string]any {
		return map[string]any{"code": "413", "type": "Content Too Large", "message": "Content Too Large",
			"description": "The request body is larger than the limit of " + limit + " bytes."}
	}
	small := ABTCustomersAPI()
	small.MaxBodyBytes = 200
	for _, c := range []struct {
		name   string
		api    API
		cfg    Config
		size   int
		status int
		want   map[string]any
	}{
		{"at the server's cap", ABTCustomersAPI(), Config{MaxBodyBytes: 300}, 300, http.StatusCreated, nil},
		{"over the server's cap", ABTCustomersAPI(), Config{MaxBodyBytes: 300}, 301, http.StatusRequestEntityTooLarge, tooLarge("300")},
		{"at the API's cap", small, Config{MaxBodyBytes: 1000}, 200, http.StatusCreated, nil},
		{"over the API's cap", small, Config{MaxBodyBytes: 1000}, 201, http.StatusRequestEntityTooLarge, tooLarge("200")},
		{"far over the cap", small, Config{}, 100000, http.StatusRequestEntityTooLarge, tooLarge("200")},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			e := newAPIEnv(t, c.cfg, c.api)
			f := e.otherCustomer() // the fixture's own body is over the caps
			before := e.fingerprint()
			r := e.must(touchpoint, http.MethodPost, f.path+"/addresses", padded(c.size), c.status)
			if c.want == nil {
				return
			}
			if got := r.json(t); !reflect.DeepEqual(got, c.want) {
				t.Errorf("body %v, want %v", got, c.want)
			}
			e.unchanged(before)
		})
	}
}

// Every body is read as JSON, as the gateway did, whatever the request's Content-Type says.
func TestBodyContentType(t *testing.T) {
	e := newEnv(t)
	f := e.otherCustomer()
	for _, ct := range []string{"", "text/plain", "application/json; charset=utf-8"} {
		req, err := http.NewRequest(http.MethodPost, e.base+f.path+"/phones",
			strings.NewReader(`{"phone": {"number": "612345678", "countryCode": "0031", "phoneTypeId": 1}}`))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set(headerTouchpoint, touchpoint.touchpoint)
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusCreated {
			t.Errorf("Content-Type %q: status %d", ct, res.StatusCode)
		}
	}
}

// Variables come from headers too, converted as query parameters are; the OpenAPI document lists
// them as header parameters and the request validation holds them to it.
func TestHeaderVariables(t *testing.T) {
	api := testAPI([]Route{{Method: http.MethodGet, Path: "/tokens", OperationID: "tokens", Auth: Touchpoint,
		Vars: []Var{{Name: "customerNumber", From: Header, Key: "X-Customer-Number", Kind: Int},
			{Name: "ovpasNumber", From: Header, Key: "X-Ovpas-Number", Kind: String}},
		Data: "customer", Status: http.StatusOK}},
		map[string]string{"tokens": `query tokens($customerNumber: Int!, $ovpasNumber: String) {
			customer(customerNumber: $customerNumber) { ovPayTokens(ovpasNumber: $ovpasNumber) { ovPayTokenId } } }`})

	doc, err := api.OpenAPI()
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("validate: %v", err)
	}
	params := doc.Paths.Value("/tokens").Get.Parameters
	for _, want := range []struct {
		name     string
		typ      string
		required bool
	}{{"X-Customer-Number", "integer", true}, {"X-Ovpas-Number", "string", false}} {
		p := params.GetByInAndName("header", want.name)
		if p == nil || !p.Schema.Value.Type.Is(want.typ) || p.Required != want.required {
			t.Errorf("header parameter %s: %+v, want %s, required %v", want.name, p, want.typ, want.required)
		}
	}

	e, f := newTestAPIEnv(t, api)
	cn := strconv.FormatInt(f.customerNumber, 10)
	for _, c := range []struct {
		name    string
		headers map[string]string
		status  int
		want    string
	}{
		{"both headers", map[string]string{"X-Customer-Number": cn, "X-Ovpas-Number": "OV00001"}, 200,
			`{"ovPayTokens":[{"ovPayTokenId":2}]}`},
		{"optional header left out", map[string]string{"X-Customer-Number": cn}, 200,
			`{"ovPayTokens":[{"ovPayTokenId":1},{"ovPayTokenId":2}]}`},
		{"header names are case-insensitive", map[string]string{"x-customer-number": cn, "x-ovpas-number": "none"}, 200,
			`{"ovPayTokens":[]}`},
		{"required header left out", map[string]string{"X-Ovpas-Number": "OV00001"}, 400,
			`object has missing required properties (["X-Customer-Number"])`},
		{"malformed header", map[string]string{"X-Customer-Number": "twelve"}, 400,
			`Bad Request - please verify the value for the following field "X-Customer-Number"`},
		{"unknown customer", map[string]string{"X-Customer-Number": "9999999"}, 404, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := e.call(touchpoint, http.MethodGet, "/tokens", "", c.headers)
			if r.status != c.status {
				t.Fatalf("want %d, got %s", c.status, r)
			}
			switch {
			case c.status == 200 && string(r.body) != c.want:
				t.Errorf("body %s, want %s", r.body, c.want)
			case c.status == 400 && r.json(t)["description"] != c.want:
				t.Errorf("description %v, want %s", r.json(t)["description"], c.want)
			}
		})
	}
}

// A route cannot take the credentials' headers, nor those OpenAPI leaves out of parameters.
func TestHeaderVariablesReserved(t *testing.T) {
	for _, name := range []string{"Authorization", "content-type", "Accept", customerHeader} {
		api := testAPI([]Route{{Method: http.MethodGet, Path: "/c", OperationID: "c", Auth: Touchpoint,
			Vars: []Var{{Name: "customerNumber", From: Header, Key: name, Kind: Int}}, Data: "customer", Status: 200}},
			map[string]string{"c": `query c($customerNumber: Int!) { customer(customerNumber: $customerNumber) { customerNumber } }`})
		if _, err := api.Handler(Config{}); err == nil {
			t.Errorf("header %s taken as a parameter", name)
		}
	}
}

// A create answers where the new resource is, filled from its body, under the API's base path; an
// error answers no Location. The Location names a resource the API serves.
func TestLocation(t *testing.T) {
	e := newEnv(t)
	f := e.seed()
	cn := strconv.FormatInt(f.customerNumber, 10)
	base := ABTCustomersBasePath
	for _, c := range []struct {
		name         string
		as           who
		method, path string
		body         string
		status       int
		location     string
	}{
		{"profile", touchpoint, "POST", "/customers", `{"person": {"emailAddress": "nieuw@example.nl"}}`, 201,
			base + "/customers/{n}"},
		{"address", touchpoint, "POST", f.path + "/addresses", `{"address": {` + validAddress + `, "addressTypeId": 1}}`, 201,
			base + f.path + "/addresses/4"},
		{"token, whose body names the customer ovPaytoken", touchpoint, "POST", f.path + "/ovpaytokens",
			`{"ovPayToken": {"tokenTypeId": 1, "xTat": "t3", "xBot": "b3", "alias": "derde", "lastDigits": "9999"}}`, 201,
			base + f.path + "/ovpaytokens/3"},
		{"selfservice twin", customer(f.customerNumber), "POST", "/selfservice" + f.path + "/phones",
			`{"phone": {"number": "612345679", "countryCode": "0031", "phoneTypeId": 1}}`, 201,
			base + "/selfservice" + f.path + "/phones/3"},
		{"own profile", customer(newProfileCustomer), "POST", "/selfservice/customers", `{}`, 201,
			base + "/selfservice/customers/{n}"},
		{"a status has no path", touchpoint, "POST", f.path + "/statuses", `{"customerStatus": {"name": "blocked"}}`, 201, ""},
		{"an error has none", touchpoint, "POST", "/customers", `{"person": {"emailAddress": "` + fixtureEmail + `"}}`, 409, ""},
		{"nor has a refused request", touchpoint, "POST", f.path + "/addresses", `{"address": {}}`, 400, ""},
	} {
		r := e.must(c.as, c.method, c.path, c.body, c.status)
		if strings.Contains(c.location, "{n}") {
			// The new profile's number, as the body answers it.
			n := strconv.FormatFloat(r.json(t)["customerNumber"].(float64), 'f', -1, 64)
			c.location = strings.Replace(c.location, "{n}", n, 1)
		}
		if got := r.header.Get("Location"); got != c.location {
			t.Errorf("%s: Location %q, want %q", c.name, got, c.location)
		}
	}
	// The Location of the new phone is the one to change it at.
	loc := strings.TrimPrefix(e.must(touchpoint, "POST", "/customers/"+cn+"/phones",
		`{"phone": {"number": "612345670", "countryCode": "0031", "phoneTypeId": 1}}`, 201).header.Get("Location"), base)
	e.must(touchpoint, "PATCH", loc, `{"phone": {"number": "612345671"}}`, 202)
	e.must(touchpoint, "DELETE", loc, "", 202)
}

// Each Location of the ABTCustomers routes is the path of a route of the API.
func TestLocationsNameRoutes(t *testing.T) {
	shape := func(path string) string { return placeholder.ReplaceAllString(path, "{}") }
	paths := map[string]bool{}
	routes := ABTCustomersAPI().Routes
	for _, r := range routes {
		paths[shape(r.Path)] = true
	}
	n := 0
	for _, r := range routes {
		if r.Location == "" {
			continue
		}
		n++
		if !paths[shape(r.Location)] {
			t.Errorf("%s: Location %s is no route's path", r.OperationID, r.Location)
		}
	}
	if n != 14 {
		t.Errorf("%d routes answer a Location, want the 14 creates with an id", n)
	}
}

// An asynchronous operation answers how long to wait for its result as Retry-After, declared in
// the OpenAPI document; an error answers none.
func TestRetryAfter(t *testing.T) {
	api := testAPI([]Route{{Method: http.MethodPost, Path: "/customers/{customerNumber}/statuses", OperationID: "later",
		Auth: Touchpoint, Vars: []Var{pathInt("customerNumber"), wrapped("customerStatus")},
		Data: "addCustomerStatus", Status: http.StatusAccepted, RetryAfter: 30 * time.Second}},
		map[string]string{"later": `mutation later($customerNumber: Int!, $input: CustomerStatusInput!) {
			addCustomerStatus(customerNumber: $customerNumber, input: $input) { customerNumber } }`})
	doc, err := api.OpenAPI()
	if err != nil {
		t.Fatal(err)
	}
	h := doc.Paths.Value("/customers/{customerNumber}/statuses").Post.Responses.Status(http.StatusAccepted).Value.Headers["Retry-After"]
	if h == nil || !h.Value.Schema.Value.Type.Is("integer") || !h.Value.Required {
		t.Errorf("Retry-After is not declared: %+v", h)
	}

	e, f := newTestAPIEnv(t, api)
	for _, c := range []struct {
		path, body string
		status     int
		retryAfter string
	}{
		{f.path + "/statuses", `{"customerStatus": {"name": "blocked"}}`, 202, "30"},
		{"/customers/9999999/statuses", `{"customerStatus": {"name": "blocked"}}`, 404, ""},
		{f.path + "/statuses", `{"customerStatus": {}}`, 400, ""},
	} {
		r := e.must(touchpoint, http.MethodPost, c.path, c.body, c.status)
		if got := r.header.Get("Retry-After"); got != c.retryAfter {
			t.Errorf("%s %s: Retry-After %q, want %q", c.path, c.body, got, c.retryAfter)
		}
	}
}

// Response headers a route cannot answer stop its handler from being built.
func TestResponseHeadersFailFast(t *testing.T) {
	docs := map[string]string{
		"add": `mutation add($customerNumber: Int!, $input: PhoneInput!) {
			addPhone(customerNumber: $customerNumber, input: $input) { customerNumber phoneId phone { countryCode } } }`,
		"get": `query get($customerNumber: Int!) { customer(customerNumber: $customerNumber) { customerNumber debtorNumber } }`,
	}
	add := Route{Method: http.MethodPost, Path: "/c/{customerNumber}/phones", OperationID: "add", Auth: Touchpoint,
		Vars: []Var{pathInt("customerNumber"), wrapped("phone")}, Data: "addPhone", Status: http.StatusCreated}
	get := Route{Method: http.MethodGet, Path: "/c/{customerNumber}", OperationID: "get", Auth: Touchpoint,
		Vars: []Var{pathInt("customerNumber")}, Data: "customer", Status: http.StatusOK}
	with := func(r Route, change func(*Route)) Route { change(&r); return r }
	for name, route := range map[string]Route{
		"Location without a body":     with(add, func(r *Route) { r.NoBody, r.Location = true, "/c/{customerNumber}" }),
		"Location of an unknown key":  with(add, func(r *Route) { r.Location = "/c/{customerNumber}/phones/{id}" }),
		"Location of an object":       with(add, func(r *Route) { r.Location = "/c/{phone}" }),
		"Location of a nullable key":  with(get, func(r *Route) { r.Location = "/d/{debtorNumber}" }),
		"Location not from the root":  with(add, func(r *Route) { r.Location = "c/{customerNumber}" }),
		"Retry-After in milliseconds": with(add, func(r *Route) { r.Status, r.RetryAfter = 202, 1500*time.Millisecond }),
		"Retry-After on a 201":        with(add, func(r *Route) { r.RetryAfter = time.Second }),
	} {
		if _, err := testAPI([]Route{route}, docs).Handler(Config{}); err == nil {
			t.Errorf("%s: handler built", name)
		}
	}
	ok := with(add, func(r *Route) { r.Location = "/c/{customerNumber}/phones/{phoneId}" })
	if _, err := testAPI([]Route{ok, get}, docs).Handler(Config{}); err != nil {
		t.Errorf("valid routes refused: %v", err)
	}
}

// A route passes on the nulls of the fields it accepts as failing, and answers the most severe of
// the other errors, on the real schema: a customer number that does not exist is NOT_FOUND, me is
// FORBIDDEN to a touchpoint and a filter without a field is BAD_USER_INPUT (on a non-null field,
// which nulls the whole answer).
func TestPartialResults(t *testing.T) {
	docs := map[string]string{
		"two": `query two($customerNumber: Int!) {
			customer(customerNumber: $customerNumber) { customerNumber }
			missing: customer(customerNumber: 9999999) { customerNumber } }`,
		"three": `query three($customerNumber: Int!) {
			customer(customerNumber: $customerNumber) { customerNumber }
			missing: customer(customerNumber: 9999999) { customerNumber }
			me { customerNumber } }`,
		"input": `query input($customerNumber: Int!) {
			customer(customerNumber: $customerNumber) { customerNumber }
			missing: customer(customerNumber: 9999999) { customerNumber }
			customers(filter: {}) { totalCount } }`,
	}
	route := func(path, doc string, nullable ...string) Route {
		return Route{Method: http.MethodGet, Path: path + "/{customerNumber}", OperationID: strings.TrimPrefix(path, "/"),
			Document: doc, Auth: Touchpoint, Vars: []Var{pathInt("customerNumber")}, Data: "customer",
			Status: http.StatusOK, Nullable: nullable}
	}
	api := testAPI([]Route{
		route("/strict", "two"),
		route("/accepted", "two", "missing"),
		route("/worst", "three"),
		route("/worstAccepted", "three", "me"),
		route("/allAccepted", "three", "me", "missing"),
		route("/input", "input"),
	}, docs)
	e, f := newTestAPIEnv(t, api)
	cn := strconv.FormatInt(f.customerNumber, 10)
	for _, c := range []struct {
		path   string
		status int
		has    map[string]any
	}{
		{"/strict", 404, map[string]any{"code": "404"}},
		{"/accepted", 200, map[string]any{"customerNumber": float64(f.customerNumber)}},
		{"/worst", 403, map[string]any{"code": "403"}},
		{"/worstAccepted", 404, map[string]any{"code": "404"}},
		{"/allAccepted", 200, map[string]any{"customerNumber": float64(f.customerNumber)}},
		{"/input", 404, map[string]any{"code": "404"}},
	} {
		t.Run(c.path, func(t *testing.T) {
			// The errors come in no set order; the answer must not depend on it.
			for range 5 {
				r := e.must(touchpoint, http.MethodGet, c.path+"/"+cn, "", c.status)
				got := r.json(t)
				for k, v := range c.has {
					if got[k] != v {
						t.Fatalf("%s = %v, want %v: %s", k, got[k], v, r.body)
					}
				}
			}
		})
	}
}

// Of a response's errors, those at or under an accepted path are passed on and the most severe
// of the rest is answered.
func TestFailure(t *testing.T) {
	gqlErr := func(code string, path ...any) *gqlerror.Error {
		e := &gqlerror.Error{Message: code, Extensions: map[string]any{"code": code}}
		for _, p := range path {
			switch p := p.(type) {
			case string:
				e.Path = append(e.Path, ast.PathName(p))
			case int:
				e.Path = append(e.Path, ast.PathIndex(p))
			}
		}
		return e
	}
	route := Route{Nullable: []string{"customer.accountBalance", "vendor"}}
	for _, c := range []struct {
		name string
		errs gqlerror.List
		want *gqlerror.Error // nil: the response stands
	}{
		{"none", nil, nil},
		{"at an accepted path", gqlerror.List{gqlErr("UPSTREAM_UNAVAILABLE", "customer", "accountBalance")}, nil},
		{"under an accepted path, through a list", gqlerror.List{gqlErr("INTERNAL", "vendor", "items", 3, "price")}, nil},
		{"a name that only starts like an accepted one", gqlerror.List{gqlErr("NOT_FOUND", "vendorList")}, gqlErr("NOT_FOUND", "vendorList")},
		{"above an accepted path", gqlerror.List{gqlErr("NOT_FOUND", "customer")}, gqlErr("NOT_FOUND", "customer")},
		{"without a path", gqlerror.List{gqlErr("BAD_USER_INPUT")}, gqlErr("BAD_USER_INPUT")},
		{"the most severe", gqlerror.List{gqlErr("BAD_USER_INPUT", "a"), gqlErr("CONFLICT", "b"), gqlErr("NOT_FOUND", "c"),
			gqlErr("FORBIDDEN", "d"), gqlErr("UNPROCESSABLE", "e")}, gqlErr("FORBIDDEN", "d")},
		{"internal over upstream over unauthenticated", gqlerror.List{gqlErr("UNAUTHENTICATED", "a"),
			gqlErr("UPSTREAM_UNAVAILABLE", "b"), gqlErr("INTERNAL", "c")}, gqlErr("INTERNAL", "c")},
		{"an unknown code is internal", gqlerror.List{gqlErr("UPSTREAM_UNAVAILABLE", "a"), gqlErr("SOMETHING", "b")},
			gqlErr("SOMETHING", "b")},
		{"accepted errors do not count", gqlerror.List{gqlErr("INTERNAL", "vendor"), gqlErr("NOT_FOUND", "customer", "x")},
			gqlErr("NOT_FOUND", "customer", "x")},
		{"of two as severe, the first by path", gqlerror.List{gqlErr("NOT_FOUND", "b"), gqlErr("NOT_FOUND", "a")},
			gqlErr("NOT_FOUND", "a")},
	} {
		t.Run(c.name, func(t *testing.T) {
			reversed := slices.Clone(c.errs)
			slices.Reverse(reversed)
			for _, errs := range []gqlerror.List{c.errs, reversed} {
				got := route.failure(errs)
				if !reflect.DeepEqual(got, c.want) {
					t.Errorf("%v: answered %v, want %v", errs, got, c.want)
				}
			}
		})
	}
}

// A Nullable path the answer cannot hold a null at stops the handler from being built.
func TestNullableFailsFast(t *testing.T) {
	docs := map[string]string{"q": `query q($customerNumber: Int!) {
		customer(customerNumber: $customerNumber) { customerNumber debtorStatus { name } ovPayTokens { ovPayTokenId alias } }
		me { customerNumber } variable: me { customerNumber } }`}
	route := func(nullable ...string) Route {
		return Route{Method: http.MethodGet, Path: "/q/{customerNumber}", OperationID: "q", Auth: Touchpoint,
			Vars: []Var{pathInt("customerNumber")}, Data: "customer", Status: http.StatusOK, Nullable: nullable}
	}
	for name, nullable := range map[string]string{
		"unknown field":      "customer.nope",
		"non-null field":     "customer.customerNumber",
		"non-null in a list": "customer.ovPayTokens.ovPayTokenId",
		"the body":           "customer",
		"the variables":      "variable",
	} {
		if _, err := testAPI([]Route{route(nullable)}, docs).Handler(Config{}); err == nil {
			t.Errorf("%s: handler built with Nullable %q", name, nullable)
		}
	}
	if _, err := testAPI([]Route{route("me", "customer.debtorStatus", "customer.ovPayTokens.alias")}, docs).Handler(Config{}); err != nil {
		t.Errorf("valid paths refused: %v", err)
	}
}
