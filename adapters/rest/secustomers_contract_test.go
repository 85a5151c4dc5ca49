package rest

import (
	"encoding/json"
	"net/http"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// seCustomersContract is the SE customers contract's file in the contracts folder.
const seCustomersContract = "se-customers.yaml"

// loadSEContract loads the contract and applies the readings of its notes (see
// patchSEContract). It skips the test when the contracts are not there (see contractFile).
func loadSEContract(t *testing.T) *openapi3.T {
	t.Helper()
	file := contractFile(t, seCustomersContract)
	loader := openapi3.NewLoader()
	loader.IsExternalRefsAllowed = false
	doc, err := loader.LoadFromFile(file)
	if err != nil {
		t.Fatalf("load contract: %v", err)
	}
	// One example contradicts its schema (notes §0: lastDigits' example is a number): the
	// structure is validated, the examples are driven against the implementation instead.
	if err := doc.Validate(loader.Context, openapi3.DisableExamplesValidation()); err != nil {
		t.Fatalf("validate contract: %v", err)
	}
	patchSEContract(t, doc)
	return doc
}

// sePath is a contract path with the token wildcard named as the routes name it: the contract
// writes {ovpayTokenId} on some paths and {ovPayTokenId} on others (notes §5.2).
func sePath(path string) string { return strings.ReplaceAll(path, "{ovpayTokenId}", "{ovPayTokenId}") }

// patchSEContract makes the contract say what its notes read it to mean where it contradicts
// itself, so that responses can be validated against it.
func patchSEContract(t *testing.T, doc *openapi3.T) {
	t.Helper()
	// §5.2: one name for the token wildcard.
	paths := openapi3.NewPaths()
	for path, item := range doc.Paths.Map() {
		paths.Set(sePath(path), item)
	}
	doc.Paths = paths
	// §2.2: nulls are used everywhere though no schema is nullable: every optional property
	// that is not an object of its own schema may be null.
	seen := map[*openapi3.Schema]bool{}
	for _, s := range doc.Components.Schemas {
		nullableOptionals(s.Value, seen)
	}
}

// seContractOps are the contract's operations, "METHOD /path" with the routes' wildcard names.
func seContractOps(doc *openapi3.T) map[string]*openapi3.Operation {
	ops := map[string]*openapi3.Operation{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			ops[method+" "+path] = op
		}
	}
	return ops
}

// Every operation of the contract has exactly one route, and every route an operation.
func TestSECustomersContractRoutes(t *testing.T) {
	doc := loadSEContract(t)
	contract := seContractOps(doc)
	routes := map[string]int{}
	for _, r := range SECustomersAPI().Routes {
		routes[r.Method+" "+r.Path]++
	}
	for op := range contract {
		if routes[op] != 1 {
			t.Errorf("contract operation %s has %d routes", op, routes[op])
		}
	}
	for op := range routes {
		if contract[op] == nil {
			t.Errorf("route %s is not in the contract", op)
		}
	}
	if len(contract) != 11 || len(doc.Paths.Map()) != 8 {
		t.Errorf("contract has %d operations on %d paths, want 11 on 8", len(contract), len(doc.Paths.Map()))
	}
}

// seExampleCase is how a contract example request is driven: the path token, the status it
// answers and, for an example the fixture's data cannot satisfy as written, why and the request
// that succeeds instead.
type seExampleCase struct {
	token  int
	status int
	// deviation, when set, is why the example as written answers status; retry then is the same
	// request made to fit, answered with retryStatus.
	deviation   string
	retry       func(body string) string
	retryStatus int
	// answer names the response example the answer must have the shape of, when it is not the
	// one of the request example's name.
	answer string
}

