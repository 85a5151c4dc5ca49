package resolvers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"ovgraph/adapters/aptic"
	"ovgraph/adapters/sandbox"
	"ovgraph/adapters/upstream"
)

// apticCounter counts the requests that reach the sandbox's Aptic, by the last segment of their
// path (FinancialOverview, Addresses, ..., access_token for the OAuth2 token), and the most in
// flight at once.
type apticCounter struct {
	mu                 sync.Mutex
	byResource         map[string]int
	inFlight, maxInFly int
	// bodies are the bodies of the writes (PUT, PATCH), by the last segment of their path.
	bodies map[string][]map[string]any
}

// sent is the last body written to resource.
func (c *apticCounter) sent(resource string) map[string]any {
	c.mu.Lock()
	defer c.mu.Unlock()
	if b := c.bodies[resource]; len(b) > 0 {
		return b[len(b)-1]
	}
	return nil
}

func (c *apticCounter) count(resource string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.byResource[resource]
}

func (c *apticCounter) total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for k, v := range c.byResource {
		if k != "access_token" { // the OAuth2 token, fetched once and cached
			n += v
		}
	}
	return n
}

// all counts every request, the token's included.
func (c *apticCounter) all() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, v := range c.byResource {
		n += v
	}
	return n
}

func (c *apticCounter) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.byResource, c.maxInFly = map[string]int{}, 0
}

// countedAptic points the environment's Aptic client at the environment's sandbox through a
// handler that counts the requests, calling with policy; the handler is built anew.
func (e *env) countedAptic(policy upstream.Policy) *apticCounter {
	e.t.Helper()
	c := &apticCounter{byResource: map[string]int{}, bodies: map[string][]map[string]any{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		segs := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
		resource := segs[len(segs)-1]
		var body map[string]any
		if r.Method == http.MethodPut || r.Method == http.MethodPatch {
			b, _ := io.ReadAll(r.Body)
			_ = json.Unmarshal(b, &body)
			r.Body = io.NopCloser(bytes.NewReader(b))
		}
		c.mu.Lock()
		c.byResource[resource]++
		if body != nil {
			c.bodies[resource] = append(c.bodies[resource], body)
		}
		c.inFlight++
		c.maxInFly = max(c.maxInFly, c.inFlight)
		c.mu.Unlock()
		defer func() { c.mu.Lock(); c.inFlight--; c.mu.Unlock() }()
		e.sandbox.ServeHTTP(w, r)
	}))
	e.t.Cleanup(srv.Close)
	apt, err := aptic.New(aptic.Config{BaseURL: srv.URL + sandbox.ApticBasePath, ClientID: "ovgraph", ClientSecret: "test-secret", Policy: policy})
	if err != nil {
		e.t.Fatal(err)
	}
	e.work.Aptic = apt
	e.withHandler()
	return c
}

const creditOf = `query($n: Int!) { customer(customerNumber: $n) { customerNumber credit { customerGuid
	overview { totalBalance accountBalance currencyCode unsettledPaymentBalance
		purchases { invoiceNo purchaseAmount remainingNumberOfPayments nextPeriodDate extraFields { name data } }
		invoices { invoiceNumber invoiceAmount dueDate } accounts { accountNumber balance }
		guarantees { guaranteeGuid guaranteeAmount } collaterals { collateralGuid realized }
		myGuarantors { customerGuid customerReference fullName } guaranteeFor { customerGuid }
		allRelatedCustomers { customerGuid customerRoleCode } }
	addresses { totalCount edges { cursor node { addressGuid } } nodes { addressGuid addressType street houseNo defaultAddress } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }
	extraFields { totalCount nodes { name value } }
	partyParameters { totalCount nodes { name type value } }
	directDebitMandates { totalCount nodes { mandateGuid directDebitMandateType referenceNo bankAccountNo signedDate } }
	creditInsurances { totalCount nodes { insuranceGuid insuranceCompanyName amount paymentTerm } }
	actions { totalCount nodes { actionGuid actionItemCode allowPostpone responses } } } } }`

type apticPageInfo struct {
	HasNextPage, HasPreviousPage bool
	StartCursor, EndCursor       *string
}

