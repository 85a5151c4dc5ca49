package resolvers_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"ovgraph/adapters/accounts"
	"ovgraph/adapters/aptic"
	"ovgraph/adapters/jobs"
	"ovgraph/adapters/postgres"
	"ovgraph/adapters/postgres/pgtest"
	"ovgraph/adapters/sandbox"
	"ovgraph/adapters/upstream"
	"ovgraph/graph"
	"ovgraph/resolvers"
)

// statementCounter is a pgx QueryTracer and BatchTracer that counts the statements the store
// runs (n, a batch's statements each) and the round trips they take (trips, a batch one), and
// keeps the statements with their arguments.
type statementCounter struct {
	n     atomic.Int64
	trips atomic.Int64
	mu    sync.Mutex
	ran   []pgx.TraceQueryStartData
}

func (c *statementCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	c.trips.Add(1)
	c.record(d)
	return ctx
}
func (c *statementCounter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

func (c *statementCounter) TraceBatchStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchStartData) context.Context {
	c.trips.Add(1)
	return ctx
}
func (c *statementCounter) TraceBatchQuery(_ context.Context, _ *pgx.Conn, d pgx.TraceBatchQueryData) {
	c.record(pgx.TraceQueryStartData{SQL: d.SQL, Args: d.Args})
}
func (c *statementCounter) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData) {}

func (c *statementCounter) record(d pgx.TraceQueryStartData) {
	c.n.Add(1)
	c.mu.Lock()
	c.ran = append(c.ran, d)
	c.mu.Unlock()
}

// last returns the last statement named one of names (sqlc's `-- name:` line) that ran.
func (c *statementCounter) last(t testing.TB, names ...string) pgx.TraceQueryStartData {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := len(c.ran) - 1; i >= 0; i-- {
		for _, name := range names {
			if strings.HasPrefix(c.ran[i].SQL, "-- name: "+name+" ") {
				return c.ran[i]
			}
		}
	}
	t.Fatalf("no statement %v ran", names)
	return pgx.TraceQueryStartData{}
}

type env struct {
	t       testing.TB
	store   *postgres.Store
	handler http.Handler
	count   *statementCounter
	jobs    *jobs.Client
	// work is the resolver the jobs run on: the handler's dependencies.
	work *resolvers.Resolver
	// sandbox serves the vendor systems the handler's clients call, at sandboxURL.
	sandbox    *sandbox.Sandbox
	sandboxURL string
}

func newEnv(t testing.TB) *env {
	t.Helper()
	counter := &statementCounter{}
	store, err := postgres.Open(context.Background(), postgres.Config{URL: pgtest.NewDatabase(t), Tracer: counter})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(store.Close)
	if err := store.SeedGBO(context.Background()); err != nil {
		t.Fatal(err)
	}
	// The touchpoint application sells at the ticket machines (sales touchpoint 2).
	if _, err := store.Pool().Exec(context.Background(),
		`UPDATE sales_touchpoint SET client_id = $1 WHERE id = 2`, touchpoint.Application); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	// Transfers enqueue their jobs on River for real; the jobs run only where a test starts them.
	work := &resolvers.Resolver{}
	jc, err := jobs.New(store.Pool(), jobs.Config{Workers: 1, JobTimeout: time.Minute, RescueAfter: time.Hour, PollInterval: time.Second}, work, jobs.WithVendorSync(work))
	if err != nil {
		t.Fatal(err)
	}
	work.Deps = resolvers.Deps{Store: store, GBO: postgres.NewGBO(store), Jobs: jc, Log: log, Options: resolvers.DefaultOptions}
	e := &env{t: t, store: store, count: counter, jobs: jc, work: work}
	e.withVendors(upstream.Policy{})
	return e
}

// withVendors serves both vendor systems from a fresh sandbox (adapters/sandbox: the vendors'
// contracts, with the demo data) and points the environment's clients at it, calling with
// policy; the handler is built anew.
func (e *env) withVendors(policy upstream.Policy) { e.serveVendors(policy, nil) }

