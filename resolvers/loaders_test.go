package resolvers_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"ovgraph/graph"
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
	customers, lists, nodes, children := "", "", "", ""
	for i, n := range numbers {
		customers += fmt.Sprintf("c%d: customer(customerNumber: %d) { customerNumber person { surname } }\n", i, n)
		lists += fmt.Sprintf("l%d: customer(customerNumber: %d) { person { addresses { id } } ovChipCards { alias } }\n", i, n)
		nodes += fmt.Sprintf("n%d: node(id: %q) { id }\n", i, ids[i].Customer.ID)
		children += fmt.Sprintf("a%d: node(id: %q) { id } p%d: node(id: %q) { id }\n", i,
			ids[i].Customer.Person.Addresses[0].ID, i, ids[i].Customer.Person.Phones[0].ID)
	}
	cases := map[string]struct {
		query string
		// statements: the profiles, then one per kind of child (or child list).
		statements int64
		aliases    int
	}{
		"customers":                  {"{" + customers + "}", 1, len(numbers)},
		"customers with child lists": {"{" + lists + "}", 3, len(numbers)},
		"customer nodes":             {"{" + nodes + "}", 1, len(numbers)},
		"child nodes":                {"{" + children + "}", 3, 2 * len(numbers)},
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

// One profile at the root of a query (customer or me) waits for no loader: the profile is read at
// once and the child lists its selection asks for, and only those, follow in one statement. The
// answer is the one the loaders give when two aliases name the same profile.
func TestSingleProfileRootPrefetches(t *testing.T) {
	e := newEnv(t)
	n := e.newCustomer("single@example.nl")
	const lists = `customerNumber person { surname ...P } ovChipCards { alias }
	  ovPayTokens @skip(if: true) { alias } audit @include(if: false) { action } billingInformation { iban }`
	const fragment = `fragment P on Person { addresses { city } }`
	cases := map[string]struct {
		caller graph.Caller
		query  string
		// ran: the statements, by sqlc name.
		ran   []string
		trips int64
		// lists: the child lists the prefetch read.
		lists []string
	}{
		"customer": {touchpoint, `query($n: Int!) { customer(customerNumber: $n) { ` + lists + ` } } ` + fragment,
			[]string{"CustomersByNumbers", "ProfileChildren"}, 2, []string{"addresses", "chipCards", "billing"}},
		"customer through a fragment, beside another root field": {touchpoint,
			`query($n: Int!) { ...Q customerStatusTypes { name } } fragment Q on Query { customer(customerNumber: $n) { person { phones { number } } } }`,
			[]string{"CustomerStatusTypes", "CustomersByNumbers", "ProfileChildren"}, 3, []string{"phones"}},
		"no child list": {touchpoint, `query($n: Int!) { customer(customerNumber: $n) { customerNumber person { surname } } }`,
			[]string{"CustomersByNumbers"}, 1, nil},
		"me": {customer(int64(n)), `{ me { ` + lists + ` } } ` + fragment,
			[]string{"CustomerViewBySubject", "ProfileChildren"}, 2, []string{"addresses", "chipCards", "billing"}},
		"me beside its own profile by number": {customer(int64(n)), `query($n: Int!) { me { customerNumber } customer(customerNumber: $n) { customerNumber } }`,
			[]string{"CustomerBySubject", "CustomersByNumbers"}, 2, nil},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			start, trips := e.count.len(), e.count.trips.Load()
			r := e.do(c.caller, c.query, map[string]any{"n": n})
			if len(r.Errors) > 0 {
				t.Fatalf("errors: %+v", r.Errors)
			}
			// Root fields resolve concurrently: compare the statements, not their order.
			if got := e.count.names(start); !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(c.ran))) {
				t.Errorf("ran %v, want %v", got, c.ran)
			}
			if got := e.count.trips.Load() - trips; got != c.trips {
				t.Errorf("round trips %d, want %d", got, c.trips)
			}
			if got := e.count.childLists(start); !slices.Equal(got, c.lists) {
				t.Errorf("read the child lists %v, want %v", got, c.lists)
			}
		})
	}
	var one struct{ Customer json.RawMessage }
	var two struct{ A, B json.RawMessage }
	e.ok(touchpoint, `query($n: Int!) { customer(customerNumber: $n) { `+lists+` } } `+fragment, map[string]any{"n": n}, &one)
	e.ok(touchpoint, `query($n: Int!) { a: customer(customerNumber: $n) { `+lists+` } b: customer(customerNumber: $n) { customerNumber } } `+fragment,
		map[string]any{"n": n}, &two)
	if string(one.Customer) != string(two.A) || !strings.Contains(string(one.Customer), `"city":"Den Haag"`) {
		t.Errorf("one root answered %s, two aliases %s", one.Customer, two.A)
	}
	if r := e.do(touchpoint, `{ customer(customerNumber: 1) { person { addresses { city } } } }`, nil); r.code() != "NOT_FOUND" {
		t.Errorf("unknown customer: %+v", r)
	}
	start := e.count.len()
	stranger := graph.Caller{Application: "test-app", CustomerSubject: "not-registered"}
	if r := e.do(stranger, `{ me { person { addresses { city } } } }`, nil); r.code() != "NOT_FOUND" {
		t.Errorf("me before registering: %+v", r)
	}
	if got := e.count.names(start); !slices.Equal(got, []string{"CustomerViewBySubject"}) {
		t.Errorf("me before registering ran %v", got)
	}
}

// len is the number of statements run so far.
func (c *statementCounter) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.ran)
}

// names are the sqlc names of the statements run since the first from.
func (c *statementCounter) names(from int) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for _, d := range c.ran[from:] {
		name, _, _ := strings.Cut(strings.TrimPrefix(d.SQL, "-- name: "), " ")
		out = append(out, name)
	}
	return out
}

// allLists are the child lists of a profile in the order of postgres.ChildLists, as childLists
// names them.
var allLists = []string{"statuses", "addresses", "phones", "chipCards", "tokens", "billing", "mandates", "audit"}

// childLists names the child lists the ProfileChildren statements run since the first from were
// asked for: its arguments are the profile ids, then one flag per list in the order of allLists.
func (c *statementCounter) childLists(from int) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for _, d := range c.ran[from:] {
		if !strings.HasPrefix(d.SQL, "-- name: ProfileChildren ") {
			continue
		}
		for i, name := range allLists {
			if want, _ := d.Args[1+i].(bool); want {
				out = append(out, name)
			}
		}
	}
	return out
}