// seExampleCases are the contract's request examples, by operation and example name. Examples
// whose new token is not in GBO (the compare examples' xTat, xBot, SRID with amount 230, OV-pas
// with code 1234) get the documented 404; the notes' readings are listed with the deviations in
// the README.
var seExampleCases = map[string]seExampleCase{
	"postOvPayToken/Add EMV token":                                                     {status: 201},
	"postOvPayToken/Add OV pas physical token":                                         {status: 201},
	"replaceOvPayToken/Replace with existing EMV token from profile":                   {token: 1, status: 200, answer: "Replace with existing EMV token"},
	"replaceOvPayToken/Replace with new OV pas token":                                  {token: 1, status: 201},
	"replaceOvPayToken/Replace with new EMV token by SRID":                             {token: 1, status: 404, deviation: "GBO's card NLOV1234567ABCDEFG has amount 200 (the add example's), not 230", retry: func(b string) string { return strings.Replace(b, `"amount":230`, `"amount":200`, 1) }, retryStatus: 201, answer: "Replace with new EMV token"},
	"patchOvPayToken/Update an OV pay token alias":                                     {token: 5, status: 200},
	"patchOvPayToken/Update an OV pay token status":                                    {token: 5, status: 200},
	"patchOvPayToken/Update an OV pay token full":                                      {token: 5, status: 200},
	"replaceOvPayTokenByXTat/Replace with new token by XTAT":                           {token: 1, status: 201, answer: "Replace with new EMV token"},
	"compareTokens/Compare with an existing OVpay token":                               {token: 3, status: 200},
	"compareTokens/Compare with an xBOT":                                               {token: 3, status: 404},
	"compareTokens/Compare with an xTAT":                                               {token: 3, status: 404},
	"compareTokens/Compare with SRID + amount":                                         {token: 3, status: 404},
	"compareTokens/Compare with OVpas number + verification code":                      {token: 3, status: 404},
	"compareTokens/Complete request body (for development only)":                       {token: 3, status: 400, deviation: "the new token is named in one way only; the example names it in five"},
	"transferToken/Transfer from a token without PAD to a new token":                   {token: 1, status: 202},
	"transferToken/Transfer from a token with PAD to a new token without existing PAD": {token: 1, status: 202},
	"transferToken/Transfer from a token with PAD to a new token with existing PAD":    {token: 1, status: 202},
	"transferToken/Complete request body (for development only)":                       {token: 1, status: 202},
}

// seFillPath fills a route's path with a token and a clientTrackingId.
func seFillPath(path string, token int, clientTrackingID string) string {
	return strings.NewReplacer("{ovPayTokenId}", strconv.Itoa(token), "{clientTrackingId}", clientTrackingID).Replace(path)
}

