package rest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// seOrdersContract is the SE orders contract's file in the contracts folder.
const seOrdersContract = "se-orders.yaml"

// loadSEOContract loads the contract. Four query parameter examples contradict their schema
// (notes §0: zone-less date-times), so the structure is validated without the examples; the
// examples are driven against the implementation instead. It skips the test when the contracts
// are not there (see contractFile).
func loadSEOContract(t *testing.T) *openapi3.T {
	t.Helper()
	loader := openapi3.NewLoader()
	loader.IsExternalRefsAllowed = false
	doc, err := loader.LoadFromFile(contractFile(t, seOrdersContract))
	if err != nil {
		t.Fatalf("load contract: %v", err)
	}
	if err := doc.Validate(loader.Context, openapi3.DisableExamplesValidation()); err != nil {
		t.Fatalf("validate contract: %v", err)
	}
	return doc
}

// seoExampleRef names one of the contract's 55 examples: the operation, the response status (0
// for a request example) and the example's name ("" for the one unnamed example of a response).
type seoExampleRef struct {
	method, path string
	status       int
	name         string
}

// seoExamples are the contract's examples in document order: #n of the notes is seoExamples[n].
var seoExamples = func() []seoExampleRef {
	const (
		orders                = "/orders"
		order                 = "/orders/{orderId}"
		lines                 = "/orders/{orderId}/orderlines"
		line                  = "/orderlines/{orderLineId}"
		tokens                = "/orderlines/{orderLineId}/customertokens"
		token                 = "/customertokens/{customerTokenId}"
		pads                  = "/customertokens/{customerTokenId}/personalaccountdata"
		pad                   = "/personalaccountdata/{personalAccountDataId}"
		payments              = "/orders/{orderId}/payments"
		payment               = "/payments/{paymentId}"
		custs                 = "/orders/{orderId}/ordercustomers"
		cust                  = "/ordercustomers/{orderCustomerId}"
		addrs                 = "/ordercustomers/{orderCustomerId}/orderCustomerAddress"
		addr                  = "/orderCustomerAddress/{orderCustomerAddressId}"
		gbo                   = "/orders/validation/gboAgeProfile"
		get, post, patch, del = http.MethodGet, http.MethodPost, http.MethodPatch, http.MethodDelete
	)
	return []seoExampleRef{
		{get, orders, 200, "Empty order list"},
		{get, orders, 200, "List with multiple orders"},
		{post, orders, 0, "Create order with OVpas and PAD"},
		{post, orders, 201, "Concept order with OVpas and PAD"},
		{post, orders, 400, ""},
		{get, order, 200, "Order with status concept (and existing token)"},
		{get, order, 200, "Order with status concept (and anonymous token)"},
		{get, order, 200, "Order with status paid"},
		{patch, order, 0, `Update order languageId"`},
		{patch, order, 200, "Concept order with OVpas and PAD"},
		{patch, order, 400, ""},
		{del, order, 400, ""},
		{post, lines, 0, "Add order line to concept order"},
		{post, lines, 0, "Order line with minimum requirements"},
		{post, lines, 200, "AddRemark chosen product is not a leaf node product"},
		{post, lines, 200, "Create order line with minimum requirements"},
		{post, lines, 400, ""},
		{patch, line, 0, "Update order line"},
		{patch, line, 200, "Order with updated order line"},
		{patch, line, 400, ""},
		{del, line, 200, "Order with removed order line"},
		{del, line, 400, ""},
		{post, tokens, 0, "Add an existing customer token to an order line"},
		{post, tokens, 0, "Add a new customer token (EMV) to an order line"},
		{post, tokens, 0, "Add a new customer token (OVpas) to an order line"},
		{post, tokens, 201, "Order with updated order line"},
		{patch, token, 0, "Update a customer token"},
		{patch, token, 200, "Order with updated customer token"},
		{del, token, 200, "Order with deleted customer token"},
		{post, pads, 0, "Add personal account data to a customer token"},
		{post, pads, 201, "Order with added personal account data to customer token"},
		{patch, pad, 0, "Update personal account data"},
		{patch, pad, 201, "Order with updated personal account data"},
		{del, pad, 200, "Order with deleted personal account data"},
		{post, payments, 0, "Add a payment to an order"},
		{post, payments, 201, "Order in status 'awaitingPayment'"},
		{patch, payment, 0, "Update payment (pending payment)"},
		{patch, payment, 0, "Update payment (payment successful)"},
		{patch, payment, 0, "Update payment (payment failed)"},
		{patch, payment, 0, "Update payment (payment cancelled)"},
		{patch, payment, 200, "Order updated to payment successful"},
		{patch, payment, 200, "v9.9 (Nick Pows)"},
		{post, custs, 0, "Add a customer to an existing order"},
		{post, custs, 201, "Oder with added customer"},
		{patch, cust, 0, "Update a customer on an existing order"},
		{patch, cust, 200, "Order with updated customer"},
		{post, addrs, 0, "Add an address to a customer on an order"},
		{post, addrs, 201, "Order with added customer address"},
		{patch, addr, 0, "Update order customer address"},
		{patch, addr, 200, "Order with updated customer address"},
		{del, addr, 200, "Order after deleting customer address"},
		{del, addr, 400, ""},
		{get, gbo, 400, "Missing parameter(s)"},
		{get, gbo, 400, "Invalid date format"},
		{get, gbo, 404, "No birthdate present in PAD of OVpay token"},
	}
}()

