-- +goose Up
-- The children of a profile as the graph reads them: each row with the names of its lookups, one
-- view per entity, so every read of an entity (a profile's list, one by id) returns the same row
-- type (customer_view does the same for profiles).

CREATE VIEW address_view AS
SELECT a.id, a.customer_profile_id, a.street, a.house_number, a.house_number_suffix, a.postal_code,
       a.city, a.country, a.address_type_id, t.name AS address_type, a.is_preferred
FROM address a JOIN address_type t ON t.id = a.address_type_id;

CREATE VIEW phone_view AS
SELECT p.id, p.customer_profile_id, p.number, p.country_code, p.phone_type_id, t.name AS phone_type,
       p.is_preferred
FROM phone p JOIN phone_type t ON t.id = p.phone_type_id;

CREATE VIEW token_view AS
SELECT t.id, t.customer_profile_id, t.token_type_id, tt.name AS token_type, t.token_status_id,
       ts.name AS token_status, t.x_tat, t.x_bot, t.alias, t.last_digits, t.ovpas_number,
       t.expiration_date, t.replaced_by_token_id, t.status_decided_by
FROM ovpay_token t
JOIN token_type tt ON tt.id = t.token_type_id
JOIN token_status ts ON ts.id = t.token_status_id;

CREATE VIEW mandate_view AS
SELECT m.id, m.customer_profile_id, m.mandate_type_id, t.name AS mandate_type_name,
       m.billing_information_id, m.mandate_reference, m.mandate_state, m.created, m.update_timestamp
FROM direct_debit_mandate m JOIN direct_debit_mandate_type t ON t.id = m.mandate_type_id;

-- +goose Down
DROP VIEW mandate_view, token_view, phone_view, address_view;
