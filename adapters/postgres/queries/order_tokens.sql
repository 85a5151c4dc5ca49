-- Customer tokens of order lines and their personal account data: the writes of the SE orders
-- API (run inside a write of the locked order) and the reads of the gboAgeProfile query.

-- name: OrderLineKeyByUUID :one
SELECT id FROM order_line WHERE order_line_id = @order_line_id::uuid;

-- name: LineHasCustomerToken :one
SELECT EXISTS (SELECT 1 FROM customer_token WHERE order_line_id = @order_line_id)::boolean;

-- name: OvPayTokenOfProfile :one
-- An OVpay token of a profile: how an order names a card its customer holds.
SELECT id, token_type_id, x_tat FROM ovpay_token WHERE id = @id AND customer_profile_id = @customer_profile_id;

-- name: InsertCustomerToken :one
INSERT INTO customer_token (order_line_id, token_type_id, ovpay_token_id, service_reference_id, amount, ovpas_number,
                            verification_code, x_tat)
VALUES (@order_line_id, @token_type_id, @ovpay_token_id, @service_reference_id, @amount, @ovpas_number,
        @verification_code, @x_tat)
RETURNING id;

-- name: CustomerTokenByUUID :one
SELECT id, order_line_id, token_type_id, ovpay_token_id, service_reference_id, amount, ovpas_number,
       verification_code, x_tat,
       EXISTS (SELECT 1 FROM personal_account_data d WHERE d.customer_token_id = customer_token.id)::boolean AS has_pad
FROM customer_token WHERE customer_token_id = @customer_token_id::uuid;

-- name: UpdateCustomerToken :exec
UPDATE customer_token SET token_type_id = @token_type_id, ovpay_token_id = @ovpay_token_id,
    service_reference_id = @service_reference_id, amount = @amount, ovpas_number = @ovpas_number,
    verification_code = @verification_code, x_tat = @x_tat
WHERE id = @id;

-- name: DeleteCustomerToken :exec
DELETE FROM customer_token WHERE id = @id;

-- name: InsertPersonalAccountData :one
INSERT INTO personal_account_data (customer_token_id, name, birthdate, photo, challenge_type_id)
VALUES (@customer_token_id, @name, @birthdate, @photo, @challenge_type_id)
RETURNING id;

-- name: PersonalAccountDataByUUID :one
SELECT id, customer_token_id, name, birthdate, photo, challenge_type_id
FROM personal_account_data WHERE personal_account_data_id = @personal_account_data_id::uuid;

-- name: UpdatePersonalAccountData :exec
UPDATE personal_account_data SET name = @name, birthdate = @birthdate, photo = @photo,
    challenge_type_id = @challenge_type_id, last_updated_on = now()
WHERE id = @id;

-- name: DeletePersonalAccountData :exec
DELETE FROM personal_account_data WHERE id = @id;

-- name: CustomerTokenBirthdate :one
-- What the gboAgeProfile query knows of a customer token's holder: the birthdate of its personal
-- account data (null when none) and its card's xTat (its OVpay token's as it is now, else its own;
-- null when none).
SELECT d.birthdate AS pad_birthdate, coalesce(o.x_tat, t.x_tat) AS x_tat
FROM customer_token t
LEFT JOIN ovpay_token o ON o.id = t.ovpay_token_id
LEFT JOIN personal_account_data d ON d.customer_token_id = t.id
WHERE t.customer_token_id = @customer_token_id::uuid;
