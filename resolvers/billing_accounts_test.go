package resolvers_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"ovgraph/adapters/accounts"
	"ovgraph/adapters/sandbox"
	"ovgraph/adapters/upstream"
)

const billingAccountsOf = `query($n: Int!) { customer(customerNumber: $n) { customerNumber person { surname }
	billingAccounts { accountId orgId customerId modality createdAt
		paymentMethod { type iban tokenId }
		billingAddress { addressLines postalCode city country }
		invoice { cycle { name day type frequency } } } } }`

type billingAccountOut struct {
	AccountID, OrgID, CustomerID, Modality string
	CreatedAt                              *string
	PaymentMethod                          *struct {
		Type          string
		Iban, TokenID *string
	}
	BillingAddress *struct {
		AddressLines []string
		PostalCode   *string
		City         *string
	}
	Invoice *struct {
		Cycle *struct {
			Name *string
			Day  *int
		}
	}
}

type customerAccountsOut struct {
	Customer struct {
		CustomerNumber int
		Person         struct{ Surname *string }
		// BillingAccounts is nil when the answer has null.
		BillingAccounts []billingAccountOut
	}
}

// The demo customer's two accounts as MasStack answers them: modality, payment method (an IBAN for
// direct debit, a token id for the card), billing address, invoice cycle, in MasStack's order.
func TestBillingAccounts(t *testing.T) {
	e := newEnv(t)
	n := e.demoAccountsCustomer("accounts@example.nl", 1000001)
	var out customerAccountsOut
	e.ok(touchpoint, billingAccountsOf, map[string]any{"n": n}, &out)
	got := out.Customer.BillingAccounts
	if len(got) != 2 {
		t.Fatalf("accounts %+v", got)
	}
	postpaid, prepaid := got[0], got[1]
	if postpaid.AccountID != sandbox.AccountID(1000001, 1).String() || postpaid.Modality != "POSTPAID" ||
		postpaid.OrgID != sandbox.DemoOrg || postpaid.CustomerID != sandbox.AccountsCustomerID(1000001).String() ||
		postpaid.CreatedAt == nil {
		t.Errorf("postpaid account %+v", postpaid)
	}
	if pm := postpaid.PaymentMethod; pm == nil || pm.Type != "DIRECT_DEBIT" || pm.Iban == nil || *pm.Iban != "NL48ABNA1022121676" || pm.TokenID != nil {
		t.Errorf("postpaid payment method %+v", postpaid.PaymentMethod)
	}
	if a := postpaid.BillingAddress; a == nil || len(a.AddressLines) != 1 || a.AddressLines[0] != "Lange Voorhout 211 A" || *a.City != "Den Haag" {
		t.Errorf("billing address %+v", postpaid.BillingAddress)
	}
	if c := postpaid.Invoice; c == nil || c.Cycle == nil || *c.Cycle.Name != "MONTHLY" || *c.Cycle.Day != 1 {
		t.Errorf("invoice %+v", postpaid.Invoice)
	}
	if pm := prepaid.PaymentMethod; prepaid.Modality != "RECURRING_PREPAID" || pm == nil || pm.Type != "CREDIT_CARD" || pm.TokenID == nil || pm.Iban != nil {
		t.Errorf("prepaid account %+v", prepaid)
	}

	// A profile without a MasStack customer: null, and no error.
	other := e.newCustomer("no-accounts@example.nl")
	r := e.do(touchpoint, billingAccountsOf, map[string]any{"n": other})
	if len(r.Errors) != 0 || !strings.Contains(string(r.Data), `"billingAccounts":null`) {
		t.Fatalf("unlinked profile: %s %+v", r.Data, r.Errors)
	}
	// A customer sees its own.
	e.ok(customer(int64(n)), `{ me { billingAccounts { accountId } } }`, nil, nil)
}

