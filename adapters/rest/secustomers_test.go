package rest

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"ovgraph/graph"
)

// The SE customers API's own OpenAPI document is valid, has an operation per route with the
// route's statuses, and is served under the base path.
func TestSECustomersOpenAPIDocument(t *testing.T) {
	api := SECustomersAPI()
	doc, err := api.OpenAPI()
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("validate: %v", err)
	}
	if doc.Servers[0].URL != SECustomersBasePath {
		t.Errorf("server %s", doc.Servers[0].URL)
	}
	ops := 0
	for _, item := range doc.Paths.Map() {
		ops += len(item.Operations())
	}
	if ops != 11 || len(api.Routes) != 11 {
		t.Errorf("%d operations for %d routes, want 11", ops, len(api.Routes))
	}
	for _, route := range api.Routes {
		op := doc.Paths.Value(route.Path).GetOperation(route.Method)
		for _, status := range route.statuses() {
			if op.Responses.Status(status) == nil {
				t.Errorf("%s: no %d response", route.OperationID, status)
			}
		}
		form := api.Errors
		if route.Errors != nil {
			form = *route.Errors
		}
		for _, status := range form.Statuses() {
			resp := op.Responses.Status(status)
			if resp == nil {
				t.Errorf("%s: no %d response", route.OperationID, status)
				continue
			}
			if ref := resp.Value.Content.Get("application/json").Schema.Ref; ref != "#/components/schemas/"+form.schemaName() {
				t.Errorf("%s: %d answers %s", route.OperationID, status, ref)
			}
		}
		if route.Auth == Profile {
			var header *openapi3.Parameter
			for _, p := range op.Parameters {
				if p.Value.In == openapi3.ParameterInHeader && p.Value.Name == profileHeader {
					header = p.Value
				}
			}
			if header == nil || header.Required || !header.Schema.Value.Type.Is(openapi3.TypeInteger) {
				t.Errorf("%s: profile header %+v, want an optional integer", route.OperationID, header)
			}
		}
	}
	list := doc.Paths.Value("/customers/tokens").Get
	for _, p := range list.Parameters {
		if p.Value.Name == "tokenTypeId" || p.Value.Name == "tokenStatusId" {
			if p.Value.Explode == nil || *p.Value.Explode || !p.Value.Schema.Value.Type.Is(openapi3.TypeArray) {
				t.Errorf("%s: want a comma-separated list", p.Value.Name)
			}
		}
	}

	e := newSEEnv(t)
	r := e.do(touchpoint, http.MethodGet, OpenAPIPath, "")
	if r.status != http.StatusOK || !strings.Contains(string(r.body), `"/customers/tokens/{ovPayTokenId}/compare"`) {
		t.Errorf("served document: %.200s", r)
	}
}

// Both error forms answer every code of the graph.
func TestSECustomersDialects(t *testing.T) {
	t.Run("style A", func(t *testing.T) {
		checkDialect(t, seSearchDialect(), func(t *testing.T, body map[string]any) {
			if body["type"] != SECustomersBasePath+"/customers" || !uuidForm.MatchString(body["instance"].(string)) {
				t.Errorf("body %v", body)
			}
		})
	})
	t.Run("style B", func(t *testing.T) {
		checkDialect(t, seProblemDialect(), func(t *testing.T, body map[string]any) {
			typ, _ := body["type"].(string)
			inst, _ := body["instance"].(string)
			if !strings.HasPrefix(typ, seProblemTypes) || !uuidForm.MatchString(strings.TrimPrefix(inst, "urn:uuid:")) {
				t.Errorf("body %v", body)
			}
		})
	})
}