// seoExample is the value of example n.
func seoExample(t *testing.T, doc *openapi3.T, n int) any {
	t.Helper()
	ref := seoExamples[n]
	op := doc.Paths.Value(ref.path).GetOperation(ref.method)
	var content openapi3.Content
	if ref.status == 0 {
		content = op.RequestBody.Value.Content
	} else {
		content = op.Responses.Status(ref.status).Value.Content
	}
	mt := content.Get("application/json")
	if ref.name == "" {
		if mt.Example == nil {
			t.Fatalf("#%d: no example", n)
		}
		return mt.Example
	}
	ex := mt.Examples[ref.name]
	if ex == nil || ex.Value == nil {
		t.Fatalf("#%d: no example %q", n, ref.name)
	}
	return ex.Value.Value
}

// seoExampleBody is request example n as JSON.
func seoExampleBody(t *testing.T, doc *openapi3.T, n int) string {
	t.Helper()
	b, err := json.Marshal(seoExample(t, doc, n))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Every operation of the contract has exactly one route, every route an operation, and the
// examples are the 55 the notes number.
func TestSEOrdersContractRoutes(t *testing.T) {
	doc := loadSEOContract(t)
	contract := map[string]bool{}
	count := 0
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			contract[method+" "+path] = true
			if op.RequestBody != nil {
				count += len(op.RequestBody.Value.Content.Get("application/json").Examples)
			}
			for _, resp := range op.Responses.Map() {
				if mt := resp.Value.Content.Get("application/json"); mt != nil {
					count += len(mt.Examples)
					if mt.Example != nil {
						count++
					}
				}
			}
		}
	}
	routes := map[string]int{}
	for _, r := range SEOrdersAPI().Routes {
		routes[r.Method+" "+r.Path]++
	}
	for op := range contract {
		if routes[op] != 1 {
			t.Errorf("contract operation %s has %d routes", op, routes[op])
		}
	}
	for op := range routes {
		if !contract[op] {
			t.Errorf("route %s is not in the contract", op)
		}
	}
	if len(contract) != 23 || len(doc.Paths.Map()) != 16 {
		t.Errorf("contract has %d operations on %d paths, want 23 on 16", len(contract), len(doc.Paths.Map()))
	}
	if count != 55 || len(seoExamples) != 55 {
		t.Errorf("contract has %d examples, the table %d, want 55", count, len(seoExamples))
	}
	for n := range seoExamples {
		seoExample(t, doc, n)
	}
}

// seoReadings are the notes' readings the shape comparison applies, each named where it applies.
var seoReadings = map[string]string{
	"list":          "e6: order_OrderStatuses is a list; #1's first order has a single object",
	"tokenType":     "e6: tokenType {tokenTypeId, name}, not #27's flat tokenTypeId",
	"challengeType": "e6: challengeType {challengeTypeId, name}, not #30's and #32's flat challengeTypeId",
	"addressType":   "e6: addressType, not #40's and #41's addressTypeId object",
	"addresses":     "e6: orderCustomerAddresses, not #50's addresses",
	"gboPAD":        "e6: ovPayToken.personalAccountData, not #47's and #49's gboPersonalAccountData",
	"orderLinks":    "b1: an order has no _links (only #7 and one order of #1 show them)",
	"lineUpdated":   "b2: an order line has no lastUpdatedOn (only #7 shows it)",
	"href":          "e3: #0's stray href at the list's top is left out",
	"tokenFields":   "b3: a customer token has ovpasNumber and verificationCode, which #27 leaves out",
}

