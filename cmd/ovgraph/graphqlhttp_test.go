package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ovgraph/adapters/auth"
)

// A request /graphql cannot read is the client's mistake: a 4xx with BAD_USER_INPUT, never
// INTERNAL, and never a 200.
func TestGraphQLRequestErrors(t *testing.T) {
	srv := demoServer(t)
	app := "Bearer " + sign(t, testSecret, "tp", auth.ScopeTouchpoint)
	const query = `{"query": "{ languages { id } }"}`
	big := `{"query": "{ languages { id } }", "extensions": {"pad": "` + strings.Repeat("x", 5<<20) + `"}}`

	for _, tc := range []struct {
		name, method, contentType, body string
		status                          int
	}{
		{"malformed JSON", "POST", "application/json", `{"query": "{ languages { id } }"`, 400},
		{"not JSON at all", "POST", "application/json", `query { languages { id } }`, 400},
		{"missing Content-Type", "POST", "", query, 400},
		{"unsupported Content-Type", "POST", "text/plain", query, 415},
		{"extensions a string", "POST", "application/json", `{"query": "{ __typename }", "extensions": "persisted"}`, 400},
		{"extensions a list", "POST", "application/json", `{"query": "{ __typename }", "extensions": [1]}`, 400},
		{"variables a string", "POST", "application/json", `{"query": "{ __typename }", "variables": "{}"}`, 400},
		{"operationName a number", "POST", "application/json", `{"query": "{ __typename }", "operationName": 1}`, 400},
		{"query a number", "POST", "application/json", `{"query": 1}`, 400},
		{"no query", "POST", "application/json", `{"qeury": "{ __typename }"}`, 400},
		{"empty body", "POST", "application/json", ``, 400},
		{"a list of operations", "POST", "application/json", `[` + query + `]`, 400},
		{"something after the object", "POST", "application/json", query + ` {}`, 400},
		{"a 5 MB body", "POST", "application/json", big, 413},
		{"mutation over GET", "GET", "", "", 405},
		{"PUT", "PUT", "application/json", query, 405},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := "/graphql"
			if tc.method == "GET" {
				path += "?query=" + url.QueryEscape("mutation { __typename }")
			}
			resp, raw := sendRaw(t, srv, tc.method, path, tc.contentType, tc.body, app)
			var out gqlResponse
			if err := json.Unmarshal(raw, &out); err != nil {
				t.Fatalf("status %d, body not JSON: %.200s", resp.StatusCode, raw)
			}
			if resp.StatusCode != tc.status || len(out.Errors) != 1 || out.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
				t.Fatalf("status %d, body %.300s; want %d with one BAD_USER_INPUT error", resp.StatusCode, raw, tc.status)
			}
			if _, ok := out.Data["x"]; out.Data != nil || ok {
				t.Errorf("body %.300s has data; a request error has none", raw)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q, want application/json", ct)
			}
		})
	}
}

// sendRaw makes one request with the application token and the body exactly as given, with the
// Content-Type given (none when empty), and returns the response with its body read.
func sendRaw(t *testing.T, srv *httptest.Server, method, path, contentType, body, authorization string) (*http.Response, []byte) {
	t.Helper()
	return send(t, srv, method, path, body, map[string]string{"Authorization": authorization, "Content-Type": contentType})
}

// graphqlHTTPDir holds the pinned audit suite of the GraphQL over HTTP specification.
const graphqlHTTPDir = repoRoot + "/" + graphqlHTTPDirFromRoot

// graphqlHTTPDirFromRoot is that folder seen from the repository root.
const graphqlHTTPDirFromRoot = "tools/graphqlhttp"

// TestGraphQLOverHTTPAudit runs the specification's own audits (graphql-http's serverAudits)
// against the real server with a touchpoint token: every audit must pass, none may warn.
func TestGraphQLOverHTTPAudit(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("Node.js is needed to run the GraphQL over HTTP audits: %v", err)
	}
	if _, err := os.Stat(filepath.Join(graphqlHTTPDir, "node_modules", "graphql-http")); err != nil {
		t.Fatalf("the audit suite is not installed in %s (%v); `make graphql-http` (part of `make test`) installs it",
			graphqlHTTPDir, err)
	}
	srv := demoServer(t)
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "audit.mjs", srv.URL+"/graphql")
	cmd.Dir = graphqlHTTPDir
	cmd.Env = append(os.Environ(), "OVGRAPH_TOKEN="+sign(t, testSecret, "audit", auth.ScopeTouchpoint))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("GraphQL over HTTP audits: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	t.Log(lines[len(lines)-1])
}
