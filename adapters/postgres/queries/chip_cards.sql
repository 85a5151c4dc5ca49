-- name: ChipCardsByCustomers :many
SELECT * FROM ov_chip_card
WHERE customer_profile_id = ANY(@ids::bigint[])
ORDER BY customer_profile_id, id;

-- name: ChipCardByID :one
SELECT * FROM ov_chip_card WHERE customer_profile_id = @customer_profile_id AND id = @chip_card_id;

-- name: InsertChipCard :one
INSERT INTO ov_chip_card (customer_profile_id, chip_card_number, valid_until, alias)
VALUES (@customer_profile_id, @chip_card_number, @valid_until, @alias)
RETURNING id;

-- name: DeleteChipCard :one
DELETE FROM ov_chip_card WHERE customer_profile_id = @customer_profile_id AND id = @chip_card_id RETURNING id;
