// Command rawsql is make bench's baseline: it answers each workload of the benchmark with one
// hand-written statement through pgx, which builds the whole answer with json_build_object and
// json_agg, in the shape ovgraph's documents give it (field names, order of lists, scalar formats).
//
//	GET /w1?first=50            {"data":{"customers":{"nodes":[...],"pageInfo":{...}}}}
//	GET /w2?customerNumber=N    {"data":{"customer":{...}}}
//	GET /w3?addressCity=C       {"Entries":[...]} as GET /customers/list answers it
//	GET /w4?first=50&orders=5   {"data":{"customers":{"nodes":[{customerNumber, orders: {nodes}}]}}}
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net/http"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
)

// dt formats a timestamptz as graph.DateTime does (the session's time zone is Europe/Amsterdam).
func dt(expr string) string {
	return fmt.Sprintf(`to_char(%s, 'YYYY-MM-DD"T"HH24:MI:SS.MSTZH:TZM')`, expr)
}

// list is a json_agg over a child table of the profile c, an empty list when it has no rows.
func list(object, from, order string) string {
	return fmt.Sprintf(`coalesce((SELECT json_agg(%s ORDER BY %s) FROM %s), '[]'::json)`, object, order, from)
}

// profile is the JSON of the customer_profile row c. rest selects the fields and names of the
// REST shim's CustomerProfile fragment (W3); otherwise those of the harness's full document (W1, W2).
func profile(rest bool) string {
	statuses := list(`json_build_object('name', t.name, 'fromInclusive', `+dt("s.from_inclusive")+`, 'toInclusive', `+dt("s.to_inclusive")+`)`,
		`customer_status s JOIN customer_status_type t ON t.id = s.status_type_id WHERE s.customer_profile_id = c.id`,
		`s.from_inclusive, s.id`)
	addressFields := `'addressId', a.id, 'street', a.street, 'houseNumber', a.house_number,
		'houseNumberSuffix', a.house_number_suffix, 'postalCode', a.postal_code, 'city', a.city,
		'country', a.country, 'addressType', t.name`
	if !rest {
		addressFields += `, 'isPreferred', a.is_preferred`
	}
	addresses := list(`json_build_object(`+addressFields+`)`,
		`address a JOIN address_type t ON t.id = a.address_type_id WHERE a.customer_profile_id = c.id`, `a.id`)
	phones := list(`json_build_object('phoneId', p.id, 'number', p.number, 'countryCode', p.country_code,
		'phoneType', t.name, 'isPreferred', p.is_preferred)`,
		`phone p JOIN phone_type t ON t.id = p.phone_type_id WHERE p.customer_profile_id = c.id`, `p.id`)
	cards := list(`json_build_object('ovChipCardId', o.id, 'chipCardNumber', o.chip_card_number,
		'validUntil', o.valid_until, 'alias', o.alias)`,
		`ov_chip_card o WHERE o.customer_profile_id = c.id`, `o.id`)
	tokens := list(`json_build_object('ovPayTokenId', k.id, 'tokenTypeId', k.token_type_id, 'xTat', k.x_tat,
		'xBot', k.x_bot, 'alias', k.alias, 'lastDigits', k.last_digits, 'ovpasNumber', k.ovpas_number,
		'tokenStatusId', k.token_status_id, 'expirationDate', `+dt("k.expiration_date")+`,
		'replacedByTokenId', k.replaced_by_token_id)`,
		`ovpay_token k WHERE k.customer_profile_id = c.id`, `k.id`)
	person := func(addressKey, phoneKey string) string {
		return `json_build_object('birthname', c.birthname, 'surname', c.surname, 'prefix', c.prefix,
			'suffix', c.suffix, 'dateOfBirth', c.date_of_birth, 'emailAddress', c.email_address,
			'` + addressKey + `', ` + addresses + `, '` + phoneKey + `', ` + phones + `)`
	}
	head := `'customerProfileId', c.id, 'customerNumber', c.customer_number, 'debtorNumber', c.debtor_number,
		'debtorStateId', c.debtor_status_id, 'vascustomerNumber', c.vas_customer_number`
	if rest {
		audit := list(`json_build_object('auditTrailId', u.id, 'customerProfileId', u.customer_profile_id,
			'action', u.action, 'user', u."user", 'timestamp', `+dt(`u."timestamp"`)+`, 'correlationId', u.correlation_id)`,
			`audit_trail u WHERE u.customer_profile_id = c.id`, `u.id`)
		return `json_build_object(` + head + `,
			'customerPreference', json_build_object('languageId', c.language_id),
			'customerStatus', ` + statuses + `,
			'person', ` + person("address", "phone") + `,
			'ovChipCard', ` + cards + `,
			'ovPayToken', ` + tokens + `,
			'audit', ` + audit + `)`
	}
	billing := list(`json_build_object('billingInformationId', b.id, 'iban', b.iban, 'bic', b.bic,
		'ascription', b.ascription, 'alias', b.alias, 'billingAddressId', b.billing_address_id,
		'created', `+dt("b.created")+`)`,
		`billing_information b WHERE b.customer_profile_id = c.id`, `b.id`)
	mandates := list(`json_build_object('directDebitMandateId', m.id, 'directDebitMandateTypeId', m.mandate_type_id,
		'directDebitMandateTypeName', t.name, 'billingInformationId', m.billing_information_id,
		'mandateReference', m.mandate_reference, 'mandateState', m.mandate_state,
		'created', `+dt("m.created")+`, 'updateTimestamp', `+dt("m.update_timestamp")+`)`,
		`direct_debit_mandate m JOIN direct_debit_mandate_type t ON t.id = m.mandate_type_id WHERE m.customer_profile_id = c.id`, `m.id`)
	return `json_build_object(` + head + `,
		'currentStatus', (SELECT t.name FROM customer_status s JOIN customer_status_type t ON t.id = s.status_type_id
		                  WHERE s.customer_profile_id = c.id AND s.to_inclusive IS NULL),
		'created', ` + dt("c.created") + `,
		'customerPreference', json_build_object('languageId', c.language_id),
		'customerStatuses', ` + statuses + `,
		'person', ` + person("addresses", "phones") + `,
		'ovChipCards', ` + cards + `,
		'ovPayTokens', ` + tokens + `,
		'billingInformation', ` + billing + `,
		'directDebitMandates', ` + mandates + `)`
}

