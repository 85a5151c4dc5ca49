-- The read-path benchmarks' dataset (issue 7): $1 customers numbered from 2000001, each with 2
-- addresses, 2 phones, an OV-chipkaart, 3 OVpay tokens, billing information, a direct-debit
-- mandate, 2 status rows (one closed, one current) and an audit row.
WITH c AS (
    INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id,
                                  birthname, surname, prefix, date_of_birth, email_address)
    SELECT 2000000 + n, 'DEB' || (2000000 + n), 1 + n % 3, 'VAS' || (2000000 + n), 1 + n % 2,
           'Bench', 'Bench' || n, CASE WHEN n % 4 = 0 THEN 'van' END, date '1950-01-01' + n,
           'bench' || n || '@example.nl'
    FROM generate_series(1, $1::int) n
    RETURNING id, customer_number - 2000000 AS n
), s AS (
    INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive, to_inclusive)
    SELECT id, 2, now() - interval '400 days', now() - interval '300 days' FROM c
    UNION ALL SELECT id, 1, now() - interval '299 days', NULL FROM c
), a AS (
    INSERT INTO address (customer_profile_id, street, house_number, postal_code, city, country, address_type_id, is_preferred)
    SELECT id, 'Lange Voorhout', 1 + n % 200, '2514EA', 'Den Haag', 'NL', 1, true FROM c
    UNION ALL SELECT id, 'Spui', 1 + n % 150, '2511BT', 'Den Haag', 'NL', 2, false FROM c
    RETURNING id, customer_profile_id, is_preferred
), p AS (
    INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred)
    SELECT id, '06' || lpad(n::text, 8, '0'), '0031', 2, true FROM c
    UNION ALL SELECT id, '070' || lpad(n::text, 7, '0'), '0031', 1, false FROM c
), o AS (
    INSERT INTO ov_chip_card (customer_profile_id, chip_card_number, valid_until, alias)
    SELECT id, 3528100000000000 + n, date '2027-01-01', 'Mijn OV-chipkaart' FROM c
), t AS (
    INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits)
    SELECT c.id, 1 + k % 2, 2, 'xtat-bench-' || c.n || '-' || k, 'xbot-bench-' || c.n || '-' || k, 'Bankpas',
           lpad(((c.n * 3 + k) % 10000)::text, 4, '0')
    FROM c, generate_series(1, 3) k
), b AS (
    INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias)
    SELECT id, 'NL91ABNA0417164300', 'ABNANL2A', 'Bench ' || n, 'Betaalrekening' FROM c
    RETURNING id, customer_profile_id
), m AS (
    INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state)
    SELECT b.customer_profile_id, 1, b.id, 'HTM-MND-BENCH-' || b.customer_profile_id, 'SIGNED' FROM b
)
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id)
SELECT id, 'insert', 'customer', id, 'bench-seed', 'bench-seed' FROM c;
