-- name: MandatesByCustomers :many
SELECT * FROM mandate_view
WHERE customer_profile_id = ANY(@ids::bigint[])
ORDER BY customer_profile_id, id;

-- name: MandateByID :one
SELECT * FROM mandate_view WHERE customer_profile_id = @customer_profile_id AND id = @mandate_id;

-- name: InsertMandate :one
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id,
                                  mandate_reference)
VALUES (@customer_profile_id, @mandate_type_id, @billing_information_id, @mandate_reference)
RETURNING id;

-- name: UpdateMandate :exec
UPDATE direct_debit_mandate
SET mandate_type_id = @mandate_type_id, billing_information_id = @billing_information_id,
    mandate_reference = @mandate_reference, mandate_state = @mandate_state, update_timestamp = now()
WHERE customer_profile_id = @customer_profile_id AND id = @mandate_id;
