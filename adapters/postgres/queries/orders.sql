-- name: OrdersByIDs :many
SELECT * FROM order_view WHERE id = ANY(@ids::bigint[]);

-- name: OrdersByOrderIDs :many
-- Orders by the uuid the API names them by.
SELECT * FROM order_view WHERE order_id = ANY(@order_ids::uuid[]);

-- name: OrderPagesByCustomers :many
-- Per profile one page of its orders, newest first, in one statement: a row per order of the
-- page (up to @page_limit orders after the cursor @after, an order key; null for the first page),
-- or one row without an order for a profile whose page is empty. Each row also says whether any
-- order of the profile lies at or before the cursor and, when @with_count, how many orders the
-- profile has. Read from sales_order_customer_idx.
SELECT c.id::bigint AS page_profile_id,
       coalesce(CASE WHEN sqlc.arg(with_count)::boolean THEN
           (SELECT count(*) FROM sales_order n WHERE n.customer_profile_id = c.id) END, 0)::bigint AS total_count,
       coalesce(sqlc.narg(after)::bigint IS NOT NULL AND EXISTS (
            SELECT 1 FROM sales_order b WHERE b.customer_profile_id = c.id AND b.id >= sqlc.narg(after)::bigint), false)::boolean AS has_previous,
       v.id AS order_key, v.order_id, v.order_number, v.external_order_id, v.customer_profile_id, v.total_amount,
       v.created_on, v.last_updated_on, v.order_status_id, v.order_status_name, v.sales_touchpoint_id, v.touchpoint_name,
       v.touchpoint_is_active, v.touchpoint_retailer_id, v.language_id, v.language_name, v.language_iso639_code,
       v.language_ietf_code, v.order_customer_key, v.order_customer_id, v.customer_birthname, v.customer_surname,
       v.customer_prefix, v.customer_email_address, v.customer_date_of_birth, v.valid_contents, v.version
FROM unnest(@customer_profile_ids::bigint[]) AS c(id)
LEFT JOIN LATERAL (
    SELECT o.id FROM sales_order o
    WHERE o.customer_profile_id = c.id
      AND (sqlc.narg(after)::bigint IS NULL OR o.id < sqlc.narg(after)::bigint)
    ORDER BY o.id DESC
    LIMIT sqlc.arg(page_limit)
) p ON true
LEFT JOIN order_view v ON v.id = p.id
ORDER BY c.id, p.id DESC;

-- name: SearchOrders :many
-- One page of the orders matching every given filter (a NULL filter matches all), newest first
-- (by key) after the cursor @after, with whether any match lies at or before @after and, when
-- @with_count, the number of matches across all pages. The status filter is on the current
-- status; the xTat filter finds the orders through the products fulfilment loaded onto that
-- card. Dates compare created_on and last_updated_on, bounds exclusive.
WITH matched AS NOT MATERIALIZED (
    SELECT o.id
    FROM sales_order o
    WHERE (sqlc.narg(order_id)::uuid IS NULL OR o.order_id = sqlc.narg(order_id)::uuid)
      AND (sqlc.narg(order_number)::text IS NULL OR o.order_number = sqlc.narg(order_number)::text)
      AND (sqlc.narg(external_order_id)::text IS NULL OR o.external_order_id = sqlc.narg(external_order_id)::text)
      AND (sqlc.narg(customer_profile_id)::bigint IS NULL OR o.customer_profile_id = sqlc.narg(customer_profile_id)::bigint)
      AND (sqlc.narg(order_status_ids)::int[] IS NULL OR o.order_status_id = ANY(sqlc.narg(order_status_ids)::int[]))
      AND (sqlc.narg(created_before)::timestamptz IS NULL OR o.created_on < sqlc.narg(created_before)::timestamptz)
      AND (sqlc.narg(created_after)::timestamptz IS NULL OR o.created_on > sqlc.narg(created_after)::timestamptz)
      AND (sqlc.narg(updated_before)::timestamptz IS NULL OR o.last_updated_on < sqlc.narg(updated_before)::timestamptz)
      AND (sqlc.narg(updated_after)::timestamptz IS NULL OR o.last_updated_on > sqlc.narg(updated_after)::timestamptz)
      AND (sqlc.narg(x_tat)::text IS NULL OR o.id = ANY (ARRAY(
            SELECT l.sales_order_id FROM purchased_product p JOIN order_line l ON l.id = p.order_line_id
            WHERE p.x_tat = sqlc.narg(x_tat)::text)))
),
page AS (
    SELECT m.id FROM matched m
    WHERE sqlc.narg(after)::bigint IS NULL OR m.id < sqlc.narg(after)::bigint
    ORDER BY m.id DESC
    LIMIT sqlc.arg(page_limit)
)
SELECT sqlc.embed(v),
       coalesce(CASE WHEN sqlc.arg(with_count)::boolean THEN (SELECT count(*) FROM matched) END, 0)::bigint AS total_count,
       EXISTS (SELECT 1 FROM matched b WHERE b.id >= sqlc.narg(after)::bigint) AS has_previous