// The search finds a profile by each of the parameters the SE contract adds to ABTCustomers', with
// a link to create a status for staff only, and refuses a parameter of the wrong type in its own
// form. (TestSECustomersContractExamples validates the profile against the contract.)
func TestSECustomersSearch(t *testing.T) {
	e := newSEEnv(t)
	a := e.seed()
	b := e.seSeed("ander@example.nl", 100)
	e.sql("UPDATE address SET house_number = 71 WHERE customer_profile_id = $1", b.profileID)
	e.sql("UPDATE phone SET number = '698765432' WHERE customer_profile_id = $1", b.profileID)
	e.abt.must(touchpoint, "POST", "/customers/"+strconv.FormatInt(a.customerNumber, 10)+"/ovchipcards",
		`{"ovChipCard": {"chipCardNumber": 1000000000000001, "alias": "Mijn ovchipkaart"}}`, http.StatusCreated)
	e.sql("UPDATE customer_profile SET debtor_number = 'DB100001', debtor_status_id = 2 WHERE id = $1", a.profileID)
	e.must(a.as, "PATCH", "/customers/tokens/4", `{"ovPayToken": {"alias": "Mijn Ov Pay Token"}}`, http.StatusOK)
	want := strconv.FormatInt(a.profileID, 10)
	for _, query := range []string{
		"customerProfileId=" + want,
		"customerStatusId=1&surname=Klant&emailAddress=klant@example.nl",
		"debtorNumber=DB100001",
		"debtorStatusId=2",
		"ovChipcardNumber=1000000000000001",
		"ovChipcardAlias=Mijn%20ovchipkaart",
		"ovPayTokenNumber=4",
		"ovPayTokenAlias=Mijn%20Ov%20Pay%20Token",
		"ovPayTokenXTat=" + poolXTat(1, 1),
		"ovPayTokenXBot=00000001-0000-4000-9000-000000000001",
		"addressStreet=Spui&addressHouseNumber=70&addressHouseNumberSuffix=A&addressPostalCode=2511bt&addressCity=Den%20Haag&addressCountry=NL&birthname=Jansen",
		"phoneNumber=612345678",
	} {
		r := e.do(touchpoint, http.MethodGet, "/customers?"+query, "")
		if r.status != http.StatusOK {
			t.Errorf("%s: %s", query, r)
			continue
		}
		body := r.json(t)
		if strconv.FormatFloat(body["customerProfileId"].(float64), 'f', -1, 64) != want {
			t.Errorf("%s: found %v", query, body["customerProfileId"])
		}
		if status, _ := body["customerStatus"].(map[string]any); status["customerStatusId"] != float64(1) || status["name"] != "Active" {
			t.Errorf("%s: customerStatus %v, want 1 Active", query, body["customerStatus"])
		}
		if links := body["_links"].(map[string]any); links["create_customer_status"] != nil {
			t.Errorf("%s: a touchpoint gets create_customer_status", query)
		}
	}
	staff, _ := staffFor(a.profileID)
	r := e.do(staff, http.MethodGet, "/customers?customerProfileId="+want, "")
	if r.status != http.StatusOK || r.json(t)["_links"].(map[string]any)["create_customer_status"] == nil {
		t.Errorf("staff: %s", r)
	}
	for _, c := range []struct {
		as     who
		query  string
		status int
	}{
		{touchpoint, "customerNumber=een", http.StatusBadRequest},
		{touchpoint, "ovPayTokenXTat=" + poolXTat(1, 999), http.StatusNotFound},
		{customer(a.customerNumber), "customerNumber=" + strconv.FormatInt(a.customerNumber, 10), http.StatusForbidden},
		{nobody, "customerNumber=" + strconv.FormatInt(a.customerNumber, 10), http.StatusUnauthorized},
	} {
		r := e.do(c.as, http.MethodGet, "/customers?"+c.query, "")
		if r.status != c.status {
			t.Errorf("%s: want %d, got %s", c.query, c.status, r)
			continue
		}
		if body := r.json(t); body["apiErrorCode"] != strconv.Itoa(c.status)+".1" && !(c.status == 400 && body["apiErrorCode"] == "400.2") &&
			!(c.status == 404 && body["apiErrorCode"] == "400.1") {
			t.Errorf("%s: apiErrorCode %v", c.query, body["apiErrorCode"])
		}
	}
}

