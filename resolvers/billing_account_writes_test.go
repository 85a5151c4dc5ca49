package resolvers_test

import (
	"strings"
	"testing"
	"time"

	"ovgraph/adapters/sandbox"
	"ovgraph/adapters/upstream"
)

const changePaymentMethod = `mutation($n: Int!, $a: String!, $in: AccountPaymentMethodInput!) {
	changePaymentMethod(customerNumber: $n, accountId: $a, input: $in) { customerNumber accountId
		billingAccount { accountId paymentMethod { type iban tokenId } } } }`

type accountPayloadOut struct {
	CustomerNumber int
	AccountID      string
	BillingAccount *struct {
		AccountID     string
		Modality      string
		PaymentMethod struct {
			Type          string
			Iban, TokenID *string
		}
		BillingAddress *struct{ AddressLines []string }
		Promotions     []struct {
			AccountPromotionID string
			CancellationDate   *string
		}
	}
	Customer struct {
		BillingAccounts []struct{ AccountID string }
	}
}

// accountAudits are the detail texts of the profile's audit rows of billing accounts.
func (e *env) accountAudits(t *testing.T, n int) []string {
	t.Helper()
	return e.texts(t, `SELECT a.action || ' ' || a.detail::text FROM audit_trail a
		JOIN customer_profile p ON p.id = a.customer_profile_id WHERE p.customer_number = $1 AND a.entity = 'billingAccount'
		ORDER BY a.id`, n)
}

// changePaymentMethod: a new IBAN, then a card; the payload reads the account back; each write is
// audited with MasStack's ids and the type, never the IBAN or the token.
func TestChangePaymentMethod(t *testing.T) {
	e := newEnv(t)
	n := e.demoAccountsCustomer("change-pm@example.nl", 1000001)
	account := sandbox.AccountID(1000001, 1).String()
	var out struct{ ChangePaymentMethod accountPayloadOut }
	e.ok(customer(int64(n)), changePaymentMethod, map[string]any{"n": n, "a": account,
		"in": map[string]any{"type": "DIRECT_DEBIT", "iban": "nl25 ingb 4169 2655 01"}}, &out)
	got := out.ChangePaymentMethod
	if got.AccountID != account || got.BillingAccount == nil || got.BillingAccount.PaymentMethod.Type != "DIRECT_DEBIT" ||
		got.BillingAccount.PaymentMethod.Iban == nil || *got.BillingAccount.PaymentMethod.Iban != "NL25INGB4169265501" {
		t.Fatalf("payload %+v", got)
	}
	token := "0b9e6f2a-1c3d-4e5f-8a7b-123456789abc"
	e.ok(touchpoint, changePaymentMethod, map[string]any{"n": n, "a": account,
		"in": map[string]any{"type": "CREDIT_CARD", "tokenId": token}}, &out)
	if pm := out.ChangePaymentMethod.BillingAccount.PaymentMethod; pm.Type != "CREDIT_CARD" || pm.TokenID == nil || *pm.TokenID != token || pm.Iban != nil {
		t.Fatalf("card: %+v", pm)
	}
	audits := e.accountAudits(t, n)
	if len(audits) != 2 || !strings.Contains(audits[0], account) || !strings.Contains(audits[0], `"paymentMethodType": "DIRECT_DEBIT"`) ||
		!strings.Contains(audits[0], `"vendor": "accounts"`) {
		t.Fatalf("audits %q", audits)
	}
	for _, a := range audits {
		if strings.Contains(a, "4169265501") || strings.Contains(a, token) {
			t.Fatalf("an audit row holds the IBAN or the token: %q", a)
		}
	}
}

