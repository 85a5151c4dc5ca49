package resolvers

import (
	"testing"

	"github.com/vektah/gqlparser/v2"

	"ovgraph/graph"
)

// Customer.orders is resolved without a field context, so whether its total is read comes from
// the document: wherever a Customer.orders selects totalCount, through fragments too, and not for
// the totalCount of another connection.
func TestSelectsOrderCount(t *testing.T) {
	schema := graph.NewExecutableSchema(graph.Config{}).Schema()
	cases := map[string]struct {
		doc  string
		want bool
	}{
		"no total":            {`{ customers { nodes { orders { nodes { orderId } } } } }`, false},
		"total":               {`{ customers { nodes { orders(first: 5) { totalCount } } } }`, true},
		"total of the search": {`{ orders { totalCount } customers { totalCount nodes { orders { nodes { orderId } } } } }`, false},
		"through fragments": {`{ customers { edges { node { ...C } } } }
		  fragment C on Customer { o: orders { ...O } } fragment O on OrderConnection { ... on OrderConnection { totalCount } }`, true},
		"fragment spread elsewhere first": {`{ orders { ...O } customer(customerNumber: 1) { orders { ...O } } }
		  fragment O on OrderConnection { totalCount }`, true},
		"through node": {`{ node(id: "x") { ... on Customer { orders { totalCount } } } }`, true},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			doc, err := gqlparser.LoadQuery(schema, c.doc)
			if err != nil {
				t.Fatal(err)
			}
			if got := selectsIn(doc.Operations[0], "Customer", "orders", "totalCount"); got != c.want {
				t.Errorf("selectsIn = %v, want %v", got, c.want)
			}
		})
	}
}

// The lines of a page of orders, and their tokens, are read with the page when the document
// selects them anywhere.
func TestSelectsOrderLists(t *testing.T) {
	schema := graph.NewExecutableSchema(graph.Config{}).Schema()
	cases := map[string]struct {
		doc          string
		lines, token bool
	}{
		"orders only": {`{ customers { nodes { orders { nodes { orderId } } } } }`, false, false},
		"lines":       {`{ orders { nodes { orderLines { orderLineId } } } }`, true, false},
		"tokens":      {`{ customers { nodes { orders { nodes { orderLines { customerTokens { xTat } } } } } } }`, true, true},
		"through a fragment": {`{ order(orderId: "x") { ...O } }
		  fragment O on Order { orderLines { ... on OrderLine { customerTokens { xTat } } } }`, true, true},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			doc, err := gqlparser.LoadQuery(schema, c.doc)
			if err != nil {
				t.Fatal(err)
			}
			op := doc.Operations[0]
			if got := selectsIn(op, "Order", "orderLines", ""); got != c.lines {
				t.Errorf("lines: %v, want %v", got, c.lines)
			}
			if got := selectsIn(op, "OrderLine", "customerTokens", ""); got != c.token {
				t.Errorf("tokens: %v, want %v", got, c.token)
			}
		})
	}
}