// Every operation, driven with each of the contract's example request bodies (the operations
// without a body once, with their query parameters), answers a status the contract documents
// for it, with a body that validates against the contract and has the shape of its examples.
func TestSECustomersContractExamples(t *testing.T) {
	doc := loadSEContract(t)
	ops := seContractOps(doc)
	for _, route := range SECustomersAPI().Routes {
		op := ops[route.Method+" "+route.Path]
		var bodies []example
		if op.RequestBody != nil {
			bodies = examples(op.RequestBody.Value.Content)
			if len(bodies) == 0 {
				t.Errorf("%s %s: no request examples", route.Method, route.Path)
			}
		} else {
			bodies = []example{{name: "no body"}}
		}
		for _, ex := range bodies {
			t.Run(route.OperationID+"/"+ex.name, func(t *testing.T) {
				t.Parallel()
				e := newSEEnv(t)
				f := e.seed()
				as := f.as
				if route.Auth == Touchpoint {
					as = touchpoint
				}
				answer := ex.name
				if c := seExampleCases[route.OperationID+"/"+ex.name]; c.answer != "" {
					answer = c.answer
				}
				call := func(path, body string, status int) response {
					t.Helper()
					r := e.do(as, route.Method, path, body)
					if r.status != status {
						t.Errorf("%s %s %s: want %d, got %s", route.Method, path, body, status, r)
					}
					if op.Responses.Status(r.status) == nil && r.status != 200 {
						// Only the deviations answer a status the operation does not list.
						if _, ok := seExampleCases[route.OperationID+"/"+ex.name]; !ok || seExampleCases[route.OperationID+"/"+ex.name].deviation == "" {
							t.Errorf("%s %s: status %d is not documented", route.Method, path, r.status)
						}
						return r
					}
					validateResponse(t, doc, route.Method, route.Path, r)
					seMatchExampleShape(t, op, r, answer)
					return r
				}
				if ex.value == nil {
					switch route.OperationID {
					case "getCustomerProfile":
						call("/customers?customerNumber="+strconv.FormatInt(f.customerNumber, 10), "", 200)
						call("/customers?surname=Klant&addressPostalCode=2511%20BT&addressHouseNumber=70&dateOfBirth=1980-02-03", "", 200)
					case "getOvPayTokens":
						call("/customers/tokens", "", 200)
						call("/customers/tokens?tokenTypeId=1,2&tokenStatusId=2&ovPayTokenId=1&xTat="+poolXTat(1, 1), "", 200)
					case "deleteOvPayToken":
						call("/customers/tokens/5", "", 200)
					case "getProductInstances":
						e.addProductInstance(1, "10001", strPtr("2024-12-25T03:59:59+01:00"))
						call("/customers/tokens/1/productinstances", "", 200)
						call("/customers/tokens/2/productinstances", "", 200)
					case "getTransferStatus":
						id := e.startTransfer(f.as, 1, `{"oldOvPayToken": {}, "newOvPayToken": {"xTat": "`+poolXTat(1, 500)+`", "alias": "nieuw"}}`)
						call(seFillPath(route.Path, 0, id), "", 200)
						e.runJobs()
						done := e.transferDone(f.as, id)
						if done.status != 200 || done.json(t)["ovPayTokenId"] == nil {
							t.Errorf("transfer: %s", done)
						}
						validateResponse(t, doc, route.Method, route.Path, done)
						seMatchExampleShape(t, op, done, "")
					default:
						t.Errorf("no call for %s", route.OperationID)
					}
					return
				}
				body, err := json.Marshal(ex.value)
				if err != nil {
					t.Fatal(err)
				}
				c, ok := seExampleCases[route.OperationID+"/"+ex.name]
				if !ok {
					t.Fatalf("no case for the example %s", ex.name)
				}
				path := seFillPath(route.Path, c.token, "")
				if c.deviation != "" {
					before := e.fingerprint()
					call(path, string(body), c.status)
					e.unchanged(before)
					if c.retry != nil {
						call(path, c.retry(string(body)), c.retryStatus)
					}
					return
				}
				call(path, string(body), c.status)
			})
		}
	}
}

func strPtr(s string) *string { return &s }

// seMatchExampleShape checks that a body has the shape of the operation's example of its status
// named name, or else of one of its examples of that status: the same keys at every level where
// both have a value (list items by their first), links aside, which depend on the token. A body
// without documented examples passes.
func seMatchExampleShape(t *testing.T, op *openapi3.Operation, r response, name string) {
	t.Helper()
	resp := op.Responses.Status(r.status)
	if resp == nil || resp.Value == nil || len(r.body) == 0 {
		return
	}
	var want []any
	for _, ex := range examples(resp.Value.Content) {
		if ex.name == name {
			want = []any{ex.value}
			break
		}
		want = append(want, ex.value)
	}
	if mt := resp.Value.Content.Get("application/json"); mt != nil && mt.Example != nil {
		want = append(want, mt.Example)
	}
	if len(want) == 0 {
		return
	}
	var got any
	if err := json.Unmarshal(r.body, &got); err != nil {
		t.Fatalf("body: %v", err)
	}
	var diffs []string
	for _, w := range want {
		d := shapeDiff(got, w, "")
		if len(d) == 0 {
			return
		}
		if diffs == nil || len(d) < len(diffs) {
			diffs = d
		}
	}
	t.Errorf("%s %s answered %d with a body of no documented shape: %v\n%s", r.req.Method, r.req.URL.Path, r.status, diffs, r.body)
}

// signedLinks are the links of the contract's run object to its inputs and outputs, signed for
// anyone holding them, which a running transfer's answer leaves out.
var signedLinks = map[string]bool{"inputsLink": true, "outputsLink": true}

// spellings are keys the examples spell in two ways.
var spellings = map[string]string{"ovPasNumber": "ovpasNumber"}

