package resolvers_test

import (
	"encoding/json"
	"testing"
	"time"

	"ovgraph/adapters/sandbox"
	"ovgraph/adapters/upstream"
)

// bothVendors reads a profile's own data beside both vendors' fields.
const bothVendors = `query($n: Int!) { customer(customerNumber: $n) { customerNumber person { surname }
	billingInformation { iban } vendorLinks { vendor }
	billingAccounts { accountId modality }
	credit { customerGuid overview { currencyCode purchases { description } } } } }`

// One vendor failing leaves its fields null with one error naming it, and the rest of the answer
// whole: the profile's own data and the other vendor's fields. Both failing leave both null, and
// the profile's own data still whole.
func TestVendorsFailOnTheirOwn(t *testing.T) {
	e := newEnv(t)
	e.withVendors(upstream.Policy{Timeout: 400 * time.Millisecond, Retries: -1, BreakerFailures: 100})
	n := e.newCustomer("both-vendors@example.nl")
	e.ok(touchpoint, `mutation($n: Int!) { addBillingInformation(customerNumber: $n, input: {iban: "NL91ABNA0417164300",
		ascription: "A. Klant", alias: "Betaal"}) { billingInformationId } }`, map[string]any{"n": n}, nil)
	accountsCustomer, account := e.vendorAccount("c5000000-0000-4000-8000-000000000001")
	e.linkVendors(e.profileID(n), accountsCustomer, e.vendorApticCustomer(n))

	type answer struct {
		Customer struct {
			CustomerNumber     int
			Person             struct{ Surname string }
			BillingInformation []struct{ Iban string }
			VendorLinks        []struct{ Vendor string }
			BillingAccounts    []struct{ AccountID string }
			Credit             *struct {
				CustomerGUID string
				Overview     *struct{ CurrencyCode *string }
			}
		}
	}
	cases := []struct {
		name          string
		accounts      string // fault of MasStack
		aptic         string // fault of Aptic
		wantAccounts  bool   // billingAccounts answered
		wantOverview  bool   // credit.overview answered
		wantErrVendor map[string]string
	}{
		{"both answer", sandbox.ModeNone, sandbox.ModeNone, true, true, map[string]string{}},
		{"accounts hangs", sandbox.ModeHang, sandbox.ModeNone, false, true, map[string]string{"accounts": "UPSTREAM_TIMEOUT"}},
		{"aptic answers 500", sandbox.ModeNone, sandbox.ModeError, true, false, map[string]string{"aptic": "UPSTREAM_UNAVAILABLE"}},
		{"accounts garbage, aptic hangs", sandbox.ModeGarbage, sandbox.ModeHang, false, false,
			map[string]string{"accounts": "UPSTREAM_UNAVAILABLE", "aptic": "UPSTREAM_TIMEOUT"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.fault(sandbox.VendorAccounts, c.accounts, 0)
			e.fault(sandbox.VendorAptic, c.aptic, 0)
			defer e.fault("", sandbox.ModeNone, 0)
			r := e.do(touchpoint, bothVendors, map[string]any{"n": n})
			var a answer
			if err := json.Unmarshal(r.Data, &a); err != nil {
				t.Fatalf("data %s: %v", r.Data, err)
			}
			got := a.Customer
			// The profile's own data is whole whatever the vendors do.
			if got.CustomerNumber != n || got.Person.Surname != "Jansen" || len(got.BillingInformation) != 1 ||
				len(got.VendorLinks) != 2 {
				t.Fatalf("the profile's own data is not whole: %s", r.Data)
			}
			if c.wantAccounts != (len(got.BillingAccounts) == 1 && got.BillingAccounts[0].AccountID == account) {
				t.Errorf("billingAccounts %+v, want answered=%v", got.BillingAccounts, c.wantAccounts)
			}
			if got.Credit == nil {
				t.Fatalf("credit is null: only its overview needs Aptic (%s)", r.Data)
			}
			if c.wantOverview != (got.Credit.Overview != nil) {
				t.Errorf("credit.overview %+v, want answered=%v", got.Credit.Overview, c.wantOverview)
			}
			errs := map[string]string{}
			for _, ge := range r.Errors {
				vendor, _ := ge.Extensions["vendor"].(string)
				code, _ := ge.Extensions["code"].(string)
				if prev, dup := errs[vendor]; dup {
					t.Errorf("two errors for %q (%s, %s): one per failed field", vendor, prev, code)
				}
				errs[vendor] = code
			}
			if len(errs) != len(c.wantErrVendor) {
				t.Fatalf("errors %+v, want %v", r.Errors, c.wantErrVendor)
			}
			for vendor, code := range c.wantErrVendor {
				if errs[vendor] != code {
					t.Errorf("error of %s: %q, want %s (%+v)", vendor, errs[vendor], code, r.Errors)
				}
			}
		})
	}
}
