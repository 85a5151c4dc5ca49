package rest

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"ovgraph/graph"
)

// Every route has its document, every document belongs to a route, and each one is valid against
// the schema and fits its route's variables.
func TestABTCustomersDocuments(t *testing.T) {
	api := ABTCustomersAPI()
	ids := map[string]bool{}
	used := map[string]bool{"fragments": true}
	for _, route := range api.Routes {
		if ids[route.OperationID] {
			t.Errorf("operation id %s is used twice", route.OperationID)
		}
		ids[route.OperationID] = true
		used[route.DocumentName()] = true
		if _, err := api.Document(route); err != nil {
			t.Errorf("%s %s: %v", route.Method, route.Path, err)
		}
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
	if len(ids) != 46 {
		t.Errorf("%d operations, want 46", len(ids))
	}
}

// A document that does not validate, or that does not match its route, stops the handler from
// being built.
func TestABTCustomersDocumentsFailFast(t *testing.T) {
	schema := graph.NewExecutableSchema(graph.Config{}).Schema()
	route := Route{OperationID: "x", Data: "customer", Vars: []Var{pathInt("customerNumber")}}
	for name, doc := range map[string]string{
		"unknown field":       `query x($customerNumber: Int!) { customer(customerNumber: $customerNumber) { nope } }`,
		"undeclared variable": `query x { customer(customerNumber: 1) { customerNumber } }`,
		"wrong variable type": `query x($customerNumber: ID!) { node(id: $customerNumber) { id } customer: me { customerNumber } }`,
		"unfed variable":      `query x($customerNumber: Int!, $other: Int!) { customer(customerNumber: $customerNumber) { customerNumber } other: customer(customerNumber: $other) { customerNumber } }`,
		"data path":           `query x($customerNumber: Int!) { me: customer(customerNumber: $customerNumber) { customerNumber } }`,
		"syntax":              `query x($customerNumber: Int!) { customer(`,
	} {
		err := checkDocument(schema, route, doc)
		if err == nil {
			t.Errorf("%s: document accepted", name)
		}
	}
	ok := `query x($customerNumber: Int!) { customer(customerNumber: $customerNumber) { customerNumber } }`
	if err := checkDocument(schema, route, ok); err != nil {
		t.Errorf("valid document refused: %v", err)
	}
}

// A document gets the shared fragments it spreads, also through another fragment, and no others.
func TestWithFragments(t *testing.T) {
	api := API{Name: "t", Documents: fstest.MapFS{
		"fragments.graphql": {Data: []byte("fragment A on Customer { customerNumber ...B }\n\nfragment B on Customer { customerProfileId }\nfragment C on Customer { debtorNumber }\n")},
	}}
	doc, err := api.withFragments(`query q { me { ...A } }`)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc, "fragment A on Customer") || !strings.Contains(doc, "fragment B on Customer { customerProfileId }") ||
		strings.Contains(doc, "fragment C") {
		t.Errorf("document with fragments:\n%s", doc)
	}
	schema := graph.NewExecutableSchema(graph.Config{}).Schema()
	if err := checkDocument(schema, Route{Data: "me"}, doc); err != nil {
		t.Errorf("document with fragments does not validate: %v", err)
	}
}
