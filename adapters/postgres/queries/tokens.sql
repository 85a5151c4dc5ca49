-- name: TokensByCustomers :many
SELECT * FROM token_view
WHERE customer_profile_id = ANY(@ids::bigint[])
ORDER BY customer_profile_id, id;

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
