package rest

import (
	"io/fs"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/lexer"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/getkin/kin-openapi/openapi3"

	"ovgraph/resolvers"
)

// The API's handler builds: every document is valid and fits its route; and every route has its
// document and every document a route.
func TestSEOrdersDocuments(t *testing.T) {
	api := SEOrdersAPI()
	if _, err := api.Handler(Config{}); err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{"fragments": true}
	for _, r := range api.Routes {
		used[r.DocumentName()] = true
	}
	files, err := fs.Glob(api.Documents, "*.graphql")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !used[strings.TrimSuffix(f, ".graphql")] {
			t.Errorf("document %s belongs to no route", f)
		}
	}
	if len(api.Routes) != 23 {
		t.Errorf("%d routes, want 23", len(api.Routes))
	}
}

// The documents, with the fragments they spread, keep within the limits the server holds every
// document to (resolvers.DefaultOptions): the shim gets no exemption.
func TestSEOrdersDocumentLimits(t *testing.T) {
	api := SEOrdersAPI()
	o := resolvers.DefaultOptions
	for _, r := range api.Routes {
		doc, err := api.Document(r)
		if err != nil {
			t.Fatal(err)
		}
		tokens := 0
		lex := lexer.New(&ast.Source{Input: doc})
		for {
			tok, err := lex.ReadToken()
			if err != nil || tok.Kind == lexer.EOF {
				break
			}
			tokens++
		}
		parsed, perr := parser.ParseQuery(&ast.Source{Input: doc})
		if perr != nil {
			t.Fatal(perr)
		}
		frags := map[string]*ast.FragmentDefinition{}
		for _, f := range parsed.Fragments {
			frags[f.Name] = f
		}
		aliases := 0
		for _, f := range parsed.Fragments {
			aliases += countAliases(f.SelectionSet)
		}
		aliases += countAliases(parsed.Operations[0].SelectionSet)
		depth := selectionDepth(parsed.Operations[0].SelectionSet, frags)
		t.Logf("%s: %d tokens, %d aliases, depth %d", r.OperationID, tokens, aliases, depth)
		if tokens > o.MaxTokens || aliases > o.MaxAliases || depth > o.MaxDepth {
			t.Errorf("%s: %d tokens, %d aliases, depth %d: over the limits %d, %d, %d",
				r.OperationID, tokens, aliases, depth, o.MaxTokens, o.MaxAliases, o.MaxDepth)
		}
	}
}

func countAliases(set ast.SelectionSet) int {
	n := 0
	for _, s := range set {
		switch x := s.(type) {
		case *ast.Field:
			if x.Alias != "" && x.Alias != x.Name {
				n++
			}
			n += countAliases(x.SelectionSet)
		case *ast.InlineFragment:
			n += countAliases(x.SelectionSet)
		}
	}
	return n
}

func selectionDepth(set ast.SelectionSet, frags map[string]*ast.FragmentDefinition) int {
	deepest := 0
	for _, s := range set {
		d := 0
		switch x := s.(type) {
		case *ast.Field:
			d = 1 + selectionDepth(x.SelectionSet, frags)
		case *ast.FragmentSpread:
			d = selectionDepth(frags[x.Name].SelectionSet, frags)
		case *ast.InlineFragment:
			d = selectionDepth(x.SelectionSet, frags)
		}
		deepest = max(deepest, d)
	}
	return deepest
}

