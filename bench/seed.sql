-- The benchmark's dataset, after ovgraph's migrations: :customers profiles (psql variable), each
-- with 2 addresses, 2 phones, an OV-chipkaart, 3 OVpay tokens, billing information, a direct-debit
-- mandate and 2 status rows (one closed, one current), and 0-8 orders (workload W4). Set-based: one
-- INSERT per table.
-- Customer i has customer number 1000000 + i. Its first address lies in 'Stad <i % (customers/50)>',
-- so every such city has 50 profiles (workload W3); its second in a city of its own.
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number,
                              language_id, created, birthname, surname, prefix, date_of_birth,
                              email_address, subject)
SELECT 1000000 + i, 'D' || lpad(i::text, 8, '0'), 1 + i % 3, 'VAS' || i, 1 + i % 2,
       timestamptz '2024-01-01 00:00:00+00' + i * interval '1 minute',
       'Geboren' || i, 'Achternaam' || (i % 500), CASE WHEN i % 4 = 0 THEN 'van' END,
       date '1950-01-01' + (i % 20000), 'klant' || i || '@example.nl', 'bench-' || i
FROM generate_series(1, :customers) i;
SELECT setval('customer_number_seq', 1000000 + :customers);

INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive, to_inclusive)
SELECT c.id, k, c.created + (k - 1) * interval '30 days',
       CASE WHEN k = 1 THEN c.created + interval '30 days' END
FROM customer_profile c, generate_series(1, 2) k;

INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code,
                     city, country, address_type_id, is_preferred)
SELECT c.id, 'Straat ' || (c.customer_number % 300), 1 + c.customer_number % 200,
       CASE WHEN k = 2 THEN 'A' END, lpad((1000 + c.customer_number % 8999)::text, 4, '0') || 'AB',
       CASE WHEN k = 1 THEN 'Stad ' || ((c.customer_number - 1000000) % greatest(:customers / 50, 1))
            ELSE 'Dorp ' || (c.customer_number - 1000000) END,
       'NL', k, k = 1
FROM customer_profile c, generate_series(1, 2) k;

INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred)
SELECT c.id, '06' || lpad(((c.customer_number - 1000000) * 2 + k)::text, 8, '0'), '+31', k + 1, k = 1
FROM customer_profile c, generate_series(1, 2) k;

INSERT INTO ov_chip_card (customer_profile_id, chip_card_number, valid_until, alias)
SELECT c.id, 3528000000000000 + c.customer_number, date '2030-01-01', 'Kaart ' || c.customer_number
FROM customer_profile c;

INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias,
                         last_digits, ovpas_number, expiration_date, created)
SELECT c.id, k, 2, 'xtat-' || c.customer_number || '-' || k, 'xbot-' || c.customer_number || '-' || k,
       'Token ' || k, lpad((c.customer_number % 10000)::text, 4, '0'),
       CASE WHEN k > 1 THEN 'OVP' || c.customer_number || k END,
       timestamptz '2029-12-31 00:00:00+00', c.created
FROM customer_profile c, generate_series(1, 3) k;

INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, created)
SELECT c.id, 'NL91ABNA' || lpad(c.customer_number::text, 10, '0'), 'ABNANL2A', 'Rekeninghouder ' || c.customer_number,
       'Betaalrekening', c.created
FROM customer_profile c;

INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id,
                                  mandate_reference, mandate_state, created, update_timestamp)
SELECT b.customer_profile_id, 1, b.id, 'MR-' || b.customer_profile_id, 'SIGNED', b.created, b.created
FROM billing_information b;

-- Orders (workload W4): customer i has (7 i) mod 9 orders, 0 to 8, so some have more than W4's page
-- of 5; order k of the customer is created k days after the profile, ids (newest first) in that
-- order. Statuses mixed: 1 + (i + k) mod 6, each with its history (concept, then the current
-- status when it is another one). Each order has 1-3 lines of a sellable product, copied from the
-- catalogue as a write does; every other line names one of the customer's OVpay tokens as its
-- customer token. Totals are the sums of the lines.
INSERT INTO sales_order (customer_profile_id, sales_touchpoint_id, language_id, order_status_id, valid_contents,
                         created_on, last_updated_on)