// seoShapeDiff lists where got's keys differ from want's, at every level where both have a value
// (the items of a list against the closest of the example's), with the readings of seoReadings.
func seoShapeDiff(got, want any, at string) []string {
	switch w := want.(type) {
	case map[string]any:
		if l, ok := got.([]any); ok && strings.HasSuffix(at, "/order_OrderStatuses") { // reading "list"
			var out []string
			for i, g := range l {
				out = append(out, seoShapeDiff(g, w, fmt.Sprintf("%s/%d", at, i))...)
			}
			return out
		}
		g, ok := got.(map[string]any)
		if !ok {
			return []string{at + ": not an object"}
		}
		renamed := map[string]string{}
		for k, wv := range w {
			_, isObject := wv.(map[string]any)
			switch {
			case k == "tokenTypeId" && w["customerTokenId"] != nil && !isObject: // reading "tokenType"
				renamed[k] = "tokenType"
			case k == "challengeTypeId" && w["personalAccountDataId"] != nil: // reading "challengeType"
				renamed[k] = "challengeType"
			case k == "addressTypeId" && isObject: // reading "addressType"
				renamed[k] = "addressType"
			case k == "addresses": // reading "addresses"
				renamed[k] = "orderCustomerAddresses"
			case k == "gboPersonalAccountData": // reading "gboPAD"
				renamed[k] = "personalAccountData"
			}
		}
		var out []string
		for k, wv := range w {
			key, renamedKey := k, renamed[k] != ""
			if renamedKey {
				key = renamed[k]
			}
			gv, ok := g[key]
			if !ok {
				optional := k == "_links" && w["orderId"] != nil || // reading "orderLinks"
					k == "lastUpdatedOn" && w["orderLineId"] != nil || // reading "lineUpdated"
					k == "href" && w["orders"] != nil // reading "href"
				if !optional {
					out = append(out, at+"/"+key+": missing")
				}
				continue
			}
			if gv != nil && wv != nil && !renamedKey {
				out = append(out, seoShapeDiff(gv, wv, at+"/"+key)...)
			}
		}
		for k := range g {
			if _, ok := w[k]; ok {
				continue
			}
			// reading "tokenFields"
			found := w["customerTokenId"] != nil && (k == "ovpasNumber" || k == "verificationCode")
			for _, to := range renamed {
				found = found || to == k
			}
			if !found {
				out = append(out, at+"/"+k+": not documented")
			}
		}
		sort.Strings(out)
		return out
	case []any:
		l, ok := got.([]any)
		if !ok {
			return []string{at + ": not a list"}
		}
		if len(w) == 0 {
			return nil
		}
		// Each item against the example's item it is closest to: #1 lists a paid order and a
		// concept one, whose lines have different keys.
		var out []string
		for i, g := range l {
			var best []string
			for j, wi := range w {
				if d := seoShapeDiff(g, wi, fmt.Sprintf("%s/%d", at, i)); j == 0 || len(d) < len(best) {
					best = d
				}
			}
			out = append(out, best...)
		}
		return out
	}
	return nil
}

// seoCheck drives the API in the contract tests: each call must answer its status, validate
// against the contract's operation when the contract documents the status, and have the key set
// of the response examples named; the examples a call covers are counted.
type seoCheck struct {
	t       *testing.T
	e       *seoEnv
	doc     *openapi3.T
	covered map[int]bool
}

// call makes a request to the route of the contract path (routePath) at url, and checks it.
// shapes are the response examples the answer must have the key set of; covers the examples the
// call covers besides (its request example).
func (c *seoCheck) call(as who, method, routePath, url, body string, status int, shapes []int, covers ...int) response {
	c.t.Helper()
	r := c.e.do(as, method, url, body)
	if r.status != status {
		c.t.Errorf("%s %s %.300s: want %d, got %.2000s", method, url, body, status, r)
		return r
	}
	op := c.doc.Paths.Value(routePath).GetOperation(method)
	if op.Responses.Status(r.status) != nil {
		validateResponse(c.t, c.doc, method, routePath, r)
	}
	if len(shapes) > 0 {
		var got any
		if err := json.Unmarshal(r.body, &got); err != nil {
			c.t.Fatalf("%s %s: %v: %s", method, url, err, r.body)
		}
		for _, n := range shapes {
			if d := seoShapeDiff(got, seoExample(c.t, c.doc, n), ""); len(d) > 0 {
				c.t.Errorf("%s %s answered %d without the key set of #%d: %v", method, url, r.status, n, d)
			}
			c.covered[n] = true
		}
	}
	for _, n := range covers {
		c.covered[n] = true
	}
	return r
}