// Input is checked before MasStack is asked: nothing reaches it, nothing is audited.
func TestChangePaymentMethodBadInput(t *testing.T) {
	e := newEnv(t)
	probe := e.withAccountsProbe(upstream.Policy{})
	n := e.demoAccountsCustomer("change-pm-bad@example.nl", 1000001)
	account := sandbox.AccountID(1000001, 1).String()
	for name, c := range map[string]struct {
		account string
		in      map[string]any
		field   string
	}{
		"iban fails mod 97":    {account, map[string]any{"type": "DIRECT_DEBIT", "iban": "NL25INGB4169265502"}, "input.iban"},
		"iban missing":         {account, map[string]any{"type": "DIRECT_DEBIT"}, "input.iban"},
		"token with a debit":   {account, map[string]any{"type": "DIRECT_DEBIT", "iban": "NL25INGB4169265501", "tokenId": "0b9e6f2a-1c3d-4e5f-8a7b-123456789abc"}, "input.tokenId"},
		"token missing":        {account, map[string]any{"type": "CREDIT_CARD"}, "input.tokenId"},
		"token no uuid":        {account, map[string]any{"type": "CREDIT_CARD", "tokenId": "4111111111111111"}, "input.tokenId"},
		"iban with a card":     {account, map[string]any{"type": "CREDIT_CARD", "tokenId": "0b9e6f2a-1c3d-4e5f-8a7b-123456789abc", "iban": "NL25INGB4169265501"}, "input.iban"},
		"iban with a transfer": {account, map[string]any{"type": "BANK_TRANSFER", "iban": "NL25INGB4169265501"}, "input.iban"},
		"account no uuid":      {"123", map[string]any{"type": "BANK_TRANSFER"}, "accountId"},
		"iban too long":        {account, map[string]any{"type": "DIRECT_DEBIT", "iban": strings.Repeat("1", 35)}, "iban"},
	} {
		t.Run(name, func(t *testing.T) {
			probe.reset()
			r := e.do(touchpoint, changePaymentMethod, map[string]any{"n": n, "a": c.account, "in": c.in})
			if r.code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != c.field {
				t.Fatalf("errors %+v, want BAD_USER_INPUT on %s", r.Errors, c.field)
			}
			if probe.total() != 0 {
				t.Fatalf("%d requests reached MasStack", probe.total())
			}
		})
	}
	if a := e.accountAudits(t, n); len(a) != 0 {
		t.Fatalf("audits %q", a)
	}
}

// An account the profile's MasStack customer does not have, or a profile without a MasStack
// customer: NOT_FOUND, and the account is left as it was. MasStack failing: its UPSTREAM code,
// nothing audited.
func TestBillingAccountWritesRefused(t *testing.T) {
	e := newEnv(t)
	e.withVendors(upstream.Policy{Timeout: 300 * time.Millisecond, Retries: -1, BreakerFailures: 100})
	n := e.demoAccountsCustomer("refused@example.nl", 1000001)
	unlinked := e.newCustomer("refused-unlinked@example.nl")
	debit := map[string]any{"type": "DIRECT_DEBIT", "iban": "NL91ABNA0417164300"}
	others := sandbox.AccountID(1000002, 1).String()
	for name, c := range map[string]struct {
		n       int
		account string
	}{
		"another customer's account": {n, others},
		"an unknown account":         {n, "a9999999-0000-4000-8000-000000000000"},
		"no MasStack customer":       {unlinked, others},
	} {
		t.Run(name, func(t *testing.T) {
			if r := e.do(touchpoint, changePaymentMethod, map[string]any{"n": c.n, "a": c.account, "in": debit}); r.code() != "NOT_FOUND" {
				t.Fatalf("errors %+v", r.Errors)
			}
			if r := e.do(touchpoint, `mutation($n: Int!, $a: String!) { deleteBillingAccount(customerNumber: $n, accountId: $a) { accountId } }`,
				map[string]any{"n": c.n, "a": c.account}); r.code() != "NOT_FOUND" {
				t.Fatalf("delete: errors %+v", r.Errors)
			}
		})
	}
	var other customerAccountsOut
	m := e.demoAccountsCustomer("refused-other@example.nl", 1000002)
	e.ok(touchpoint, billingAccountsOf, map[string]any{"n": m}, &other)
	if pm := other.Customer.BillingAccounts[0].PaymentMethod; pm.Iban == nil || *pm.Iban != "NL25INGB4169265501" {
		t.Fatalf("another customer's account changed: %+v", pm)
	}
	if r := e.do(touchpoint, `mutation($n: Int!) { createBillingAccount(customerNumber: $n, input: {modality: POSTPAID,
		paymentMethod: {type: BANK_TRANSFER}}) { accountId } }`, map[string]any{"n": unlinked}); r.code() != "UNPROCESSABLE" {
		t.Fatalf("create without a MasStack customer: %+v", r.Errors)
	}

	for _, c := range []struct{ mode, code string }{{sandbox.ModeError, "UPSTREAM_UNAVAILABLE"}, {sandbox.ModeHang, "UPSTREAM_TIMEOUT"}} {
		e.fault(sandbox.VendorAccounts, c.mode, 0)
		r := e.do(touchpoint, changePaymentMethod, map[string]any{"n": n, "a": sandbox.AccountID(1000001, 1).String(), "in": debit})
		e.fault(sandbox.VendorAccounts, sandbox.ModeNone, 0)
		if r.code() != c.code || r.Errors[0].Extensions["vendor"] != "accounts" {
			t.Fatalf("%s: errors %+v", c.mode, r.Errors)
		}
	}
	if a := e.accountAudits(t, n); len(a) != 0 {
		t.Fatalf("audits %q", a)
	}
}