SELECT c.id, 1 + (c.customer_number + k) % 4, c.language_id, 1 + (c.customer_number + k) % 6,
       CASE WHEN 1 + (c.customer_number + k) % 6 IN (4, 5) THEN NULL ELSE true END,
       c.created + k * interval '1 day', c.created + k * interval '1 day' + interval '1 hour'
FROM customer_profile c, generate_series(1, (c.customer_number - 1000000) * 7 % 9) k
ORDER BY c.id, k;

INSERT INTO order_status_history (sales_order_id, order_status_id, description, created_on)
SELECT o.id, s, CASE WHEN s = 1 THEN 'Order is aangemaakt' ELSE 'Status gewijzigd' END,
       o.created_on + CASE WHEN s = 1 THEN interval '0' ELSE interval '1 hour' END
FROM sales_order o, unnest(CASE WHEN o.order_status_id = 1 THEN ARRAY[1] ELSE ARRAY[1, o.order_status_id] END) s
ORDER BY o.id, s;

INSERT INTO order_line (sales_order_id, product_id, product_name, product_description, fiko_article_number,
                        tax_code, tax_percentage, quantity, amount_incl_tax, valid_from, valid_until,
                        order_line_status_id, validation_result, created_on, last_updated_on)
SELECT o.id, p.id, p.name, p.description, p.fiko_article_number, p.tax_code, p.tax_percentage, 1, p.price_incl_tax,
       o.created_on + interval '1 day', o.created_on + interval '1 day' + coalesce(p.duration, interval '1 year'),
       CASE o.order_status_id WHEN 5 THEN 4 WHEN 6 THEN 3 ELSE 1 END,
       CASE WHEN o.order_status_id IN (4, 5) THEN NULL ELSE 'valid' END, o.created_on, o.last_updated_on
FROM sales_order o
CROSS JOIN LATERAL generate_series(1, 1 + o.id % 3) n
JOIN product p ON p.id = (ARRAY[3, 4, 10, 11, 21, 22])[1 + (o.id + n) % 6]
ORDER BY o.id, n;

INSERT INTO customer_token (order_line_id, token_type_id, ovpay_token_id, x_tat, created_on)
SELECT l.id, t.token_type_id, t.id, t.x_tat, l.created_on
FROM order_line l
JOIN sales_order o ON o.id = l.sales_order_id
JOIN customer_profile c ON c.id = o.customer_profile_id
JOIN ovpay_token t ON t.customer_profile_id = c.id AND t.x_tat = 'xtat-' || c.customer_number || '-' || (1 + l.id % 3)
WHERE l.id % 2 = 0
ORDER BY l.id;

UPDATE sales_order o SET total_amount = l.total
FROM (SELECT sales_order_id, sum(amount_incl_tax)::integer AS total FROM order_line GROUP BY sales_order_id) l
WHERE l.sales_order_id = o.id;

-- PostGraphile's way to search profiles through a child table (workload W3): a function it exposes
-- as the query field customersInCity, ordered and capped as ovgraph's document is (first: 100).
CREATE FUNCTION customers_in_city(city text) RETURNS SETOF customer_profile LANGUAGE sql STABLE AS $$
    SELECT c.* FROM customer_profile c
    WHERE EXISTS (SELECT 1 FROM address a WHERE a.customer_profile_id = c.id AND a.city = $1)
    ORDER BY c.customer_number LIMIT 100
$$;
-- ovgraph's currentStatus as a PostGraphile computed column, and audit rows linked to their profile
-- (audit_trail has no foreign key) by a smart comment, so PostGraphile can select what ovgraph does.
CREATE FUNCTION customer_profile_current_status(c customer_profile) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT t.name FROM customer_status s JOIN customer_status_type t ON t.id = s.status_type_id
    WHERE s.customer_profile_id = c.id AND s.to_inclusive IS NULL
$$;
COMMENT ON TABLE audit_trail IS E'@foreignKey (customer_profile_id) references customer_profile (id)';

-- Statement counts for the harness, outside the schema PostGraphile serves.
CREATE SCHEMA bench_stats;
CREATE EXTENSION pg_stat_statements SCHEMA bench_stats;
COMMIT;
ANALYZE;
