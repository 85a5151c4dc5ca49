package resolvers_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/google/uuid"

	"ovgraph/adapters/sandbox"
	"ovgraph/adapters/upstream"
)

// vendorIBAN is the IBAN the sandbox's MasStack account holds ("" for none).
func (e *env) vendorIBAN(t *testing.T, account string) string {
	t.Helper()
	res, err := e.work.Accounts.GetAccountWithResponse(context.Background(), sandbox.DemoOrg, uuid.MustParse(account))
	if err != nil || res.JSON200 == nil {
		t.Fatalf("read the sandbox account: %v", err)
	}
	pm, _ := (*res.JSON200)["payment_method"].(map[string]any)
	details, _ := pm["details"].(map[string]any)
	iban, _ := details["iban"].(string)
	return iban
}

const addBilling = `mutation($n: Int!, $iban: String!) { addBillingInformation(customerNumber: $n,
	input: {iban: $iban, ascription: "A. Klant", alias: "Betaal"}) { billingInformationId } }`

// A linked profile's new bank account: the write commits at once with a PENDING sync, MasStack
// not asked; the job makes the IBAN the direct debit of the customer's DIRECT_DEBIT accounts
// (SYNCED); a card account keeps its card. Changing the IBAN again syncs again; changing
// something else does not.
func TestAccountsPaymentMethodSync(t *testing.T) {
	e := newEnv(t)
	probe := e.withAccountsProbe(upstream.Policy{})
	n := e.demoAccountsCustomer("sync@example.nl", 1000001)
	debit, card := sandbox.AccountID(1000001, 1).String(), sandbox.AccountID(1000001, 2).String()
	probe.reset()
	var added struct {
		AddBillingInformation struct{ BillingInformationID int }
	}
	e.ok(touchpoint, addBilling, map[string]any{"n": n, "iban": "NL25INGB4169265501"}, &added)
	billing := added.AddBillingInformation.BillingInformationID
	if probe.total() != 0 {
		t.Fatalf("the write asked MasStack %d times", probe.total())
	}
	syncs := e.vendorSyncs(n)
	if len(syncs) != 1 || syncs[0].State != "PENDING" || syncs[0].Vendor != "ACCOUNTS" || syncs[0].Operation != "accounts.paymentMethod" ||
		syncs[0].Subject != strconv.Itoa(billing) || syncs[0].Attempts != 0 {
		t.Fatalf("syncs %+v", syncs)
	}
	completed, err := e.runSync(t, syncs[0].VendorSyncID)
	if err != nil || !completed {
		t.Fatalf("job: completed %v, error %v", completed, err)
	}
	syncs = e.vendorSyncs(n)
	if s := syncs[0]; s.State != "SYNCED" || s.Attempts != 1 || s.LastErrorCode != nil || s.ExternalID == nil || *s.ExternalID != debit {
		t.Fatalf("after the job %+v", s)
	}
	if got := e.vendorIBAN(t, debit); got != "NL25INGB4169265501" {
		t.Fatalf("MasStack's direct debit IBAN %q", got)
	}
	if got := e.vendorIBAN(t, card); got != "" {
		t.Fatalf("the card account got an IBAN %q", got)
	}
	// The graph shows it too.
	var out customerAccountsOut
	e.ok(touchpoint, billingAccountsOf, map[string]any{"n": n}, &out)
	if pm := out.Customer.BillingAccounts[0].PaymentMethod; *pm.Iban != "NL25INGB4169265501" {
		t.Fatalf("billingAccounts %+v", pm)
	}

	const update = `mutation($n: Int!, $id: Int!, $in: BillingInformationPatchInput!) { updateBillingInformation(customerNumber: $n,
		billingInformationId: $id, input: $in) { billingInformationId } }`
	e.ok(touchpoint, update, map[string]any{"n": n, "id": billing, "in": map[string]any{"alias": "Nieuw"}}, nil)
	if syncs := e.vendorSyncs(n); len(syncs) != 1 {
		t.Fatalf("an alias change enqueued a sync: %+v", syncs)
	}
	e.ok(touchpoint, update, map[string]any{"n": n, "id": billing, "in": map[string]any{"iban": "NL91ABNA0417164300"}}, nil)
	syncs = e.vendorSyncs(n)
	if len(syncs) != 2 || syncs[1].State != "PENDING" || syncs[1].Subject != strconv.Itoa(billing) {
		t.Fatalf("after the IBAN change %+v", syncs)
	}
	if _, err := e.runSync(t, syncs[1].VendorSyncID); err != nil {
		t.Fatal(err)
	}
	if got := e.vendorIBAN(t, debit); got != "NL91ABNA0417164300" {
		t.Fatalf("MasStack's direct debit IBAN %q after the update", got)
	}

	// A refused write enqueues nothing.
	r := e.do(touchpoint, `mutation($n: Int!) { addBillingInformation(customerNumber: $n, input: {iban: "NL25INGB4169265501",
		ascription: "A. Klant", alias: "Kapot", billingAddressId: 999999}) { billingInformationId } }`, map[string]any{"n": n})
	if r.code() != "BAD_USER_INPUT" {
		t.Fatalf("a bad billing address: %+v", r.Errors)
	}
	if syncs := e.vendorSyncs(n); len(syncs) != 2 {
		t.Fatalf("a failed write left a sync: %+v", syncs)
	}

	// A profile without a MasStack customer enqueues nothing.
	other := e.newCustomer("sync-unlinked@example.nl")
	e.ok(touchpoint, addBilling, map[string]any{"n": other, "iban": "NL25INGB4169265501"}, nil)
	if syncs := e.vendorSyncs(other); len(syncs) != 0 {
		t.Fatalf("unlinked profile: %+v", syncs)
	}
}

