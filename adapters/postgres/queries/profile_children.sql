-- name: ProfileChildren :many
-- The child lists of the profiles @ids in one statement: one row per child, of the lists whose
-- flag is true (a list not asked for is not read), per profile and list in the order of the
-- statements of each list (StatusesByCustomers, AddressesByCustomers, ...). Store.PageChildren
-- splits the rows into theirs.
--
-- kind says which list a row belongs to. The columns after id are slots by type that each kind
-- fills with its own fields, so a row is as wide as the widest kind, not as all of them:
--   1 status:    text1 name; time1 from_inclusive; maybe_time1 to_inclusive
--   2 address:   text1..4 street, postal_code, city, country; type_id, type_name its type;
--                maybe_text1 house_number_suffix; int1 house_number; is_preferred
--   3 phone:     text1, text2 number, country_code; type_id, type_name its type; is_preferred
--   4 chip card: big1 chip_card_number; maybe_text1 alias; valid_until
--   5 token:     text1, text2 token_status, status_decided_by; type_id, type_name its type;
--                int1 token_status_id; maybe_text1..5 alias, x_tat, x_bot, last_digits,
--                ovpas_number; maybe_big1 replaced_by_token_id; maybe_time1 expiration_date
--   6 billing:   text1..3 iban, ascription, alias; maybe_text1 bic; maybe_big1 billing_address_id;
--                time1 created
--   7 mandate:   text1, text2 mandate_reference, mandate_state; type_id, type_name its type;
--                big1 billing_information_id; time1, time2 created, update_timestamp
--   8 audit:     text1..4 action, entity, user, correlation_id; maybe_big1 entity_id;
--                time1 timestamp
-- A slot a kind leaves empty is NULL where it may be NULL, else '', 0, false or the epoch, so the
-- fields NOT NULL in their tables scan into plain values. sqlc takes the names, types and
-- nullability of a UNION's columns from its first branch, so the first branch only types them
-- and returns no row.
SELECT c.* FROM (
    SELECT 0 AS kind, 0::bigint AS customer_profile_id, 0::bigint AS id,
           ''::text AS text1, ''::text AS text2, ''::text AS text3, ''::text AS text4,
           0::integer AS type_id, ''::text AS type_name,
           NULL::text AS maybe_text1, NULL::text AS maybe_text2, NULL::text AS maybe_text3,
           NULL::text AS maybe_text4, NULL::text AS maybe_text5,
           0::integer AS int1, 0::bigint AS big1, NULL::bigint AS maybe_big1, false AS is_preferred,
           'epoch'::timestamptz AS time1, 'epoch'::timestamptz AS time2, NULL::timestamptz AS maybe_time1,
           NULL::date AS valid_until
    WHERE false
    UNION ALL
    SELECT 1, s.customer_profile_id, s.id, t.name, '', '', '', 0, '', NULL, NULL, NULL, NULL, NULL,
           0, 0, NULL, false, s.from_inclusive, 'epoch', s.to_inclusive, NULL
    FROM customer_status s JOIN customer_status_type t ON t.id = s.status_type_id
    WHERE s.customer_profile_id = ANY(@ids::bigint[]) AND @statuses::boolean
    UNION ALL
    SELECT 2, a.customer_profile_id, a.id, a.street, a.postal_code, a.city, a.country,
           a.address_type_id, a.address_type, a.house_number_suffix, NULL, NULL, NULL, NULL,
           a.house_number, 0, NULL, a.is_preferred, 'epoch', 'epoch', NULL, NULL
    FROM address_view a
    WHERE a.customer_profile_id = ANY(@ids::bigint[]) AND @addresses::boolean
    UNION ALL
    SELECT 3, p.customer_profile_id, p.id, p.number, p.country_code, '', '', p.phone_type_id, p.phone_type,
           NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, p.is_preferred, 'epoch', 'epoch', NULL, NULL
    FROM phone_view p
    WHERE p.customer_profile_id = ANY(@ids::bigint[]) AND @phones::boolean
    UNION ALL
    SELECT 4, o.customer_profile_id, o.id, '', '', '', '', 0, '', o.alias, NULL, NULL, NULL, NULL,
           0, o.chip_card_number, NULL, false, 'epoch', 'epoch', NULL, o.valid_until
    FROM ov_chip_card o
    WHERE o.customer_profile_id = ANY(@ids::bigint[]) AND @chip_cards::boolean
    UNION ALL
    SELECT 5, k.customer_profile_id, k.id, k.token_status, k.status_decided_by, '', '', k.token_type_id, k.token_type,
           k.alias, k.x_tat, k.x_bot, k.last_digits, k.ovpas_number,
           k.token_status_id, 0, k.replaced_by_token_id, false, 'epoch', 'epoch', k.expiration_date, NULL
    FROM token_view k
    WHERE k.customer_profile_id = ANY(@ids::bigint[]) AND @tokens::boolean
    UNION ALL
    SELECT 6, b.customer_profile_id, b.id, b.iban, b.ascription, b.alias, '', 0, '', b.bic, NULL, NULL, NULL, NULL,
           0, 0, b.billing_address_id, false, b.created, 'epoch', NULL, NULL
    FROM billing_information b
    WHERE b.customer_profile_id = ANY(@ids::bigint[]) AND @billing::boolean
    UNION ALL
    SELECT 7, m.customer_profile_id, m.id, m.mandate_reference, m.mandate_state::text, '', '',
           m.mandate_type_id, m.mandate_type_name, NULL, NULL, NULL, NULL, NULL,
           0, m.billing_information_id, NULL, false, m.created, m.update_timestamp, NULL, NULL
    FROM mandate_view m
    WHERE m.customer_profile_id = ANY(@ids::bigint[]) AND @mandates::boolean
    UNION ALL
    SELECT 8, e.customer_profile_id, e.id, e.action, e.entity, e."user", e.correlation_id, 0, '',
           NULL, NULL, NULL, NULL, NULL, 0, 0, e.entity_id, false, e."timestamp", 'epoch', NULL, NULL
    FROM audit_trail e
    WHERE e.customer_profile_id = ANY(@ids::bigint[]) AND @audit::boolean
) c
-- Statuses go by their start, as StatusesByCustomers orders them; every other list by id.
ORDER BY c.customer_profile_id, c.kind, CASE WHEN c.kind = 1 THEN c.time1 END, c.id;