// GET /orders and GET /orders/{orderId} answer the orders in the contract's shape: the concept
// order with its live OVpay token, the paid one without; a customer sees its own orders only,
// another's is 404 as an unknown one is.
func TestSEOrdersRead(t *testing.T) {
	e := newSEOEnv(t)
	f := e.seoSeed("lezer@example.nl", 1, 2)
	g := e.seoSeed("ander@example.nl", 20, 2)
	concept := e.sqlOrder(f.profileID, f.emv, 1)
	paid := e.sqlOrder(f.profileID, f.emv, 4)
	other := e.sqlOrder(g.profileID, g.emv, 1)

	got := e.must(f.as, http.MethodGet, "/orders/"+concept.orderID, "", http.StatusOK).json(t)
	statuses := got["order_OrderStatuses"].([]any)
	if got["orderId"] != concept.orderID || len(statuses) != 1 ||
		statuses[0].(map[string]any)["order_orderStatusId"] == nil {
		t.Errorf("concept order: %v", got)
	}
	tok := got["orderLines"].([]any)[0].(map[string]any)["customerTokens"].([]any)[0].(map[string]any)
	ovpay, _ := tok["ovPayToken"].(map[string]any)
	if tok["tokenType"].(map[string]any)["tokenTypeId"] != 1.0 || ovpay == nil || ovpay["ovPayTokenId"] != float64(f.emv) ||
		tok["verificationCode"] != nil || tok["personalAccountData"].(map[string]any)["oneTimePassword"] != nil {
		t.Errorf("concept order's token: %v", tok)
	}
	if _, ok := ovpay["gboAgeProfile"]; !ok || len(ovpay["expirationDate"].(string)) != len("2006-01-02") {
		t.Errorf("ovPayToken: %v", ovpay)
	}
	got = e.must(f.as, http.MethodGet, "/orders/"+paid.orderID, "", http.StatusOK).json(t)
	tok = got["orderLines"].([]any)[0].(map[string]any)["customerTokens"].([]any)[0].(map[string]any)
	if v, ok := tok["ovPayToken"]; !ok || v != nil {
		t.Errorf("paid order's token shows its OVpay token: %v", tok)
	}

	for _, id := range []string{other.orderID, "00000000-0000-4000-8000-000000000000", "not-a-uuid"} {
		r := e.must(f.as, http.MethodGet, "/orders/"+id, "", http.StatusNotFound).json(t)
		if r["type"] != "https://htm.nl/api/v1/probs/404/notfound" || len(r["errors"].([]any)) != 1 {
			t.Errorf("404 of %s: %v", id, r)
		}
	}
	// A touchpoint sees every order.
	e.must(touchpoint, http.MethodGet, "/orders/"+other.orderID, "", http.StatusOK)

	list := e.must(f.as, http.MethodGet, "/orders", "", http.StatusOK).json(t)
	if n := len(list["orders"].([]any)); n != 2 {
		t.Errorf("customer's list has %d orders, want 2", n)
	}
	if self := list["_links"].(map[string]any)["self"].(map[string]any); self["href"] != SEOrdersBasePath+"/orders" {
		t.Errorf("list links: %v", list["_links"])
	}
	for query, want := range map[string]int{
		"orderStatusId=1":                   1,
		"orderStatusId=1,4":                 2,
		"orderStatusId=2,3":                 0,
		"orderId=" + paid.orderID:           1,
		"createdAfter=2024-03-22T09:00:00":  2,
		"createdBefore=2024-03-22T09:00:00": 0,
		"updatedAfter=" + url.QueryEscape("2024-03-22T09:00:00+01:00"): 2,
	} {
		r := e.must(f.as, http.MethodGet, "/orders?"+query, "", http.StatusOK).json(t)
		if n := len(r["orders"].([]any)); n != want {
			t.Errorf("?%s: %d orders, want %d", query, n, want)
		}
	}
	if n := len(e.must(touchpoint, http.MethodGet, "/orders?orderStatusId=1", "", http.StatusOK).json(t)["orders"].([]any)); n != 2 {
		t.Errorf("touchpoint's concept orders: %d, want 2", n)
	}
	for _, query := range []string{"orderStatusId=x", "createdAfter=yesterday", "customerProfileId=abc"} {
		r := e.must(f.as, http.MethodGet, "/orders?"+query, "", http.StatusBadRequest).json(t)
		entry := r["errors"].([]any)[0].(map[string]any)
		if entry["code"] != "INVALID_PARAMETER_FORMAT" || entry["pointer"] != nil || entry["parameter"] == nil {
			t.Errorf("?%s: %v", query, r)
		}
	}
	// Without the application's token nothing is answered.
	r := e.must(nobody, http.MethodGet, "/orders", "", http.StatusUnauthorized).json(t)
	if r["type"] != "https://htm.nl/api/v1/probs/401/unauthorized" {
		t.Errorf("401: %v", r)
	}
}

