package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"ovgraph/adapters/postgres"
)

// The REST shim behind the real JWT and correlation-id middleware.
func TestRESTThroughTheServer(t *testing.T) {
	srv := demoServer(t)
	touchpoint := "Bearer " + sign(t, testSecret, "tp", "touchpoint")
	cust := sign(t, testSecret, postgres.DemoSubject(1000001))
	// A customer acts through an application: both tokens.
	asCustomer := func(extra map[string]string) map[string]string {
		h := map[string]string{"Authorization": touchpoint, "X-HTM-JWT-AUTH-HEADER": cust}
		for k, v := range extra {
			h[k] = v
		}
		return h
	}
	call := func(t *testing.T, method, path, body string, headers map[string]string) (int, map[string]any, http.Header) {
		t.Helper()
		resp, raw := send(t, srv, method, "/abt/abtcustomers/1.0"+path, body, headers)
		var out map[string]any
		if len(raw) > 0 {
			if err := json.Unmarshal(raw, &out); err != nil {
				t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, raw)
			}
		}
		return resp.StatusCode, out, resp.Header
	}

	cases := []struct {
		name, method, path, body string
		headers                  map[string]string
		status                   int
		check                    func(t *testing.T, body map[string]any)
	}{
		{name: "touchpoint search", method: "GET", path: "/customers?customerNumber=1000002",
			headers: map[string]string{"Authorization": touchpoint}, status: 200,
			check: func(t *testing.T, b map[string]any) {
				if b["customerNumber"] != float64(1000002) {
					t.Errorf("profile %v", b["customerNumber"])
				}
			}},
		{name: "no token", method: "GET", path: "/customers?customerNumber=1000002", status: 401,
			check: func(t *testing.T, b map[string]any) {
				if b["code"] != "900901" || b["message"] != "Invalid Credentials" {
					t.Errorf("401 body %v", b)
				}
			}},
		{name: "expired or foreign token", method: "GET", path: "/customers?customerNumber=1000002",
			headers: map[string]string{"Authorization": "Bearer " + sign(t, otherSecret, "tp", "touchpoint")}, status: 401},
		{name: "customer token on a touchpoint route", method: "GET", path: "/customers?customerNumber=1000001",
			headers: asCustomer(nil), status: 403},
		{name: "customer token without the application's", method: "GET", path: "/selfservice/customers",
			headers: map[string]string{"X-HTM-JWT-AUTH-HEADER": cust}, status: 401},
		{name: "application token alone on a selfservice route", method: "GET", path: "/selfservice/customers",
			headers: map[string]string{"Authorization": touchpoint}, status: 401},
		{name: "customer token of another secret", method: "GET", path: "/selfservice/customers",
			headers: asCustomer(map[string]string{"X-HTM-JWT-AUTH-HEADER": sign(t, otherSecret, postgres.DemoSubject(1000001))}),
			status:  401},
		{name: "body over the server's cap", method: "POST", path: "/customers",
			body:    `{"person": {"surname": "` + strings.Repeat("x", int(defaultLimits().MaxBodyBytes)) + `"}}`,
			headers: map[string]string{"Authorization": touchpoint}, status: 413,
			check: func(t *testing.T, b map[string]any) {
				if b["code"] != "413" {
					t.Errorf("413 body %v", b)
				}
			}},
		{name: "selfservice profile", method: "GET", path: "/selfservice/customers",
			headers: asCustomer(nil), status: 200,
			check: func(t *testing.T, b map[string]any) {
				if b["customerNumber"] != float64(1000001) {
					t.Errorf("profile %v", b["customerNumber"])
				}
			}},
		{name: "selfservice on another customer", method: "GET", path: "/selfservice/customers/1000002/financials",
			headers: asCustomer(nil), status: 404},
		{name: "selfservice write is audited with the correlation id", method: "PATCH",
			path: "/selfservice/customers/1000001/persons", body: `{"person": {"surname": "Rest"}}`,
			headers: asCustomer(map[string]string{"X-Correlation-ID": "rest-corr-1"}), status: 202},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, body, _ := call(t, tc.method, tc.path, tc.body, tc.headers)
			if status != tc.status {
				t.Fatalf("status %d, want %d: %v", status, tc.status, body)
			}
			if tc.check != nil {
				tc.check(t, body)
			}
		})
	}

	_, profile, hdr := call(t, "GET", "/customers?customerNumber=1000001", "", map[string]string{"Authorization": touchpoint})
	if hdr.Get("X-Correlation-ID") == "" {
		t.Error("no correlation id on a REST response")
	}
	person, _ := profile["person"].(map[string]any)
	if person["surname"] != "Rest" {
		t.Errorf("surname after the selfservice PATCH: %v", person["surname"])
	}
	audit, _ := profile["audit"].([]any)
	last, _ := audit[len(audit)-1].(map[string]any)
	if last["correlationId"] != "rest-corr-1" || last["user"] != "customer:"+postgres.DemoSubject(1000001) || last["action"] != "update" {
		t.Errorf("last audit row %v", last)
	}
}

// Measured before the policy table: a customer blocked by a touchpoint unblocked itself (201) and
// reset its debtor status from Blocked to Active (202). Both are refused now, and change nothing;
// the touchpoint's decisions stand.
func TestCustomerCannotUndoTouchpointDecisions(t *testing.T) {
	srv := demoServer(t)
	touchpoint := map[string]string{"Authorization": "Bearer " + sign(t, testSecret, "tp", "touchpoint")}
	customer := map[string]string{"Authorization": touchpoint["Authorization"],
		"X-HTM-JWT-AUTH-HEADER": sign(t, testSecret, postgres.DemoSubject(1000001))}
	const base = "/abt/abtcustomers/1.0"
	must := func(method, path, body string, headers map[string]string, status int) {
		t.Helper()
		resp, raw := send(t, srv, method, base+path, body, headers)
		if resp.StatusCode != status {
			t.Fatalf("%s %s: %d %s, want %d", method, path, resp.StatusCode, raw, status)
		}
	}
	must("POST", "/customers/1000001/statuses", `{"customerStatus": {"name": "blocked"}}`, touchpoint, 201)
	must("PATCH", "/customers/1000001", `{"debtorStatusId": 3}`, touchpoint, 202)

	must("POST", "/selfservice/customers/1000001/statuses", `{"customerStatus": {"name": "active"}}`, customer, 403)
	must("PATCH", "/selfservice/customers/1000001", `{"debtorStatusId": 2}`, customer, 403)

	_, raw := send(t, srv, "GET", base+"/customers?customerNumber=1000001", "", touchpoint)
	var profile struct {
		DebtorStatusID int `json:"debtorStateId"`
		CustomerStatus []struct {
			Name        string  `json:"name"`
			ToInclusive *string `json:"toInclusive"`
		} `json:"customerStatus"`
	}
	if err := json.Unmarshal(raw, &profile); err != nil {
		t.Fatal(err)
	}
	last := profile.CustomerStatus[len(profile.CustomerStatus)-1]
	if profile.DebtorStatusID != 3 || last.Name != "blocked" || last.ToInclusive != nil {
		t.Errorf("after the customer's attempts: %s", raw)
	}
}
