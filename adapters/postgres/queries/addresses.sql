-- name: AddressesByCustomers :many
SELECT * FROM address_view
WHERE customer_profile_id = ANY(@ids::bigint[])
ORDER BY customer_profile_id, id;

-- name: AddressByID :one
SELECT * FROM address_view WHERE customer_profile_id = @customer_profile_id AND id = @address_id;

-- name: InsertAddress :one
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city,
                     country, address_type_id, is_preferred)
VALUES (@customer_profile_id, @street, @house_number, @house_number_suffix, @postal_code, @city,
        @country, @address_type_id, @is_preferred)
RETURNING id;

-- name: UpdateAddress :exec
UPDATE address
SET street = @street, house_number = @house_number, house_number_suffix = @house_number_suffix,
    postal_code = @postal_code, city = @city, country = @country, address_type_id = @address_type_id,
    is_preferred = @is_preferred
WHERE customer_profile_id = @customer_profile_id AND id = @address_id;

-- name: DeleteAddress :one
DELETE FROM address WHERE customer_profile_id = @customer_profile_id AND id = @address_id RETURNING id;

-- name: ClearPreferredAddresses :exec
-- Every address of the profile but keep stops being preferred.
UPDATE address SET is_preferred = false
WHERE customer_profile_id = @customer_profile_id AND id <> @keep AND is_preferred;
