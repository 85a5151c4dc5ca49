package rest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"

	"ovgraph/adapters/jobs"
	"ovgraph/adapters/postgres"
	"ovgraph/adapters/postgres/pgtest"
	"ovgraph/graph"
	"ovgraph/resolvers"
)

// The test environment: a fresh migrated database, the real executor on it and the ABTCustomers
// router (or other APIs) behind a middleware that stands in for the JWT middleware of the server.
// Tests choose each request's verified tokens with two headers the middleware reads.
const (
	headerTouchpoint = "X-Test-Touchpoint" // subject of a verified application token
	headerCustomer   = "X-Test-Customer"   // subject of a verified customer token
	headerStaff      = "X-Test-Staff"      // the staff role of a trusted application
)

type testEnv struct {
	t      *testing.T
	server string // server URL
	base   string // server URL including the base path
	store  *postgres.Store
	// jobs runs the background jobs (token transfers) once a test starts it (runJobs).
	jobs *jobs.Client
}

func newEnv(t *testing.T) *testEnv {
	t.Helper()
	return newAPIEnv(t, Config{}, ABTCustomersAPI())
}

// newAPIEnv serves the APIs as Mount does, with cfg's executor and log set; the environment calls
// the first one.
func newAPIEnv(t *testing.T, cfg Config, apis ...API) *testEnv {
	t.Helper()
	ctx := context.Background()
	store, err := postgres.Open(ctx, postgres.Config{URL: pgtest.NewDatabase(t)})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(store.Close)
	// The GBO stand-in holds the contract's cards and the pool of fresh ones.
	if err := store.SeedGBO(ctx); err != nil {
		t.Fatalf("seed GBO: %v", err)
	}
	cfg.Log = slog.New(slog.NewTextHandler(testLog{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	// Transfers enqueue their jobs on River for real; the jobs run only where a test starts them.
	work := &resolvers.Resolver{}
	jc, err := jobs.New(store.Pool(), jobs.Config{Workers: 1, JobTimeout: time.Minute, RescueAfter: time.Hour, PollInterval: 50 * time.Millisecond}, work, jobs.WithVendorSync(work))
	if err != nil {
		t.Fatalf("jobs: %v", err)
	}
	work.Deps = resolvers.Deps{Store: store, GBO: postgres.NewGBO(store), Jobs: jc, Log: cfg.Log, Options: resolvers.DefaultOptions}
	cfg.Exec = resolvers.NewExecutor(work.Deps)
	mux := chi.NewRouter()
	// GraphQL beside the APIs, on the same resolvers, for tests that look at what REST calls did.
	mux.Handle("/graphql", resolvers.NewHandler(work.Deps))
	if err := Mount(mux, apis, cfg); err != nil {
		t.Fatalf("mount: %v", err)
	}
	srv := httptest.NewServer(withTestCredentials(mux))
	t.Cleanup(srv.Close)
	return &testEnv{t: t, server: srv.URL, base: srv.URL + apis[0].BasePath, store: store, jobs: jc}
}

// runJobs starts the background jobs until the test ends.
func (e *testEnv) runJobs() {
	e.t.Helper()
	if err := e.jobs.Start(context.Background()); err != nil {
		e.t.Fatalf("start jobs: %v", err)
	}
	e.t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = e.jobs.Stop(ctx)
	})
}

// at is the environment calling another of its APIs.
func (e *testEnv) at(api API) *testEnv {
	c := *e
	c.base = e.server + api.BasePath
	return &c
}

type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// withTestCredentials puts the caller the test headers name into the request context, as the
// server's JWT middleware does for real tokens. A customer always comes with the application it
// uses, as every request needs the application's token.
func withTestCredentials(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var c graph.Caller
		c.Application = r.Header.Get(headerTouchpoint)
		if sub := r.Header.Get(headerCustomer); sub != "" {
			c.Application, c.CustomerSubject = "test-app", sub
		}
		if role := r.Header.Get(headerStaff); role != "" {
			c.Application, c.StaffRole = "test-smp", role
		}
		// The server reads the profile staff act on from its header as well.
		if id, err := strconv.ParseInt(r.Header.Get(profileHeader), 10, 64); err == nil && id > 0 {
			c.StaffProfileID = id
		}
		next.ServeHTTP(w, r.WithContext(graph.WithCaller(r.Context(), c)))
	})
}