// shapeDiff lists where got's keys differ from want's.
func shapeDiff(got, want any, at string) []string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return []string{at + ": not an object"}
		}
		if at == "/errors/0" {
			// An entry names its field: the request's, not the example's.
			return nil
		}
		var out []string
		for k, wv := range w {
			if s, ok := spellings[k]; ok {
				k = s
			}
			gv, ok := g[k]
			if !ok {
				if !signedLinks[k] {
					out = append(out, at+"/"+k+": missing")
				}
				continue
			}
			if k == "_links" {
				continue
			}
			if gv != nil && wv != nil {
				out = append(out, shapeDiff(gv, wv, at+"/"+k)...)
			}
		}
		for k := range g {
			if _, ok := w[k]; !ok {
				if _, ok := w[reverseSpelling(k)]; !ok {
					out = append(out, at+"/"+k+": not documented")
				}
			}
		}
		sort.Strings(out)
		return out
	case []any:
		g, ok := got.([]any)
		if !ok {
			return []string{at + ": not a list"}
		}
		if len(g) > 0 && len(w) > 0 {
			return shapeDiff(g[0], w[0], at+"/0")
		}
	}
	return nil
}

func reverseSpelling(k string) string {
	for from, to := range spellings {
		if to == k {
			return from
		}
	}
	return k
}

var uuidForm = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// seMatchErrorExample compares an error body with a documented one. The readings: type is this
// API's own search path in style A (the example names a foreign host); instance is a fresh UUID
// (urn:uuid: in style B); "…not found in GBO:." loses its stray colon; an entry's field and value
// are those of the request that provoked it, so only its detail, pointer and field name are
// compared when fields says so.
func seMatchErrorExample(t *testing.T, name string, got map[string]any, want any, exactEntries bool) {
	t.Helper()
	ex := want.(map[string]any)
	for k, v := range ex {
		switch k {
		case "instance":
			s, _ := got[k].(string)
			if !uuidForm.MatchString(strings.TrimPrefix(s, "urn:uuid:")) || strings.HasPrefix(v.(string), "urn:uuid:") != strings.HasPrefix(s, "urn:uuid:") {
				t.Errorf("%s: instance %q, want a UUID like %q", name, s, v)
			}
		case "type":
			if strings.HasPrefix(v.(string), "https://api.integratielaag.nl/") {
				v = SECustomersBasePath + "/customers"
			}
			if got[k] != v {
				t.Errorf("%s: type %v, want %v", name, got[k], v)
			}
		case "detail":
			if w := strings.Replace(v.(string), "GBO:.", "GBO.", 1); got[k] != w {
				t.Errorf("%s: detail %q, want %q", name, got[k], w)
			}
		case "errors":
			ge, _ := got[k].([]any)
			we := v.([]any)
			if len(ge) != len(we) {
				t.Errorf("%s: errors %v, want %v", name, got[k], v)
				continue
			}
			for i := range we {
				g, w := ge[i].(map[string]any), we[i].(map[string]any)
				if exactEntries {
					if !reflect.DeepEqual(g, w) {
						t.Errorf("%s: errors[%d] %v, want %v", name, i, g, w)
					}
					continue
				}
				if g["detail"] == nil || (w["pointer"] != nil) != (g["pointer"] != nil) {
					t.Errorf("%s: errors[%d] %v, want one like %v", name, i, g, w)
				}
			}
		default:
			if !reflect.DeepEqual(got[k], v) {
				t.Errorf("%s: %s = %v, want %v", name, k, got[k], v)
			}
		}
	}
	for k := range got {
		if _, ok := ex[k]; !ok {
			t.Errorf("%s: %s is not in the documented body", name, k)
		}
	}
}

// seErrorCase provokes a documented error example.
type seErrorCase struct {
	as           who
	method, url  string
	body         string
	exactEntries bool // the request reproduces the example's entries, values and all
}