// The lists of an account: billing address history within an inclusive range of days, promotions
// by type (ACTIVE by default), promotion history from a day on, and the payment methods MasStack
// offers; a bad range fails that field alone.
func TestBillingAccountLists(t *testing.T) {
	e := newEnv(t)
	n := e.demoAccountsCustomer("account-lists@example.nl", 1000001)
	today := time.Now().UTC()
	day := func(daysAgo int) string { return today.AddDate(0, 0, -daysAgo).Format(time.DateOnly) }
	const q = `query($n: Int!, $from: Date, $to: Date, $start: Date) { customer(customerNumber: $n) { billingAccounts {
		all: billingAddressHistory { id createStamp validFrom validTo billingAddress { addressLines } }
		ranged: billingAddressHistory(from: $from, to: $to) { id }
		active: promotions { accountPromotionId promotionCode status startDate endDate }
		scheduled: promotions(type: SCHEDULED) { promotionCode status }
		both: promotions(type: ALL) { promotionCode }
		promotionHistory(startDate: $start) { id accountPromotionId operation operationDate }
		availablePaymentMethods { type current } } } }`
	type record struct {
		ID        string
		ValidTo   *string
		Operation string
	}
	var out struct {
		Customer struct {
			BillingAccounts []struct {
				All, Ranged             []record
				Active, Scheduled, Both []struct{ AccountPromotionID, PromotionCode, Status string }
				PromotionHistory        []record
				AvailablePaymentMethods []struct {
					Type    string
					Current bool
				}
			}
		}
	}
	// The second address was recorded 120 days ago: a range of that one day holds it alone.
	e.ok(touchpoint, q, map[string]any{"n": n, "from": day(120), "to": day(120), "start": day(100)}, &out)
	a := out.Customer.BillingAccounts[0]
	if len(a.All) != 2 || a.All[0].ValidTo == nil || a.All[1].ValidTo != nil {
		t.Errorf("history %+v", a.All)
	}
	if len(a.Ranged) != 1 || a.Ranged[0].ID != a.All[1].ID {
		t.Errorf("history of day %s: %+v, want %s alone", day(120), a.Ranged, a.All[1].ID)
	}
	if len(a.Active) != 1 || a.Active[0].PromotionCode != "DAL40" || a.Active[0].Status != "ACTIVE" ||
		a.Active[0].AccountPromotionID != sandbox.PromotionID(1000001, 1).String() {
		t.Errorf("active promotions %+v", a.Active)
	}
	if len(a.Scheduled) != 1 || a.Scheduled[0].PromotionCode != "WEEKEND" || len(a.Both) != 2 {
		t.Errorf("scheduled %+v, all %+v", a.Scheduled, a.Both)
	}
	// From 100 days ago: the cancellation (30 days ago) and the scheduling (2 days ago), and the
	// activation of 90 days ago.
	if len(a.PromotionHistory) != 3 {
		t.Errorf("promotion history since %s: %+v", day(100), a.PromotionHistory)
	}
	if m := a.AvailablePaymentMethods; len(m) != 4 || m[0].Type != "DIRECT_DEBIT" || !m[0].Current || m[1].Current {
		t.Errorf("available payment methods %+v", m)
	}
	if p := out.Customer.BillingAccounts[1]; len(p.Active) != 0 || len(p.All) != 1 || len(p.AvailablePaymentMethods) != 2 {
		t.Errorf("prepaid lists %+v", p)
	}

	// An empty range (to before from) fails the field alone, with the rest of the account.
	r := e.do(touchpoint, q, map[string]any{"n": n, "from": day(1), "to": day(2)})
	if r.code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "to" {
		t.Fatalf("reversed range: %+v", r.Errors)
	}
	if !strings.Contains(string(r.Data), `"ranged":null`) || !strings.Contains(string(r.Data), `"promotionCode":"DAL40"`) {
		t.Fatalf("reversed range data: %s", r.Data)
	}
}

// A page of 50 linked profiles asks MasStack for each resource once: one account list per
// customer, one account per id, one promotions list per account, whatever the document repeats,
// and never more than the fan-out bound at a time.
func TestBillingAccountsBatching(t *testing.T) {
	e := newEnv(t)
	probe := e.withAccountsProbe(upstream.Policy{})
	const size = 50
	for i := range size {
		n := e.newCustomer(fmt.Sprintf("batch-%d@example.nl", i))
		mas, _ := e.vendorAccount(fmt.Sprintf("c5000000-0000-4000-8000-%012d", i))
		e.linkAccounts(e.profileID(n), mas)
	}
	probe.reset()
	var out struct {
		Customers struct {
			Nodes []struct {
				BillingAccounts []struct {
					AccountID string
					Active    []struct{ AccountPromotionID string }
					Again     []struct{ AccountPromotionID string }
				}
				Again []struct{ AccountID string }
			}
		}
	}
	e.ok(touchpoint, `query($first: Int!) { customers(first: $first) { nodes {
		billingAccounts { accountId active: promotions { accountPromotionId } again: promotions(type: ACTIVE) { accountPromotionId } }
		again: billingAccounts { accountId } } } }`, map[string]any{"first": size}, &out)
	if len(out.Customers.Nodes) != size {
		t.Fatalf("%d profiles, want %d", len(out.Customers.Nodes), size)
	}
	for _, c := range out.Customers.Nodes {
		if len(c.BillingAccounts) != 1 || len(c.Again) != 1 || c.Again[0].AccountID != c.BillingAccounts[0].AccountID {
			t.Fatalf("accounts %+v", c)
		}
	}
	for route, want := range map[string]int{
		"GET /orgs/telco/customers/{id}/accounts":  size,
		"GET /orgs/telco/accounts/{id}":            size,
		"GET /orgs/telco/accounts/{id}/promotions": size,
	} {
		if got := probe.route(route); got != want {
			t.Errorf("%s: %d requests, want %d", route, got, want)
		}
	}
	if got := probe.total(); got != 3*size {
		t.Errorf("%d requests in all, want %d", got, 3*size)
	}
	if rep := probe.repeated(); len(rep) != 0 {
		t.Errorf("asked more than once: %v", rep)
	}
	if peak := probe.peak(); peak > 8 {
		t.Errorf("%d requests in flight at once, want at most 8 (the fan-out bound)", peak)
	}
}