// who is the set of verified tokens a request carries.
type who struct {
	touchpoint string
	customer   string // the customer's subject
	staff      string // the staff role
}

var (
	nobody     = who{}
	touchpoint = who{touchpoint: "backoffice-test"}
)

// customer is the owner of customer n: the fixtures link each profile they create to the subject
// subjectOf(n).
func customer(n int64) who { return who{customer: subjectOf(n)} }

func subjectOf(n int64) string { return "subject-" + strconv.FormatInt(n, 10) }

// link gives a profile the subject its customer logs in with, as registering would have.
func (e *testEnv) link(n int64) {
	e.t.Helper()
	if _, err := e.store.Pool().Exec(context.Background(),
		"UPDATE customer_profile SET subject = $1 WHERE customer_number = $2", subjectOf(n), n); err != nil {
		e.t.Fatalf("link profile %d: %v", n, err)
	}
}

// response is what a call answered.
type response struct {
	req    *http.Request
	status int
	header http.Header
	body   []byte
}

func (r response) String() string { return fmt.Sprintf("%d %s", r.status, r.body) }

// json decodes the body.
func (r response) json(t *testing.T) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("%s %s: body is not a JSON object: %v: %s", r.req.Method, r.req.URL.Path, err, r.body)
	}
	return v
}

// do calls the API; path is relative to the base path and body "" sends none.
func (e *testEnv) do(as who, method, path, body string) response {
	e.t.Helper()
	return e.call(as, method, path, body, nil)
}

