package accounts

import (
	"errors"
	"strings"
	"testing"

	"ovgraph/adapters/upstream"
)

// The shapes read from the vendor's answers (the sandbox's documents): what reads, and what is
// garbage.
func TestReadAccount(t *testing.T) {
	a, err := ReadAccount(GetAccount{
		"account_id": "a0000001-0000-4000-8000-000001000001", "org_id": "telco", "customer_id": "c0000000-0000-4000-8000-000001000001",
		"modality":        "POSTPAID",
		"payment_method":  map[string]any{"type": "DIRECT_DEBIT", "details": map[string]any{"iban": "NL48ABNA1022121676"}},
		"billing_address": map[string]any{"address_lines": []any{"Spui 70"}, "postal_code": "2511BT", "city": "Den Haag", "country": "NL"},
		"invoice":         map[string]any{"cycle": map[string]any{"name": "MONTHLY", "day": 1, "type": "CALENDAR", "frequency": "MONTHLY"}},
		"created_at":      "2025-01-01T10:00:00Z",
	})
	if err != nil {
		t.Fatal(err)
	}
	if a.Modality != "POSTPAID" || a.PaymentMethod.Details.Iban != "NL48ABNA1022121676" || a.BillingAddress.City != "Den Haag" ||
		*a.Invoice.Cycle.Day != 1 || a.CreatedAt == nil {
		t.Fatalf("read %+v", a)
	}
	// The fields MasStack may leave out read as absent.
	if a, err := ReadAccount(GetAccount{"account_id": "a0000001-0000-4000-8000-000001000001", "modality": "POSTPAID"}); err != nil ||
		a.PaymentMethod != nil || a.Invoice != nil || a.CreatedAt != nil {
		t.Fatalf("sparse account %+v, %v", a, err)
	}
}

func TestReadGarbage(t *testing.T) {
	cases := map[string]func() error{
		"account without id": func() error { _, err := ReadAccount(GetAccount{"modality": "POSTPAID"}); return err },
		"account id no uuid": func() error { _, err := ReadAccount(GetAccount{"account_id": "NL48ABNA1022121676"}); return err },
		"payment method without type": func() error {
			_, err := ReadAccount(GetAccount{"account_id": "a0000001-0000-4000-8000-000001000001", "payment_method": map[string]any{}})
			return err
		},
		"day a string": func() error {
			_, err := ReadAccount(GetAccount{"account_id": "a0000001-0000-4000-8000-000001000001",
				"invoice": map[string]any{"cycle": map[string]any{"day": "NL48ABNA1022121676"}}})
			return err
		},
		"created_at no time": func() error {
			_, err := ReadAccount(GetAccount{"account_id": "a0000001-0000-4000-8000-000001000001", "created_at": "NL48ABNA1022121676"})
			return err
		},
		"account ids missing": func() error { _, err := ReadAccountIDs(AccountIds{"customer_id": "x"}); return err },
		"account id of a list no uuid": func() error {
			_, err := ReadAccountIDs(AccountIds{"account_ids": []any{"NL48ABNA1022121676"}})
			return err
		},
		"history missing": func() error { _, err := ReadBillingAddressHistory(BillingAddressHistoryResponse{}); return err },
		"history record no stamp": func() error {
			_, err := ReadBillingAddressHistory(BillingAddressHistoryResponse{"billing_addresses": []any{map[string]any{"id": "x"}}})
			return err
		},
		"promotion without id":   func() error { _, err := ReadPromotions([]AccountPromotion{{"name": "x"}}); return err },
		"operation without kind": func() error { _, err := ReadPromotionHistory([]AccountPromotionHistory{{"id": "x"}}); return err },
		"methods missing":        func() error { _, err := ReadAvailablePaymentMethods(AvailablePaymentMethods{}); return err },
		"created without id":     func() error { _, err := ReadAccountCreated(AccountCreated{}); return err },
	}
	for name, read := range cases {
		t.Run(name, func(t *testing.T) {
			err := read()
			if !errors.Is(err, upstream.ErrUnavailable) || upstream.VendorOf(err) != Vendor {
				t.Fatalf("%v: want an unavailable accounts error", err)
			}
			// The cause is logged: it names what did not read, never the value.
			if strings.Contains(err.Error(), "NL48ABNA") {
				t.Fatalf("the error shows the value: %v", err)
			}
		})
	}
}

func TestReadLists(t *testing.T) {
	ids, err := ReadAccountIDs(AccountIds{"account_ids": []any{"a0000001-0000-4000-8000-000001000001"}})
	if err != nil || len(ids) != 1 {
		t.Fatalf("ids %v, %v", ids, err)
	}
	if ids, err := ReadAccountIDs(AccountIds{"account_ids": []any{}}); err != nil || len(ids) != 0 {
		t.Fatalf("no accounts: %v, %v", ids, err)
	}
	h, err := ReadBillingAddressHistory(BillingAddressHistoryResponse{"billing_addresses": []any{map[string]any{
		"id": "e1", "createStamp": "2025-01-01T10:00:00Z", "valid_from": "2025-01-01", "valid_to": nil,
		"billing_address": map[string]any{"address_lines": []any{"Spui 70"}}}}})
	if err != nil || len(h) != 1 || h[0].ValidFrom == nil || h[0].ValidTo != nil {
		t.Fatalf("history %+v, %v", h, err)
	}
	p, err := ReadPromotions([]AccountPromotion{{"account_promotion_id": "b1", "start_date": "2025-01-01", "end_date": nil, "status": "ACTIVE"}})
	if err != nil || len(p) != 1 || p[0].StartDate == nil || p[0].EndDate != nil {
		t.Fatalf("promotions %+v, %v", p, err)
	}
	m, err := ReadAvailablePaymentMethods(AvailablePaymentMethods{"payment_methods": []any{map[string]any{"type": "TECI", "current": false}}})
	if err != nil || len(m) != 1 || m[0].Type != "TECI" {
		t.Fatalf("methods %+v, %v", m, err)
	}
}
