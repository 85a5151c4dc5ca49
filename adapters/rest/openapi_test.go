package rest

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"ovgraph/adapters/auth"
	"ovgraph/graph"
)

// The document written from the route table is a valid OpenAPI 3 document with exactly one
// operation per route, secured, tagged and answered as the route says.
func TestABTCustomersOpenAPIDocument(t *testing.T) {
	api := ABTCustomersAPI()
	doc, err := api.OpenAPI()
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("validate: %v", err)
	}
	checkOperations(t, api, doc)

	touchpoint := doc.Components.SecuritySchemes[touchpointSecurity].Value
	if touchpoint.Type != "http" || touchpoint.Scheme != "bearer" || touchpoint.BearerFormat != "JWT" {
		t.Errorf("touchpoint security scheme: %+v", touchpoint)
	}
	customer := doc.Components.SecuritySchemes[customerSecurity].Value
	if customer.Type != "apiKey" || customer.In != "header" || customer.Name != auth.CustomerHeader {
		t.Errorf("customer security scheme: %+v", customer)
	}
}

// checkOperations compares the document's operations with the API's routes one to one.
func checkOperations(t *testing.T, api API, doc *openapi3.T) {
	t.Helper()
	ops := 0
	for _, item := range doc.Paths.Map() {
		ops += len(item.Operations())
	}
	if ops != len(api.Routes) || ops != 46 {
		t.Errorf("%d operations for %d routes, want 46", ops, len(api.Routes))
	}
	for _, route := range api.Routes {
		item := doc.Paths.Value(route.Path)
		if item == nil || item.GetOperation(route.Method) == nil {
			t.Errorf("no operation %s %s", route.Method, route.Path)
			continue
		}
		op := item.GetOperation(route.Method)
		scheme, tag := touchpointSecurity, touchpointTag
		if route.Auth == Customer {
			scheme, tag = customerSecurity, selfserviceTag
		}
		if op.OperationID != route.OperationID {
			t.Errorf("%s %s: operationId %s, want %s", route.Method, route.Path, op.OperationID, route.OperationID)
		}
		if len(op.Tags) != 1 || op.Tags[0] != tag {
			t.Errorf("%s: tags %v, want %s", route.OperationID, op.Tags, tag)
		}
		if op.Security == nil || len(*op.Security) != 1 || (*op.Security)[0][scheme] == nil {
			t.Errorf("%s: security %v, want %s", route.OperationID, op.Security, scheme)
		}
		success := op.Responses.Status(route.Status)
		if success == nil {
			t.Errorf("%s: no %d response", route.OperationID, route.Status)
		} else if hasBody := len(success.Value.Content) > 0; hasBody == route.NoBody {
			t.Errorf("%s: %d response has a body: %v, want %v", route.OperationID, route.Status, hasBody, !route.NoBody)
		} else if hasLocation := success.Value.Headers["Location"] != nil; hasLocation != (route.Location != "") {
			t.Errorf("%s: %d response has a Location: %v, want %v", route.OperationID, route.Status, hasLocation, route.Location != "")
		}
		statuses := api.Errors.Statuses()
		if route.needsBody() {
			statuses = append(statuses, http.StatusRequestEntityTooLarge)
		}
		for _, status := range statuses {
			if op.Responses.Status(status) == nil {
				t.Errorf("%s: no %d response", route.OperationID, status)
			}
		}
		if !route.needsBody() && op.Responses.Status(http.StatusRequestEntityTooLarge) != nil {
			t.Errorf("%s: a 413 without a body", route.OperationID)
		}
		if (op.RequestBody != nil) != route.needsBody() {
			t.Errorf("%s: request body %v, want %v", route.OperationID, op.RequestBody != nil, route.needsBody())
		}
	}
}

