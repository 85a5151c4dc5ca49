-- name: Languages
SELECT id, name FROM language ORDER BY id;

-- name: AddressTypes
SELECT id, name FROM address_type ORDER BY id;

-- name: PhoneTypes
SELECT id, name FROM phone_type ORDER BY id;

-- name: TokenTypes
SELECT id, name FROM token_type ORDER BY id;

-- name: TokenStatuses
SELECT id, name FROM token_status ORDER BY id;

-- name: DebtorStatuses
SELECT id, name FROM debtor_status ORDER BY id;

-- name: MandateTypes
SELECT id, name FROM direct_debit_mandate_type ORDER BY id;

-- name: MandateTypeByName
SELECT id, name FROM direct_debit_mandate_type WHERE lower(name) = lower($1);

-- name: CustomerStatusTypes
SELECT t.name, coalesce(array_agg(n.name ORDER BY n.id) FILTER (WHERE n.id IS NOT NULL), '{}') AS allowed_next
FROM customer_status_type t
LEFT JOIN customer_status_transition tr ON tr.from_status = t.id
LEFT JOIN customer_status_type n ON n.id = tr.to_status
GROUP BY t.id, t.name
ORDER BY t.id;
