package main

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"ovgraph/adapters/auth"
	"ovgraph/adapters/postgres"
	"ovgraph/adapters/postgres/pgtest"
)

// The tests' token settings: the secret the server verifies with, and the issuer and audience it
// checks; otherSecret signs tokens the server must refuse.
const (
	testSecret   = "e2e-test-secret-of-at-least-32-bytes"
	otherSecret  = "another-secret-of-at-least-32-bytes"
	testIssuer   = "https://idp.test/"
	testAudience = "ovgraph-test"
)

// testAuth is the verifier configuration of the test servers.
func testAuth() auth.Config {
	return auth.Config{Secret: []byte(testSecret), Issuer: testIssuer, Audience: testAudience}
}

// newTestServer serves the real handler, built as serve builds it, over store.
func newTestServer(t *testing.T, store *postgres.Store) *httptest.Server {
	t.Helper()
	return newLimitedServer(t, store, defaultLimits())
}

// newLoggingServer is newTestServer writing its log to log.
func newLoggingServer(t *testing.T, store *postgres.Store, log *slog.Logger) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(loggingHandler(t, store, defaultLimits(), nil, log))
	t.Cleanup(srv.Close)
	return srv
}

// newLimitedServer is newTestServer with other limits.
func newLimitedServer(t *testing.T, store *postgres.Store, l Limits) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(testHandler(t, store, l, nil))
	t.Cleanup(srv.Close)
	return srv
}

// testHandler is the real handler, built as serve builds it, over store.
func testHandler(t testing.TB, store *postgres.Store, l Limits, draining *atomic.Bool) http.Handler {
	t.Helper()
	return loggingHandler(t, store, l, draining, slog.New(slog.DiscardHandler))
}

// loggingHandler is testHandler writing its log to log.
func loggingHandler(t testing.TB, store *postgres.Store, l Limits, draining *atomic.Bool, log *slog.Logger) http.Handler {
	t.Helper()
	verifier, err := auth.NewVerifier(t.Context(), testAuth())
	if err != nil {
		t.Fatal(err)
	}
	d := deps{store: store, verifier: verifier, log: log, limits: l, draining: draining}
	if _, err := d.withJobs(); err != nil { // transfers enqueue; their jobs run where a test starts them
		t.Fatal(err)
	}
	return newHandler(d)
}

// openStore opens a store on url, closed when t ends.
func openStore(t testing.TB, url string) *postgres.Store {
	t.Helper()
	store, err := postgres.Open(t.Context(), postgres.Config{URL: url})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(store.Close)
	return store
}

// demoServer serves a fresh migrated database with the demo data.
func demoServer(t *testing.T) *httptest.Server {
	t.Helper()
	store := openStore(t, pgtest.NewDatabase(t))
	if err := store.SeedDemo(t.Context()); err != nil {
		t.Fatalf("seed demo: %v", err)
	}
	return newTestServer(t, store)
}

