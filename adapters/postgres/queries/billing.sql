-- name: BillingByCustomers :many
SELECT * FROM billing_information
WHERE customer_profile_id = ANY(@ids::bigint[])
ORDER BY customer_profile_id, id;

-- name: BillingByID :one
SELECT * FROM billing_information WHERE customer_profile_id = @customer_profile_id AND id = @billing_information_id;

-- name: InsertBilling :one
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id)
VALUES (@customer_profile_id, @iban, @bic, @ascription, @alias, @billing_address_id)
RETURNING id;

-- name: UpdateBilling :exec
UPDATE billing_information
SET iban = @iban, bic = @bic, ascription = @ascription, alias = @alias,
    billing_address_id = @billing_address_id
WHERE customer_profile_id = @customer_profile_id AND id = @billing_information_id;
