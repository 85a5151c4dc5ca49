package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// example is the example a contract gives a schema property or a parameter (the contracts have a
// few: org_id "telco", the iban, the dates, $orderby).
func schemaExample(t *testing.T, doc *openapi3.T, schema, property string) string {
	t.Helper()
	s := doc.Components.Schemas[schema]
	if s == nil || s.Value.Properties[property] == nil {
		t.Fatalf("no schema property %s.%s", schema, property)
	}
	return fmt.Sprint(s.Value.Properties[property].Value.Example)
}

func parameterExample(t *testing.T, doc *openapi3.T, path, method, name string) string {
	t.Helper()
	item := doc.Paths.Value(path)
	params := slices.Concat(item.Parameters, item.GetOperation(method).Parameters)
	for _, p := range params {
		if p.Value.Name != name {
			continue
		}
		if p.Value.Example != nil {
			return fmt.Sprint(p.Value.Example)
		}
		if p.Value.Schema != nil && p.Value.Schema.Value.Example != nil {
			return fmt.Sprint(p.Value.Schema.Value.Example)
		}
	}
	t.Fatalf("no example for parameter %s of %s %s", name, method, path)
	return ""
}

// accountsWalk is one valid call of every accounts v4 operation, in an order in which each
// succeeds (reads first, then writes that leave the reads' data alone).
func accountsWalk(t *testing.T, doc *openapi3.T) []call {
	const (
		account   = "/orgs/{org_id}/accounts/{account_id}"
		customers = "/orgs/{org_id}/customers/{customer_id}/accounts"
	)
	org := parameterExample(t, doc, account, http.MethodGet, "org_id")
	from := parameterExample(t, doc, account+"/billing-address/historical", http.MethodGet, "from")
	iban := schemaExample(t, doc, "DirectDebitPaymentDetails", "iban")
	acc := map[string]string{"org_id": org, "account_id": AccountID(1000001, 1).String()}
	owned := map[string]string{"org_id": org, "customer_id": AccountsCustomerID(1000001).String(), "account_id": AccountID(1000001, 1).String()}
	return []call{
		{op: "getAccount", method: http.MethodGet, path: account, params: acc, want: 200},
		{op: "getBillingAddressHistory", method: http.MethodGet, path: account + "/billing-address/historical", params: acc, query: "from=" + from, want: 200},
		{op: "getAccountPromotions", method: http.MethodGet, path: account + "/promotions/active", params: acc, want: 200},
		{op: "getAccountPromotionsByType", method: http.MethodGet, path: account + "/promotions", params: acc, query: "account_promotion_type=ALL", want: 200},
		{op: "getAccountPromotionHistory", method: http.MethodGet, path: account + "/promotions/historical", params: acc, query: "start_date=" + from, want: 200},
		{op: "getCustomerAccounts", method: http.MethodGet, path: customers, params: map[string]string{"org_id": org, "customer_id": AccountsCustomerID(1000001).String()}, want: 200},
		{op: "getAvailablePaymentMethods", method: http.MethodGet, path: customers + "/{account_id}/available-payment-methods", params: owned, want: 200},
		{op: "patchAccountPaymentMethod", method: http.MethodPatch, path: account + "/payment-method", params: acc,
			body: map[string]any{"type": "DIRECT_DEBIT", "details": map[string]any{"iban": iban}}, want: 204},
		{op: "patchAccountPromotion", method: http.MethodPatch, path: account + "/promotions/{account_promotion_id}",
			params: map[string]string{"org_id": org, "account_id": AccountID(1000001, 1).String(), "account_promotion_id": PromotionID(1000001, 2).String()},
			body:   map[string]any{"cancellation_date": today()}, want: 204},
		{op: "postCustomerAccount", method: http.MethodPost, path: customers, params: map[string]string{"org_id": org, "customer_id": AccountsCustomerID(1000004).String()},
			body: map[string]any{
				"modality":        "POSTPAID",
				"payment_method":  map[string]any{"type": "DIRECT_DEBIT", "details": map[string]any{"iban": iban}},
				"billing_address": map[string]any{"address_lines": []string{"Laan van Meerdervoort 52"}, "postal_code": "2517AK", "city": "Den Haag", "country": "NL"},
			}, want: 200},
		{op: "deleteCustomerAccount", method: http.MethodDelete, path: customers + "/{account_id}",
			params: map[string]string{"org_id": org, "customer_id": AccountsCustomerID(1000001).String(), "account_id": AccountID(1000001, 2).String()}, want: 204},
	}
}

