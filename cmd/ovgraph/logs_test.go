package main

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"ovgraph/adapters/auth"
	"ovgraph/adapters/postgres/pgtest"
)

// lockedBuffer collects the log output of a server that handles requests concurrently.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Requests that fail because of what the client sent leave no request body, e-mail address or
// IBAN in the log, and nothing at ERROR: the operator is not paged for a client's mistake, and the
// log holds no personal data.
func TestClientMistakesKeepTheLogClean(t *testing.T) {
	var logs lockedBuffer
	log := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	store := openStore(t, pgtest.NewDatabase(t))
	if err := store.SeedDemo(t.Context()); err != nil {
		t.Fatal(err)
	}
	srv := newLoggingServer(t, store, log)
	app := "Bearer " + sign(t, testSecret, "tp", auth.ScopeTouchpoint)
	const (
		email = "jan.jansen@example.nl"
		iban  = "NL91ABNA0417164300"
	)
	secrets := []string{email, iban, "jan.jansen", "0417164300"}
	person := `{"person": {"surname": "Jansen", "emailAddress": "` + email + `"}, "billing": {"iban": "` + iban + `"}}`

	// Under application/json a document that does not parse or validate, or variables that do not
	// coerce, are answered 200 with the errors, as the GraphQL over HTTP specification says.
	for _, tc := range []struct {
		name, method, path, contentType, body string
		status                                int
	}{
		{"GraphQL body not JSON", "POST", "/graphql", "application/json", `{"query": "mutation", "variables": ` + person, 400},
		{"GraphQL body without Content-Type", "POST", "/graphql", "", `{"query": "{ __typename }", "variables": ` + person + `}`, 400},
		{"GraphQL extensions not an object", "POST", "/graphql", "application/json",
			`{"query": "{ __typename }", "extensions": "` + email + ` ` + iban + `"}`, 400},
		{"GraphQL body over the cap", "POST", "/graphql", "application/json",
			`{"query": "{ __typename }", "variables": ` + person + `, "pad": "` + strings.Repeat("x", 2<<20) + `"}`, 413},
		{"GraphQL document that does not parse", "POST", "/graphql", "application/json",
			`{"query": "mutation { createCustomer(input: {person: {emailAddress: \"` + email + `\" iban: \"` + iban + `\" }"}`, 200},
		{"GraphQL document that does not validate", "POST", "/graphql", "application/json",
			`{"query": "{ customers(filter: {emailAddress: \"` + email + `\", iban: \"` + iban + `\"}) { totalCount } }"}`, 200},
		{"GraphQL variables of the wrong type", "POST", "/graphql", "application/json",
			`{"query": "query($n: Int!) { customer(customerNumber: $n) { customerNumber } }", "variables": {"n": "` + email + `"}}`, 200},
		{"REST body not JSON", "POST", "/abt/abtcustomers/1.0/customers", "application/json", person[:len(person)-1], 400},
		{"REST body with an unknown field", "POST", "/abt/abtcustomers/1.0/customers", "application/json", person, 400},
		{"REST query parameter of the wrong type", "GET",
			"/abt/abtcustomers/1.0/customers?customerNumber=" + email + "&iban=" + iban, "", "", 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, raw := sendRaw(t, srv, tc.method, tc.path, tc.contentType, tc.body, app)
			if resp.StatusCode != tc.status {
				t.Errorf("status %d, body %.300s; want %d", resp.StatusCode, raw, tc.status)
			}
			if strings.HasPrefix(tc.path, "/graphql") && !bytes.Contains(raw, []byte(`"BAD_USER_INPUT"`)) {
				t.Errorf("body %.300s; want a BAD_USER_INPUT error", raw)
			}
		})
	}

	out := logs.String()
	if out == "" {
		t.Fatal("no log output at all: the capture does not work")
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Errorf("log line is not JSON: %.200s", line)
			continue
		}
		if rec["level"] == "ERROR" {
			t.Errorf("a client's mistake logged at ERROR: %.300s", line)
		}
		for _, s := range secrets {
			if strings.Contains(line, s) {
				t.Errorf("log line shows %q: %.300s", s, line)
			}
		}
		if strings.Contains(line, "Jansen") || strings.Contains(line, `\"query\"`) || strings.Contains(line, "xxxxxxxx") {
			t.Errorf("log line shows the request body: %.300s", line)
		}
	}
}
