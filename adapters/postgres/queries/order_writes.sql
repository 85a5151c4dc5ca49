-- The write side of the SE orders API: finding the order a write names, locking it, and the
-- bookkeeping every write of an order does.

-- name: OrderKeyByUUID :one
SELECT id FROM sales_order WHERE order_id = @order_id::uuid;

-- name: OrderKeyOfLine :one
SELECT sales_order_id FROM order_line WHERE order_line_id = @order_line_id::uuid;

-- name: OrderKeyOfCustomerToken :one
SELECT l.sales_order_id FROM customer_token t JOIN order_line l ON l.id = t.order_line_id
WHERE t.customer_token_id = @customer_token_id::uuid;

-- name: OrderKeyOfPersonalAccountData :one
SELECT l.sales_order_id FROM personal_account_data p
JOIN customer_token t ON t.id = p.customer_token_id
JOIN order_line l ON l.id = t.order_line_id
WHERE p.personal_account_data_id = @personal_account_data_id::uuid;

-- name: OrderKeyOfPayment :one
SELECT sales_order_id FROM payment WHERE payment_id = @payment_id::uuid;

-- name: OrderKeyOfOrderCustomer :one
SELECT sales_order_id FROM order_customer WHERE order_customer_id = @order_customer_id::uuid;

-- name: OrderKeyOfOrderCustomerAddress :one
SELECT c.sales_order_id FROM order_customer_address a JOIN order_customer c ON c.id = a.order_customer_id
WHERE a.order_customer_address_id = @order_customer_address_id::uuid;

-- name: LockOrder :one
-- An order locked for the rest of the transaction: concurrent writes of it wait for each other.
SELECT id, order_id, customer_profile_id, order_status_id, sales_touchpoint_id, total_amount, version, created_on
FROM sales_order WHERE id = @id FOR UPDATE;

-- name: TouchOrder :exec
-- Every write of an order counts in its version and moves its last change.
UPDATE sales_order SET version = version + 1, last_updated_on = greatest(now(), created_on) WHERE id = @id;

-- name: SetOrderStatus :exec
-- Moves an order to a status and records it in the history (the current status is the newest).
WITH moved AS (
    UPDATE sales_order SET order_status_id = @order_status_id::integer WHERE sales_order.id = @id::bigint RETURNING sales_order.id
)
INSERT INTO order_status_history (sales_order_id, order_status_id, description)
SELECT moved.id, @order_status_id::integer, @description::text FROM moved;

-- name: TouchpointByClient :one
SELECT id FROM sales_touchpoint WHERE client_id = @client_id AND is_active;