// Each documented error example of the contract is provoked and answered as documented (with
// the readings seMatchErrorExample lists), without changing anything.
func TestSECustomersContractErrors(t *testing.T) {
	doc := loadSEContract(t)
	ops := seContractOps(doc)
	e := newSEEnv(t)
	a := e.seed()
	b := e.seSeed("ander@example.nl", 100) // tokens 11 to 20, pool cards 100 to 108
	const unknownXTat = "e35977b2-52bb-48ef-aca8-297b2c1d5058"
	cases := map[string]seErrorCase{
		"GET /customers 404": {touchpoint, "GET", "/customers?surname=Niemand", "", true},
		"GET /customers 409": {touchpoint, "GET", "/customers?surname=Klant", "", true},
		"POST /customers/tokens/{ovPayTokenId}/compare 400 New token already present in other customer profile": {a.as, "POST", "/customers/tokens/3/compare", `{"xTat": "` + poolXTat(1, 100) + `"}`, false},
		"POST /customers/tokens/{ovPayTokenId}/compare 404 Old token not found in profile":                      {b.as, "POST", "/customers/tokens/1/compare", `{"xTat": "` + poolXTat(1, 300) + `"}`, true},
		"POST /customers/tokens/{ovPayTokenId}/compare 404 New token not found in profile":                      {b.as, "POST", "/customers/tokens/11/compare", `{"ovPayTokenId": 2}`, true},
		"POST /customers/tokens/{ovPayTokenId}/compare 404 XTAT for new token not found in GBO":                 {a.as, "POST", "/customers/tokens/3/compare", `{"xTat": "` + unknownXTat + `"}`, true},
		"POST /customers/tokens/{ovPayTokenId}/compare 404 SRID for new token not found in GBO":                 {a.as, "POST", "/customers/tokens/3/compare", `{"serviceReferenceId": "NLOV1234567ABCDEFG", "amount": 230}`, true},
		"POST /customers/tokens/{ovPayTokenId}/transfer 400 Request body validation error":                      {a.as, "POST", "/customers/tokens/1/transfer", `{}`, true},
	}
	seen := 0
	for key, op := range ops {
		method, path, _ := strings.Cut(key, " ")
		for code, resp := range op.Responses.Map() {
			status, _ := strconv.Atoi(code)
			if status < 400 || resp.Value == nil || path == "/customers/tokens/transfer/responsestatus/{clientTrackingId}" {
				continue
			}
			var exs []example
			if mt := resp.Value.Content.Get("application/json"); mt != nil && mt.Example != nil {
				exs = append(exs, example{"", mt.Example})
			}
			exs = append(exs, examples(resp.Value.Content)...)
			for _, ex := range exs {
				name := strings.TrimSpace(key + " " + code + " " + ex.name)
				c, ok := cases[name]
				if !ok {
					t.Errorf("no request provokes %s", name)
					continue
				}
				seen++
				before := e.fingerprint()
				r := e.do(c.as, c.method, c.url, c.body)
				if r.status != status {
					t.Errorf("%s: want %d, got %s", name, status, r)
					continue
				}
				validateResponse(t, doc, method, path, r)
				seMatchErrorExample(t, name, r.json(t), ex.value, c.exactEntries)
				e.unchanged(before)
			}
		}
	}
	if seen != len(cases) {
		t.Errorf("%d error examples provoked, want %d", seen, len(cases))
	}

	// A search without any parameter is refused as one that matches more than one profile,
	// without reading them.
	r := e.do(touchpoint, "GET", "/customers", "")
	if r.status != http.StatusConflict {
		t.Fatalf("search without parameters: %s", r)
	}
	seMatchErrorExample(t, "no parameters", r.json(t), ops["GET /customers"].Responses.Status(409).Value.Content.Get("application/json").Example, true)
}