// MasStack down: the write still commits at once; the job records the attempt and its code and
// stays PENDING (River retries); once MasStack is back the next run syncs it.
func TestAccountsPaymentMethodSyncRetried(t *testing.T) {
	e := newEnv(t)
	e.withVendors(upstream.Policy{Timeout: 300 * time.Millisecond, Retries: -1, BreakerFailures: 100})
	n := e.demoAccountsCustomer("sync-down@example.nl", 1000002)
	e.fault(sandbox.VendorAccounts, sandbox.ModeHang, 0)
	started := time.Now()
	e.ok(touchpoint, addBilling, map[string]any{"n": n, "iban": "NL91ABNA0417164300"}, nil)
	if took := time.Since(started); took > 2*time.Second {
		t.Fatalf("the write took %s with MasStack hanging", took)
	}
	id := e.vendorSyncs(n)[0].VendorSyncID
	for i, c := range []struct{ mode, code string }{{sandbox.ModeHang, "UPSTREAM_TIMEOUT"}, {sandbox.ModeError, "UPSTREAM_UNAVAILABLE"}} {
		e.fault(sandbox.VendorAccounts, c.mode, 0)
		completed, err := e.runSync(t, id)
		if err == nil || completed {
			t.Fatalf("%s: completed %v, error %v: want an error for River to retry", c.mode, completed, err)
		}
		s := e.vendorSyncs(n)[0]
		if s.State != "PENDING" || s.Attempts != i+1 || s.LastErrorCode == nil || *s.LastErrorCode != c.code {
			t.Fatalf("%s: %+v", c.mode, s)
		}
	}
	e.fault(sandbox.VendorAccounts, sandbox.ModeNone, 0)
	if completed, err := e.runSync(t, id); err != nil || !completed {
		t.Fatalf("recovered: completed %v, error %v", completed, err)
	}
	if s := e.vendorSyncs(n)[0]; s.State != "SYNCED" || s.Attempts != 3 || s.LastErrorCode != nil {
		t.Fatalf("recovered: %+v", s)
	}
	if got := e.vendorIBAN(t, sandbox.AccountID(1000002, 1).String()); got != "NL91ABNA0417164300" {
		t.Fatalf("MasStack's IBAN %q", got)
	}
}

// MasStack refusing the change: FAILED with the refusal's code, the job completed (no retry), and
// a second run changes nothing.
func TestAccountsPaymentMethodSyncRefused(t *testing.T) {
	e := newEnv(t)
	probe := e.withAccountsProbe(upstream.Policy{})
	n := e.demoAccountsCustomer("sync-refused@example.nl", 1000002)
	e.ok(touchpoint, addBilling, map[string]any{"n": n, "iban": "NL91ABNA0417164300"}, nil)
	id := e.vendorSyncs(n)[0].VendorSyncID
	probe.refuse("PATCH", "/payment-method", 400)
	completed, err := e.runSync(t, id)
	if err != nil || !completed {
		t.Fatalf("refused: completed %v, error %v: want the job done", completed, err)
	}
	s := e.vendorSyncs(n)[0]
	if s.State != "FAILED" || s.Attempts != 1 || s.LastErrorCode == nil || *s.LastErrorCode != "UNPROCESSABLE" {
		t.Fatalf("refused: %+v", s)
	}
	probe.reset()
	if completed, err := e.runSync(t, id); err != nil || !completed || probe.total() != 0 {
		t.Fatalf("run again: completed %v, error %v, %d requests", completed, err, probe.total())
	}
	if got := e.vendorIBAN(t, sandbox.AccountID(1000002, 1).String()); got != "NL25INGB4169265501" {
		t.Fatalf("MasStack's IBAN %q changed", got)
	}
}