// A route that reshapes its answer without declaring the result's schema, or whose data path
// crosses a list, cannot be documented, and then its handler is not built.
func TestOpenAPIFailsFast(t *testing.T) {
	docs := fstest.MapFS{
		"q.graphql": {Data: []byte(`query q($filter: CustomerFilter!) { customers(filter: $filter) { nodes { customerNumber } } }`)},
	}
	api := API{Name: "t", Documents: docs, Schema: graph.NewExecutableSchema(graph.Config{}).Schema(),
		BasePath: "/t", Errors: abtCustomersDialect(), Info: OpenAPIInfo{Title: "t", Version: "1"}}
	search := Var{Name: "filter", From: Query, Fields: []Param{{Name: "customerNumber", Kind: Int}}}
	for name, route := range map[string]Route{
		"shape without schema": {Method: http.MethodGet, Path: "/q", OperationID: "q", Auth: Touchpoint,
			Vars: []Var{search}, Data: "customers.nodes", Status: http.StatusOK, Shape: firstProfile},
		"data path across a list": {Method: http.MethodGet, Path: "/q", OperationID: "q", Auth: Touchpoint,
			Vars: []Var{search}, Data: "customers.nodes.customerNumber", Status: http.StatusOK},
		"parameter kind": {Method: http.MethodGet, Path: "/q", OperationID: "q", Auth: Touchpoint,
			Vars: []Var{{Name: "filter", From: Query, Fields: []Param{{Name: "customerNumber", Kind: String}}}},
			Data: "customers", Status: http.StatusOK},
	} {
		api.Routes = []Route{route}
		if _, err := api.Handler(Config{}); err == nil {
			t.Errorf("%s: handler built", name)
		}
	}
	api.Routes = []Route{{Method: http.MethodGet, Path: "/q", OperationID: "q", Auth: Touchpoint,
		Vars: []Var{search}, Data: "customers.nodes", Status: http.StatusOK, Shape: firstProfile, ShapeSchema: ItemSchema}}
	if _, err := api.Handler(Config{}); err != nil {
		t.Errorf("valid route refused: %v", err)
	}
}

