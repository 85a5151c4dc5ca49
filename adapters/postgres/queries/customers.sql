-- name: CustomersByIDs :many
SELECT * FROM customer_view WHERE id = ANY(@ids::bigint[]);

-- name: CustomersByNumbers :many
SELECT * FROM customer_view WHERE customer_number = ANY(@customer_numbers::bigint[]);

-- name: SearchCustomers :many
-- One page of the profiles matching every given filter (a NULL filter matches all), ordered by
-- customer number after @after, with whether any match lies at or before @after (false without
-- @after) and, when @with_count, the number of matches across all pages (0 otherwise: the count
-- does not run). matched holds the keys of the matches and page those of this page; only the
-- page's rows are then read from customer_view, so each row is a CustomerView. matched is NOT
-- MATERIALIZED: each use is planned on its own, so the page and has_previous stop at the first
-- rows they need instead of collecting every match first.
WITH matched AS NOT MATERIALIZED (
    SELECT c.id, c.customer_number
    FROM customer_view c
    WHERE (sqlc.narg(customer_profile_id)::bigint IS NULL OR c.id = sqlc.narg(customer_profile_id)::bigint)
      AND (sqlc.narg(customer_number)::bigint IS NULL OR c.customer_number = sqlc.narg(customer_number)::bigint)
      AND (sqlc.narg(email_address)::text IS NULL OR lower(c.email_address) = lower(sqlc.narg(email_address)::text))
      AND (sqlc.narg(birthname)::text IS NULL OR c.birthname = sqlc.narg(birthname)::text)
      AND (sqlc.narg(surname)::text IS NULL OR c.surname = sqlc.narg(surname)::text)
      AND (sqlc.narg(date_of_birth)::date IS NULL OR c.date_of_birth = sqlc.narg(date_of_birth)::date)
      AND (sqlc.narg(customer_status)::text IS NULL OR lower(c.current_status) = lower(sqlc.narg(customer_status)::text))
      -- Compared as a number, so the chip-card number's index serves it; text that is no number
      -- (or too long for one) compares with NULL and matches nothing. A chip-card number is
      -- unique, so the card is found once, first, and the profile then by its id.
      AND (sqlc.narg(chip_card_number)::text IS NULL OR c.id = (
            SELECT o.customer_profile_id FROM ov_chip_card o
            WHERE o.chip_card_number = CASE WHEN sqlc.narg(chip_card_number)::text ~ '^[0-9]{1,18}$'
                                            THEN sqlc.narg(chip_card_number)::text::bigint END))
      AND (sqlc.narg(customer_status_id)::int IS NULL OR EXISTS (
            SELECT 1 FROM customer_status s
            WHERE s.customer_profile_id = c.id AND s.to_inclusive IS NULL
              AND s.status_type_id = sqlc.narg(customer_status_id)::int))
      AND (sqlc.narg(debtor_number)::text IS NULL OR c.debtor_number = sqlc.narg(debtor_number)::text)
      AND (sqlc.narg(debtor_status_id)::int IS NULL OR c.debtor_status_id = sqlc.narg(debtor_status_id)::int)
      -- The card and token filters find their rows by their own indexes first and the profiles
      -- then by key, as the chip-card number does.
      AND (sqlc.narg(chip_card_alias)::text IS NULL OR c.id = ANY (ARRAY(
            SELECT o.customer_profile_id FROM ov_chip_card o WHERE o.alias = sqlc.narg(chip_card_alias)::text)))
      AND (sqlc.narg(ovpay_token_id)::bigint IS NULL OR c.id = (
            SELECT t.customer_profile_id FROM ovpay_token t WHERE t.id = sqlc.narg(ovpay_token_id)::bigint))
      AND (sqlc.narg(token_alias)::text IS NULL OR c.id = ANY (ARRAY(
            SELECT t.customer_profile_id FROM ovpay_token t WHERE t.alias = sqlc.narg(token_alias)::text)))
      -- A removed token (status 6) frees its card, which the xTat key then leaves out.
      AND (sqlc.narg(token_x_tat)::text IS NULL OR c.id = (
            SELECT t.customer_profile_id FROM ovpay_token t
            WHERE t.x_tat = sqlc.narg(token_x_tat)::text AND t.token_status_id <> 6))
      AND (sqlc.narg(token_x_bot)::text IS NULL OR c.id = ANY (ARRAY(
            SELECT t.customer_profile_id FROM ovpay_token t WHERE t.x_bot = sqlc.narg(token_x_bot)::text)))
      AND (sqlc.narg(ovpas_number)::text IS NULL OR EXISTS (
            SELECT 1 FROM ovpay_token t
            WHERE t.customer_profile_id = c.id AND t.ovpas_number = sqlc.narg(ovpas_number)::text))
      AND (sqlc.narg(phone_number)::text IS NULL AND sqlc.narg(phone_country_code)::text IS NULL OR EXISTS (
            SELECT 1 FROM phone p
            WHERE p.customer_profile_id = c.id
              AND (sqlc.narg(phone_number)::text IS NULL OR p.number = sqlc.narg(phone_number)::text)
              AND (sqlc.narg(phone_country_code)::text IS NULL OR p.country_code = sqlc.narg(phone_country_code)::text)))
      AND (sqlc.narg(address_street)::text IS NULL AND sqlc.narg(address_house_number)::int IS NULL
           AND sqlc.narg(address_house_number_suffix)::text IS NULL AND sqlc.narg(address_postal_code)::text IS NULL
           AND sqlc.narg(address_city)::text IS NULL AND sqlc.narg(address_country)::text IS NULL OR EXISTS (
            SELECT 1 FROM address a
            WHERE a.customer_profile_id = c.id
              AND (sqlc.narg(address_street)::text IS NULL OR a.street = sqlc.narg(address_street)::text)
              AND (sqlc.narg(address_house_number)::int IS NULL OR a.house_number = sqlc.narg(address_house_number)::int)
              AND (sqlc.narg(address_house_number_suffix)::text IS NULL
                   OR a.house_number_suffix = sqlc.narg(address_house_number_suffix)::text)
              AND (sqlc.narg(address_postal_code)::text IS NULL OR a.postal_code = sqlc.narg(address_postal_code)::text)
              AND (sqlc.narg(address_city)::text IS NULL OR a.city = sqlc.narg(address_city)::text)
              AND (sqlc.narg(address_country)::text IS NULL OR a.country = sqlc.narg(address_country)::text)))
),
page AS (
    SELECT m.id, m.customer_number FROM matched m
    WHERE sqlc.narg(after)::bigint IS NULL OR m.customer_number > sqlc.narg(after)::bigint
    ORDER BY m.customer_number
    LIMIT sqlc.arg(page_limit)
)
SELECT sqlc.embed(c),
       coalesce(CASE WHEN sqlc.arg(with_count)::boolean THEN (SELECT count(*) FROM matched) END, 0)::bigint AS total_count,
       EXISTS (SELECT 1 FROM matched b WHERE b.customer_number <= sqlc.narg(after)::bigint) AS has_previous
