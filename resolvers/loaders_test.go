package resolvers_test

import (
	"encoding/json"
	"fmt"
	"testing"
)

// Aliased root fields batch: however many profiles a document names at the root, their profiles
// load in one statement, and each kind of child they ask for in one more.
func TestAliasedRootsBatch(t *testing.T) {
	e := newEnv(t)
	numbers := []int{e.newCustomer("alias1@example.nl"), e.newCustomer("alias2@example.nl"), e.newCustomer("alias3@example.nl")}
	ids := make([]struct {
		Customer struct {
			ID     string
			Person struct {
				Addresses []struct{ ID string }
				Phones    []struct{ ID string }
			}
		}
	}, len(numbers))
	for i, n := range numbers {
		e.ok(touchpoint, `query($n: Int!) { customer(customerNumber: $n) { id person { addresses { id } phones { id } } } }`,
			map[string]any{"n": n}, &ids[i])
	}
	customers, nodes, children := "", "", ""
	for i, n := range numbers {
		customers += fmt.Sprintf("c%d: customer(customerNumber: %d) { customerNumber person { surname } }\n", i, n)
		nodes += fmt.Sprintf("n%d: node(id: %q) { id }\n", i, ids[i].Customer.ID)
		children += fmt.Sprintf("a%d: node(id: %q) { id } p%d: node(id: %q) { id }\n", i,
			ids[i].Customer.Person.Addresses[0].ID, i, ids[i].Customer.Person.Phones[0].ID)
	}
	cases := map[string]struct {
		query string
		// statements: the profiles, then one per kind of child.
		statements int64
		aliases    int
	}{
		"customers":      {"{" + customers + "}", 1, len(numbers)},
		"customer nodes": {"{" + nodes + "}", 1, len(numbers)},
		"child nodes":    {"{" + children + "}", 3, 2 * len(numbers)},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			before := e.count.n.Load()
			var out map[string]json.RawMessage
			e.ok(touchpoint, c.query, nil, &out)
			if got := e.count.n.Load() - before; got != c.statements {
				t.Errorf("%d statements, want %d", got, c.statements)
			}
			if len(out) != c.aliases {
				t.Errorf("answer %v, want %d fields", out, c.aliases)
			}
			for k, v := range out {
				if string(v) == "null" {
					t.Errorf("%s is null", k)
				}
			}
		})
	}
}

// A write clears what the operation's loaders hold: a later field of the same document sees it.
func TestLoadersSeeEarlierWritesOfTheDocument(t *testing.T) {
	e := newEnv(t)
	n := e.newCustomer("writes@example.nl")
	const doc = `mutation($n: Int!) {
	  a: updatePerson(customerNumber: $n, input: {surname: "Eerst"}) { customer { person { surname addresses { street } } } }
	  b: addAddress(customerNumber: $n, input: {street: "Lange Poten", houseNumber: 4, postalCode: "2511CL",
	    city: "Den Haag", country: "NL", addressTypeId: 2}) { addressId }
	  c: updatePerson(customerNumber: $n, input: {surname: "Daarna"}) { customer { person { surname addresses { street } } } }
	}`
	type person struct {
		Customer struct {
			Person struct {
				Surname   string
				Addresses []struct{ Street string }
			}
		}
	}
	var out struct{ A, C person }
	e.ok(touchpoint, doc, map[string]any{"n": n}, &out)
	a, c := out.A.Customer.Person, out.C.Customer.Person
	if a.Surname != "Eerst" || len(a.Addresses) != 1 {
		t.Errorf("first mutation saw %+v, want surname Eerst and one address", a)
	}
	if c.Surname != "Daarna" || len(c.Addresses) != 2 {
		t.Errorf("third mutation saw %+v, want surname Daarna and two addresses", c)
	}
}