// The API serves its document to every caller with the application's token (401 without it), and
// what it answers, successes and errors, fits that document; so do the request bodies it takes,
// and one it refuses does not.
func TestABTCustomersOpenAPIServed(t *testing.T) {
	e := newEnv(t)
	if got := e.must(nobody, http.MethodGet, OpenAPIPath, "", http.StatusUnauthorized).json(t); got["code"] != "900901" {
		t.Errorf("401 body %v", got)
	}
	e.must(customer(1), http.MethodGet, OpenAPIPath, "", http.StatusOK)
	r := e.must(touchpoint, http.MethodGet, OpenAPIPath, "", http.StatusOK)
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(r.body)
	if err != nil {
		t.Fatalf("parse served document: %v", err)
	}
	if err := doc.Validate(loader.Context); err != nil {
		t.Fatalf("validate served document: %v", err)
	}
	checkOperations(t, ABTCustomersAPI(), doc)

	f := e.seed()
	e.otherCustomer() // holds other@example.nl
	cn := strconv.FormatInt(f.customerNumber, 10)
	for _, c := range []struct {
		as      who
		method  string
		path    string // the route's
		params  map[string]string
		query   string
		body    string
		status  int
		refused bool // the document refuses the request body, as the shim does
	}{
		{as: touchpoint, method: "GET", path: "/customers", query: "?customerNumber=" + cn, status: 200},
		{as: touchpoint, method: "GET", path: "/customers/list", query: "?surname=Klant", status: 200},
		{as: touchpoint, method: "GET", path: "/customers/{customerNumber}/financials", status: 200},
		{as: touchpoint, method: "GET", path: "/customers/{customerNumber}/ovpaytokens", status: 200},
		{as: customer(f.customerNumber), method: "GET", path: "/selfservice/customers", status: 200},
		{as: touchpoint, method: "POST", path: "/customers", status: 201, body: `{"person": {"surname": "Nieuw",
			"dateOfBirth": "1990-01-01", "emailAddress": "nieuw@example.nl"}, "phones": [{"number": "612345678",
			"countryCode": "0031", "phoneTypeId": 2}]}`},
		{as: touchpoint, method: "POST", path: "/customers/{customerNumber}/addresses", status: 201,
			body: `{"address": {"street": "Plein", "houseNumber": 2, "postalCode": "2511CR", "city": "Den Haag", "country": "NL", "addressTypeId": 1}}`},
		{as: touchpoint, method: "PATCH", path: "/customers/{customerNumber}/addresses/{addressId}", params: map[string]string{"addressId": "1"},
			status: 202, body: `{"address": {"street": "Plein", "houseNumberSuffix": null}}`},
		{as: touchpoint, method: "DELETE", path: "/customers/{customerNumber}/phones/{phoneId}", params: map[string]string{"phoneId": "2"}, status: 202},
		{as: touchpoint, method: "GET", path: "/customers", status: 400},
		{as: touchpoint, method: "POST", path: "/customers/{customerNumber}/addresses", status: 400, refused: true,
			body: `{"address": {"street": "Plein", "houseNumber": 2, "postalCode": "2511CR", "city": "Den Haag", "country": "NL", "addressTypeId": 1, "floor": 3}}`},
		{as: touchpoint, method: "PATCH", path: "/customers/{customerNumber}/addresses/{addressId}", params: map[string]string{"addressId": "1"},
			status: 400, refused: true, body: `{"address": {"houseNumber": "vijf"}}`},
		{as: touchpoint, method: "GET", path: "/customers/{customerNumber}/financials", params: map[string]string{"customerNumber": "9999999"}, status: 404},
		{as: touchpoint, method: "GET", path: "/customers", query: "?customerNumber=9999999", status: 404},
		{as: nobody, method: "GET", path: "/customers", query: "?customerNumber=" + cn, status: 401},
		{as: customer(f.customerNumber), method: "GET", path: "/customers/{customerNumber}/financials", status: 403},
		{as: touchpoint, method: "PATCH", path: "/customers/{customerNumber}/persons", status: 409,
			body: `{"person": {"emailAddress": "other@example.nl"}}`},
		{as: touchpoint, method: "POST", path: "/customers/{customerNumber}/statuses", status: 422,
			body: `{"customerStatus": {"name": "cleared"}}`},
	} {
		params := map[string]string{"customerNumber": cn}
		for k, v := range c.params {
			params[k] = v
		}
		url := c.path
		for k, v := range params {
			url = strings.ReplaceAll(url, "{"+k+"}", v)
		}
		url += c.query
		r := e.must(c.as, c.method, url, c.body, c.status)
		validateResponse(t, doc, c.method, c.path, r)
		if c.body == "" {
			continue
		}
		err := requestError(doc, c.method, c.path, url, params, c.body)
		if c.refused && err == nil {
			t.Errorf("%s %s %s: the shim refuses the body, the document takes it", c.method, url, c.body)
		} else if !c.refused && err != nil {
			t.Errorf("%s %s %s: the shim takes the body, the document refuses it: %v", c.method, url, c.body, err)
		}
	}

	// The document is strict enough to tell: a body with a field the document does not select,
	// or a mistyped one, does not fit.
	r = e.must(touchpoint, http.MethodGet, f.path+"/financials", "", http.StatusOK)
	for name, change := range map[string]func(map[string]any){
		"extra field": func(m map[string]any) { m["extra"] = 1 },
		"wrong type":  func(m map[string]any) { m["customerNumber"] = "one" },
		"null list":   func(m map[string]any) { m["billingInformation"] = nil },
	} {
		body := r.json(t)
		change(body)
		changed := r
		changed.body, _ = json.Marshal(body)
		if responseError(doc, http.MethodGet, "/customers/{customerNumber}/financials", changed) == nil {
			t.Errorf("%s: %s fits the document", name, changed.body)
		}
	}
}

// route is the route of the document's operation at a path.
func docRoute(doc *openapi3.T, method, path string) *routers.Route {
	item := doc.Paths.Value(path)
	return &routers.Route{Spec: doc, Path: path, PathItem: item, Method: method, Operation: item.GetOperation(method)}
}

// responseError validates a response against the document.
func responseError(doc *openapi3.T, method, path string, r response) error {
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: r.req, Route: docRoute(doc, method, path)},
		Status:                 r.status,
		Header:                 r.header,
		Options:                &openapi3filter.Options{IncludeResponseStatus: true},
	}
	in.SetBodyBytes(r.body)
	return openapi3filter.ValidateResponse(context.Background(), in)
}

// requestError validates a request's parameters and body against the document.
func requestError(doc *openapi3.T, method, path, url string, params map[string]string, body string) error {
	req := httptest.NewRequest(method, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return openapi3filter.ValidateRequest(context.Background(), &openapi3filter.RequestValidationInput{
		Request: req, PathParams: params, Route: docRoute(doc, method, path),
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc},
	})
}