// partialQuery selects the profile's own fields, the other vendor's link and billingAccounts.
const partialQuery = `query($n: Int!) { customer(customerNumber: $n) { customerNumber person { surname }
	vendorLinks { vendor } billingAccounts { accountId } } }`

// checkPartial asserts an answer whose billingAccounts failed with code, naming the vendor, while
// the rest of the profile is complete.
func checkPartial(t *testing.T, r result, n int, code string) {
	t.Helper()
	if len(r.Errors) != 1 || r.code() != code || r.Errors[0].Extensions["vendor"] != "accounts" {
		t.Fatalf("errors %+v, want one %s naming accounts", r.Errors, code)
	}
	if p := r.Errors[0].Path; len(p) != 2 || p[0] != "customer" || p[1] != "billingAccounts" {
		t.Errorf("error path %v", p)
	}
	var out struct {
		Customer *struct {
			CustomerNumber  int
			Person          struct{ Surname *string }
			VendorLinks     []struct{ Vendor string }
			BillingAccounts *json.RawMessage
		}
	}
	if err := json.Unmarshal(r.Data, &out); err != nil {
		t.Fatal(err)
	}
	c := out.Customer
	if c == nil || c.CustomerNumber != n || c.Person.Surname == nil || len(c.VendorLinks) != 1 || c.BillingAccounts != nil {
		t.Fatalf("data %s: want the profile complete and billingAccounts null", r.Data)
	}
}

// MasStack hanging, answering 500 or garbage: billingAccounts is null with UPSTREAM_TIMEOUT or
// UPSTREAM_UNAVAILABLE naming accounts; the profile's own fields are complete.
func TestBillingAccountsPartialResults(t *testing.T) {
	e := newEnv(t)
	e.withVendors(upstream.Policy{Timeout: 300 * time.Millisecond, Retries: -1, BreakerFailures: 100})
	n := e.demoAccountsCustomer("partial@example.nl", 1000002)
	for _, c := range []struct{ mode, code string }{
		{sandbox.ModeHang, "UPSTREAM_TIMEOUT"},
		{sandbox.ModeError, "UPSTREAM_UNAVAILABLE"},
		{sandbox.ModeGarbage, "UPSTREAM_UNAVAILABLE"},
	} {
		t.Run(c.mode, func(t *testing.T) {
			e.fault(sandbox.VendorAccounts, c.mode, 0)
			defer e.fault(sandbox.VendorAccounts, sandbox.ModeNone, 0)
			checkPartial(t, e.do(touchpoint, partialQuery, map[string]any{"n": n}), n, c.code)
		})
	}
	// Recovered: the accounts are back.
	var out customerAccountsOut
	e.ok(touchpoint, partialQuery, map[string]any{"n": n}, &out)
	if len(out.Customer.BillingAccounts) != 1 {
		t.Fatalf("after the faults: %+v", out)
	}
}

// A nested list fails on its own: MasStack refusing to list promotions leaves promotions null
// with the vendor's error, and the account and its other lists answered.
func TestBillingAccountNestedFailure(t *testing.T) {
	e := newEnv(t)
	probe := e.withAccountsProbe(upstream.Policy{Retries: -1})
	n := e.demoAccountsCustomer("nested@example.nl", 1000002)
	probe.refuse("GET", "/promotions", 503)
	r := e.do(touchpoint, `query($n: Int!) { customer(customerNumber: $n) { billingAccounts { accountId
		promotions { accountPromotionId } availablePaymentMethods { type } } } }`, map[string]any{"n": n})
	if len(r.Errors) != 1 || r.code() != "UPSTREAM_UNAVAILABLE" || r.Errors[0].Extensions["vendor"] != "accounts" ||
		len(r.Errors[0].Path) != 4 || r.Errors[0].Path[3] != "promotions" {
		t.Fatalf("errors %+v", r.Errors)
	}
	if d := string(r.Data); !strings.Contains(d, `"promotions":null`) || !strings.Contains(d, `"availablePaymentMethods":[{"type":"DIRECT_DEBIT"}`) ||
		!strings.Contains(d, sandbox.AccountID(1000002, 1).String()) {
		t.Fatalf("data %s", d)
	}
}