// serveVendors is withVendors with front, when not nil, serving the requests in front of the
// sandbox (to count or refuse them).
func (e *env) serveVendors(policy upstream.Policy, front func(sandbox http.Handler) http.Handler) {
	e.t.Helper()
	sb := sandbox.New(sandbox.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	var h http.Handler = sb
	if front != nil {
		h = front(sb)
	}
	srv := httptest.NewServer(h)
	e.t.Cleanup(func() { sb.Close(); srv.Close() })
	acc, err := accounts.New(accounts.Config{BaseURL: srv.URL + sandbox.AccountsBasePath, Token: "test-token", Policy: policy})
	if err != nil {
		e.t.Fatal(err)
	}
	apt, err := aptic.New(aptic.Config{BaseURL: srv.URL + sandbox.ApticBasePath, ClientID: "ovgraph", ClientSecret: "test-secret", Policy: policy})
	if err != nil {
		e.t.Fatal(err)
	}
	e.sandbox, e.sandboxURL = sb, srv.URL
	e.work.Accounts, e.work.Aptic = acc, apt
	e.handler = resolvers.NewHandler(e.work.Deps)
}

var touchpoint = graph.Caller{Application: "test-touchpoint"}

// customer is the caller logged in as the owner of customer n: newCustomer links every profile it
// creates to the subject subjectOf(n).
func customer(n int64) graph.Caller {
	return graph.Caller{Application: "test-app", CustomerSubject: subjectOf(n)}
}

func subjectOf(n int64) string { return fmt.Sprintf("subject-%d", n) }

type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

type result struct {
	Data   json.RawMessage `json:"data"`
	Errors []gqlError      `json:"errors"`
}

func (r result) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// do runs a GraphQL request as caller and returns the decoded response.
func (e *env) do(caller graph.Caller, query string, vars map[string]any) result {
	e.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	rec := httptest.NewRecorder()
	e.handler.ServeHTTP(rec, request(caller, body))
	var out result
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		e.t.Fatalf("decode %s: %v", rec.Body.String(), err)
	}
	return out
}

// request is a GraphQL request with the JSON body body, as caller.
func request(caller graph.Caller, body []byte) *http.Request {
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	ctx := graph.WithCorrelationID(req.Context(), "test-correlation")
	ctx = graph.WithCaller(ctx, caller)
	return req.WithContext(ctx)
}

// ok runs a request that must succeed and decodes its data into v.
func (e *env) ok(caller graph.Caller, query string, vars map[string]any, v any) {
	e.t.Helper()
	r := e.do(caller, query, vars)
	if len(r.Errors) > 0 {
		e.t.Fatalf("unexpected errors: %+v", r.Errors)
	}
	if v != nil {
		if err := json.Unmarshal(r.Data, v); err != nil {
			e.t.Fatal(err)
		}
	}
}

