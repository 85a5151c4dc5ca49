-- name: PhonesByCustomers :many
SELECT * FROM phone_view
WHERE customer_profile_id = ANY(@ids::bigint[])
ORDER BY customer_profile_id, id;

-- name: PhoneByID :one
SELECT * FROM phone_view WHERE customer_profile_id = @customer_profile_id AND id = @phone_id;

-- name: InsertPhone :one
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred)
VALUES (@customer_profile_id, @number, @country_code, @phone_type_id, @is_preferred)
RETURNING id;

-- name: UpdatePhone :exec
UPDATE phone
SET number = @number, country_code = @country_code, phone_type_id = @phone_type_id,
    is_preferred = @is_preferred
WHERE customer_profile_id = @customer_profile_id AND id = @phone_id;

-- name: DeletePhone :one
DELETE FROM phone WHERE customer_profile_id = @customer_profile_id AND id = @phone_id RETURNING id;

-- name: ClearPreferredPhones :exec
-- Every phone of the profile but keep stops being preferred.
UPDATE phone SET is_preferred = false
WHERE customer_profile_id = @customer_profile_id AND id <> @keep AND is_preferred;