// The token operations act on the profile the caller names: a customer on its own (naming
// another is 404), staff and applications on the one of the profile header (none is 400). Staff
// list every status without links; others see no Replaced or Removed token, and links to their
// own paths.
func TestSECustomersCallers(t *testing.T) {
	e := newSEEnv(t)
	a := e.seed()
	b := e.seSeed("ander@example.nl", 100)
	staff, header := staffFor(a.profileID)
	e.must(a.as, "POST", "/customers/tokens/1", `{"ovPayToken": {"newTokenId": 3}}`, http.StatusOK)
	e.must(a.as, "DELETE", "/customers/tokens/4", "", http.StatusOK)

	ids := func(r response) []string {
		var out []string
		for _, tok := range r.json(t)["ovPayTokens"].([]any) {
			out = append(out, strconv.FormatFloat(tok.(map[string]any)["ovPayTokenId"].(float64), 'f', -1, 64))
		}
		return out
	}
	own := e.must(a.as, "GET", "/customers/tokens", "", http.StatusOK)
	if got := strings.Join(ids(own), ","); got != "2,3,5,6,7,8,9,10" {
		t.Errorf("the customer lists %s", got)
	}
	tok := own.json(t)["ovPayTokens"].([]any)[0].(map[string]any)
	links, _ := tok["_links"].(map[string]any)
	if self, _ := links["self"].(map[string]any); self["href"] != SECustomersBasePath+"/customers/tokens?ovPayTokenId=2" {
		t.Errorf("links %v", links)
	}
	r := e.call(staff, "GET", "/customers/tokens?tokenStatusId=3,6", "", header)
	if got := strings.Join(ids(r), ","); r.status != http.StatusOK || got != "1,4" {
		t.Errorf("staff list Replaced and Removed: %s", r)
	}
	for _, tok := range r.json(t)["ovPayTokens"].([]any) {
		if tok.(map[string]any)["_links"] != nil {
			t.Errorf("staff get links: %v", tok)
		}
	}
	app := e.call(touchpoint, "GET", "/customers/tokens?tokenTypeId=2", "", header)
	if got := strings.Join(ids(app), ","); app.status != http.StatusOK || got != "2" {
		t.Errorf("an application naming the profile: %s", app)
	}
	for _, c := range []struct {
		name   string
		as     who
		header map[string]string
		status int
		kind   string
	}{
		{"no profile named", touchpoint, nil, http.StatusBadRequest, "badrequest"},
		{"a customer naming another profile", a.as, map[string]string{profileHeader: strconv.FormatInt(b.profileID, 10)}, http.StatusNotFound, "notfound"},
		{"no application token", nobody, header, http.StatusUnauthorized, "unauthorized"},
	} {
		r := e.call(c.as, "GET", "/customers/tokens", "", c.header)
		if r.status != c.status || r.json(t)["type"] != seProblemTypes+c.kind {
			t.Errorf("%s: want %d %s, got %s", c.name, c.status, c.kind, r)
		}
	}
}

// Refused writes answer the documented forms and change nothing: an unknown token, another
// customer's token, a Replaced token replaced again, a status a customer may not set, a card on
// another profile, malformed bodies.
func TestSECustomersRefusals(t *testing.T) {
	e := newSEEnv(t)
	a := e.seed()
	e.seSeed("ander@example.nl", 100)
	e.must(a.as, "POST", "/customers/tokens/1", `{"ovPayToken": {"newTokenId": 3}}`, http.StatusOK)
	for _, c := range []struct {
		name, method, path, body string
		status                   int
		kind                     string
	}{
		{"unknown token", "PATCH", "/customers/tokens/99", `{"ovPayToken": {"alias": "x"}}`, 404, "notfound"},
		{"another customer's token", "DELETE", "/customers/tokens/11", "", 404, "notfound"},
		{"another customer's products", "GET", "/customers/tokens/11/productinstances", "", 404, "notfound"},
		{"a Replaced token replaced again", "POST", "/customers/tokens/1", `{"ovPayToken": {"newTokenId": 5}}`, 405, "notallowed"},
		{"a Replaced token replaced by xTat", "POST", "/customers/tokens/1/replace", `{"ovPayToken": {"xTat": "` + poolXTat(1, 50) + `", "alias": "x"}}`, 405, "notallowed"},
		{"a status a customer may not set", "PATCH", "/customers/tokens/5", `{"ovPayToken": {"tokenStatusId": 1}}`, 403, "forbidden"},
		{"a card on another profile", "POST", "/customers/tokens", poolEMV(100), 405, "notallowed"},
		{"a card GBO does not know", "POST", "/customers/tokens", `{"ovPayToken": {"tokenTypeId": 1, "serviceReferenceId": "NLOVONBEKEND", "amount": 1, "alias": "x"}}`, 404, "notfound"},
		{"no wrapper", "POST", "/customers/tokens", `{"tokenTypeId": 1}`, 400, "validation"},
		{"a field of another type", "PATCH", "/customers/tokens/5", `{"ovPayToken": {"alias": 5}}`, 400, "validation"},
		{"an unknown field", "POST", "/customers/tokens/5/compare", `{"xTat": "x", "colour": "red"}`, 400, "validation"},
		{"not JSON", "POST", "/customers/tokens/5/transfer", `{"oldOvPayToken": `, 400, "badrequest"},
		{"half a pair", "POST", "/customers/tokens/5/compare", `{"serviceReferenceId": "NLOV1234567ABCDEFG"}`, 400, "badrequest"},
		{"transfer to a card on another profile", "POST", "/customers/tokens/5/transfer", `{"oldOvPayToken": {}, "newOvPayToken": {"xTat": "` + poolXTat(1, 100) + `"}}`, 400, "badrequest"},
		{"transfer from an unknown token", "POST", "/customers/tokens/99/transfer", `{"oldOvPayToken": {}, "newOvPayToken": {"xTat": "` + poolXTat(1, 60) + `", "alias": "x"}}`, 404, "notfound"},
	} {
		before := e.fingerprint()
		r := e.do(a.as, c.method, c.path, c.body)
		if r.status != c.status || r.json(t)["type"] != seProblemTypes+c.kind {
			t.Errorf("%s: want %d %s, got %s", c.name, c.status, c.kind, r)
		}
		e.unchanged(before)
	}
	// The validation's entries point at what is wrong, in this API's words.
	r := e.do(a.as, "POST", "/customers/tokens/5/transfer", `{"newOvPayToken": {"xTat": "x", "alias": "x"}}`)
	body := r.json(t)
	entries, _ := body["errors"].([]any)
	if r.status != 400 || len(entries) != 1 || entries[0].(map[string]any)["pointer"] != "#/oldOvPayToken" ||
		entries[0].(map[string]any)["detail"] != "The old token is required." {
		t.Errorf("missing old token: %s", r)
	}
}