type creditView struct {
	CustomerGUID string
	Overview     *struct {
		TotalBalance, AccountBalance, UnsettledPaymentBalance float64
		CurrencyCode                                          string
		Purchases                                             []struct {
			InvoiceNo                 string
			PurchaseAmount            float64
			RemainingNumberOfPayments int
			ExtraFields               []struct{ Name, Data string }
		}
		Invoices     []struct{ InvoiceNumber string }
		Accounts     []struct{ AccountNumber string }
		Guarantees   []struct{ GuaranteeGUID string }
		Collaterals  []struct{ CollateralGUID string }
		MyGuarantors []struct {
			CustomerGUID, CustomerReference, FullName string
		}
		AllRelatedCustomers []struct{ CustomerGUID, CustomerRoleCode string }
	}
	Addresses *struct {
		TotalCount int
		Edges      []struct {
			Cursor string
			Node   struct{ AddressGUID string }
		}
		Nodes []struct {
			AddressGUID, AddressType, Street, HouseNo string
			DefaultAddress                            bool
		}
		PageInfo apticPageInfo
	}
	ExtraFields *struct {
		TotalCount int
		Nodes      []struct {
			Name  string
			Value []string
		}
	}
	PartyParameters *struct {
		TotalCount int
		Nodes      []struct{ Name, Type, Value string }
	}
	DirectDebitMandates *struct {
		TotalCount int
		Nodes      []struct {
			MandateGUID            string
			DirectDebitMandateType int
			ReferenceNo            string
			BankAccountNo          string
			SignedDate             *string
		}
	}
	CreditInsurances *struct {
		TotalCount int
		Nodes      []struct {
			InsuranceGUID, InsuranceCompanyName string
			Amount                              float64
			PaymentTerm                         int
		}
	}
	Actions *struct {
		TotalCount int
		Nodes      []struct {
			ActionGUID, ActionItemCode string
			AllowPostpone              bool
			Responses                  []string
		}
	}
}

// demoEnv is an environment with the demo data, whose customers 1000001-1000004 are linked to
// the sandbox's Aptic customers.
func demoEnv(t *testing.T) *env {
	t.Helper()
	e := newEnv(t)
	if err := e.store.SeedDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	return e
}

func (e *env) credit(n int) *creditView {
	e.t.Helper()
	var out struct {
		Customer struct{ Credit *creditView }
	}
	e.ok(touchpoint, creditOf, map[string]any{"n": n}, &out)
	return out.Customer.Credit
}

// Demo customer 1000001 has something in every Aptic list; Aptic's numbers are kept as they are.
func TestApticCredit(t *testing.T) {
	e := demoEnv(t)
	c := e.credit(1000001)
	if c == nil || c.CustomerGUID != sandbox.ApticCustomerGUID(1000001) {
		t.Fatalf("credit %+v", c)
	}
	o := c.Overview
	if o == nil || o.TotalBalance != 187.5 || o.AccountBalance != 62.5 || o.UnsettledPaymentBalance != 12.4 || o.CurrencyCode != "EUR" ||
		len(o.Purchases) != 1 || o.Purchases[0].PurchaseAmount != 750 || o.Purchases[0].RemainingNumberOfPayments != 2 ||
		len(o.Purchases[0].ExtraFields) != 1 || len(o.Invoices) != 2 || len(o.Accounts) != 1 || len(o.Guarantees) != 1 ||
		len(o.Collaterals) != 1 || len(o.MyGuarantors) != 1 || o.MyGuarantors[0].CustomerGUID != sandbox.ApticCustomerGUID(1000002) ||
		o.MyGuarantors[0].CustomerReference != "1000002" || len(o.AllRelatedCustomers) != 1 || o.AllRelatedCustomers[0].CustomerRoleCode != "GUARANTOR" {
		t.Fatalf("overview %+v", o)
	}
	if a := c.Addresses; a == nil || a.TotalCount != 2 || len(a.Nodes) != 2 || a.Nodes[0].AddressType != "LEGAL" ||
		!a.Nodes[0].DefaultAddress || a.PageInfo.HasNextPage || a.PageInfo.HasPreviousPage || len(a.Edges) != 2 ||
		a.Edges[1].Node.AddressGUID != a.Nodes[1].AddressGUID || a.PageInfo.StartCursor == nil || *a.PageInfo.StartCursor != a.Edges[0].Cursor ||
		a.PageInfo.EndCursor == nil || *a.PageInfo.EndCursor != a.Edges[1].Cursor || a.Edges[0].Cursor == a.Edges[1].Cursor {
		t.Fatalf("addresses %+v", c.Addresses)
	}
	if f := c.ExtraFields; f == nil || f.TotalCount != 2 || f.Nodes[0].Name != "HTM_CUSTOMER_NUMBER" || f.Nodes[0].Value[0] != "1000001" {
		t.Fatalf("extra fields %+v", c.ExtraFields)
	}
	if p := c.PartyParameters; p == nil || p.TotalCount != 2 || p.Nodes[0].Name != "DUNNING_LEVEL" || p.Nodes[0].Type != "INT" {
		t.Fatalf("party parameters %+v", c.PartyParameters)
	}
	if m := c.DirectDebitMandates; m == nil || m.TotalCount != 1 || m.Nodes[0].DirectDebitMandateType != 3 ||
		m.Nodes[0].ReferenceNo != "HTM-MND-1000001" || m.Nodes[0].SignedDate == nil {
		t.Fatalf("mandates %+v", c.DirectDebitMandates)
	}
	if i := c.CreditInsurances; i == nil || i.TotalCount != 1 || i.Nodes[0].InsuranceCompanyName != "ATRADIUS" || i.Nodes[0].Amount != 500 ||
		i.Nodes[0].PaymentTerm != 30 {
		t.Fatalf("insurances %+v", c.CreditInsurances)
	}
	if a := c.Actions; a == nil || a.TotalCount != 2 || a.Nodes[0].ActionItemCode != "CONFIRM_PLAN" || !a.Nodes[0].AllowPostpone ||
		strings.Join(a.Nodes[0].Responses, ",") != "ACCEPT,DECLINE" {
		t.Fatalf("actions %+v", c.Actions)
	}

	// A profile not linked to Aptic has no credit, and no error says so.
	n := e.newCustomer("no-credit@example.nl")
	if r := e.do(touchpoint, `query($n: Int!) { customer(customerNumber: $n) { credit { customerGuid } } }`, map[string]any{"n": n}); len(r.Errors) != 0 ||
		!strings.Contains(string(r.Data), `"credit":null`) {
		t.Fatalf("unlinked: %s %+v", r.Data, r.Errors)
	}
}

