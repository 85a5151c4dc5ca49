package rest

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// seoIDBodies are bodies the request validation lets through, for the routes with a body.
var seoIDBodies = map[string]string{
	"patchOrder":                `{"languageId": 1}`,
	"postOrderLine":             `{"productId": 2, "quantity": 1}`,
	"patchOrderLine":            `{"quantity": 1}`,
	"postCustomerToken":         `{"tokenTypeId": 1, "ovPayTokenId": 1}`,
	"patchCustomerToken":        `{"tokenTypeId": 1}`,
	"postPersonalAccountData":   `{"name": "X"}`,
	"patchPersonalAccountData":  `{"name": "X"}`,
	"postPayment":               `{"amountDebit": 5900, "paymentMethodId": 1}`,
	"patchPayment":              `{"pspPaymentReference": "x"}`,
	"postOrderCustomer":         `{"birthname": "X"}`,
	"patchOrderCustomer":        `{"birthname": "X"}`,
	"postOrderCustomerAddress":  `{"addressTypeId": 3, "street": "S", "houseNumber": 1, "postalCode": "2511 BT", "city": "D", "country": "NL"}`,
	"patchOrderCustomerAddress": `{"houseNumber": 2}`,
}

// Every route with an id in its path answers 404 NOT_FOUND, naming the id, for an unknown id and,
// for a customer, for another customer's order or its children; nothing changes. A customer is
// refused the touchpoints' operations (403).
func TestSEOrdersNotFound(t *testing.T) {
	e := newSEOEnv(t)
	f := e.seoSeed("een@example.nl", 1, 2)
	g := e.seoSeed("twee@example.nl", 20, 2)
	theirs := e.sqlOrder(g.profileID, g.emv, 1)
	theirs.paymentID = e.sqlOrder(g.profileID, g.emv, 2).paymentID
	ids := map[string]string{
		"{orderId}": theirs.orderID, "{orderLineId}": theirs.lineID, "{customerTokenId}": theirs.tokenID,
		"{personalAccountDataId}": theirs.padID, "{paymentId}": theirs.paymentID,
		"{orderCustomerId}": theirs.customerID, "{orderCustomerAddressId}": theirs.addressID,
	}
	const unknown = "00000000-0000-4000-8000-000000000000"
	for _, r := range SEOrdersAPI().Routes {
		if !strings.Contains(r.Path, "{") {
			continue
		}
		key := r.Path[strings.Index(r.Path, "{"):]
		key = key[:strings.Index(key, "}")+1]
		name := strings.Trim(key, "{}")
		for _, c := range []struct {
			as     who
			id     string
			status int
		}{{touchpoint, unknown, 404}, {touchpoint, "no-uuid", 404}, {f.as, theirs.orderID, 0}} {
			id, status := c.id, c.status
			if c.as == f.as {
				id, status = ids[key], 404
				if r.Auth == Touchpoint {
					status = 403
				}
			}
			before := e.fingerprint()
			res := e.do(c.as, r.Method, strings.Replace(r.Path, key, id, 1), seoIDBodies[r.OperationID])
			e.unchanged(before)
			if res.status != status {
				t.Errorf("%s %s as %v: want %d, got %s", r.Method, r.Path, c.as, status, res)
				continue
			}
			body := res.json(t)
			if status == 404 && (body["type"] != "https://htm.nl/api/v1/probs/404/notfound" ||
				at(body, "errors", 0, "code") != "NOT_FOUND" || at(body, "errors", 0, "parameter") != name) {
				t.Errorf("%s %s: %v", r.Method, r.Path, body)
			}
			if status == 403 && body["type"] != "https://htm.nl/api/v1/probs/403/forbidden" {
				t.Errorf("%s %s: %v", r.Method, r.Path, body)
			}
		}
	}
}

// Orders of touchpoints and staff: an application must be registered as a sales touchpoint to
// sell (403 otherwise, nothing written); it names the customer with the profile header, or none;
// staff sell at customer service. The answer names the touchpoint and the customer.
func TestSEOrdersTouchpointOrder(t *testing.T) {
	e := newSEOEnv(t)
	f := e.seoSeed("balie@example.nl", 1, 2)
	const body = `{"languageId": 1, "orderLines": [{"productId": 2, "quantity": 1}]}`
	profile := map[string]string{profileHeader: strconv.FormatInt(f.profileID, 10)}
	before := e.fingerprint()
	if r := e.call(touchpoint, http.MethodPost, "/orders", body, profile); r.status != http.StatusForbidden ||
		at(r.json(t), "type") != "https://htm.nl/api/v1/probs/403/forbidden" {
		t.Errorf("unregistered application: %s", r)
	}
	e.unchanged(before)
	if _, err := e.store.Pool().Exec(context.Background(),
		`UPDATE sales_touchpoint SET client_id = $1 WHERE id = 2`, touchpoint.touchpoint); err != nil {
		t.Fatal(err)
	}
	r := e.call(touchpoint, http.MethodPost, "/orders", body, profile)
	if r.status != http.StatusCreated {
		t.Fatalf("registered application: %s", r)
	}
	got := r.json(t)
	if at(got, "customerProfileId") != float64(f.profileID) || at(got, "touchPoint", "salesTouchpointId") != 2.0 {
		t.Errorf("order of the registered application: %v", got)
	}
	got = e.must(touchpoint, http.MethodPost, "/orders", body, http.StatusCreated).json(t)
	if at(got, "customerProfileId") != nil {
		t.Errorf("order without a customer: %v", at(got, "customerProfileId"))
	}
	staff, header := staffFor(f.profileID)
	r = e.call(staff, http.MethodPost, "/orders", body, header)
	if r.status != http.StatusCreated || at(r.json(t), "touchPoint", "salesTouchpointId") != 1.0 ||
		at(r.json(t), "customerProfileId") != float64(f.profileID) {
		t.Errorf("staff's order: %s", r)
	}
	// A customer may not name another profile.
	g := e.seoSeed("ander@example.nl", 20, 2)
	before = e.fingerprint()
	if r := e.call(f.as, http.MethodPost, "/orders", body, map[string]string{profileHeader: strconv.FormatInt(g.profileID, 10)}); r.status != http.StatusNotFound {
		t.Errorf("customer naming another profile: %s", r)
	}
	e.unchanged(before)
}