// The upper-case xTAT and xBOT of the contract's request schemas are taken as xTat and xBot;
// both spellings at once are refused.
func TestSECustomersXTatSpellings(t *testing.T) {
	e := newSEEnv(t)
	a := e.seed()
	for _, body := range []string{`{"xTAT": "` + poolXTat(1, 50) + `"}`, `{"xBOT": "00000001-0000-4000-9000-000000000050"}`} {
		if r := e.do(a.as, "POST", "/customers/tokens/3/compare", body); r.status != http.StatusOK {
			t.Errorf("%s: %s", body, r)
		}
	}
	r := e.do(a.as, "POST", "/customers/tokens/3/compare", `{"xTAT": "a", "xTat": "b"}`)
	if r.status != http.StatusBadRequest {
		t.Errorf("both spellings: %s", r)
	}
	id := e.startTransfer(a.as, 3, `{"oldOvPayToken": {}, "newOvPayToken": {"xTAT": "`+poolXTat(1, 51)+`", "alias": "nieuw"}}`)
	if id == "" {
		t.Error("transfer with xTAT not accepted")
	}
}

// A transfer answers 202 with where to ask, and when; the state is the run while it runs and
// the new token, Active with the old token's products, once it succeeded; the old token is then
// Replaced by it.
func TestSECustomersTransfer(t *testing.T) {
	e := newSEEnv(t)
	a := e.seed()
	e.addProductInstance(1, "10001", nil)
	r := e.must(a.as, "POST", "/customers/tokens/1/transfer",
		`{"oldOvPayToken": {}, "newOvPayToken": {"xTat": "`+poolXTat(1, 500)+`", "alias": "nieuw"}}`, http.StatusAccepted)
	body := r.json(t)
	id, _ := body["clientTrackingId"].(string)
	if body["status"] != "Running" || body["retryAfter"] != float64(10) || r.header.Get("Retry-After") != "10" ||
		body["callbackurl"] != SECustomersBasePath+"/customers/tokens/transfer/responsestatus/"+id {
		t.Errorf("accepted: %s %v", r, r.header)
	}
	running := e.must(a.as, "GET", "/customers/tokens/transfer/responsestatus/"+id, "", http.StatusOK)
	if strings.Contains(string(running.body), "sig=") || running.json(t)["properties"].(map[string]any)["status"] != "Running" {
		t.Errorf("running: %s", running)
	}
	e.runJobs()
	done := e.transferDone(a.as, id)
	tok := done.json(t)
	if done.status != http.StatusOK || tok["tokenStatus"].(map[string]any)["tokenStatusId"] != float64(2) || tok["alias"] != "nieuw" {
		t.Fatalf("done: %s", done)
	}
	newID := strconv.FormatFloat(tok["ovPayTokenId"].(float64), 'f', -1, 64)
	products := e.must(a.as, "GET", "/customers/tokens/"+newID+"/productinstances", "", http.StatusOK)
	if n := len(products.json(t)["productInstances"].([]any)); n != 1 {
		t.Errorf("the new token has %d products: %s", n, products)
	}
	staff, header := staffFor(a.profileID)
	old := e.call(staff, "GET", "/customers/tokens?ovPayTokenId=1", "", header)
	if o := old.json(t)["ovPayTokens"].([]any)[0].(map[string]any); o["replacedByTokenId"] != tok["ovPayTokenId"] ||
		o["tokenStatus"].(map[string]any)["tokenStatusId"] != float64(3) {
		t.Errorf("old token: %s", old)
	}
	if r := e.do(a.as, "GET", "/customers/tokens/transfer/responsestatus/no-such-run", ""); r.status != http.StatusNotFound {
		t.Errorf("unknown run: %s", r)
	}
}