// The transfer state's documented 404 and 405 bodies: each provoked by a transfer the job then
// finds blocked, answered with the finding as the body's entry, and the tokens left as they were.
func TestSECustomersTransferFailures(t *testing.T) {
	doc := loadSEContract(t)
	const path = "/customers/tokens/transfer/responsestatus/{clientTrackingId}"
	op := seContractOps(doc)["GET "+path]
	e := newSEEnv(t)
	a := e.seed()
	b := e.seSeed("ander@example.nl", 100)
	newCard := func(n int) string {
		return `{"oldOvPayToken": {}, "newOvPayToken": {"xTat": "` + poolXTat(1, n) + `", "alias": "nieuw"}}`
	}
	// Token 2 is an OV-pas; token 5 is suspended; token 1 carries a product an EMV card cannot;
	// token 21 is the named card whose PAD birthdate is marked; token 3 leaves the profile before
	// its transfer runs, as does token 6 (pool card 5), the new token named without alias of the
	// transfer from token 4.
	e.must(a.as, "PATCH", "/customers/tokens/5", `{"ovPayToken": {"tokenStatusId": 5}}`, http.StatusOK)
	e.addProductInstance(1, "33613", nil)
	e.must(a.as, "POST", "/customers/tokens", `{"ovPayToken": {"tokenTypeId": 1, "serviceReferenceId": "NLOVNAMED000000002", "amount": 100, "alias": "gemarkeerd"}}`, http.StatusCreated)
	runs := map[string]string{
		"404 Old token not found in profile":                     e.startTransfer(a.as, 3, newCard(400)),
		"404 New token not found in profile":                     e.startTransfer(a.as, 4, `{"oldOvPayToken": {}, "newOvPayToken": {"xTat": "`+poolXTat(1, 5)+`"}}`),
		"404 XTAT for new token not found in GBO":                e.startTransfer(a.as, 7, `{"oldOvPayToken": {}, "newOvPayToken": {"xTat": "e35977b2-52bb-48ef-aca8-297b2c1d5058", "alias": "nieuw"}}`),
		"405 Old token is wrong token type":                      e.startTransfer(a.as, 2, newCard(401)),
		"405 Old token has wrong token status":                   e.startTransfer(a.as, 5, newCard(402)),
		"405 New token is expired":                               e.startTransfer(a.as, 8, `{"oldOvPayToken": {}, "newOvPayToken": {"xTat": "c0000000-0000-4000-8000-000000000004", "alias": "verlopen"}}`),
		"405 One or more GBO product instances not transferable": e.startTransfer(a.as, 1, newCard(403)),
		"405 One or more PAD attributes marked":                  e.startTransfer(a.as, 21, `{"oldOvPayToken": {"padOtp": "123456"}, "newOvPayToken": {"xTat": "`+poolXTat(1, 404)+`", "alias": "nieuw", "padOtp": "678901"}}`),
	}
	// The old token 3 moves to the other profile before the job runs.
	e.sql("UPDATE ovpay_token SET customer_profile_id = $1 WHERE id = 3", b.profileID)
	e.must(a.as, "DELETE", "/customers/tokens/6", "", http.StatusOK)
	tokens := func() map[string]string {
		all := e.fingerprint()
		return map[string]string{"ovpay_token": all["ovpay_token"], "product_instance": all["product_instance"],
			"gbo_card": all["gbo_card"], "gbo_pad_attribute": all["gbo_pad_attribute"]}
	}
	before := tokens()
	e.runJobs()
	for code, resp := range op.Responses.Map() {
		status, _ := strconv.Atoi(code)
		if status < 400 {
			continue
		}
		for _, ex := range examples(resp.Value.Content) {
			name := code + " " + ex.name
			id, ok := runs[name]
			if !ok {
				t.Errorf("no transfer provokes %s", name)
				continue
			}
			r := e.transferDone(a.as, id)
			if r.status != status {
				t.Errorf("%s: want %d, got %s", name, status, r)
				continue
			}
			validateResponse(t, doc, "GET", path, r)
			seMatchErrorExample(t, name, r.json(t), ex.value, false)
		}
	}
	if after := tokens(); !reflect.DeepEqual(before, after) {
		t.Errorf("failed transfers changed tokens or cards: %v -> %v", before, after)
	}
}

