-- name: AuditByCustomers :many
SELECT id, customer_profile_id, action, entity, entity_id, "user", "timestamp", correlation_id
FROM audit_trail
WHERE customer_profile_id = ANY(@ids::bigint[])
ORDER BY customer_profile_id, id;

-- name: InsertAudit :exec
-- One write: who did what to which entity, under which correlation id; detail is a JSON object of
-- the fields the write set (never secrets).
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id, detail)
VALUES (@customer_profile_id, @action, @entity, @entity_id, sqlc.arg(user_name), @correlation_id, @detail);
