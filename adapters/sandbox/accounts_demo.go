package sandbox

import (
	"time"

	"github.com/google/uuid"
)

// demoAccounts is MasStack's side of the demo customers (adapters/postgres/seed/demo.sql), dated
// relative to now so that ACTIVE and SCHEDULED stay what they say.
func demoAccounts(now time.Time) map[uuid.UUID]*account {
	today := civil(now.UTC())
	ago := func(days int) time.Time { return now.UTC().AddDate(0, 0, -days).Truncate(time.Second) }
	address := func(line, postal, city string) map[string]any {
		return map[string]any{"address_lines": []any{line}, "postal_code": postal, "city": city, "country": "NL"}
	}
	out := map[uuid.UUID]*account{}
	add := func(a *account) { out[a.id] = a }

	// 1000001 Anna de Vries: a postpaid account paid by direct debit, with a moved billing
	// address, an active, a scheduled and a cancelled promotion; and a prepaid account on a card.
	{
		n := 1000001
		a := &account{
			id: AccountID(n, 1), org: DemoOrg, customerID: AccountsCustomerID(n), modality: "POSTPAID",
			paymentMethod: paymentMethod{kind: "DIRECT_DEBIT", iban: "NL48ABNA1022121676"},
			invoiceDay:    1, createdAt: ago(400),
			billingHistory: []billingRecord{
				{id: uuid.MustParse("e0000001-0000-4000-8000-000001000001"), address: address("Lange Voorhout 94", "2573AA", "Den Haag"), createStamp: ago(400), validFrom: civil(ago(400)), validTo: civil(ago(120))},
				{id: uuid.MustParse("e0000002-0000-4000-8000-000001000001"), address: address("Lange Voorhout 211 A", "2573AA", "Den Haag"), createStamp: ago(120), validFrom: civil(ago(120))},
			},
		}
		cancelled := today.addDays(-30)
		a.promotions = []*promotion{
			{id: PromotionID(n, 1), code: "DAL40", name: "Dal Voordeel 40%", description: "40% korting buiten de spits", start: today.addDays(-90)},
			{id: PromotionID(n, 2), code: "WEEKEND", name: "Weekend Vrij", description: "vrij reizen in het weekend", start: today.addDays(14), end: today.addDays(14 + 365)},
			{id: PromotionID(n, 3), code: "ZOMER", name: "Zomerkorting", description: "10% korting in de zomer", start: today.addDays(-200), end: today.addDays(-20), cancellation: &cancelled},
		}
		a.promotionOps = []promotionOp{
			{id: uuid.MustParse("f0000001-0000-4000-8000-000001000001"), promotion: a.promotions[2], operation: "ACTIVATION", date: today.addDays(-200)},
			{id: uuid.MustParse("f0000002-0000-4000-8000-000001000001"), promotion: a.promotions[0], operation: "ACTIVATION", date: today.addDays(-90)},
			{id: uuid.MustParse("f0000003-0000-4000-8000-000001000001"), promotion: a.promotions[2], operation: "CANCELLATION", date: cancelled},
			{id: uuid.MustParse("f0000004-0000-4000-8000-000001000001"), promotion: a.promotions[1], operation: "SCHEDULING", date: today.addDays(-2)},
		}
		add(a)
		add(&account{
			id: AccountID(n, 2), org: DemoOrg, customerID: AccountsCustomerID(n), modality: "RECURRING_PREPAID",
			paymentMethod: paymentMethod{kind: "CREDIT_CARD", tokenID: "d1a9a3e2-5c1f-4b7e-9a55-000001000001"},
			invoiceDay:    15, createdAt: ago(60),
			billingHistory: []billingRecord{
				{id: uuid.MustParse("e0000003-0000-4000-8000-000001000001"), address: address("Lange Voorhout 211 A", "2573AA", "Den Haag"), createStamp: ago(60), validFrom: civil(ago(60))},
			},
		})
	}
	// 1000002 Bram Jansen: one postpaid account with one active promotion.
	{
		n := 1000002
		a := &account{
			id: AccountID(n, 1), org: DemoOrg, customerID: AccountsCustomerID(n), modality: "POSTPAID",
			paymentMethod: paymentMethod{kind: "DIRECT_DEBIT", iban: "NL25INGB4169265501"},
			invoiceDay:    1, createdAt: ago(399),
			billingHistory: []billingRecord{
				{id: uuid.MustParse("e0000001-0000-4000-8000-000001000002"), address: address("Lange Voorhout 142", "2498AB", "Den Haag"), createStamp: ago(399), validFrom: civil(ago(399))},
			},
		}
		a.promotions = []*promotion{{id: PromotionID(n, 1), code: "65PLUS", name: "65+ Voordeel", description: "34% korting voor 65-plussers", start: today.addDays(-300)}}
		a.promotionOps = []promotionOp{{id: uuid.MustParse("f0000001-0000-4000-8000-000001000002"), promotion: a.promotions[0], operation: "ACTIVATION", date: today.addDays(-300)}}
		add(a)
	}
	// 1000003 Chantal van Dijk: one postpaid account paid by bank transfer, no promotions.
	{
		n := 1000003
		add(&account{
			id: AccountID(n, 1), org: DemoOrg, customerID: AccountsCustomerID(n), modality: "POSTPAID",
			paymentMethod: paymentMethod{kind: "BANK_TRANSFER"},
			invoiceDay:    1, createdAt: ago(398),
			billingHistory: []billingRecord{
				{id: uuid.MustParse("e0000001-0000-4000-8000-000001000003"), address: address("Prinsegracht 12", "2512GA", "Den Haag"), createStamp: ago(398), validFrom: civil(ago(398))},
			},
		})
	}
	return out
}
