-- Basket writes of the SE orders API: the order, its lines (copied from the catalogue), the order
-- customer and its addresses. Every statement runs in a write that holds the order's lock
-- (LockOrder), so a row read here stays as read until the write ends.

-- name: InsertOrder :one
-- A new order in status 1 concept, with the first entry of its status history.
WITH o AS (
    INSERT INTO sales_order (customer_profile_id, sales_touchpoint_id, language_id, external_order_id, order_status_id)
    VALUES (sqlc.narg(customer_profile_id)::bigint, @sales_touchpoint_id::integer, @language_id::integer,
            sqlc.narg(external_order_id)::text, @order_status_id::integer)
    RETURNING id, order_id, customer_profile_id, order_status_id, sales_touchpoint_id, total_amount, version, created_on
), h AS (
    INSERT INTO order_status_history (sales_order_id, order_status_id, description)
    SELECT o.id, o.order_status_id, @description::text FROM o
)
SELECT o.id, o.order_id, o.customer_profile_id, o.order_status_id, o.sales_touchpoint_id, o.total_amount, o.version,
       o.created_on
FROM o;

-- name: OrderLanguageExists :one
SELECT EXISTS (SELECT 1 FROM language WHERE id = @id::integer);

-- name: OrderHeader :one
-- The fields of an order updateOrder changes.
SELECT external_order_id, language_id FROM sales_order WHERE id = @id;

-- name: UpdateOrderHeader :exec
UPDATE sales_order SET external_order_id = sqlc.narg(external_order_id)::text, language_id = @language_id::integer
WHERE id = @id::bigint;

-- name: DeleteOrder :exec
-- Deletes an order; everything in it goes with it (the foreign keys cascade).
DELETE FROM sales_order WHERE id = @id;

-- name: ProductForOrderLine :one
-- What an order line copies from the catalogue.
SELECT id, name, description, fiko_article_number, tax_code, tax_percentage, price_incl_tax, duration, terms_urls
FROM product WHERE id = @id;

-- name: InsertOrderLine :one
INSERT INTO order_line (sales_order_id, external_order_line_id, product_id, product_name, product_description,
                        fiko_article_number, tax_code, tax_percentage, quantity, amount_incl_tax, valid_from, valid_until)
VALUES (@sales_order_id, @external_order_line_id, @product_id, @product_name, @product_description,
        @fiko_article_number, @tax_code, @tax_percentage, @quantity, @amount_incl_tax, @valid_from, @valid_until)
RETURNING id, order_line_id;

-- name: InsertOrderLineTerms :exec
-- The terms an order line is sold under, in the catalogue's order.
INSERT INTO order_line_terms (order_line_id, terms_url)
SELECT @order_line_id::bigint, u.url FROM unnest(@terms_urls::text[]) WITH ORDINALITY AS u(url, n) ORDER BY u.n;

-- name: DeleteOrderLineTerms :exec
DELETE FROM order_line_terms WHERE order_line_id = @order_line_id;

-- name: OrderLineForUpdate :one
-- An order line as updateOrderLine reads it before changing it.
SELECT id, order_line_id, sales_order_id, external_order_line_id, product_id, product_name, product_description,
       fiko_article_number, tax_code, tax_percentage, quantity, amount_incl_tax, valid_from, valid_until
FROM order_line WHERE order_line_id = @order_line_id::uuid;

-- name: UpdateOrderLine :exec
UPDATE order_line
SET external_order_line_id = @external_order_line_id, product_id = @product_id, product_name = @product_name,
    product_description = @product_description, fiko_article_number = @fiko_article_number, tax_code = @tax_code,
    tax_percentage = @tax_percentage, quantity = @quantity, amount_incl_tax = @amount_incl_tax,
    valid_from = @valid_from, valid_until = @valid_until, last_updated_on = greatest(now(), created_on)
WHERE id = @id;

-- name: DeleteCustomerTokensOfLine :many
-- Removes the customer tokens of a line (their personal account data go with them); the keys removed.
DELETE FROM customer_token WHERE order_line_id = @order_line_id RETURNING id;

-- name: DeleteOrderLine :one
DELETE FROM order_line WHERE order_line_id = @order_line_id::uuid RETURNING id;

-- name: OrderCustomerKeyOfOrder :one
SELECT id FROM order_customer WHERE sales_order_id = @sales_order_id;

-- name: InsertOrderCustomer :one
INSERT INTO order_customer (sales_order_id, birthname, surname, prefix, email_address, date_of_birth)
VALUES (@sales_order_id, @birthname, @surname, @prefix, @email_address, @date_of_birth)
RETURNING id;

-- name: OrderCustomerForUpdate :one
SELECT id, birthname, surname, prefix, email_address, date_of_birth
FROM order_customer WHERE order_customer_id = @order_customer_id::uuid;

-- name: UpdateOrderCustomer :exec
UPDATE order_customer
SET birthname = @birthname, surname = @surname, prefix = @prefix, email_address = @email_address,
    date_of_birth = @date_of_birth
WHERE id = @id;

-- name: OrderAddressTypeExists :one
SELECT EXISTS (SELECT 1 FROM address_type WHERE id = @id::integer);

-- name: InsertOrderCustomerAddress :one
INSERT INTO order_customer_address (order_customer_id, address_type_id, street, house_number, house_number_suffix,
                                    postal_code, city, country)
VALUES (@order_customer_id, @address_type_id, @street, @house_number, @house_number_suffix, @postal_code, @city, @country)
RETURNING id;

-- name: OrderCustomerAddressForUpdate :one
SELECT id, address_type_id, street, house_number, house_number_suffix, postal_code, city, country
FROM order_customer_address WHERE order_customer_address_id = @order_customer_address_id::uuid;

-- name: UpdateOrderCustomerAddress :exec
UPDATE order_customer_address
SET address_type_id = @address_type_id, street = @street, house_number = @house_number,
    house_number_suffix = @house_number_suffix, postal_code = @postal_code, city = @city, country = @country
WHERE id = @id;

-- name: DeleteOrderCustomerAddress :one
DELETE FROM order_customer_address WHERE order_customer_address_id = @order_customer_address_id::uuid RETURNING id;