// The typed arguments become Aptic's OData parameters: a filter per resource, an order field
// with its direction, first ($top, at most 100) and after (a cursor: the offset, $skip); Relay edges and PageInfo.
func TestApticCreditArguments(t *testing.T) {
	e := demoEnv(t)
	q := func(sel string) (map[string]json.RawMessage, result) {
		r := e.do(touchpoint, `query($n: Int!) { customer(customerNumber: $n) { customerNumber credit { `+sel+` } } }`, map[string]any{"n": 1000001})
		var out struct {
			Customer struct {
				Credit map[string]json.RawMessage
			}
		}
		_ = json.Unmarshal(r.Data, &out)
		return out.Customer.Credit, r
	}
	cases := map[string]struct{ sel, want string }{
		"filter by type":    {`addresses(filter: {addressType: "BILLING"}) { totalCount nodes { addressType } }`, `{"totalCount":1,"nodes":[{"addressType":"BILLING"}]}`},
		"filter by boolean": {`addresses(filter: {defaultAddress: false}) { nodes { addressType } }`, `{"nodes":[{"addressType":"BILLING"}]}`},
		"order descending, first page": {`actions(orderBy: LOGGED_AT, direction: DESC, first: 1) { totalCount nodes { actionItemCode } pageInfo { hasNextPage hasPreviousPage } }`,
			`{"totalCount":2,"nodes":[{"actionItemCode":"CONFIRM_ADDRESS"}],"pageInfo":{"hasNextPage":true,"hasPreviousPage":false}}`},
		"name contains":    {`extraFields(filter: {nameContains: "ovpay"}) { totalCount nodes { name } }`, `{"totalCount":1,"nodes":[{"name":"OVPAY_TOKENS"}]}`},
		"mandate by type":  {`directDebitMandates(filter: {directDebitMandateType: 4}) { totalCount }`, `{"totalCount":0}`},
		"quote in a value": {`creditInsurances(filter: {insuranceCompanyName: "O'Brien"}) { totalCount }`, `{"totalCount":0}`},
		"party parameters by type, descending": {`partyParameters(filter: {type: "BOOL"}, orderBy: NAME, direction: DESC) { nodes { name } }`,
			`{"nodes":[{"name":"PAYMENT_PLAN"}]}`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			credit, r := q(c.sel)
			if len(r.Errors) != 0 {
				t.Fatalf("errors %+v", r.Errors)
			}
			for _, v := range credit {
				if string(v) != c.want {
					t.Fatalf("got %s, want %s", v, c.want)
				}
			}
		})
	}
	t.Run("first over 100", func(t *testing.T) {
		credit, r := q(`customerGuid addresses(first: 101) { totalCount } actions { totalCount }`)
		if r.code() != "BAD_USER_INPUT" || len(r.Errors) != 1 || string(credit["addresses"]) != "null" ||
			string(credit["actions"]) != `{"totalCount":2}` {
			t.Fatalf("%s %+v", r.Data, r.Errors)
		}
	})
	t.Run("next page after the end cursor", func(t *testing.T) {
		credit, _ := q(`actions(orderBy: LOGGED_AT, direction: DESC, first: 1) { pageInfo { endCursor } }`)
		var first struct{ PageInfo struct{ EndCursor string } }
		_ = json.Unmarshal(credit["actions"], &first)
		r := e.do(touchpoint, `query($c: String!) { customer(customerNumber: 1000001) { credit { actions(orderBy: LOGGED_AT, direction: DESC,
			first: 1, after: $c) { nodes { actionItemCode } pageInfo { hasNextPage hasPreviousPage } } } } }`, map[string]any{"c": first.PageInfo.EndCursor})
		if len(r.Errors) != 0 || !strings.Contains(string(r.Data),
			`{"nodes":[{"actionItemCode":"CONFIRM_PLAN"}],"pageInfo":{"hasNextPage":false,"hasPreviousPage":true}}`) {
			t.Fatalf("%s %+v", r.Data, r.Errors)
		}
	})
	t.Run("not a cursor", func(t *testing.T) {
		if _, r := q(`actions(after: "b3JkZXI6MQ") { totalCount }`); r.code() != "BAD_USER_INPUT" {
			t.Fatalf("%+v", r.Errors)
		}
	})
}

