package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"ovgraph/adapters/upstream/upstreamtest"
)

// The vendor contracts are kept outside the repository (see upstreamtest.Contract: without them
// the contract tests skip, unless OVGRAPH_REQUIRE_CONTRACTS=1, as CI sets it, makes them fail).
// The sandbox is checked against each contract after the vendor's overlay, the document its stubs
// and the clients are generated from.

// loadContract reads one vendor contract after its vendor's overlay.
func loadContract(t *testing.T, name, vendor string) *openapi3.T {
	t.Helper()
	return upstreamtest.Contract(t, name, filepath.Join("..", vendor, "overlay.yaml"))
}

// call is one request to a vendor of the sandbox: the contract's operation, its path template
// and parameters, and the status the sandbox should answer.
type call struct {
	op      string
	method  string
	path    string // the contract's template, e.g. /orgs/{org_id}/accounts/{account_id}
	params  map[string]string
	query   string // raw query, without '?'
	body    any    // JSON-encoded unless nil
	noAuth  bool
	invalid bool // the request breaks the contract on purpose (the sandbox must refuse it)
	want    int
	prepare func(r *http.Request)
}

func (c call) url() string {
	p := c.path
	for k, v := range c.params {
		p = strings.ReplaceAll(p, "{"+k+"}", v)
	}
	if c.query != "" {
		p += "?" + c.query
	}
	return p
}

// harness serves a sandbox and checks each answer against the vendor's contract.
type harness struct {
	t    *testing.T
	sb   *Sandbox
	srv  *httptest.Server
	docs map[string]*openapi3.T // by vendor
}

func newHarness(t *testing.T, cfg Config) *harness {
	t.Helper()
	h := &harness{t: t, docs: map[string]*openapi3.T{
		VendorAccounts: loadContract(t, "accounts-v4.yaml", "accounts"),
		VendorAptic:    loadContract(t, "aptic-customers.yaml", "aptic"),
	}}
	h.sb = New(cfg)
	h.srv = httptest.NewServer(h.sb)
	t.Cleanup(func() {
		h.sb.Close()
		h.srv.Close()
	})
	return h
}

func basePath(vendor string) string {
	if vendor == VendorAccounts {
		return AccountsBasePath
	}
	return ApticBasePath
}

// request builds the HTTP request of a call, checking first that the call itself is one the
// contract allows (the sandbox is tested with requests a conforming client sends).
func (h *harness) request(ctx context.Context, vendor string, c call) (*http.Request, *openapi3filter.RequestValidationInput) {
	h.t.Helper()
	var body []byte
	if c.body != nil {
		var err error
		if body, err = json.Marshal(c.body); err != nil {
			h.t.Fatalf("%s: encode body: %v", c.op, err)
		}
	}
	newReq := func(base string) *http.Request {
		r, err := http.NewRequestWithContext(ctx, c.method, base+c.url(), bytes.NewReader(body))
		if err != nil {
			h.t.Fatalf("%s: %v", c.op, err)
		}
		if body != nil {
			r.Header.Set("Content-Type", "application/json")
		}
		if !c.noAuth {
			r.Header.Set("Authorization", "Bearer sandbox-test")
			if vendor == VendorAccounts {
				r.Header.Set("x-auth-roles", "API_KEY")
			}
		}
		if c.prepare != nil {
			c.prepare(r)
		}
		return r
	}
	doc := h.docs[vendor]
	item := doc.Paths.Value(c.path)
	if item == nil {
		h.t.Fatalf("%s: %s is no path of the %s contract", c.op, c.path, vendor)
	}
	op := item.GetOperation(c.method)
	if op == nil || op.OperationID != c.op {
		h.t.Fatalf("%s: %s %s is not that operation in the %s contract", c.op, c.method, c.path, vendor)
	}
	in := &openapi3filter.RequestValidationInput{
		Request:    newReq(""),
		PathParams: c.params,
		Route:      &routers.Route{Spec: doc, Path: c.path, PathItem: item, Method: c.method, Operation: op},
		Options:    &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true},
	}
	if err := openapi3filter.ValidateRequest(ctx, in); err != nil && !c.invalid {
		h.t.Fatalf("%s: the test's request breaks the contract: %v", c.op, err)
	}
	return newReq(h.srv.URL + basePath(vendor)), in
}

// do sends a call and checks the answer's status and its conformance to the contract; it returns
// the body.
func (h *harness) do(vendor string, c call) []byte {
	h.t.Helper()
	req, in := h.request(context.Background(), vendor, c)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatalf("%s: %v", c.op, err)
	}
	defer func() { _ = res.Body.Close() }()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		h.t.Fatalf("%s: read: %v", c.op, err)
	}
	if res.StatusCode != c.want {
		h.t.Errorf("%s %s: status %d, want %d; body %s", c.method, c.url(), res.StatusCode, c.want, body)
	}
	h.validate(c, in, res, body)
	return body
}

// validate checks an answer against the operation's documented responses.
func (h *harness) validate(c call, in *openapi3filter.RequestValidationInput, res *http.Response, body []byte) {
	h.t.Helper()
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 res.StatusCode,
		Header:                 res.Header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		h.t.Errorf("%s %s: the answer (%d) breaks the contract: %v\nbody: %s", c.method, c.url(), res.StatusCode, err, body)
	}
}

// walk checks that the calls cover every operation of the vendor's contract, then makes them in
// order, each answer checked against the contract.
func (h *harness) walk(vendor string, calls []call) {
	h.t.Helper()
	var covered []string
	for _, c := range calls {
		covered = append(covered, c.op)
	}
	slices.Sort(covered)
	if want := operationIDs(h.docs[vendor]); !slices.Equal(covered, want) {
		h.t.Fatalf("the walk covers %v, the %s contract has %v", covered, vendor, want)
	}
	for _, c := range calls {
		h.do(vendor, c)
	}
}

// operationIDs lists a contract's operations.
func operationIDs(doc *openapi3.T) []string {
	var ids []string
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			ids = append(ids, op.OperationID)
		}
	}
	sort.Strings(ids)
	return ids
}

func today() string { return time.Now().UTC().Format(time.DateOnly) }