// signWith signs a token with the test secret and the options as given.
func signWith(t *testing.T, o auth.SignOptions) string {
	t.Helper()
	tok, err := auth.Sign([]byte(testSecret), o)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func sign(t testing.TB, secret, subject string, scopes ...string) string {
	t.Helper()
	tok, err := auth.Sign([]byte(secret), auth.SignOptions{Subject: subject, Scopes: scopes,
		Issuer: testIssuer, Audience: testAudience, TTL: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

type gqlResponse struct {
	Data   map[string]json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Path       []any          `json:"path"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

// send makes one request to srv with a JSON body (when body is not empty) and headers, and
// returns the response with its body read. A header given as "" is left out (Content-Type too).
func send(t *testing.T, srv *httptest.Server, method, path, body string, headers map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range headers {
		if v == "" {
			req.Header.Del(k)
			continue
		}
		req.Header.Set(k, v)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, raw
}

// postGraphQL sends query with headers and returns the decoded body and the response.
func postGraphQL(t *testing.T, srv *httptest.Server, query string, headers map[string]string) (gqlResponse, *http.Response) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": query})
	resp, raw := send(t, srv, http.MethodPost, "/graphql", string(body), headers)
	var out gqlResponse
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("POST /graphql: status %d, body not JSON (%v): %s", resp.StatusCode, err, raw)
	}
	return out, resp
}

func get(t *testing.T, srv *httptest.Server, path string) (int, string) {
	t.Helper()
	resp, err := srv.Client().Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestHealth(t *testing.T) {
	ready := newTestServer(t, openStore(t, pgtest.NewDatabase(t)))
	unmigrated := newTestServer(t, openStore(t, pgtest.NewEmptyDatabase(t)))
	for _, tc := range []struct {
		name string
		srv  *httptest.Server
		path string
		want int
	}{
		{"healthz", ready, "/healthz", http.StatusOK},
		{"readyz migrated", ready, "/readyz", http.StatusOK},
		{"readyz migrated again", ready, "/readyz", http.StatusOK},
		{"readyz unmigrated", unmigrated, "/readyz", http.StatusServiceUnavailable},
		{"healthz unmigrated", unmigrated, "/healthz", http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body := get(t, tc.srv, tc.path)
			if code != tc.want {
				t.Errorf("GET %s = %d %q, want %d", tc.path, code, body, tc.want)
			}
		})
	}
}

func TestGraphQLAuth(t *testing.T) {
	srv := demoServer(t)
	app := "Bearer " + sign(t, testSecret, "tp", auth.ScopeTouchpoint)
	touchpoint := map[string]string{"Authorization": app}
	customerToken := sign(t, testSecret, postgres.DemoSubject(1000001))
	customer := map[string]string{"Authorization": app, auth.CustomerHeader: customerToken}
	portal := "Bearer " + sign(t, testSecret, "portal", auth.ScopeTouchpoint, auth.ScopeStaff)
	const customers = `{ customers(first: 3) { totalCount nodes { customerNumber } } }`

	for _, tc := range []struct {
		name    string
		query   string
		headers map[string]string
		code    string // wanted errors[0].extensions.code; "" wants no errors
		check   func(t *testing.T, data map[string]json.RawMessage)
	}{
		{name: "touchpoint lists customers", query: customers, headers: touchpoint,
			check: func(t *testing.T, data map[string]json.RawMessage) {
				var c struct {
					TotalCount int
					Nodes      []struct{ CustomerNumber int64 }
				}
				if err := json.Unmarshal(data["customers"], &c); err != nil {
					t.Fatal(err)
				}
				if c.TotalCount != 36 || len(c.Nodes) != 3 {
					t.Errorf("customers = %+v, want totalCount 36 and 3 nodes", c)
				}
			}},
		{name: "no token", query: customers, code: "UNAUTHENTICATED"},
		{name: "token of another secret", query: customers, code: "UNAUTHENTICATED",
			headers: map[string]string{"Authorization": "Bearer " + sign(t, otherSecret, "tp", auth.ScopeTouchpoint)}},
		{name: "token of a foreign issuer", query: customers, code: "UNAUTHENTICATED",
			headers: map[string]string{"Authorization": "Bearer " + signWith(t, auth.SignOptions{Subject: "tp",
				Scopes: []string{auth.ScopeTouchpoint}, Issuer: "https://elsewhere/", Audience: testAudience, TTL: time.Hour})}},
		{name: "token for another audience", query: customers, code: "UNAUTHENTICATED",
			headers: map[string]string{"Authorization": "Bearer " + signWith(t, auth.SignOptions{Subject: "tp",
				Scopes: []string{auth.ScopeTouchpoint}, Issuer: testIssuer, Audience: "someone-else", TTL: time.Hour})}},
		{name: "token valid for 100 years", query: customers, code: "UNAUTHENTICATED",
			headers: map[string]string{"Authorization": "Bearer " + signWith(t, auth.SignOptions{Subject: "tp",
				Scopes: []string{auth.ScopeTouchpoint}, Issuer: testIssuer, Audience: testAudience, TTL: 100 * 365 * 24 * time.Hour})}},
		{name: "bearer without touchpoint scope", query: customers, code: "UNAUTHENTICATED",
			headers: map[string]string{"Authorization": "Bearer " + sign(t, testSecret, "tp", "reader")}},
		{name: "token without Bearer prefix", query: customers, code: "UNAUTHENTICATED",
			headers: map[string]string{"Authorization": sign(t, testSecret, "tp", auth.ScopeTouchpoint)}},
		{name: "customer me", query: `{ me { customerNumber } }`, headers: customer,
			check: func(t *testing.T, data map[string]json.RawMessage) {
				if got := string(data["me"]); got != `{"customerNumber":1000001}` {
					t.Errorf("me = %s, want customer 1000001", got)
				}
			}},
		{name: "customer reads another customer", query: `{ customer(customerNumber: 1000002) { customerNumber } }`,
			headers: customer, code: "NOT_FOUND",
			check: func(t *testing.T, data map[string]json.RawMessage) {
				if got, ok := data["customer"]; !ok || string(got) != "null" {
					t.Errorf("data.customer = %q (present %t), want null", got, ok)
				}
			}},
		{name: "customer lists customers", query: customers, headers: customer, code: "FORBIDDEN"},
		{name: "customer token alone", query: `{ me { customerNumber } }`, code: "UNAUTHENTICATED",
			headers: map[string]string{auth.CustomerHeader: customerToken}},
		{name: "lookups need the application token too", query: `{ languages { id } }`, code: "UNAUTHENTICATED",
			headers: map[string]string{auth.CustomerHeader: customerToken}},
		{name: "introspection needs the application token too", query: `{ __schema { queryType { name } } }`, code: "UNAUTHENTICATED"},
		{name: "a bad customer token does not fall back to the application", query: customers, code: "UNAUTHENTICATED",
			headers: map[string]string{"Authorization": app, auth.CustomerHeader: sign(t, otherSecret, postgres.DemoSubject(1000001))}},
		{name: "a customer number as subject owns nothing", query: `{ me { customerNumber } }`, code: "NOT_FOUND",
			headers: map[string]string{"Authorization": app, auth.CustomerHeader: sign(t, testSecret, "1000001")}},
		{name: "staff role from the staff portal", query: customers,
			headers: map[string]string{"Authorization": portal, auth.RoleHeader: "KlantenService"}},
		{name: "staff role from an application without scope staff", query: customers, code: "FORBIDDEN",
			headers: map[string]string{"Authorization": app, auth.RoleHeader: "KlantenService"}},
		{name: "unknown staff role", query: customers, code: "FORBIDDEN",
			headers: map[string]string{"Authorization": portal, auth.RoleHeader: "Beheerder"}},
		{name: "role Customer is no staff role", query: `{ me { customerNumber } }`,
			headers: map[string]string{"Authorization": app, auth.CustomerHeader: customerToken, auth.RoleHeader: "Customer"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, resp := postGraphQL(t, srv, tc.query, tc.headers)
			switch {
			case tc.code == "" && len(res.Errors) > 0:
				t.Fatalf("errors: %+v", res.Errors)
			case tc.code != "" && len(res.Errors) == 0:
				t.Fatalf("status %d, no errors, want %s; data %s", resp.StatusCode, tc.code, res.Data)
			case tc.code != "" && res.Errors[0].Extensions["code"] != tc.code:
				t.Fatalf("errors[0] = %+v, want code %s", res.Errors[0], tc.code)
			}
			if tc.check != nil {
				tc.check(t, res.Data)
			}
		})
	}
}

func TestCorrelationID(t *testing.T) {
	srv := demoServer(t)
	touchpoint := map[string]string{"Authorization": "Bearer " + sign(t, testSecret, "tp", auth.ScopeTouchpoint)}
	with := func(h map[string]string, id string) map[string]string {
		out := map[string]string{"X-Correlation-ID": id}
		for k, v := range h {
			out[k] = v
		}
		return out
	}
	uuidPattern := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

	for _, tc := range []struct {
		name  string
		run   func(t *testing.T) *http.Response
		echo  string         // wanted X-Correlation-ID on the response
		match *regexp.Regexp // or a pattern it must match
	}{
		{name: "given id is echoed", echo: "abc-123", run: func(t *testing.T) *http.Response {
			_, resp := postGraphQL(t, srv, `{ me { customerNumber } }`, with(nil, "abc-123"))
			return resp
		}},
		{name: "missing id is generated", match: uuidPattern, run: func(t *testing.T) *http.Response {
			_, resp := postGraphQL(t, srv, `{ me { customerNumber } }`, nil)
			return resp
		}},
		{name: "invalid id is replaced", match: uuidPattern, run: func(t *testing.T) *http.Response {
			_, resp := postGraphQL(t, srv, `{ me { customerNumber } }`, with(nil, "bad id; drop"))
			return resp
		}},
		{name: "healthz echoes too", echo: "xyz", run: func(t *testing.T) *http.Response {
			req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL+"/healthz", nil)
			req.Header.Set("X-Correlation-ID", "xyz")
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			return resp
		}},
		{name: "mutation audited with id", echo: "abc-123", run: func(t *testing.T) *http.Response {
			res, resp := postGraphQL(t, srv,
				`mutation { updatePerson(customerNumber: 1000001, input: {surname: "Test"}) { customerNumber } }`,
				with(touchpoint, "abc-123"))
			if len(res.Errors) > 0 {
				t.Fatalf("updatePerson: %+v", res.Errors)
			}
			res, _ = postGraphQL(t, srv,
				`{ customer(customerNumber: 1000001) { person { surname } audit { correlationId user action entity } } }`,
				touchpoint)
			if len(res.Errors) > 0 {
				t.Fatalf("customer: %+v", res.Errors)
			}
			var c struct {
				Person struct{ Surname string }
				Audit  []struct{ CorrelationID, User, Action, Entity string }
			}
			if err := json.Unmarshal(res.Data["customer"], &c); err != nil {
				t.Fatal(err)
			}
			if c.Person.Surname != "Test" {
				t.Errorf("surname = %q after updatePerson, want Test", c.Person.Surname)
			}
			found := false
			for _, a := range c.Audit {
				if a.CorrelationID == "abc-123" {
					found = true
					if a.User != "application:tp" || a.Action != "update" {
						t.Errorf("audit entry %+v, want user application:tp and action update", a)
					}
				}
			}
			if !found {
				t.Errorf("no audit entry with correlationId abc-123 in %+v", c.Audit)
			}
			return resp
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := tc.run(t)
			got := resp.Header.Get("X-Correlation-ID")
			if tc.echo != "" && got != tc.echo {
				t.Errorf("X-Correlation-ID = %q, want %q", got, tc.echo)
			}
			if tc.match != nil && !tc.match.MatchString(got) {
				t.Errorf("X-Correlation-ID = %q, want a generated UUID", got)
			}
		})
	}
}

func TestBodyLimit(t *testing.T) {
	srv := demoServer(t)
	touchpoint := map[string]string{"Authorization": "Bearer " + sign(t, testSecret, "tp", auth.ScopeTouchpoint)}
	limit := int(defaultLimits().MaxBodyBytes)
	for _, tc := range []struct {
		name    string
		padding int // bytes of comment added to the query
		wantOK  bool
	}{
		{"under the limit", limit / 2, true},
		{"over the limit", limit + 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			query := "#" + strings.Repeat("x", tc.padding) + "\n{ customers(first: 1) { totalCount } }"
			res, resp := postGraphQL(t, srv, query, touchpoint)
			got := len(res.Errors) == 0 && string(res.Data["customers"]) == `{"totalCount":36}`
			if got != tc.wantOK {
				t.Errorf("status %d, errors %+v, data %s; want success %t", resp.StatusCode, res.Errors, res.Data, tc.wantOK)
			}
		})
	}
}
