-- name: Lookups :many
-- Every entry of one lookup table (named by its table), by id.
SELECT id, name FROM language WHERE @lookup_table::text = 'language'
UNION ALL SELECT id, name FROM address_type WHERE @lookup_table::text = 'address_type'
UNION ALL SELECT id, name FROM phone_type WHERE @lookup_table::text = 'phone_type'
UNION ALL SELECT id, name FROM token_type WHERE @lookup_table::text = 'token_type'
UNION ALL SELECT id, name FROM token_status WHERE @lookup_table::text = 'token_status'
UNION ALL SELECT id, name FROM debtor_status WHERE @lookup_table::text = 'debtor_status'
UNION ALL SELECT id, name FROM direct_debit_mandate_type WHERE @lookup_table::text = 'direct_debit_mandate_type'
ORDER BY id;

-- name: MandateTypeByName :one
SELECT * FROM direct_debit_mandate_type WHERE lower(name) = lower(@name);

-- name: CustomerStatusTypes :many
-- The customer statuses with the statuses each may move to.
SELECT t.name,
       coalesce(array_agg(n.name ORDER BY n.id) FILTER (WHERE n.id IS NOT NULL), '{}')::text[] AS allowed_next
FROM customer_status_type t
LEFT JOIN customer_status_transition tr ON tr.from_status = t.id
LEFT JOIN customer_status_type n ON n.id = tr.to_status
GROUP BY t.id, t.name
ORDER BY t.id;