// TestAccountsContractWalk calls every operation of the accounts v4 contract once with a valid
// request and validates each answer against the contract.
func TestAccountsContractWalk(t *testing.T) {
	h := newHarness(t, Config{})
	h.walk(VendorAccounts, accountsWalk(t, h.docs[VendorAccounts]))
}

// TestAccountsErrorsConform: the documented refusals (401 without a token, 400, 404, 409) come
// with bodies the contract allows.
func TestAccountsErrorsConform(t *testing.T) {
	h := newHarness(t, Config{})
	acc := map[string]string{"org_id": DemoOrg, "account_id": AccountID(1000001, 1).String()}
	const account = "/orgs/{org_id}/accounts/{account_id}"
	cases := map[string]call{
		"unauthorized": {op: "getAccount", method: http.MethodGet, path: account, params: acc, noAuth: true, want: 401},
		"not a bearer": {op: "getAccount", method: http.MethodGet, path: account, params: acc, noAuth: true, want: 401,
			prepare: func(r *http.Request) { r.Header.Set("Authorization", "Basic dXNlcjpwYXNz") }},
		"unknown account": {op: "getAccount", method: http.MethodGet, path: account,
			params: map[string]string{"org_id": DemoOrg, "account_id": AccountID(1000001, 9).String()}, want: 404},
		"other org": {op: "getAccount", method: http.MethodGet, path: account,
			params: map[string]string{"org_id": "other", "account_id": AccountID(1000001, 1).String()}, want: 404},
		"direct debit without iban": {op: "patchAccountPaymentMethod", method: http.MethodPatch, path: account + "/payment-method", params: acc,
			body: map[string]any{"type": "DIRECT_DEBIT", "details": nil}, want: 400},
		"credit card without token": {op: "patchAccountPaymentMethod", method: http.MethodPatch, path: account + "/payment-method", params: acc,
			body: map[string]any{"type": "CREDIT_CARD"}, want: 400},
		"bad iban": {op: "patchAccountPaymentMethod", method: http.MethodPatch, path: account + "/payment-method", params: acc,
			body: map[string]any{"type": "DIRECT_DEBIT", "details": map[string]any{"iban": "NL00ABNA0000000000"}}, want: 400},
		"account of another customer": {op: "getAvailablePaymentMethods", method: http.MethodGet,
			path:   "/orgs/{org_id}/customers/{customer_id}/accounts/{account_id}/available-payment-methods",
			params: map[string]string{"org_id": DemoOrg, "customer_id": AccountsCustomerID(1000002).String(), "account_id": AccountID(1000001, 1).String()}, want: 404},
		"second postpaid account": {op: "postCustomerAccount", method: http.MethodPost, path: "/orgs/{org_id}/customers/{customer_id}/accounts",
			params: map[string]string{"org_id": DemoOrg, "customer_id": AccountsCustomerID(1000001).String()},
			body:   map[string]any{"modality": "POSTPAID", "payment_method": map[string]any{"type": "BANK_TRANSFER"}}, want: 409},
		"delete with an active promotion": {op: "deleteCustomerAccount", method: http.MethodDelete, path: "/orgs/{org_id}/customers/{customer_id}/accounts/{account_id}",
			params: map[string]string{"org_id": DemoOrg, "customer_id": AccountsCustomerID(1000001).String(), "account_id": AccountID(1000001, 1).String()}, want: 409},
		"cancel a promotion in the past": {op: "patchAccountPromotion", method: http.MethodPatch, path: account + "/promotions/{account_promotion_id}",
			params: map[string]string{"org_id": DemoOrg, "account_id": AccountID(1000001, 1).String(), "account_promotion_id": PromotionID(1000001, 1).String()},
			body:   map[string]any{"cancellation_date": "2020-01-01"}, want: 400},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			h.t = t
			h.do(VendorAccounts, c)
		})
	}
}