// The comparison's five documented outcomes, each from tokens with the example's traits: the
// flags, isTransferable and the transfer link are the example's, and the body has its shape.
func TestSECustomersCompareOutcomes(t *testing.T) {
	doc := loadSEContract(t)
	const path = "/customers/tokens/{ovPayTokenId}/compare"
	op := seContractOps(doc)["POST "+path]
	e := newSEEnv(t)
	a := e.seed()
	register := func(body string) string {
		r := e.must(a.as, "POST", "/customers/tokens", body, http.StatusCreated)
		return strconv.FormatFloat(r.json(t)["ovPayToken"].(map[string]any)["ovPayTokenId"].(float64), 'f', -1, 64)
	}
	named := func(n int) string {
		return `{"ovPayToken": {"tokenTypeId": 1, "serviceReferenceId": "NLOVNAMED00000000` + strconv.Itoa(n) + `", "amount": 100, "alias": "kaart ` + strconv.Itoa(n) + `"}}`
	}
	marked := register(named(7)) // every PAD attribute marked
	adult := register(named(1))  // PAD of an adult
	e.addProductInstance(3, "33613", nil)
	cases := map[string]struct{ token, body string }{
		"Transferable token":                                            {"4", `{"xTat": "` + poolXTat(1, 600) + `"}`},
		"Non-transferable token (marked PAD)":                           {marked, `{"xTat": "` + poolXTat(1, 601) + `"}`},
		"Non-transferable token (different age profile)":                {adult, `{"xTat": "c0000000-0000-4000-8000-000000000005"}`},
		"Non-transferable token (products not compatible on new token)": {"3", `{"xTat": "` + poolXTat(1, 602) + `"}`},
		"Non-transferable token (unsupported token type combination)":   {"2", `{"xTat": "` + poolXTat(1, 603) + `"}`},
	}
	for _, ex := range examples(op.Responses.Status(200).Value.Content) {
		c, ok := cases[ex.name]
		if !ok {
			t.Errorf("no comparison gives %s", ex.name)
			continue
		}
		before := e.fingerprint()
		r := e.do(a.as, "POST", "/customers/tokens/"+c.token+"/compare", c.body)
		e.unchanged(before)
		if r.status != http.StatusOK {
			t.Errorf("%s: %s", ex.name, r)
			continue
		}
		validateResponse(t, doc, "POST", path, r)
		seMatchExampleShape(t, op, r, ex.name)
		got, want := r.json(t), ex.value.(map[string]any)
		for _, k := range []string{"isTransferable", "transferableObjects"} {
			if !reflect.DeepEqual(got[k], want[k]) {
				t.Errorf("%s: %s = %v, want %v", ex.name, k, got[k], want[k])
			}
		}
		links := got["_links"].(map[string]any)
		if _, has := links["transfer"]; has != (want["isTransferable"] == true) {
			t.Errorf("%s: links %v", ex.name, links)
		}
		if has := links["transfer"] != nil; has && links["transfer"].(map[string]any)["href"] != SECustomersBasePath+"/customers/tokens/"+c.token+"/transfer" {
			t.Errorf("%s: transfer link %v", ex.name, links["transfer"])
		}
	}
}

// Token lists with the traits of the documented ones have their shape: empty, an OV-pas with an
// e-purse and auto-reload, EMV tokens, and staff's list of every status without links.
func TestSECustomersTokenListExamples(t *testing.T) {
	doc := loadSEContract(t)
	op := seContractOps(doc)["GET /customers/tokens"]
	e := newSEEnv(t)
	a := e.seed()
	e.must(a.as, "POST", "/customers/tokens", `{"ovPayToken": {"tokenTypeId": 2, "ovpasNumber": "OVNAMED03", "verificationCode": "303", "alias": "MyToken"}}`, http.StatusCreated)
	e.must(a.as, "PATCH", "/customers/tokens/2", `{"ovPayToken": {"tokenStatusId": 5}}`, http.StatusOK)
	staff, header := staffFor(a.profileID)
	for _, c := range []struct {
		as      who
		query   string
		example string
		count   int
	}{
		{a.as, "?tokenTypeId=3", "Empty token list", 0},
		{a.as, "?ovpasNumber=OVNAMED03", "OV pas with PAD and autoReload", 1},
		{a.as, "?tokenTypeId=1&ovPayTokenId=1", "EMV without PAD", 1},
		{staff, "?tokenTypeId=2", "Token list with every status for tokenTypeId = 2, role = KlantenService", 2},
	} {
		r := e.call(c.as, "GET", "/customers/tokens"+c.query, "", header)
		if r.status != http.StatusOK || len(r.json(t)["ovPayTokens"].([]any)) != c.count {
			t.Errorf("%s: %s", c.query, r)
			continue
		}
		validateResponse(t, doc, "GET", "/customers/tokens", r)
		seMatchExampleShape(t, op, r, c.example)
	}
}