const createCustomer = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customerNumber } }`

func (e *env) newCustomer(email string) int {
	e.t.Helper()
	var out struct {
		CreateCustomer struct{ CustomerNumber int } `json:"createCustomer"`
	}
	e.ok(touchpoint, createCustomer, map[string]any{"input": map[string]any{
		"person": map[string]any{"surname": "Jansen", "emailAddress": email},
		"addresses": []any{map[string]any{"street": "Spui", "houseNumber": 70, "postalCode": "2511BT",
			"city": "Den Haag", "country": "NL", "addressTypeId": 1}},
		"phones": []any{map[string]any{"number": "0612345678", "countryCode": "0031", "phoneTypeId": 2, "isPreferred": true}},
	}}, &out)
	n := out.CreateCustomer.CustomerNumber
	e.link(n, subjectOf(int64(n)))
	return n
}

// link gives a profile a touchpoint created the subject a customer logs in with, as registering
// would have.
func (e *env) link(n int, subject string) {
	e.t.Helper()
	if _, err := e.store.Pool().Exec(context.Background(),
		"UPDATE customer_profile SET subject = $1 WHERE customer_number = $2", subject, n); err != nil {
		e.t.Fatal(err)
	}
}

// tableCounts is a fingerprint of the database: the row count of every table of the domain.
func (e *env) tableCounts() map[string]int64 {
	e.t.Helper()
	out := map[string]int64{}
	for _, table := range []string{"customer_profile", "customer_status", "address", "phone", "ov_chip_card",
		"ovpay_token", "billing_information", "direct_debit_mandate", "audit_trail"} {
		var n int64
		if err := e.store.Pool().QueryRow(context.Background(), "SELECT count(*) FROM "+table).Scan(&n); err != nil {
			e.t.Fatal(err)
		}
		out[table] = n
	}
	return out
}

func sameCounts(t *testing.T, before, after map[string]int64) {
	t.Helper()
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s: %d rows before, %d after", k, v, after[k])
		}
	}
}

const nestedCustomers = `query($first: Int!) {
  customers(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      customerNumber debtorStatus { name } customerPreference { languageId language { name } }
      customerStatuses { name fromInclusive toInclusive } currentStatus
      person { surname emailAddress addresses { postalCode addressType } phones { number phoneType } }
      ovChipCards { chipCardNumber }
      ovPayTokens { ovPayTokenId tokenType { name } tokenStatus { name } }
      billingInformation { iban }
      directDebitMandates { mandateReference mandateState }
      audit { action user correlationId }
    } }
  }
}`

func TestStatementCountDoesNotGrowWithPageSize(t *testing.T) {
	e := newEnv(t)
	if err := e.store.SeedDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 20; i++ {
		e.newCustomer("extra" + string(rune('a'+i)) + "@example.nl")
	}
	counts, trips := map[int]int64{}, map[int]int64{}
	for _, first := range []int{5, 50} {
		var out struct {
			Customers struct {
				TotalCount int
				Edges      []struct {
					Node struct {
						Person struct{ Addresses []any }
						Audit  []any
					}
				}
			}
		}
		before, tripsBefore := e.count.n.Load(), e.count.trips.Load()
		e.ok(touchpoint, nestedCustomers, map[string]any{"first": first}, &out)
		counts[first] = e.count.n.Load() - before
		trips[first] = e.count.trips.Load() - tripsBefore
		if got := len(out.Customers.Edges); got != first {
			t.Fatalf("first %d: %d edges", first, got)
		}
		if out.Customers.TotalCount != 56 {
			t.Errorf("totalCount %d, want 56", out.Customers.TotalCount)
		}
		for _, edge := range out.Customers.Edges {
			if len(edge.Node.Person.Addresses) == 0 || len(edge.Node.Audit) == 0 {
				t.Fatalf("first %d: a customer came back without its addresses or audit trail", first)
			}
		}
	}
	if counts[5] != counts[50] {
		t.Errorf("statements: %d for 5 customers, %d for 50", counts[5], counts[50])
	}
	// One search, then one statement for every child list of the page (1 + list depth).
	if counts[5] != 2 || counts[50] != 2 {
		t.Errorf("statements: %d for 5 customers, %d for 50, want 2", counts[5], counts[50])
	}
	if trips[5] != 2 || trips[50] != 2 {
		t.Errorf("round trips: %d for 5 customers, %d for 50, want 2", trips[5], trips[50])
	}
}

func TestPagination(t *testing.T) {
	e := newEnv(t)
	if err := e.store.SeedDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	const q = `query($after: String) { customers(first: 10, after: $after) {
	  totalCount pageInfo { hasNextPage endCursor } nodes { customerNumber } } }`
	type page struct {
		Customers struct {
			TotalCount int
			PageInfo   struct {
				HasNextPage bool
				EndCursor   *string
			}
			Nodes []struct{ CustomerNumber int }
		}
	}
	seen := map[int]bool{}
	var after any
	for pages := 0; ; pages++ {
		var p page
		e.ok(touchpoint, q, map[string]any{"after": after}, &p)
		for _, n := range p.Customers.Nodes {
			if seen[n.CustomerNumber] {
				t.Fatalf("customer %d on two pages", n.CustomerNumber)
			}
			seen[n.CustomerNumber] = true
		}
		if !p.Customers.PageInfo.HasNextPage {
			break
		}
		after = *p.Customers.PageInfo.EndCursor
		if pages > 10 {
			t.Fatal("pagination does not end")
		}
	}
	if len(seen) != 36 {
		t.Errorf("paged through %d customers, want 36", len(seen))
	}
	if r := e.do(touchpoint, q, map[string]any{"after": "not-a-cursor"}); r.code() != "BAD_USER_INPUT" {
		t.Errorf("bad cursor: %+v", r.Errors)
	}
}

func TestPageInfoLooksBothWays(t *testing.T) {
	e := newEnv(t)
	if err := e.store.SeedDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	const q = `query($first: Int, $after: String) { customers(first: $first, after: $after) {
	  pageInfo { hasPreviousPage hasNextPage startCursor endCursor } edges { cursor } } }`
	type pageInfo struct {
		HasPreviousPage, HasNextPage bool
		StartCursor, EndCursor       *string
	}
	get := func(first int, after any) (pageInfo, []string) {
		t.Helper()
		var out struct {
			Customers struct {
				PageInfo pageInfo
				Edges    []struct{ Cursor string }
			}
		}
		e.ok(touchpoint, q, map[string]any{"first": first, "after": after}, &out)
		var cursors []string
		for _, edge := range out.Customers.Edges {
			cursors = append(cursors, edge.Cursor)
		}
		return out.Customers.PageInfo, cursors
	}
	ends := func(name string, p pageInfo, cursors []string) {
		t.Helper()
		if len(cursors) == 0 || p.StartCursor == nil || *p.StartCursor != cursors[0] ||
			p.EndCursor == nil || *p.EndCursor != cursors[len(cursors)-1] {
			t.Errorf("%s: start %v, end %v, want the first and last of %d edges", name, p.StartCursor, p.EndCursor, len(cursors))
		}
	}

	// The 36 demo customers in pages of 10.
	first, cursors := get(10, nil)
	ends("first page", first, cursors)
	if first.HasPreviousPage || !first.HasNextPage {
		t.Errorf("first page: %+v, want no previous page and a next one", first)
	}
	second, cursors := get(10, *first.EndCursor)
	ends("second page", second, cursors)
	if !second.HasPreviousPage || !second.HasNextPage || *second.StartCursor == *first.EndCursor {
		t.Errorf("second page: %+v, want a previous and a next page", second)
	}
	third, _ := get(10, *second.EndCursor)
	last, cursors := get(10, *third.EndCursor)
	ends("last page", last, cursors)
	if len(cursors) != 6 || !last.HasPreviousPage || last.HasNextPage {
		t.Errorf("last page: %d edges, %+v, want 6 with a previous page only", len(cursors), last)
	}
	// Past the end: no edges, no cursors, and every customer comes before.
	past, cursors := get(10, *last.EndCursor)
	if len(cursors) != 0 || past.StartCursor != nil || past.EndCursor != nil || !past.HasPreviousPage || past.HasNextPage {
		t.Errorf("past the end: %d edges, %+v", len(cursors), past)
	}
	// A cursor before every customer number: after is given, yet nothing precedes the page.
	before := base64.RawURLEncoding.EncodeToString([]byte("customer:0"))
	if p, cursors := get(10, before); p.HasPreviousPage || len(cursors) != 10 || *p.StartCursor != *first.StartCursor {
		t.Errorf("after a cursor before everyone: %+v", p)
	}
	// An empty page has no cursors.
	if p, cursors := get(0, nil); len(cursors) != 0 || p.StartCursor != nil || p.EndCursor != nil || p.HasPreviousPage || !p.HasNextPage {
		t.Errorf("first: 0: %+v", p)
	}
}

func TestAccess(t *testing.T) {
	e := newEnv(t)
	own := e.newCustomer("own@example.nl")
	other := e.newCustomer("other@example.nl")
	const byNumber = `query($n: Int!) { customer(customerNumber: $n) { customerNumber } }`
	cases := map[string]struct {
		caller graph.Caller
		query  string
		vars   map[string]any
		code   string
	}{
		"touchpoint reads any customer": {touchpoint, byNumber, map[string]any{"n": other}, ""},
		"customer reads itself":         {customer(int64(own)), byNumber, map[string]any{"n": own}, ""},
		"customer reads another":        {customer(int64(own)), byNumber, map[string]any{"n": other}, "NOT_FOUND"},
		"missing customer":              {touchpoint, byNumber, map[string]any{"n": 999}, "NOT_FOUND"},
		"anonymous":                     {graph.Caller{}, byNumber, map[string]any{"n": own}, "UNAUTHENTICATED"},
		"customer searches":             {customer(int64(own)), `{ customers { totalCount } }`, nil, "FORBIDDEN"},
		"me as customer":                {customer(int64(own)), `{ me { customerNumber } }`, nil, ""},
		"me as touchpoint":              {touchpoint, `{ me { customerNumber } }`, nil, "FORBIDDEN"},
		"customer changes another": {customer(int64(own)),
			`mutation($n: Int!) { updatePerson(customerNumber: $n, input: {surname: "X"}) { customerNumber } }`,
			map[string]any{"n": other}, "NOT_FOUND"},
		"empty filter": {touchpoint, `{ customers(filter: {}) { totalCount } }`, nil, "BAD_USER_INPUT"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			r := e.do(c.caller, c.query, c.vars)
			if r.code() != c.code {
				t.Fatalf("code %q, want %q (errors %+v)", r.code(), c.code, r.Errors)
			}
			if c.code == "NOT_FOUND" && r.Errors[0].Message != "The requested resource is not available." {
				t.Errorf("message %q", r.Errors[0].Message)
			}
		})
	}
}

func TestNodeRoundTrip(t *testing.T) {
	e := newEnv(t)
	n := e.newCustomer("node@example.nl")
	var out struct {
		Customer struct {
			ID     string
			Person struct{ Addresses []struct{ ID string } }
		}
	}
	e.ok(touchpoint, `query($n: Int!) { customer(customerNumber: $n) { id person { addresses { id } } } }`,
		map[string]any{"n": n}, &out)
	for _, id := range []string{out.Customer.ID, out.Customer.Person.Addresses[0].ID} {
		var node struct{ Node struct{ ID string } }
		e.ok(touchpoint, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": id}, &node)
		if node.Node.ID != id {
			t.Errorf("node(%s) answered %s", id, node.Node.ID)
		}
		if r := e.do(customer(1), `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": id}); r.code() != "NOT_FOUND" {
			t.Errorf("another customer read node %s: %+v", id, r.Errors)
		}
	}
}

