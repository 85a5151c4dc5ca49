-- +goose Up
-- Writes of the SE orders API: what the validation of an order found (stored by every write, so
-- a read shows it without re-running it), and which application is which sales touchpoint.

-- valid_contents: every line valid; null once the order is paid (its lines are no longer
-- validated). A line's validation_result is valid, preliminary (only REMARKs) or invalid (an
-- ERROR), null once paid; validations are the findings, [{code, detail, path, parameter, type}].
ALTER TABLE sales_order ADD COLUMN valid_contents boolean DEFAULT true;
ALTER TABLE order_line
    ADD COLUMN validation_result text CHECK (validation_result IN ('valid', 'preliminary', 'invalid')),
    ADD COLUMN validations jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(validations) = 'array');

-- The application (the subject of its token) that sells through a touchpoint: an order or payment
-- it makes is stamped with that touchpoint.
ALTER TABLE sales_touchpoint ADD COLUMN client_id text UNIQUE;

CREATE OR REPLACE VIEW order_view AS
SELECT o.id, o.order_id, o.order_number, o.external_order_id, o.customer_profile_id, o.total_amount,
       o.created_on, o.last_updated_on,
       o.order_status_id, s.name AS order_status_name,
       o.sales_touchpoint_id, t.name AS touchpoint_name, t.is_active AS touchpoint_is_active,
       t.retailer_id AS touchpoint_retailer_id,
       o.language_id, l.name AS language_name, l.iso639_code AS language_iso639_code,
       l.ietf_code AS language_ietf_code,
       c.id AS order_customer_key, c.order_customer_id, c.birthname AS customer_birthname,
       c.surname AS customer_surname, c.prefix AS customer_prefix, c.email_address AS customer_email_address,
       c.date_of_birth AS customer_date_of_birth,
       o.valid_contents, o.version
FROM sales_order o
JOIN order_status s ON s.id = o.order_status_id
JOIN sales_touchpoint t ON t.id = o.sales_touchpoint_id
JOIN language l ON l.id = o.language_id
LEFT JOIN order_customer c ON c.sales_order_id = o.id;

-- +goose Down
DROP VIEW order_view;
CREATE VIEW order_view AS
SELECT o.id, o.order_id, o.order_number, o.external_order_id, o.customer_profile_id, o.total_amount,
       o.created_on, o.last_updated_on,
       o.order_status_id, s.name AS order_status_name,
       o.sales_touchpoint_id, t.name AS touchpoint_name, t.is_active AS touchpoint_is_active,
       t.retailer_id AS touchpoint_retailer_id,
       o.language_id, l.name AS language_name, l.iso639_code AS language_iso639_code,
       l.ietf_code AS language_ietf_code,
       c.id AS order_customer_key, c.order_customer_id, c.birthname AS customer_birthname,
       c.surname AS customer_surname, c.prefix AS customer_prefix, c.email_address AS customer_email_address,
       c.date_of_birth AS customer_date_of_birth
FROM sales_order o
JOIN order_status s ON s.id = o.order_status_id
JOIN sales_touchpoint t ON t.id = o.sales_touchpoint_id
JOIN language l ON l.id = o.language_id
LEFT JOIN order_customer c ON c.sales_order_id = o.id;
ALTER TABLE sales_touchpoint DROP COLUMN client_id;
ALTER TABLE order_line DROP COLUMN validations, DROP COLUMN validation_result;
ALTER TABLE sales_order DROP COLUMN valid_contents;