// A page of 50 linked profiles calls Aptic once per profile for each part selected, at most 8
// at a time, and a part selected twice (same arguments) is fetched once.
func TestApticCreditBatching(t *testing.T) {
	e := newEnv(t)
	var page struct {
		Customers struct {
			Nodes []struct {
				CustomerNumber    int
				CustomerProfileID int
				VendorLinks       []struct{ Vendor string }
			}
		}
	}
	const list = `{ customers(first: 50) { nodes { customerNumber customerProfileId vendorLinks { vendor } } } }`
	for i := range 50 {
		e.newCustomer(fmt.Sprintf("batch-%d@example.nl", i))
	}
	e.ok(touchpoint, list, nil, &page)
	if len(page.Customers.Nodes) != 50 {
		t.Fatalf("page of %d", len(page.Customers.Nodes))
	}
	for _, c := range page.Customers.Nodes {
		linked := false
		for _, l := range c.VendorLinks {
			linked = linked || l.Vendor == "APTIC"
		}
		if !linked {
			guid := e.vendorApticCustomer(c.CustomerNumber)
			e.exec(`INSERT INTO vendor_link (customer_profile_id, vendor, external_id) VALUES ($1, 'aptic', $2)`, c.CustomerProfileID, guid)
		}
	}
	counter := e.countedAptic(upstream.Policy{})
	var out struct {
		Customers struct {
			Nodes []struct {
				A, B *struct {
					Overview  *struct{ CurrencyCode string }
					Addresses *struct{ TotalCount int }
					Actions   *struct{ TotalCount int }
				}
			}
		}
	}
	e.ok(touchpoint, `{ customers(first: 50) { nodes {
		a: credit { overview { currencyCode } addresses { totalCount } actions(first: 10) { totalCount } }
		b: credit { overview { currencyCode } addresses { totalCount } actions(first: 10) { totalCount } } } } }`, nil, &out)
	for i, n := range out.Customers.Nodes {
		if n.A == nil || n.A.Overview == nil || n.A.Addresses == nil || n.B.Actions == nil || n.B.Actions.TotalCount != n.A.Actions.TotalCount {
			t.Fatalf("customer %d: %+v", i, n)
		}
	}
	for _, resource := range []string{"FinancialOverview", "Addresses", "Actions"} {
		if got := counter.count(resource); got != 50 {
			t.Errorf("%s: %d calls, want 50 (one per profile)", resource, got)
		}
	}
	if got := counter.total(); got != 150 {
		t.Errorf("%d calls in all, want 150", got)
	}
	if counter.maxInFly > 3*8 {
		t.Errorf("%d calls in flight at once, want at most 8 per part", counter.maxInFly)
	}
	// Another argument is another resource: fetched on its own.
	counter.reset()
	e.ok(touchpoint, `{ customers(first: 50) { nodes { credit { actions(first: 10) { totalCount } more: actions(first: 5) { totalCount } } } } }`, nil, nil)
	if got := counter.count("Actions"); got != 100 {
		t.Errorf("two argument sets: %d calls, want 100", got)
	}
}