// refused makes a request that must be refused with status and change nothing.
func (c *seoCheck) refused(as who, method, routePath, url, body string, status int, covers ...int) map[string]any {
	c.t.Helper()
	before := c.e.fingerprint()
	r := c.call(as, method, routePath, url, body, status, nil, covers...)
	c.e.unchanged(before)
	if len(r.body) == 0 {
		return nil
	}
	return r.json(c.t)
}

// matchProblem compares an error body with error example n: every key as the example has it,
// instance a fresh urn:uuid, with the readings given as the values that differ (key path ->
// value, "errors/0/pointer" say).
func (c *seoCheck) matchProblem(got map[string]any, n int, readings map[string]any) {
	c.t.Helper()
	want := seoExample(c.t, c.doc, n).(map[string]any)
	if inst, _ := got["instance"].(string); !strings.HasPrefix(inst, "urn:uuid:") || len(inst) != len("urn:uuid:")+36 {
		c.t.Errorf("#%d: instance %v", n, got["instance"])
	}
	want = deepCopy(want).(map[string]any)
	want["instance"] = got["instance"]
	for path, v := range readings {
		setAt(want, strings.Split(path, "/"), v)
	}
	if !reflect.DeepEqual(got, want) {
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		c.t.Errorf("#%d: body\n %s\nwant (with the readings %v)\n %s", n, g, readings, w)
	}
	c.covered[n] = true
}

func deepCopy(v any) any {
	b, _ := json.Marshal(v)
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}

// setAt sets a value at a path of keys and list indices.
func setAt(v any, path []string, value any) {
	for i, key := range path {
		last := i == len(path)-1
		switch x := v.(type) {
		case map[string]any:
			if last {
				x[key] = value
				return
			}
			v = x[key]
		case []any:
			n, _ := strconv.Atoi(key)
			if last {
				x[n] = value
				return
			}
			v = x[n]
		}
	}
}

// seoRequestErrors provokes the documented error bodies the request validation answers, each
// changing nothing: #4 as written; #10, #16 and #19 (copies of #4, notes e6) with the pointer of the
// request's own attribute; #52 for a missing productStartDate (naming it) and #53.
func seoRequestErrors(c *seoCheck, as who, o seoOrder) {
	c.t.Helper()
	ex := seoExamples
	got := c.refused(as, "POST", "/orders", "/orders", `{"languageId": 1, "orderLines": [{"quantity": 1}]}`, 400)
	c.matchProblem(got, 4, nil)
	got = c.refused(as, "PATCH", ex[10].path, "/orders/"+o.orderID, `{"languageId": null}`, 400)
	c.matchProblem(got, 10, map[string]any{"errors/0/pointer": "$.languageId", "errors/0/detail": "The attribute languageId is not valid."})
	got = c.refused(as, "POST", ex[16].path, "/orders/"+o.orderID+"/orderlines", `{"quantity": 1}`, 400)
	c.matchProblem(got, 16, map[string]any{"errors/0/pointer": "$.productId"})
	got = c.refused(as, "PATCH", ex[19].path, "/orderlines/"+o.lineID, `{"quantity": 0}`, 400)
	c.matchProblem(got, 19, map[string]any{"errors/0/pointer": "$.quantity", "errors/0/detail": "The attribute quantity is not valid."})
	gbo := ex[52].path
	got = c.refused(touchpoint, "GET", gbo, gbo+"?birthDate=01-01-2000&productStartDate=2025-03-20", "", 400)
	c.matchProblem(got, 53, nil)
	got = c.refused(touchpoint, "GET", gbo, gbo+"?birthDate=2000-01-01", "", 400)
	c.matchProblem(got, 52, map[string]any{"errors/0/parameter": "productStartDate"})
}

// The request errors are answered before any resolver runs.
func TestSEOrdersContractRequestErrors(t *testing.T) {
	doc := loadSEOContract(t)
	e := newSEOEnv(t)
	f := e.seoSeed("fouten@example.nl", 1, 2)
	c := &seoCheck{t: t, e: e, doc: doc, covered: map[int]bool{}}
	seoRequestErrors(c, f.as, e.sqlOrder(f.profileID, f.emv, 1))
}