// createBillingAccount opens a RECURRING_PREPAID account beside the POSTPAID one; a second of a
// modality conflicts at MasStack; an address line is checked before MasStack is asked.
func TestCreateBillingAccount(t *testing.T) {
	e := newEnv(t)
	n := e.newCustomer("create-account@example.nl")
	mas, postpaid := e.vendorAccount("c6000000-0000-4000-8000-000000000001")
	e.linkAccounts(e.profileID(n), mas)
	const create = `mutation($n: Int!, $in: CreateBillingAccountInput!) { createBillingAccount(customerNumber: $n, input: $in) {
		accountId billingAccount { accountId modality paymentMethod { type tokenId } billingAddress { addressLines } }
		customer { billingAccounts { accountId } } } }`
	in := map[string]any{"modality": "RECURRING_PREPAID",
		"paymentMethod":  map[string]any{"type": "CREDIT_CARD", "tokenId": "0b9e6f2a-1c3d-4e5f-8a7b-123456789abc"},
		"billingAddress": map[string]any{"addressLines": []string{"Spui 70", "Afdeling Klantenservice"}, "postalCode": "2511BT", "city": "Den Haag", "country": "NL"}}
	var out struct{ CreateBillingAccount accountPayloadOut }
	e.ok(touchpoint, create, map[string]any{"n": n, "in": in}, &out)
	got := out.CreateBillingAccount
	if got.BillingAccount == nil || got.BillingAccount.AccountID != got.AccountID || got.BillingAccount.Modality != "RECURRING_PREPAID" ||
		got.BillingAccount.PaymentMethod.Type != "CREDIT_CARD" || got.BillingAccount.BillingAddress == nil ||
		len(got.BillingAccount.BillingAddress.AddressLines) != 2 {
		t.Fatalf("payload %+v", got)
	}
	if ids := got.Customer.BillingAccounts; len(ids) != 2 || ids[0].AccountID != postpaid || ids[1].AccountID != got.AccountID {
		t.Fatalf("accounts after the create %+v", ids)
	}
	if a := e.accountAudits(t, n); len(a) != 1 || !strings.HasPrefix(a[0], "insert ") || !strings.Contains(a[0], got.AccountID) ||
		strings.Contains(a[0], "Spui") {
		t.Fatalf("audits %q", a)
	}
	// A second POSTPAID account: MasStack's 409.
	r := e.do(touchpoint, create, map[string]any{"n": n, "in": map[string]any{"modality": "POSTPAID", "paymentMethod": map[string]any{"type": "BANK_TRANSFER"}}})
	if r.code() != "CONFLICT" || r.Errors[0].Extensions["vendor"] != "accounts" {
		t.Fatalf("second POSTPAID: %+v", r.Errors)
	}
	for name, lines := range map[string][]string{
		"a line of 101 characters": {strings.Repeat("a", 101)},
		"undefined":                {"Undefined"},
		"no lines":                 {},
		"five lines":               {"1", "2", "3", "4", "5"},
	} {
		t.Run(name, func(t *testing.T) {
			in := map[string]any{"modality": "POSTPAID", "paymentMethod": map[string]any{"type": "BANK_TRANSFER"},
				"billingAddress": map[string]any{"addressLines": lines}}
			r := e.do(touchpoint, create, map[string]any{"n": n, "in": in})
			if r.code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "input.billingAddress.addressLines" {
				t.Fatalf("errors %+v", r.Errors)
			}
		})
	}
}

