package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"ovgraph/adapters/auth"
	"ovgraph/adapters/postgres"
)

// A customer who registers a chip card, a token or an e-mail address that is in use learns that
// it is in use, and nothing more: the answer is the same whether the value is on the customer's
// own profile or on someone else's, names no one, and a request on another customer's profile
// answers as one on a profile that does not exist, whether or not its value is in use.
func TestConflictDoesNotTellWhose(t *testing.T) {
	srv := demoServer(t)
	// Customer 1000002 has chip card 3528000000001111 and tokens 2 (xtat-1000002-1) and 3
	// (xtat-1000002-2); customer 1000004 has chip card 3528000000003333, customer 1000003 token
	// xtat-1000003-1 and the e-mail address chantal.dijk3@example.nl.
	headers := map[string]string{"Authorization": "Bearer " + sign(t, testSecret, "tp", auth.ScopeTouchpoint),
		auth.CustomerHeader: sign(t, testSecret, postgres.DemoSubject(1000002))}
	const rest = "/abt/abtcustomers/1.0/selfservice/customers/"
	chipCard := func(n string) string { return `{"ovChipCard": {"chipCardNumber": ` + n + `}}` }
	token := func(xtat string) string {
		return `{"ovPayToken": {"tokenTypeId": 1, "xTat": "` + xtat + `", "xBot": "b", "alias": "a", "lastDigits": "1234"}}`
	}
	addChipCard := func(customer, n string) string {
		return `mutation { addOvChipCard(customerNumber: ` + customer + `, input: {chipCardNumber: ` + n + `}) { ovChipCard { ovChipCardId } } }`
	}
	addToken := func(xtat string) string {
		return `mutation { addOvPayToken(customerNumber: 1000002, input: {tokenTypeId: 1, xTat: "` + xtat +
			`", xBot: "b", alias: "a", lastDigits: "1234"}) { ovPayToken { ovPayTokenId } } }`
	}
	patchToken := func(xtat string) string {
		return `mutation { updateOvPayToken(customerNumber: 1000002, ovPayTokenId: 3, input: {xTat: "` + xtat + `"}) { customerNumber } }`
	}

	type request struct{ method, path, body string }
	for _, tc := range []struct {
		name     string
		status   int       // of every REST request of the case
		requests []request // REST requests that must answer the same
		queries  []string  // GraphQL documents that must answer the same
	}{
		{name: "chip card, own or another's", status: http.StatusConflict,
			requests: []request{{"POST", rest + "1000002/ovchipcards", chipCard("3528000000001111")},
				{"POST", rest + "1000002/ovchipcards", chipCard("3528000000003333")}},
			queries: []string{addChipCard("1000002", "3528000000001111"), addChipCard("1000002", "3528000000003333")}},
		{name: "new token, own xTat or another's", status: http.StatusConflict,
			requests: []request{{"POST", rest + "1000002/ovpaytokens", token("xtat-1000002-1")},
				{"POST", rest + "1000002/ovpaytokens", token("xtat-1000003-1")}},
			queries: []string{addToken("xtat-1000002-1"), addToken("xtat-1000003-1")}},
		{name: "changed token, own xTat or another's", status: http.StatusConflict,
			requests: []request{{"PATCH", rest + "1000002/ovpaytokens/3", `{"ovPayToken": {"xTat": "xtat-1000002-1"}}`},
				{"PATCH", rest + "1000002/ovpaytokens/3", `{"ovPayToken": {"xTat": "xtat-1000003-1"}}`}},
			queries: []string{patchToken("xtat-1000002-1"), patchToken("xtat-1000003-1")}},
		{name: "another's profile, card in use or not, or no profile", status: http.StatusNotFound,
			requests: []request{{"POST", rest + "1000004/ovchipcards", chipCard("3528000000003333")},
				{"POST", rest + "1000004/ovchipcards", chipCard("3528000000009999")},
				{"POST", rest + "9999999/ovchipcards", chipCard("3528000000003333")}},
			queries: []string{addChipCard("1000004", "3528000000003333"), addChipCard("1000004", "3528000000009999"),
				addChipCard("9999999", "3528000000003333")}},
	} {
		t.Run("rest/"+tc.name, func(t *testing.T) {
			var first string
			for i, r := range tc.requests {
				resp, raw := send(t, srv, r.method, r.path, r.body, headers)
				if resp.StatusCode != tc.status {
					t.Errorf("%s %s %s: %d %s, want %d", r.method, r.path, r.body, resp.StatusCode, raw, tc.status)
				}
				if i == 0 {
					first = string(raw)
				} else if string(raw) != first {
					t.Errorf("%s %s %s answers\n%s\nwhere the first request answers\n%s", r.method, r.path, r.body, raw, first)
				}
			}
		})
		t.Run("graphql/"+tc.name, func(t *testing.T) {
			var first string
			for i, q := range tc.queries {
				body, _ := json.Marshal(map[string]string{"query": q})
				_, raw := send(t, srv, http.MethodPost, "/graphql", string(body), headers)
				if !strings.Contains(string(raw), `"errors"`) {
					t.Errorf("%s answers %s, want an error", q, raw)
				}
				if i == 0 {
					first = string(raw)
				} else if string(raw) != first {
					t.Errorf("%s answers\n%s\nwhere the first document answers\n%s", q, raw, first)
				}
			}
		})
	}

	t.Run("e-mail address of another customer", func(t *testing.T) {
		resp, raw := send(t, srv, "PATCH", rest+"1000002/persons", `{"person": {"emailAddress": "chantal.dijk3@example.nl"}}`, headers)
		want := `{"code":"409","type":"Conflict","message":"emailAddress already exists.","description":""}`
		if resp.StatusCode != http.StatusConflict || string(raw) != want {
			t.Errorf("%d %s, want 409 %s", resp.StatusCode, raw, want)
		}
	})
}
