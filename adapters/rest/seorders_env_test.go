package rest

import (
	"context"
	"net/http"
	"testing"
)

// The SE orders tests run the API beside ABTCustomers, which creates the profiles, and SE
// customers, which registers their tokens and lists the product instances fulfilment creates.

// seoEnv serves the three APIs; it calls the orders API.
type seoEnv struct {
	*testEnv
	abt *testEnv // ABTCustomers
	se  *testEnv // SE customers
}

func newSEOEnv(t *testing.T) *seoEnv {
	t.Helper()
	orders := newAPIEnv(t, Config{}, SEOrdersAPI(), ABTCustomersAPI(), SECustomersAPI())
	return &seoEnv{testEnv: orders, abt: orders.at(ABTCustomersAPI()), se: orders.at(SECustomersAPI())}
}

// seoFixture is a profile of a webshop customer with tokens registered through the SE customers
// API (see seoSeed).
type seoFixture struct {
	customerNumber int64
	profileID      int64
	as             who
	emv, ovpas     int64 // the tokens' ovPayTokenIds
}

// seoSeed creates the fixture's profile with n tokens (at least 2): an EMV card, an OV-pas and
// n-2 more EMV cards, from GBO's pool from card firstCard on; email tells profiles apart.
func (e *seoEnv) seoSeed(email string, firstCard, n int) seoFixture {
	e.t.Helper()
	r := e.abt.must(touchpoint, http.MethodPost, "/customers", `{
		"person": {"birthname": "Jan", "surname": "Vries", "prefix": "de", "dateOfBirth": "1980-02-03", "emailAddress": "`+email+`"}}`,
		http.StatusCreated)
	f := seoFixture{customerNumber: int64(r.json(e.t)["customerNumber"].(float64))}
	e.link(f.customerNumber)
	f.as = customer(f.customerNumber)
	ctx := context.Background()
	if err := e.store.Pool().QueryRow(ctx, "SELECT id FROM customer_profile WHERE customer_number = $1",
		f.customerNumber).Scan(&f.profileID); err != nil {
		e.t.Fatal(err)
	}
	e.se.must(f.as, http.MethodPost, "/customers/tokens", poolEMV(firstCard), http.StatusCreated)
	e.se.must(f.as, http.MethodPost, "/customers/tokens", poolOVpas(firstCard), http.StatusCreated)
	for i := 1; i <= n-2; i++ {
		e.se.must(f.as, http.MethodPost, "/customers/tokens", poolEMV(firstCard+i), http.StatusCreated)
	}
	if err := e.store.Pool().QueryRow(ctx, `SELECT min(id), min(id) + 1 FROM ovpay_token WHERE customer_profile_id = $1`,
		f.profileID).Scan(&f.emv, &f.ovpas); err != nil {
		e.t.Fatal(err)
	}
	return f
}

// seoOrder are the ids of an order the SQL fixture made.
type seoOrder struct {
	orderID, lineID, tokenID, padID, customerID, addressID, paymentID string
}

// sqlOrder writes an order as the writes would have left it, in status (1 concept, 2
// awaitingPayment, 4 paid, ...): a line of product 21 on the profile's token with personal account
// data, an order customer with an address and, unless concept, a payment. It stands in for the
// writes where a test needs an order in a given state.
func (e *seoEnv) sqlOrder(profileID, token int64, status int) seoOrder {
	e.t.Helper()
	var o seoOrder
	valid := any(true)
	if status >= 4 {
		valid = nil
	}
	err := e.store.Pool().QueryRow(context.Background(), `
WITH o AS (INSERT INTO sales_order (customer_profile_id, sales_touchpoint_id, language_id, total_amount, order_status_id, valid_contents)
           VALUES ($1, 3, 1, 5900, $3, $4) RETURNING id, order_id),
     h AS (INSERT INTO order_status_history (sales_order_id, order_status_id, description, created_on)
           SELECT id, 1, 'Order is aangemaakt', now() - interval '1 minute' FROM o),
     h2 AS (INSERT INTO order_status_history (sales_order_id, order_status_id, description)
           SELECT id, $3, 'Status ' || $3 FROM o WHERE $3 <> 1),
     l AS (INSERT INTO order_line (sales_order_id, product_id, product_name, product_description, fiko_article_number,
                                   tax_code, tax_percentage, amount_incl_tax, valid_from)
           SELECT o.id, p.id, p.name, p.description, p.fiko_article_number, p.tax_code, p.tax_percentage, p.price_incl_tax,
                  now() + interval '1 day'
           FROM o, product p WHERE p.id = 21 RETURNING id, order_line_id),
     t AS (INSERT INTO customer_token (order_line_id, token_type_id, ovpay_token_id) SELECT id, 1, $2 FROM l
           RETURNING id, customer_token_id),
     d AS (INSERT INTO personal_account_data (customer_token_id, name, birthdate) SELECT id, 'J. de Vries', '1980-02-03' FROM t
           RETURNING personal_account_data_id),
     c AS (INSERT INTO order_customer (sales_order_id, birthname, surname) SELECT id, 'Jan', 'Vries' FROM o
           RETURNING id, order_customer_id),
     a AS (INSERT INTO order_customer_address (order_customer_id, address_type_id, street, house_number, postal_code, city, country)
           SELECT id, 3, 'Kon. Julianaplein', 10, '2595 AA', 'Den Haag', 'NL' FROM c RETURNING order_customer_address_id),
     pay AS (INSERT INTO payment (sales_order_id, amount_debit, payment_method_id, sales_touchpoint_id, htm_payment_reference)
           SELECT id, 5900, 1, 3, 'HTM-1234' FROM o WHERE $3 <> 1 RETURNING payment_id)
SELECT o.order_id::text, l.order_line_id::text, t.customer_token_id::text, d.personal_account_data_id::text,
       c.order_customer_id::text, a.order_customer_address_id::text, coalesce((SELECT payment_id::text FROM pay), '')
FROM o, l, t, d, c, a`, profileID, token, status, valid).Scan(&o.orderID, &o.lineID, &o.tokenID, &o.padID,
		&o.customerID, &o.addressID, &o.paymentID)
	if err != nil {
		e.t.Fatalf("sql order: %v", err)
	}
	return o
}

// at reads a value of a decoded body by a path of keys and list indices.
func at(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			l, _ := v.([]any)
			if k < 0 {
				k += len(l)
			}
			if k < 0 || k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

func atString(v any, path ...any) string { s, _ := at(v, path...).(string); return s }
