-- name: CustomerByNumber
SELECT * FROM customer_view WHERE customer_number = $1;

-- name: CustomersByIDs
SELECT * FROM customer_view WHERE id = ANY($1::bigint[]);

-- name: SearchCustomers
-- One page of the profiles matching every given filter (a NULL parameter matches all), ordered by
-- customer number after @after, with the number of matches across all pages and whether any match
-- lies at or before @after (false without @after).
WITH matched AS (
    SELECT c.*
    FROM customer_view c
    WHERE (@customer_profile_id::bigint IS NULL OR c.id = @customer_profile_id)
      AND (@customer_number::bigint IS NULL OR c.customer_number = @customer_number)
      AND (@email_address::text IS NULL OR lower(c.email_address) = lower(@email_address))
      AND (@birthname::text IS NULL OR c.birthname = @birthname)
      AND (@surname::text IS NULL OR c.surname = @surname)
      AND (@date_of_birth::date IS NULL OR c.date_of_birth = @date_of_birth)
      AND (@customer_status::text IS NULL OR lower(c.current_status) = lower(@customer_status))
      AND (@chip_card_number::text IS NULL OR EXISTS (
            SELECT 1 FROM ov_chip_card o
            WHERE o.customer_profile_id = c.id AND o.chip_card_number::text = @chip_card_number))
      AND (@ovpas_number::text IS NULL OR EXISTS (
            SELECT 1 FROM ovpay_token t
            WHERE t.customer_profile_id = c.id AND t.ovpas_number = @ovpas_number))
      AND (@phone_number::text IS NULL AND @phone_country_code::text IS NULL OR EXISTS (
            SELECT 1 FROM phone p
            WHERE p.customer_profile_id = c.id
              AND (@phone_number::text IS NULL OR p.number = @phone_number)
              AND (@phone_country_code::text IS NULL OR p.country_code = @phone_country_code)))
      AND (@address_street::text IS NULL AND @address_house_number::int IS NULL
           AND @address_house_number_suffix::text IS NULL AND @address_postal_code::text IS NULL
           AND @address_city::text IS NULL AND @address_country::text IS NULL OR EXISTS (
            SELECT 1 FROM address a
            WHERE a.customer_profile_id = c.id
              AND (@address_street::text IS NULL OR a.street = @address_street)
              AND (@address_house_number::int IS NULL OR a.house_number = @address_house_number)
              AND (@address_house_number_suffix::text IS NULL OR a.house_number_suffix = @address_house_number_suffix)
              AND (@address_postal_code::text IS NULL OR a.postal_code = @address_postal_code)
              AND (@address_city::text IS NULL OR a.city = @address_city)
              AND (@address_country::text IS NULL OR a.country = @address_country)))
)
SELECT m.*, (SELECT count(*) FROM matched) AS total_count,
       EXISTS (SELECT 1 FROM matched b WHERE b.customer_number <= @after) AS has_previous
FROM matched m
WHERE @after::bigint IS NULL OR m.customer_number > @after
ORDER BY m.customer_number
LIMIT @limit;

-- name: CustomerBySubject
-- The profile of an identity provider's subject.
SELECT id, customer_number FROM customer_profile WHERE subject = $1;

-- name: LockCustomer
SELECT id, customer_number, debtor_status_id, language_id, birthname, surname, prefix, suffix,
       date_of_birth, email_address
FROM customer_profile WHERE customer_number = $1 FOR UPDATE;

-- name: InsertCustomer
-- The customer number always comes from the sequence; subject is null for profiles a touchpoint
-- creates.
INSERT INTO customer_profile (subject, debtor_status_id, language_id, birthname, surname, prefix,
                              suffix, date_of_birth, email_address)
VALUES (@subject, @debtor_status_id, @language_id, @birthname, @surname, @prefix, @suffix,
        @date_of_birth, @email_address)
RETURNING id, customer_number;

-- name: UpdateCustomer
UPDATE customer_profile
SET debtor_status_id = @debtor_status_id, language_id = @language_id, birthname = @birthname,
    surname = @surname, prefix = @prefix, suffix = @suffix, date_of_birth = @date_of_birth,
    email_address = @email_address
WHERE id = @id;

-- name: StatusesByCustomers
SELECT s.customer_profile_id, t.name, s.from_inclusive, s.to_inclusive
FROM customer_status s JOIN customer_status_type t ON t.id = s.status_type_id
WHERE s.customer_profile_id = ANY($1::bigint[])
ORDER BY s.customer_profile_id, s.from_inclusive, s.id;

-- name: StatusTypeByName
SELECT id, name FROM customer_status_type WHERE lower(name) = lower($1);

-- name: CurrentStatus
SELECT s.id, s.status_type_id, t.name, s.decided_by
FROM customer_status s JOIN customer_status_type t ON t.id = s.status_type_id
WHERE s.customer_profile_id = $1 AND s.to_inclusive IS NULL
FOR UPDATE OF s;

-- name: TransitionAllowed
SELECT EXISTS (SELECT 1 FROM customer_status_transition WHERE from_status = $1 AND to_status = $2);

-- name: CloseStatus
UPDATE customer_status SET to_inclusive = $2 WHERE id = $1;

-- name: InsertStatus
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive, decided_by)
VALUES ($1, $2, $3, $4);