// Every route, driven with the contract's example request bodies (GET and DELETE once without a
// body) as TestABTCustomersContractExamples drives them, answers what our own document says; the
// bodies it takes fit the document too.
func TestABTCustomersOpenAPIEveryRoute(t *testing.T) {
	contract := loadContract(t)
	doc, err := ABTCustomersAPI().OpenAPI()
	if err != nil {
		t.Fatal(err)
	}
	for _, route := range ABTCustomersAPI().Routes {
		bodies := []example{{name: "no body"}}
		if rb := contract.Paths.Value(route.Path).GetOperation(route.Method).RequestBody; rb != nil {
			bodies = examples(rb.Value.Content)
		}
		for _, ex := range bodies {
			t.Run(route.OperationID+"/"+ex.name, func(t *testing.T) {
				t.Parallel()
				e := newEnv(t)
				f := e.seed()
				path := fixturePath(route.Path, f)
				body := ""
				if ex.value != nil {
					b, err := json.Marshal(ex.value)
					if err != nil {
						t.Fatal(err)
					}
					body = string(b)
					if iban, ok := nested(ex.value, "billingInformation", "iban"); ok {
						body = strings.Replace(body, `"`+iban+`"`, `"`+validIBAN+`"`, 1)
					}
				}
				if route.Path == "/customers" && route.Method == http.MethodGet || route.Path == "/customers/list" {
					path += "?customerNumber=" + strconv.FormatInt(f.customerNumber, 10)
				}
				if dev, ok := policyDeviations[route.OperationID+"/"+ex.name]; ok {
					r := e.must(caller(route, f), route.Method, path, body, http.StatusForbidden)
					validateResponse(t, doc, route.Method, route.Path, r)
					if dev.retry == nil {
						return
					}
					body = dev.retry(body)
				}
				r := e.must(caller(route, f), route.Method, path, body, route.Status)
				validateResponse(t, doc, route.Method, route.Path, r)
				if body == "" {
					return
				}
				params := map[string]string{}
				for _, p := range doc.Paths.Value(route.Path).GetOperation(route.Method).Parameters {
					if p.Value.In == openapi3.ParameterInPath {
						params[p.Value.Name] = fixturePath("{"+p.Value.Name+"}", f)
					}
				}
				if err := requestError(doc, route.Method, route.Path, path, params, body); err != nil {
					t.Errorf("%s %s %s: the shim takes the body, the document refuses it: %v", route.Method, path, body, err)
				}
			})
		}
	}
}

// The schema's input limits are in the document: a text's maxLength and the text rule's pattern,
// a number's minimum and maximum, for body fields and query parameters alike.
func TestABTCustomersOpenAPIInputLimits(t *testing.T) {
	doc, err := ABTCustomersAPI().OpenAPI()
	if err != nil {
		t.Fatal(err)
	}
	body := func(method, path, wrapper, field string) *openapi3.Schema {
		t.Helper()
		s := doc.Paths.Value(path).GetOperation(method).RequestBody.Value.Content.Get("application/json").Schema.Value
		return s.Properties[wrapper].Value.Properties[field].Value
	}
	surname := body("PATCH", "/customers/{customerNumber}/persons", "person", "surname")
	if surname.MaxLength == nil || *surname.MaxLength != 200 || surname.Pattern != graph.TextPattern() {
		t.Errorf("surname: maxLength %v, pattern %q", surname.MaxLength, surname.Pattern)
	}
	house := body("POST", "/customers/{customerNumber}/addresses", "address", "houseNumber")
	var number *openapi3.Schema
	for _, alt := range house.AnyOf {
		if alt.Value.Type.Is(openapi3.TypeInteger) {
			number = alt.Value
		}
	}
	if number == nil || number.Min == nil || *number.Min != 1 || number.Max == nil || *number.Max != 99999 {
		t.Errorf("houseNumber: %+v", house)
	}
	for _, p := range doc.Paths.Value("/customers").GetOperation("GET").Parameters {
		if s := p.Value.Schema.Value; p.Value.Name == "emailAddress" &&
			(s.MaxLength == nil || *s.MaxLength != 254 || s.Pattern != graph.TextPattern()) {
			t.Errorf("query parameter emailAddress: maxLength %v, pattern %q", s.MaxLength, s.Pattern)
		}
	}
}
