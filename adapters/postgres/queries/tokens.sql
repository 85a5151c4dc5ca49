-- name: TokensByCustomers :many
SELECT * FROM token_view
WHERE customer_profile_id = ANY(@ids::bigint[])
ORDER BY customer_profile_id, id;

-- name: TokensByIDs :many
-- Tokens by id, on whatever profile (an order's customer tokens name them).
SELECT * FROM token_view WHERE id = ANY(@ids::bigint[]);

-- name: TokenByID :one
SELECT * FROM token_view WHERE customer_profile_id = @customer_profile_id AND id = @token_id;

-- name: InsertToken :one
-- status_decided_by is the kind of caller that set the status: application, staff or customer.
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias,
                         last_digits, ovpas_number, expiration_date, replaced_by_token_id,
                         status_decided_by)
VALUES (@customer_profile_id, @token_type_id, @token_status_id, @x_tat, @x_bot, @alias, @last_digits,
        @ovpas_number, @expiration_date, @replaced_by_token_id, @status_decided_by)
RETURNING id;

-- name: UpdateToken :exec
UPDATE ovpay_token
SET token_type_id = @token_type_id, token_status_id = @token_status_id, x_tat = @x_tat, x_bot = @x_bot,
    alias = @alias, last_digits = @last_digits, ovpas_number = @ovpas_number,
    expiration_date = @expiration_date, replaced_by_token_id = @replaced_by_token_id,
    status_decided_by = @status_decided_by
WHERE customer_profile_id = @customer_profile_id AND id = @token_id;

-- name: DeleteToken :one
DELETE FROM ovpay_token WHERE customer_profile_id = @customer_profile_id AND id = @token_id RETURNING id;

-- name: LockProfile :one
-- The profile row by its key, locked until the transaction ends (LockCustomer by number).
SELECT id FROM customer_profile WHERE id = @customer_profile_id FOR UPDATE;

-- name: TokensHoldingCard :many
-- The tokens that hold a card (by xTat) on any profile, removed ones left out: at most one.
SELECT * FROM token_view WHERE x_tat = @x_tat AND token_status_id <> 6 ORDER BY id;

-- name: ReplaceTokenBy :exec
-- The old token becomes Replaced (3) by the new one.
UPDATE ovpay_token
SET token_status_id = 3, replaced_by_token_id = @replaced_by_token_id, status_decided_by = @status_decided_by
WHERE customer_profile_id = @customer_profile_id AND id = @token_id;