func TestWritesAreAudited(t *testing.T) {
	e := newEnv(t)
	n := e.newCustomer("audit@example.nl")
	e.ok(customer(int64(n)), `mutation($n: Int!) { updatePerson(customerNumber: $n, input: {surname: "Visser"}) { customerNumber } }`,
		map[string]any{"n": n}, nil)
	var out struct {
		Customer struct {
			Person struct{ Surname string }
			Audit  []struct{ Action, Entity, User, CorrelationID string }
		}
	}
	e.ok(touchpoint, `query($n: Int!) { customer(customerNumber: $n) { person { surname } audit { action entity user correlationId } } }`,
		map[string]any{"n": n}, &out)
	if out.Customer.Person.Surname != "Visser" {
		t.Errorf("surname %q", out.Customer.Person.Surname)
	}
	if len(out.Customer.Audit) != 2 {
		t.Fatalf("audit %+v, want insert and update", out.Customer.Audit)
	}
	last := out.Customer.Audit[1]
	if last.Action != "update" || last.Entity != "person" || last.User != "customer:"+subjectOf(int64(n)) || last.CorrelationID != "test-correlation" {
		t.Errorf("audit row %+v", last)
	}
}

func TestStatusAndMandateTransitions(t *testing.T) {
	e := newEnv(t)
	n := e.newCustomer("status@example.nl")
	const status = `mutation($n: Int!, $s: String!) { addCustomerStatus(customerNumber: $n, input: {name: $s}) {
	  customer { currentStatus customerStatuses { name toInclusive } } } }`
	r := e.do(touchpoint, status, map[string]any{"n": n, "s": "cleared"})
	if r.code() != "UNPROCESSABLE" || r.Errors[0].Message != "Forbidden state transition requested! From Active to Cleared not allowed." {
		t.Fatalf("active -> cleared: %+v", r.Errors)
	}
	var out struct {
		AddCustomerStatus struct {
			Customer struct {
				CurrentStatus    string
				CustomerStatuses []struct {
					Name        string
					ToInclusive *string
				}
			}
		}
	}
	e.ok(touchpoint, status, map[string]any{"n": n, "s": "blocked"}, &out)
	c := out.AddCustomerStatus.Customer
	if c.CurrentStatus != "blocked" || len(c.CustomerStatuses) != 2 || c.CustomerStatuses[0].ToInclusive == nil ||
		c.CustomerStatuses[1].ToInclusive != nil {
		t.Errorf("history after active -> blocked: %+v", c)
	}

	var bi struct {
		AddBillingInformation struct{ BillingInformationID int }
	}
	e.ok(touchpoint, `mutation($n: Int!) { addBillingInformation(customerNumber: $n, input: {
	  iban: "NL91 ABNA 0417 1643 00", ascription: "J. Jansen", alias: "Betaal"}) { billingInformationId billingInformation { iban } } }`,
		map[string]any{"n": n}, &bi)
	var m struct {
		AddDirectDebitMandate struct {
			DirectDebitMandateID int
			DirectDebitMandate   struct{ MandateState string }
		}
	}
	e.ok(touchpoint, `mutation($n: Int!, $b: Int!) { addDirectDebitMandate(customerNumber: $n, input: {
	  directDebitMandateTypeName: "Paper Contract", billingInformationId: $b, mandateReference: "REF-1"}) {
	  directDebitMandateId directDebitMandate { mandateState } } }`,
		map[string]any{"n": n, "b": bi.AddBillingInformation.BillingInformationID}, &m)
	if m.AddDirectDebitMandate.DirectDebitMandate.MandateState != "PREPARED" {
		t.Errorf("new mandate is %s", m.AddDirectDebitMandate.DirectDebitMandate.MandateState)
	}
	const state = `mutation($n: Int!, $m: Int!, $s: MandateState!) { updateDirectDebitMandate(customerNumber: $n,
	  directDebitMandateId: $m, input: {mandateState: $s}) { directDebitMandate { mandateState } } }`
	vars := func(s string) map[string]any {
		return map[string]any{"n": n, "m": m.AddDirectDebitMandate.DirectDebitMandateID, "s": s}
	}
	e.ok(touchpoint, state, vars("SIGNED"), nil)
	if r := e.do(touchpoint, state, vars("PREPARED")); r.code() != "UNPROCESSABLE" {
		t.Errorf("SIGNED -> PREPARED: %+v", r.Errors)
	}
	e.ok(touchpoint, state, vars("CANCELLED"), nil)
}