// Every error code of the graph has a status and a problem body, and so has a body over the cap;
// each body fits the API's error schema and has its entries.
func TestSEOrdersErrorsCoverEveryCode(t *testing.T) {
	checkDialect(t, SEOrdersAPI().Errors, func(t *testing.T, body map[string]any) {
		if typ, _ := body["type"].(string); !strings.HasPrefix(typ, seoProbs) {
			t.Errorf("type %v", body["type"])
		}
		if list, _ := body["errors"].([]any); len(list) == 0 {
			t.Errorf("no entries: %v", body)
		}
	})
}

// The API serves its OpenAPI document, which is valid and has every route.
func TestSEOrdersOpenAPIServed(t *testing.T) {
	e := newSEOEnv(t)
	e.must(nobody, http.MethodGet, OpenAPIPath, "", http.StatusUnauthorized)
	r := e.must(touchpoint, http.MethodGet, OpenAPIPath, "", http.StatusOK)
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(r.body)
	if err != nil {
		t.Fatalf("parse served document: %v", err)
	}
	if err := doc.Validate(loader.Context); err != nil {
		t.Fatalf("validate served document: %v", err)
	}
	for _, route := range SEOrdersAPI().Routes {
		op := doc.Paths.Value(route.Path).GetOperation(route.Method)
		if op == nil || op.OperationID != route.OperationID {
			t.Errorf("no operation %s %s", route.Method, route.Path)
			continue
		}
		success := op.Responses.Status(route.Status)
		if success == nil || (len(success.Value.Content) > 0) == route.NoBody {
			t.Errorf("%s: no %d response of its kind", route.OperationID, route.Status)
		}
	}
}

// Request errors beyond the documented ones, in the same form, each changing nothing: a value the
// scalar refuses (a date the calendar does not have) points at its attribute, an attribute the
// body may not have is named, a body that is not JSON is the whole body ($), one over the cap a
// 413; a query parameter is named as a parameter.
func TestSEOrdersRequestErrors(t *testing.T) {
	e := newSEOEnv(t)
	f := e.seoSeed("fouten@example.nl", 1, 2)
	for _, c := range []struct {
		method, path, body string
		status             int
		code               string
		pointer, parameter any
	}{
		{"POST", "/orders", `{"orderLines": [{"productId": 1, "quantity": 1, "validFrom": "2024-02-30T00:00:00"}]}`, 400, seoRequiredAttribute, "$..validFrom", nil},
		{"POST", "/orders", `{"foo": 1}`, 400, seoRequiredAttribute, "$.foo", nil},
		{"POST", "/orders", `{"orderLines": [{"productId": 1, "quantity": 100}]}`, 400, seoRequiredAttribute, "$.orderLines[0].quantity", nil},
		{"POST", "/orders", `{"orderLines": `, 400, seoRequiredAttribute, "$", nil},
		{"POST", "/orders", `{"externalOrderId": "` + strings.Repeat("x", seOrdersMaxBodyBytes) + `"}`, 413, "PAYLOAD_TOO_LARGE", "$", nil},
		{"GET", "/orders?createdAfter=2024-02-30T00:00:00", "", 400, seoInvalidParameter, nil, "createdAfter"},
		{"GET", "/orders?orderStatusId=1,x", "", 400, seoInvalidParameter, nil, "orderStatusId"},
		{"GET", "/orders/validation/gboAgeProfile?productStartDate=2025-02-30&birthDate=2000-01-01", "", 400, seoInvalidParameter, nil, "productStartDate"},
	} {
		before := e.fingerprint()
		r := e.do(f.as, c.method, c.path, c.body)
		e.unchanged(before)
		if r.status != c.status {
			t.Errorf("%s %s %.80s: want %d, got %s", c.method, c.path, c.body, c.status, r)
			continue
		}
		body := r.json(t)
		entry, _ := at(body, "errors", 0).(map[string]any)
		if entry["code"] != c.code || entry["pointer"] != c.pointer || entry["parameter"] != c.parameter {
			t.Errorf("%s %s %.80s: %v", c.method, c.path, c.body, body)
		}
	}
}