// orders is the JSON of W4's page of orders of the profile c: its newest $2 orders (by key, as
// ovgraph pages them) with their status, their lines and the lines' customer tokens.
func orders() string {
	tokens := list(`json_build_object('customerTokenId', t.customer_token_id, 'ovPayTokenId', t.ovpay_token_id, 'xTat', t.x_tat)`,
		`customer_token t WHERE t.order_line_id = l.id`, `t.id`)
	lines := list(`json_build_object('orderLineId', l.order_line_id, 'productId', l.product_id,
		'amountInclTax', l.amount_incl_tax, 'customerTokens', `+tokens+`)`,
		`order_line l WHERE l.sales_order_id = o.id`, `l.id`)
	return `json_build_object('nodes', ` + list(`json_build_object('orderId', o.order_id, 'orderNumber', o.order_number,
		'totalAmount', o.total_amount, 'orderStatus', json_build_object('orderStatusId', s.id, 'name', s.name),
		'orderLines', `+lines+`)`,
		`(SELECT * FROM sales_order WHERE customer_profile_id = c.id ORDER BY id DESC LIMIT $2) o
		 JOIN order_status s ON s.id = o.order_status_id`, `o.id DESC`) + `)`
}

var statements = map[string]string{
	// W1: the first page of all profiles by customer number, one row more to know hasNextPage; the
	// cursor is ovgraph's (base64url of customer:<number>, unpadded).
	"w1": `WITH page AS (SELECT * FROM customer_profile ORDER BY customer_number LIMIT $1 + 1),
		shown AS (SELECT * FROM page ORDER BY customer_number LIMIT $1)
		SELECT json_build_object('data', json_build_object('customers', json_build_object(
			'nodes', coalesce((SELECT json_agg(` + profile(false) + ` ORDER BY c.customer_number) FROM shown c), '[]'::json),
			'pageInfo', json_build_object('hasNextPage', (SELECT count(*) FROM page) > $1,
				'endCursor', (SELECT rtrim(translate(encode(convert_to('customer:' || max(customer_number), 'UTF8'), 'base64'), '+/', '-_'), '=')
				              FROM shown)))))`,
	"w2": `SELECT json_build_object('data', json_build_object('customer',
		(SELECT ` + profile(false) + ` FROM customer_profile c WHERE c.customer_number = $1)))`,
	"w3": `SELECT json_build_object('Entries', coalesce(json_agg(` + profile(true) + ` ORDER BY c.customer_number), '[]'::json))
		FROM (SELECT * FROM customer_profile c
		      WHERE EXISTS (SELECT 1 FROM address a WHERE a.customer_profile_id = c.id AND a.city = $1)
		      ORDER BY c.customer_number LIMIT 100) c`,
	// W4: the first page of profiles ($1), each with its page of orders ($2), no pageInfo.
	"w4": `SELECT json_build_object('data', json_build_object('customers', json_build_object('nodes',
		coalesce(json_agg(json_build_object('customerNumber', c.customer_number, 'orders', ` + orders() + `)
		                  ORDER BY c.customer_number), '[]'::json))))
		FROM (SELECT * FROM customer_profile ORDER BY customer_number LIMIT $1) c`,
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8091", "listen address")
	dbURL := flag.String("database-url", "", "PostgreSQL URL")
	maxConns := flag.Int("max-conns", 20, "connections in the pool (ovgraph's default)")
	flag.Parse()
	cfg, err := pgxpool.ParseConfig(*dbURL)
	if err != nil {
		log.Fatal(err)
	}
	cfg.MaxConns = int32(*maxConns)
	cfg.ConnConfig.RuntimeParams["timezone"] = "Europe/Amsterdam"
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		log.Fatal(err)
	}
	// handle serves a statement whose arguments are the query parameters params, each parsed.
	handle := func(name string, parse func(string) (any, error), params ...string) {
		http.HandleFunc("GET /"+name, func(w http.ResponseWriter, r *http.Request) {
			args := make([]any, len(params))
			for i, param := range params {
				arg, err := parse(r.URL.Query().Get(param))
				if err != nil {
					http.Error(w, param+": "+err.Error(), http.StatusBadRequest)
					return
				}
				args[i] = arg
			}
			var body []byte
			if err := pool.QueryRow(r.Context(), statements[name], args...).Scan(&body); err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(body)
		})
	}
	number := func(s string) (any, error) { return strconv.Atoi(s) }
	text := func(s string) (any, error) {
		if strings.TrimSpace(s) == "" {
			return nil, fmt.Errorf("empty parameter")
		}
		return s, nil
	}
	handle("w1", number, "first")
	handle("w2", number, "customerNumber")
	handle("w3", text, "addressCity")
	handle("w4", number, "first", "orders")
	log.Fatal(http.ListenAndServe(*addr, nil))
}