func TestBadInputChangesNothing(t *testing.T) {
	e := newEnv(t)
	n := e.newCustomer("taken@example.nl")
	other := e.newCustomer("second@example.nl")
	cases := map[string]struct {
		query string
		vars  map[string]any
		code  string
		field string
	}{
		"duplicate e-mail on create": {createCustomer, map[string]any{"input": map[string]any{
			"person": map[string]any{"emailAddress": "TAKEN@example.nl"}}}, "CONFLICT", ""},
		"duplicate e-mail on update": {`mutation($n: Int!) { updatePerson(customerNumber: $n, input: {emailAddress: "taken@example.nl"}) { customerNumber } }`,
			map[string]any{"n": other}, "CONFLICT", ""},
		"NL postal code with a space": {`mutation($n: Int!) { addAddress(customerNumber: $n, input: {street: "Spui", houseNumber: 1,
		  postalCode: "2500 AA", city: "Den Haag", country: "NL", addressTypeId: 1}) { addressId } }`,
			map[string]any{"n": n}, "BAD_USER_INPUT", "postalCode"},
		"create with a bad address adds no profile": {createCustomer, map[string]any{"input": map[string]any{
			"addresses": []any{map[string]any{"street": "Spui", "houseNumber": 1, "postalCode": "2500 AA",
				"city": "Den Haag", "country": "NL", "addressTypeId": 1}}}}, "BAD_USER_INPUT", "postalCode"},
		"unknown address type": {`mutation($n: Int!) { addAddress(customerNumber: $n, input: {street: "Spui", houseNumber: 1,
		  postalCode: "2500AA", city: "Den Haag", country: "NL", addressTypeId: 99}) { addressId } }`,
			map[string]any{"n": n}, "BAD_USER_INPUT", "addressTypeId"},
		"invalid IBAN": {`mutation($n: Int!) { addBillingInformation(customerNumber: $n, input: {iban: "NL91ABNA0417164301",
		  ascription: "x", alias: "y"}) { billingInformationId } }`, map[string]any{"n": n}, "BAD_USER_INPUT", "iban"},
		"chip card number too small": {`mutation($n: Int!) { addOvChipCard(customerNumber: $n, input: {chipCardNumber: 999999999999999}) { ovChipCardId } }`,
			map[string]any{"n": n}, "BAD_USER_INPUT", "chipCardNumber"},
		"unknown language": {`mutation($n: Int!) { updateCustomerPreference(customerNumber: $n, input: {languageId: 9}) { customerNumber } }`,
			map[string]any{"n": n}, "BAD_USER_INPUT", "languageId"},
		"unknown customer": {`mutation { updatePerson(customerNumber: 4242, input: {surname: "X"}) { customerNumber } }`,
			nil, "NOT_FOUND", ""},
		"unknown field": {createCustomer, map[string]any{"input": map[string]any{"shoeSize": 44}}, "BAD_USER_INPUT", ""},
		"wrong type":    {createCustomer, map[string]any{"input": map[string]any{"debtorStatusId": "two"}}, "BAD_USER_INPUT", ""},
		"bad date": {createCustomer, map[string]any{"input": map[string]any{"person": map[string]any{"dateOfBirth": "29-10-2002"}}},
			"BAD_USER_INPUT", ""},
		"mandate on another customer's billing": {`mutation($n: Int!) { addDirectDebitMandate(customerNumber: $n, input: {
		  directDebitMandateTypeId: 1, billingInformationId: 1, mandateReference: "R"}) { directDebitMandateId } }`,
			map[string]any{"n": n}, "BAD_USER_INPUT", "billingInformationId"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			before := e.tableCounts()
			r := e.do(touchpoint, c.query, c.vars)
			if r.code() != c.code {
				t.Fatalf("code %q, want %q: %+v", r.code(), c.code, r.Errors)
			}
			if c.field != "" && r.Errors[0].Extensions["field"] != c.field {
				t.Errorf("field %v, want %s", r.Errors[0].Extensions["field"], c.field)
			}
			if strings.Contains(r.Errors[0].Message, "SQLSTATE") {
				t.Errorf("database error leaked: %s", r.Errors[0].Message)
			}
			sameCounts(t, before, e.tableCounts())
		})
	}
}

