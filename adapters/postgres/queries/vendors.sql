-- name: VendorLinksByCustomers :many
SELECT * FROM vendor_link
WHERE customer_profile_id = ANY(@ids::bigint[])
ORDER BY customer_profile_id, vendor;

-- name: VendorLink :one
SELECT * FROM vendor_link WHERE customer_profile_id = @customer_profile_id AND vendor = @vendor;

-- name: VendorLinkOwner :one
-- The profile a vendor's customer is linked to.
SELECT customer_profile_id FROM vendor_link
WHERE vendor = @vendor AND org = @org AND external_id = @external_id;

-- name: UpsertVendorLink :one
-- Link a profile to a vendor's customer, replacing its earlier link to that vendor.
INSERT INTO vendor_link (customer_profile_id, vendor, external_id, org)
VALUES (@customer_profile_id, @vendor, @external_id, @org)
ON CONFLICT (customer_profile_id, vendor) DO UPDATE
SET external_id = EXCLUDED.external_id, org = EXCLUDED.org, linked_at = now()
RETURNING *;

-- name: DeleteVendorLink :execrows
DELETE FROM vendor_link WHERE customer_profile_id = @customer_profile_id AND vendor = @vendor;

-- name: InsertVendorSync :one
INSERT INTO vendor_sync (customer_profile_id, vendor, operation, subject)
VALUES (@customer_profile_id, @vendor, @operation, @subject)
RETURNING *;

-- name: VendorSyncsByCustomers :many
SELECT * FROM vendor_sync
WHERE customer_profile_id = ANY(@ids::bigint[])
ORDER BY customer_profile_id, id;

-- name: VendorSyncForUpdate :one
SELECT * FROM vendor_sync WHERE id = @id FOR UPDATE;

-- name: RecordVendorSync :one
-- The outcome of one attempt to push a sync.
UPDATE vendor_sync
SET state = @state, attempts = attempts + 1, last_error_code = @last_error_code,
    external_id = coalesce(@external_id, external_id), updated = now()
WHERE id = @id
RETURNING *;