FROM page p JOIN order_view v ON v.id = p.id
ORDER BY p.id DESC;

-- name: StatusHistoryByOrders :many
-- The status history of orders, newest first.
SELECT h.id, h.order_order_status_id, h.sales_order_id, h.order_status_id, s.name AS order_status_name,
       h.description, h.created_on
FROM order_status_history h JOIN order_status s ON s.id = h.order_status_id
WHERE h.sales_order_id = ANY(@order_keys::bigint[])
ORDER BY h.sales_order_id, h.created_on DESC, h.id DESC;

-- name: LinesByOrders :many
SELECT l.id, l.order_line_id, l.sales_order_id, l.external_order_line_id, l.product_id, l.product_name,
       l.product_description, l.fiko_article_number, l.tax_code, l.tax_percentage::float8 AS tax_percentage, l.quantity,
       l.amount_incl_tax,
       l.amount_excl_tax, l.tax_amount, l.valid_from, l.valid_until, l.order_line_status_id,
       s.name AS order_line_status_name, l.created_on, l.last_updated_on, l.validation_result, l.validations
FROM order_line l JOIN order_line_status s ON s.id = l.order_line_status_id
WHERE l.sales_order_id = ANY(@order_keys::bigint[])
ORDER BY l.sales_order_id, l.id;

-- name: TermsByLines :many
SELECT id, order_line_terms_id, order_line_id, terms_url
FROM order_line_terms
WHERE order_line_id = ANY(@line_keys::bigint[])
ORDER BY order_line_id, id;

-- name: AccountingStatusesByLines :many
SELECT a.id, a.order_accounting_status_id, a.order_line_id, a.accounting_status_id, s.name AS accounting_status_name,
       a.description, a.created_on
FROM order_accounting_status a JOIN accounting_status s ON s.id = a.accounting_status_id
WHERE a.order_line_id = ANY(@line_keys::bigint[])
ORDER BY a.order_line_id, a.created_on, a.id;

-- name: CustomerTokensByLines :many
-- The customer tokens of order lines, each with its personal account data (null fields when it
-- has none).
SELECT t.id, t.customer_token_id, t.order_line_id, t.token_type_id, tt.name AS token_type_name, t.ovpay_token_id,
       t.service_reference_id, t.amount, t.ovpas_number, t.x_tat,
       p.personal_account_data_id, p.name AS pad_name, p.birthdate AS pad_birthdate, p.photo AS pad_photo,
       p.challenge_type_id AS pad_challenge_type_id, ct.name AS pad_challenge_type_name,
       p.verified_on AS pad_verified_on
FROM customer_token t
JOIN token_type tt ON tt.id = t.token_type_id
LEFT JOIN personal_account_data p ON p.customer_token_id = t.id
LEFT JOIN challenge_type ct ON ct.id = p.challenge_type_id
WHERE t.order_line_id = ANY(@line_keys::bigint[])
ORDER BY t.order_line_id, t.id;

-- name: PaymentsByOrders :many
-- The payments of orders, oldest first.
SELECT * FROM payment_view
WHERE sales_order_id = ANY(@order_keys::bigint[])
ORDER BY sales_order_id, created_on, id;

-- name: PaymentStatusesByPayments :many
SELECT id, payment_status_id, payment_id, status_code, status_description, status_sub_code,
       status_sub_description, created_on
FROM payment_status
WHERE payment_id = ANY(@payment_keys::bigint[])
ORDER BY payment_id, created_on, id;

-- name: PaymentsByMandates :many
-- The payments direct-debit mandates were born from (mandates that were not have none).
SELECT * FROM payment_view WHERE direct_debit_mandate_id = ANY(@mandate_ids::bigint[]);

-- name: OrderCustomerAddressesByOrders :many
SELECT a.id, a.order_customer_address_id, c.sales_order_id, a.address_type_id, t.name AS address_type_name,
       a.street, a.house_number, a.house_number_suffix, a.postal_code, a.city, a.country
FROM order_customer_address a
JOIN order_customer c ON c.id = a.order_customer_id
JOIN address_type t ON t.id = a.address_type_id
WHERE c.sales_order_id = ANY(@order_keys::bigint[])
ORDER BY c.sales_order_id, a.id;