// call is do with more request headers.
func (e *testEnv) call(as who, method, path, body string, headers map[string]string) response {
	e.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, e.base+path, rd)
	if err != nil {
		e.t.Fatalf("new request: %v", err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if as.touchpoint != "" {
		req.Header.Set(headerTouchpoint, as.touchpoint)
	}
	if as.customer != "" {
		req.Header.Set(headerCustomer, as.customer)
	}
	if as.staff != "" {
		req.Header.Set(headerStaff, as.staff)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		e.t.Fatalf("%s %s: read body: %v", method, path, err)
	}
	return response{req: req, status: res.StatusCode, header: res.Header, body: b}
}

// must calls the API and fails the test unless it answers status.
func (e *testEnv) must(as who, method, path, body string, status int) response {
	e.t.Helper()
	r := e.do(as, method, path, body)
	if r.status != status {
		e.t.Fatalf("%s %s: want %d, got %s", method, path, status, r)
	}
	return r
}

// fixture is a customer with every kind of child, created through the API. The ids are the ones
// the contract's examples reference (billing information 1 and 2, addresses 2 and 3, token 1, …):
// a fresh database numbers them from 1.
type fixture struct {
	customerNumber int64
	path           string // /customers/{customerNumber}
}

const fixtureEmail = "fixture@example.nl"

func (e *testEnv) seed() fixture {
	e.t.Helper()
	r := e.must(touchpoint, http.MethodPost, "/customers", `{
		"customerPreference": {"languageId": 1},
		"person": {"birthname": "Fixture", "surname": "Klant", "dateOfBirth": "1980-02-03", "emailAddress": "`+fixtureEmail+`"},
		"addresses": [
			{"street": "Spui", "houseNumber": 70, "postalCode": "2511BT", "city": "Den Haag", "country": "NL", "addressTypeId": 1},
			{"street": "Lange Voorhout", "houseNumber": 1, "houseNumberSuffix": "A", "postalCode": "2514EA", "city": "Den Haag", "country": "NL", "addressTypeId": 2},
			{"street": "Kneuterdijk", "houseNumber": 2, "postalCode": "2514EN", "city": "Den Haag", "country": "NL", "addressTypeId": 3}
		],
		"phones": [
			{"number": "612345678", "countryCode": "0031", "phoneTypeId": 2, "isPreferred": true},
			{"number": "701234567", "countryCode": "0031", "phoneTypeId": 1}
		]}`, http.StatusCreated)
	f := fixture{customerNumber: int64(r.json(e.t)["customerNumber"].(float64))}
	e.link(f.customerNumber)
	f.path = "/customers/" + strconv.FormatInt(f.customerNumber, 10)
	e.created(f.path+"/ovchipcards", `{"ovChipCard": {"chipCardNumber": 1000000000000001, "validUntil": "2030-01-01", "alias": "kaart"}}`, "ovChipCardId", 1)
	e.created(f.path+"/ovpaytokens", `{"ovPayToken": {"tokenTypeId": 1, "xTat": "fixture-tat-1", "xBot": "fixture-bot-1", "alias": "bankpas", "lastDigits": "1234"}}`, "ovPayTokenId", 1)
	e.created(f.path+"/ovpaytokens", `{"ovPayToken": {"tokenTypeId": 2, "xTat": "fixture-tat-2", "xBot": "fixture-bot-2", "alias": "ov-pas", "lastDigits": "0001", "ovpasNumber": "OV00001"}}`, "ovPayTokenId", 2)
	e.created(f.path+"/financials/billinginformation", `{"billingInformation": {"iban": "NL91ABNA0417164300", "bic": "ABNANL2A", "ascription": "F. Klant", "alias": "betaal"}}`, "billingInformationId", 1)
	e.created(f.path+"/financials/billinginformation", `{"billingInformation": {"iban": "DE89370400440532013000", "ascription": "F. Klant", "alias": "spaar"}}`, "billingInformationId", 2)
	e.created(f.path+"/financials/directdebitmandates", `{"directDebitMandate": {"directDebitMandateTypeId": 2, "billingInformationId": 1, "mandateReference": "fixture mandate"}}`, "directDebitMandateId", 1)
	return f
}

// created posts a child and checks the id it got.
func (e *testEnv) created(path, body, idField string, want int) {
	e.t.Helper()
	got := e.must(touchpoint, http.MethodPost, path, body, http.StatusCreated).json(e.t)[idField]
	if got != float64(want) {
		e.t.Fatalf("POST %s: %s = %v, want %d (the examples reference it)", path, idField, got, want)
	}
}

// fingerprint is the content of every table, so a test can show that a refused request changed
// nothing at all, the audit trail and the queued jobs included. River's bookkeeping of its
// leader, clients and queues changes while the jobs run, of itself, and is left out.
func (e *testEnv) fingerprint() map[string]string {
	e.t.Helper()
	ctx := context.Background()
	rows, err := e.store.Pool().Query(ctx,
		`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
		   AND table_name NOT IN ('river_leader', 'river_client', 'river_client_queue', 'river_queue')`)
	if err != nil {
		e.t.Fatalf("list tables: %v", err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			e.t.Fatalf("list tables: %v", err)
		}
		tables = append(tables, name)
	}
	rows.Close()
	if len(tables) == 0 {
		e.t.Fatal("list tables: none")
	}
	out := map[string]string{}
	for _, table := range tables {
		var count int64
		var sum string
		err := e.store.Pool().QueryRow(ctx, fmt.Sprintf(
			`SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM %q t`, table)).
			Scan(&count, &sum)
		if err != nil {
			e.t.Fatalf("fingerprint %s: %v", table, err)
		}
		out[table] = fmt.Sprintf("%d rows %s", count, sum)
	}
	return out
}

// unchanged fails the test when the database differs from before.
func (e *testEnv) unchanged(before map[string]string) {
	e.t.Helper()
	after := e.fingerprint()
	for table, was := range before {
		if after[table] != was {
			e.t.Errorf("table %s changed: %s -> %s", table, was, after[table])
		}
	}
}
