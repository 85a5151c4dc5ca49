package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"ovgraph/adapters/auth"
	"ovgraph/adapters/postgres"
)

// The SE customers API behind the real JWT middleware: the customer's token, or staff's headers,
// name the profile; credentials the middleware refuses are answered in the API's problem form.
func TestSERESTThroughTheServer(t *testing.T) {
	srv := demoServer(t)
	touchpoint := "Bearer " + sign(t, testSecret, "tp", auth.ScopeTouchpoint)
	smp := "Bearer " + sign(t, testSecret, "smp", auth.ScopeTouchpoint, auth.ScopeStaff)
	cust := sign(t, testSecret, postgres.DemoSubject(1000001))
	call := func(t *testing.T, path string, headers map[string]string, status int) map[string]any {
		t.Helper()
		resp, raw := send(t, srv, http.MethodGet, "/v1/touchpoint"+path, "", headers)
		if resp.StatusCode != status {
			t.Fatalf("GET %s: %d %s, want %d", path, resp.StatusCode, raw, status)
		}
		var out map[string]any
		if err := json.Unmarshal(raw, &out); err != nil {
			t.Fatalf("GET %s: %s", path, raw)
		}
		return out
	}
	problem := func(t *testing.T, body map[string]any, kind string) {
		t.Helper()
		if body["type"] != "https://htm.nl/api/v1/probs/"+kind || !strings.HasPrefix(body["instance"].(string), "urn:uuid:") {
			t.Errorf("problem %v, want %s", body, kind)
		}
	}

	own := call(t, "/customers/tokens", map[string]string{"Authorization": touchpoint, auth.CustomerHeader: cust}, 200)
	if _, ok := own["ovPayTokens"].([]any); !ok {
		t.Errorf("customer's tokens: %v", own)
	}
	staff := map[string]string{"Authorization": smp, auth.RoleHeader: "KlantenService", auth.CustomerProfileIDHeader: "1"}
	listed := call(t, "/customers/tokens", staff, 200)
	for _, tok := range listed["ovPayTokens"].([]any) {
		if tok.(map[string]any)["customerProfileId"] != float64(1) || tok.(map[string]any)["_links"] != nil {
			t.Errorf("staff list: %v", tok)
		}
	}
	found := call(t, "/customers?customerNumber=1000001", map[string]string{"Authorization": smp, auth.RoleHeader: "KlantenService"}, 200)
	if links, _ := found["_links"].(map[string]any); links["create_customer_status"] == nil {
		t.Errorf("staff search: %v", found)
	}

	// The contract's example of the profile header is a UUID: the middleware refuses it.
	uuidHeader := map[string]string{"Authorization": smp, auth.RoleHeader: "KlantenService",
		auth.CustomerProfileIDHeader: "feaaef83-a551-4283-8419-340b1ada3b55"}
	problem(t, call(t, "/customers/tokens", uuidHeader, 400), "badrequest")
	problem(t, call(t, "/customers/tokens", nil, 401), "unauthorized")
	problem(t, call(t, "/customers/tokens", map[string]string{"Authorization": touchpoint, auth.RoleHeader: "KlantenService"}, 403), "forbidden")
	problem(t, call(t, "/customers/tokens", map[string]string{"Authorization": touchpoint}, 400), "badrequest")
	if body := call(t, "/customers?customerNumber=1000001", nil, 401); body["apiErrorCode"] != "401.1" {
		t.Errorf("search without a token: %v", body)
	}
	call(t, "/openapi.json", map[string]string{"Authorization": touchpoint}, 200)
}