FROM page p JOIN customer_view c ON c.id = p.id
ORDER BY p.customer_number;

-- name: ListCustomers :many
-- SearchCustomers without a filter: one page of all profiles after @after in customer-number
-- order, read straight from the customer-number index (LIMIT and the cursor are its bounds), with
-- the same has_previous and total_count. Planning it costs a fraction of the filtered search's,
-- and its generic plan is the same index scan. Store.SearchCustomers runs it for an empty filter.
SELECT sqlc.embed(c),
       coalesce(CASE WHEN sqlc.arg(with_count)::boolean THEN (SELECT count(*) FROM customer_profile) END, 0)::bigint AS total_count,
       EXISTS (SELECT 1 FROM customer_profile b WHERE b.customer_number <= sqlc.narg(after)::bigint) AS has_previous
FROM customer_view c
WHERE c.customer_number > coalesce(sqlc.narg(after)::bigint, -9223372036854775808)
ORDER BY c.customer_number
LIMIT sqlc.arg(page_limit);

-- name: CustomerBySubject :one
-- The profile of an identity provider's subject.
SELECT id, customer_number FROM customer_profile WHERE subject = sqlc.arg(subject)::text;

-- name: CustomerViewBySubject :one
-- The profile of an identity provider's subject, as CustomersByNumbers reads it: `me` in one
-- statement instead of CustomerBySubject and then the profile.
SELECT * FROM customer_view
WHERE id = (SELECT p.id FROM customer_profile p WHERE p.subject = sqlc.arg(subject)::text);

-- name: LockCustomer :one
-- The profile row, locked until the transaction ends: every write to a profile or its children
-- takes this lock first.
SELECT * FROM customer_profile WHERE customer_number = @customer_number FOR UPDATE;

-- name: InsertCustomer :one
-- The customer number always comes from the sequence; subject is null for profiles a touchpoint
-- creates.
INSERT INTO customer_profile (subject, debtor_status_id, language_id, birthname, surname, prefix,
                              suffix, date_of_birth, email_address)
VALUES (@subject, @debtor_status_id, @language_id, @birthname, @surname, @prefix, @suffix,
        @date_of_birth, @email_address)
RETURNING id, customer_number;

-- name: UpdateCustomer :exec
UPDATE customer_profile
SET debtor_status_id = @debtor_status_id, language_id = @language_id, birthname = @birthname,
    surname = @surname, prefix = @prefix, suffix = @suffix, date_of_birth = @date_of_birth,
    email_address = @email_address
WHERE id = @id;
