-- The validation of a concept order (resolvers.revalidate): what it reads of the order and its
-- lines, and where it stores what it found.

-- name: ValidationOrder :one
-- The order's uuid (the root of the findings' paths) and whether a direct-debit mandate covers it:
-- a SIGNED mandate of its profile or, for an order of nobody on file, the mandate input of one of
-- its payments.
SELECT o.order_id,
       (EXISTS (SELECT 1 FROM direct_debit_mandate m
                WHERE m.customer_profile_id = o.customer_profile_id AND m.mandate_state = 'SIGNED')
        OR (o.customer_profile_id IS NULL AND EXISTS (SELECT 1 FROM payment p JOIN mandate_input i ON i.payment_id = p.id
                                                      WHERE p.sales_order_id = o.id)))::boolean AS has_mandate
FROM sales_order o WHERE o.id = @id;

-- name: ValidationLines :many
-- The lines of an order with what their product requires, and each line's customer token (null
-- fields when it has none) with the card's xTat (its OVpay token's as it is now, else its own) and
-- its personal account data. A line with more than one token (not made by the API) has a row per
-- token.
SELECT l.id, l.order_line_id, l.valid_from,
       p.requires_valid_from, p.requires_customer_token, p.requires_mandate, p.gbo_age_profile_id,
       EXISTS (SELECT 1 FROM product c WHERE c.parent_id = p.id)::boolean AS has_children,
       t.customer_token_id, coalesce(ot.x_tat, t.x_tat) AS x_tat,
       d.id AS pad_key, d.birthdate AS pad_birthdate, d.challenge_type_id AS pad_challenge_type_id,
       d.verified_on AS pad_verified_on
FROM order_line l
JOIN product p ON p.id = l.product_id
LEFT JOIN customer_token t ON t.order_line_id = l.id
LEFT JOIN ovpay_token ot ON ot.id = t.ovpay_token_id
LEFT JOIN personal_account_data d ON d.customer_token_id = t.id
WHERE l.sales_order_id = @sales_order_id
ORDER BY l.id, t.id;

-- name: StoreValidation :exec
-- Stores the findings of the lines (@lines: [{id, result, validations}]; a line whose stored
-- findings are the same is not written), the order's validContents, and its total: the sum of
-- its lines' amounts including tax.
WITH lines AS (
    UPDATE order_line l SET validation_result = v.result, validations = v.validations
    FROM jsonb_to_recordset(@lines::jsonb) AS v(id bigint, result text, validations jsonb)
    WHERE l.id = v.id AND l.sales_order_id = @id::bigint
      AND (l.validation_result IS DISTINCT FROM v.result OR l.validations IS DISTINCT FROM v.validations)
    RETURNING l.id
)
UPDATE sales_order o SET valid_contents = @valid_contents::boolean,
    total_amount = (SELECT coalesce(sum(s.amount_incl_tax), 0)::integer FROM order_line s WHERE s.sales_order_id = o.id)
WHERE o.id = @id::bigint;
