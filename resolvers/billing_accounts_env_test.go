package resolvers_test

import (
	"context"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"ovgraph/adapters/sandbox"
	"ovgraph/adapters/upstream"
)

// accountsProbe stands between ovgraph and the sandbox's MasStack: it counts the requests that
// reach MasStack (by route, ids replaced by {id}, and by exact request), the most in flight at
// once, and answers the requests a test told it to refuse with MasStack's error instead of
// passing them on.
type accountsProbe struct {
	next http.Handler

	mu          sync.Mutex
	byRoute     map[string]int
	byRequest   map[string]int
	inFlight    int
	maxInFlight int
	refusals    []vendorRefusal
}

// vendorRefusal answers requests of method whose path contains part with status.
type vendorRefusal struct {
	method, part string
	status       int
}

var uuidInPath = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

func (p *accountsProbe) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !strings.HasPrefix(r.URL.Path, sandbox.AccountsBasePath+"/") {
		p.next.ServeHTTP(w, r)
		return
	}
	path := strings.TrimPrefix(r.URL.Path, sandbox.AccountsBasePath)
	p.mu.Lock()
	p.byRoute[r.Method+" "+uuidInPath.ReplaceAllString(path, "{id}")]++
	p.byRequest[r.Method+" "+path+"?"+r.URL.RawQuery]++
	p.inFlight++
	p.maxInFlight = max(p.maxInFlight, p.inFlight)
	var refuse *vendorRefusal
	for _, f := range p.refusals {
		if f.method == r.Method && strings.Contains(path, f.part) {
			refuse = &f
		}
	}
	p.mu.Unlock()
	defer func() {
		p.mu.Lock()
		p.inFlight--
		p.mu.Unlock()
	}()
	if refuse != nil {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(refuse.status)
		_, _ = io.WriteString(w, `{"status": `+strconv.Itoa(refuse.status)+`, "code": "REFUSED", "message": "refused by the test"}`)
		return
	}
	p.next.ServeHTTP(w, r)
}

// refuse has MasStack answer status to requests of method whose path contains part.
func (p *accountsProbe) refuse(method, part string, status int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.refusals = append(p.refusals, vendorRefusal{method: method, part: part, status: status})
}

// reset forgets the counts.
func (p *accountsProbe) reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.byRoute, p.byRequest, p.maxInFlight = map[string]int{}, map[string]int{}, 0
}

// route is how many requests of a route ("GET /orgs/{id}/accounts/{id}", ids as {id}; the org
// "telco" as is) reached MasStack.
func (p *accountsProbe) route(r string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.byRoute[r]
}

// total is how many requests reached MasStack.
func (p *accountsProbe) total() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, c := range p.byRoute {
		n += c
	}
	return n
}

// repeated lists the requests that reached MasStack more than once.
func (p *accountsProbe) repeated() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for r, c := range p.byRequest {
		if c > 1 {
			out = append(out, r)
		}
	}
	return out
}

func (p *accountsProbe) peak() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.maxInFlight
}

// withAccountsProbe is withVendors with an accountsProbe in front of the sandbox.
func (e *env) withAccountsProbe(policy upstream.Policy) *accountsProbe {
	e.t.Helper()
	probe := &accountsProbe{}
	probe.reset()
	e.serveVendors(policy, func(sb http.Handler) http.Handler {
		probe.next = sb
		return probe
	})
	return probe
}

// linkAccounts links the profile to the MasStack customer customerID (org sandbox.DemoOrg) only.
func (e *env) linkAccounts(profileID int, customerID string) {
	e.t.Helper()
	if _, err := e.store.Pool().Exec(context.Background(), `INSERT INTO vendor_link (customer_profile_id, vendor, external_id, org)
		VALUES ($1, 'accounts', $2, $3)`, profileID, customerID, sandbox.DemoOrg); err != nil {
		e.t.Fatal(err)
	}
}

// demoAccountsCustomer makes a new profile the owner of the sandbox's demo MasStack customer of
// demo customer demo (1000001: two accounts, promotions, a moved billing address) and returns its
// customer number.
func (e *env) demoAccountsCustomer(email string, demo int) int {
	e.t.Helper()
	n := e.newCustomer(email)
	e.linkAccounts(e.profileID(n), sandbox.AccountsCustomerID(demo).String())
	return n
}