// An open circuit: after BreakerFailures failures the breaker stops the calls (they no longer
// reach MasStack) and the field answers UPSTREAM_UNAVAILABLE at once; after BreakerOpen a trial
// call goes through and, MasStack having recovered, closes it.
func TestBillingAccountsOpenCircuit(t *testing.T) {
	e := newEnv(t)
	probe := e.withAccountsProbe(upstream.Policy{Timeout: 300 * time.Millisecond, Retries: -1, BreakerFailures: 2,
		BreakerOpen: 500 * time.Millisecond})
	n := e.demoAccountsCustomer("circuit@example.nl", 1000002)
	vars := map[string]any{"n": n}
	e.fault(sandbox.VendorAccounts, sandbox.ModeError, 0)
	for range 2 {
		checkPartial(t, e.do(touchpoint, partialQuery, vars), n, "UPSTREAM_UNAVAILABLE")
	}
	reached := probe.total()
	if reached != 2 {
		t.Fatalf("%d requests reached MasStack before the circuit opened, want 2", reached)
	}
	e.fault(sandbox.VendorAccounts, sandbox.ModeNone, 0)
	// Open: MasStack works again, but no call reaches it.
	checkPartial(t, e.do(touchpoint, partialQuery, vars), n, "UPSTREAM_UNAVAILABLE")
	if probe.total() != reached {
		t.Fatalf("a call reached MasStack through the open circuit")
	}
	// Half-open after BreakerOpen: the trial call succeeds and the accounts are back.
	deadline := time.Now().Add(5 * time.Second)
	for {
		r := e.do(touchpoint, partialQuery, vars)
		if len(r.Errors) == 0 {
			if !strings.Contains(string(r.Data), sandbox.AccountID(1000002, 1).String()) {
				t.Fatalf("recovered: %s", r.Data)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the circuit did not close: %+v", r.Errors)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// MasStack not configured (no URL: a disabled client, or none at all): billingAccounts null with
// an error that says so, the rest complete; a profile without a link still answers null alone.
func TestBillingAccountsNotConfigured(t *testing.T) {
	e := newEnv(t)
	n := e.demoAccountsCustomer("unconfigured@example.nl", 1000002)
	disabled, err := accounts.New(accounts.Config{})
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]*accounts.Client{"disabled": disabled, "none": nil} {
		t.Run(name, func(t *testing.T) {
			e.work.Accounts = c
			e.withHandler()
			r := e.do(touchpoint, partialQuery, map[string]any{"n": n})
			checkPartial(t, r, n, "UPSTREAM_UNAVAILABLE")
			if r.Errors[0].Message != "The accounts system is not configured." {
				t.Errorf("message %q", r.Errors[0].Message)
			}
		})
	}
	other := e.newCustomer("unconfigured-unlinked@example.nl")
	if r := e.do(touchpoint, billingAccountsOf, map[string]any{"n": other}); len(r.Errors) != 0 {
		t.Fatalf("unlinked profile: %+v", r.Errors)
	}
}

// With Deps.VendorDeadline set, a slow MasStack does not hold the answer: billingAccounts times
// out at the deadline (UPSTREAM_TIMEOUT) and the rest is answered on time.
func TestBillingAccountsVendorDeadline(t *testing.T) {
	e := newEnv(t)
	e.withVendors(upstream.Policy{Timeout: 10 * time.Second, Retries: -1})
	e.work.VendorDeadline = 300 * time.Millisecond
	e.withHandler()
	n := e.demoAccountsCustomer("deadline@example.nl", 1000002)
	e.fault(sandbox.VendorAccounts, sandbox.ModeSlow, 5*time.Second)
	defer e.fault(sandbox.VendorAccounts, sandbox.ModeNone, 0)
	started := time.Now()
	r := e.do(touchpoint, partialQuery, map[string]any{"n": n})
	took := time.Since(started)
	checkPartial(t, r, n, "UPSTREAM_TIMEOUT")
	if took > 3*time.Second {
		t.Fatalf("answered after %s with a vendor deadline of 300ms", took)
	}
}