// deleteBillingAccount: MasStack refuses an account with a running promotion (CONFLICT) and
// deletes one without; cancelPromotion ends a promotion from a day on, and MasStack refuses a day
// in the past and a promotion the account does not have.
func TestDeleteAccountAndCancelPromotion(t *testing.T) {
	e := newEnv(t)
	n := e.demoAccountsCustomer("delete-account@example.nl", 1000001)
	const del = `mutation($n: Int!, $a: String!) { deleteBillingAccount(customerNumber: $n, accountId: $a) {
		accountId customer { billingAccounts { accountId } } } }`
	postpaid, prepaid := sandbox.AccountID(1000001, 1).String(), sandbox.AccountID(1000001, 2).String()
	if r := e.do(touchpoint, del, map[string]any{"n": n, "a": postpaid}); r.code() != "CONFLICT" || r.Errors[0].Extensions["vendor"] != "accounts" {
		t.Fatalf("delete with a promotion: %+v", r.Errors)
	}
	var out struct {
		DeleteBillingAccount struct {
			AccountID string
			Customer  struct{ BillingAccounts []struct{ AccountID string } }
		}
	}
	e.ok(customer(int64(n)), del, map[string]any{"n": n, "a": prepaid}, &out)
	if got := out.DeleteBillingAccount; got.AccountID != prepaid || len(got.Customer.BillingAccounts) != 1 || got.Customer.BillingAccounts[0].AccountID != postpaid {
		t.Fatalf("delete: %+v", got)
	}

	const cancel = `mutation($n: Int!, $a: String!, $p: String!, $d: Date!) { cancelPromotion(customerNumber: $n, accountId: $a,
		accountPromotionId: $p, cancellationDate: $d) { billingAccount { promotions { accountPromotionId cancellationDate } } } }`
	promotion := sandbox.PromotionID(1000001, 1).String()
	tomorrow := time.Now().UTC().AddDate(0, 0, 1).Format(time.DateOnly)
	var c struct{ CancelPromotion accountPayloadOut }
	e.ok(touchpoint, cancel, map[string]any{"n": n, "a": postpaid, "p": promotion, "d": tomorrow}, &c)
	if p := c.CancelPromotion.BillingAccount.Promotions; len(p) != 1 || p[0].AccountPromotionID != promotion || p[0].CancellationDate == nil || *p[0].CancellationDate != tomorrow {
		t.Fatalf("cancelled promotion %+v", p)
	}
	for name, v := range map[string]struct {
		promotion, day, code string
	}{
		"a day in the past":      {sandbox.PromotionID(1000001, 2).String(), "2020-01-01", "UNPROCESSABLE"},
		"cancelled already":      {promotion, tomorrow, "UNPROCESSABLE"},
		"an unknown promotion":   {"b9999999-0000-4000-8000-000000000000", tomorrow, "NOT_FOUND"},
		"a promotion id no uuid": {"DAL40", tomorrow, "BAD_USER_INPUT"},
	} {
		t.Run(name, func(t *testing.T) {
			if r := e.do(touchpoint, cancel, map[string]any{"n": n, "a": postpaid, "p": v.promotion, "d": v.day}); r.code() != v.code {
				t.Fatalf("errors %+v, want %s", r.Errors, v.code)
			}
		})
	}
	if a := e.accountAudits(t, n); len(a) != 2 || !strings.HasPrefix(a[0], "delete ") || !strings.Contains(a[1], promotion) {
		t.Fatalf("audits %q", a)
	}
}
