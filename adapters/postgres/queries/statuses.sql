-- name: StatusesByCustomers :many
SELECT s.customer_profile_id, t.name, s.from_inclusive, s.to_inclusive
FROM customer_status s JOIN customer_status_type t ON t.id = s.status_type_id
WHERE s.customer_profile_id = ANY(@ids::bigint[])
ORDER BY s.customer_profile_id, s.from_inclusive, s.id;

-- name: StatusTypeByName :one
SELECT * FROM customer_status_type WHERE lower(name) = lower(@name);

-- name: CurrentStatus :one
-- The open status of a profile, locked until the transaction ends.
SELECT s.id, s.status_type_id, t.name, s.decided_by
FROM customer_status s JOIN customer_status_type t ON t.id = s.status_type_id
WHERE s.customer_profile_id = @customer_profile_id AND s.to_inclusive IS NULL
FOR UPDATE OF s;

-- name: TransitionAllowed :one
SELECT EXISTS (
    SELECT 1 FROM customer_status_transition WHERE from_status = @from_status AND to_status = @to_status
);

-- name: CloseStatus :exec
-- Status intervals take the database's clock, now(): the start of the transaction, so a status
-- closed and one opened in the same transaction meet at the same instant, the instant its other
-- rows (created, audit timestamp) carry.
UPDATE customer_status SET to_inclusive = now() WHERE id = @status_id;

-- name: InsertStatus :exec
-- decided_by is the kind of caller that set the status: application, staff or customer. It starts
-- now(), as CloseStatus ends one.
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive, decided_by)
VALUES (@customer_profile_id, @status_type_id, now(), @decided_by);