// TestAccountsState: writes change what later reads answer.
func TestAccountsState(t *testing.T) {
	h := newHarness(t, Config{})
	acc := map[string]string{"org_id": DemoOrg, "account_id": AccountID(1000001, 1).String()}
	const account = "/orgs/{org_id}/accounts/{account_id}"
	read := func(c call, into any) {
		t.Helper()
		if err := json.Unmarshal(h.do(VendorAccounts, c), into); err != nil {
			t.Fatalf("%s: %v", c.op, err)
		}
	}

	t.Run("payment method", func(t *testing.T) {
		h.t = t
		token := "3f2b8c1e-9d4a-4e8b-a1c2-7e6f5d4c3b2a"
		h.do(VendorAccounts, call{op: "patchAccountPaymentMethod", method: http.MethodPatch, path: account + "/payment-method", params: acc,
			body: map[string]any{"type": "CREDIT_CARD", "details": map[string]any{"token_id": token}}, want: 204})
		var got struct {
			PaymentMethod struct {
				Type    string         `json:"type"`
				Details map[string]any `json:"details"`
			} `json:"payment_method"`
		}
		read(call{op: "getAccount", method: http.MethodGet, path: account, params: acc, want: 200}, &got)
		if got.PaymentMethod.Type != "CREDIT_CARD" || got.PaymentMethod.Details["token_id"] != token {
			t.Errorf("payment method after the change: %+v", got.PaymentMethod)
		}
	})

	t.Run("cancel then delete", func(t *testing.T) {
		h.t = t
		promo := map[string]string{"org_id": DemoOrg, "account_id": AccountID(1000001, 1).String()}
		for _, id := range []string{PromotionID(1000001, 1).String(), PromotionID(1000001, 2).String()} {
			promo["account_promotion_id"] = id
			h.do(VendorAccounts, call{op: "patchAccountPromotion", method: http.MethodPatch, path: account + "/promotions/{account_promotion_id}",
				params: promo, body: map[string]any{"cancellation_date": today()}, want: 204})
		}
		var all []map[string]any
		read(call{op: "getAccountPromotionsByType", method: http.MethodGet, path: account + "/promotions", params: acc, query: "account_promotion_type=ALL", want: 200}, &all)
		if len(all) != 0 {
			t.Errorf("promotions after cancelling both: %v", all)
		}
		var history []map[string]any
		read(call{op: "getAccountPromotionHistory", method: http.MethodGet, path: account + "/promotions/historical", params: acc, query: "start_date=" + today(), want: 200}, &history)
		if n := countOps(history, "CANCELLATION"); n != 2 {
			t.Errorf("history from today has %d cancellations, want 2: %v", n, history)
		}
		owned := map[string]string{"org_id": DemoOrg, "customer_id": AccountsCustomerID(1000001).String(), "account_id": AccountID(1000001, 1).String()}
		h.do(VendorAccounts, call{op: "deleteCustomerAccount", method: http.MethodDelete, path: "/orgs/{org_id}/customers/{customer_id}/accounts/{account_id}", params: owned, want: 204})
		h.do(VendorAccounts, call{op: "getAccount", method: http.MethodGet, path: account, params: acc, want: 404})
	})

	t.Run("create", func(t *testing.T) {
		h.t = t
		customer := map[string]string{"org_id": DemoOrg, "customer_id": "0b5c6f7e-1111-4222-8333-444455556666"}
		var created struct {
			AccountID string `json:"account_id"`
		}
		read(call{op: "postCustomerAccount", method: http.MethodPost, path: "/orgs/{org_id}/customers/{customer_id}/accounts", params: customer,
			body: map[string]any{"modality": "RECURRING_PREPAID", "payment_method": map[string]any{"type": "CREDIT_CARD", "details": map[string]any{"token_id": "3f2b8c1e-9d4a-4e8b-a1c2-7e6f5d4c3b2a"}}}, want: 200}, &created)
		var ids struct {
			AccountIDs []string `json:"account_ids"`
		}
		read(call{op: "getCustomerAccounts", method: http.MethodGet, path: "/orgs/{org_id}/customers/{customer_id}/accounts", params: customer, want: 200}, &ids)
		if !slices.Equal(ids.AccountIDs, []string{created.AccountID}) {
			t.Errorf("accounts after creating %s: %v", created.AccountID, ids.AccountIDs)
		}
	})
}

func countOps(history []map[string]any, op string) int {
	n := 0
	for _, h := range history {
		if h["operation"] == op {
			n++
		}
	}
	return n
}