func TestCreateMe(t *testing.T) {
	e := newEnv(t)
	const q = `mutation { createMe(input: {person: {surname: "Zelf"}}) { customerNumber customer { currentStatus debtorStatus { name } } } }`
	var out struct {
		CreateMe struct {
			CustomerNumber int
			Customer       struct {
				CurrentStatus string
				DebtorStatus  struct{ Name string }
			}
		}
	}
	// The subject looks like a customer number, and a huge one: it is stored as it is, and the
	// customer number comes from the sequence all the same.
	subject := graph.Caller{Application: "test-app", CustomerSubject: "9223372036854775807"}
	e.ok(subject, q, nil, &out)
	if out.CreateMe.CustomerNumber != 1000001 || out.CreateMe.Customer.CurrentStatus != "active" ||
		out.CreateMe.Customer.DebtorStatus.Name != "Inactive" {
		t.Errorf("created %+v", out.CreateMe)
	}
	if r := e.do(subject, q, nil); r.code() != "CONFLICT" {
		t.Errorf("second createMe: %+v", r.Errors)
	}
	var me struct{ Me struct{ CustomerNumber int } }
	e.ok(subject, `{ me { customerNumber } }`, nil, &me)
	if me.Me.CustomerNumber != 1000001 {
		t.Errorf("me after createMe: %+v", me)
	}
	// The sequence goes on: a touchpoint's next profile gets a later number (the refused second
	// createMe used one up, as a failed insert does).
	if n := e.newCustomer("next@example.nl"); n <= 1000001 || n > 1000003 {
		t.Errorf("next customer number %d, want 1000002 or 1000003", n)
	}
	if r := e.do(touchpoint, q, nil); r.code() != "FORBIDDEN" {
		t.Errorf("touchpoint createMe: %+v", r.Errors)
	}
}
