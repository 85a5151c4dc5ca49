-- +goose Up
-- customer_view also carries the id of the current status, so the APIs that show a status as
-- {customerStatusId, name} read both from the graph.
CREATE OR REPLACE VIEW customer_view AS
SELECT c.id, c.customer_number, c.debtor_number, c.debtor_status_id, ds.name AS debtor_status_name,
       c.vas_customer_number, c.language_id, l.name AS language_name, c.created,
       c.birthname, c.surname, c.prefix, c.suffix, c.date_of_birth, c.email_address,
       cur.name AS current_status, cur.id AS current_status_id
FROM customer_profile c
LEFT JOIN debtor_status ds ON ds.id = c.debtor_status_id
LEFT JOIN language l ON l.id = c.language_id
LEFT JOIN LATERAL (
    SELECT t.id, t.name FROM customer_status s JOIN customer_status_type t ON t.id = s.status_type_id
    WHERE s.customer_profile_id = c.id AND s.to_inclusive IS NULL
) cur ON true;

-- +goose Down
DROP VIEW customer_view;
CREATE VIEW customer_view AS
SELECT c.id, c.customer_number, c.debtor_number, c.debtor_status_id, ds.name AS debtor_status_name,
       c.vas_customer_number, c.language_id, l.name AS language_name, c.created,
       c.birthname, c.surname, c.prefix, c.suffix, c.date_of_birth, c.email_address,
       cur.name AS current_status
FROM customer_profile c
LEFT JOIN debtor_status ds ON ds.id = c.debtor_status_id
LEFT JOIN language l ON l.id = c.language_id
LEFT JOIN LATERAL (
    SELECT t.name FROM customer_status s JOIN customer_status_type t ON t.id = s.status_type_id
    WHERE s.customer_profile_id = c.id AND s.to_inclusive IS NULL
) cur ON true;
