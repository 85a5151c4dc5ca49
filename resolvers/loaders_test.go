package resolvers_test

import "testing"

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