// The route's success status follows a boolean of the answer: a replacement by a token of the
// profile answers 200, one by a card new to it 201; the OpenAPI document lists both.
func TestStatusFlag(t *testing.T) {
	e := newSEEnv(t)
	a := e.seed()
	if r := e.do(a.as, "POST", "/customers/tokens/1", `{"ovPayToken": {"newTokenId": 3}}`); r.status != http.StatusOK {
		t.Errorf("existing token: %s", r)
	}
	if r := e.do(a.as, "POST", "/customers/tokens/3/replace", `{"ovPayToken": {"xTat": "`+poolXTat(1, 77)+`", "alias": "x"}}`); r.status != http.StatusCreated {
		t.Errorf("new card: %s", r)
	}
	// A flag that is no Boolean! of the document stops the API being built.
	for _, flag := range []StatusFlag{
		{Path: "replaceOvPayToken.ovPayToken", Otherwise: 200},
		{Path: "replaceOvPayToken.nothing", Otherwise: 200},
		{Path: "replaceOvPayToken.created", Otherwise: 201},
		{Path: "replaceOvPayToken.created", Otherwise: 404},
	} {
		api := SECustomersAPI()
		for i := range api.Routes {
			if api.Routes[i].OperationID == "replaceOvPayToken" {
				api.Routes[i].StatusFlag = &flag
			}
		}
		if _, err := api.OpenAPI(); err == nil {
			t.Errorf("flag %+v accepted", flag)
		}
	}
}

// A graph error's extensions beside code, field and country reach the REST layer as plain JSON
// values.
func TestClientErrorExtra(t *testing.T) {
	field := "xTat"
	e := (&graph.Error{Code: graph.CodeNotFound, Message: "m", Extra: map[string]any{
		"findings": []map[string]any{{"field": &field, "value": nil}}}}).GQLError()
	got := Route{}.clientError(e)
	findings, _ := got.Extra["findings"].([]any)
	if len(findings) != 1 || findings[0].(map[string]any)["field"] != "xTat" {
		t.Errorf("extra %v", got.Extra)
	}
}

// A comma-separated parameter is a list of Int; an empty one the empty list; anything else a
// field error.
func TestIntListParameter(t *testing.T) {
	for raw, want := range map[string]string{"1,2": "[1 2]", " 3 ": "[3]", "": "[]"} {
		got, err := convert("tokenTypeId", raw, IntList)
		if err != nil || fmt.Sprint(got) != want {
			t.Errorf("%q: %v %v, want %s", raw, got, err, want)
		}
	}
	for _, raw := range []string{"1,,2", "a", "99999999999"} {
		if _, err := convert("tokenTypeId", raw, IntList); err == nil || err.Field != "tokenTypeId" {
			t.Errorf("%q: %v", raw, err)
		}
	}
}

// Body aliases rename keys at any depth, unless the object has the new name already.
func TestRenameKeys(t *testing.T) {
	v := map[string]any{"xTAT": "a", "inner": map[string]any{"xBOT": "b"}, "list": []any{map[string]any{"xTAT": "c", "xTat": "d"}}}
	got := renameKeys(v, seXAliases)
	want := map[string]any{"xTat": "a", "inner": map[string]any{"xBot": "b"}, "list": []any{map[string]any{"xTAT": "c", "xTat": "d"}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("renamed %v, want %v", got, want)
	}
}
