-- name: AddressesByCustomers
SELECT a.id, a.customer_profile_id, a.street, a.house_number, a.house_number_suffix, a.postal_code,
       a.city, a.country, a.address_type_id, t.name AS address_type, a.is_preferred
FROM address a JOIN address_type t ON t.id = a.address_type_id
WHERE a.customer_profile_id = ANY($1::bigint[])
ORDER BY a.customer_profile_id, a.id;

-- name: AddressByID
SELECT a.id, a.customer_profile_id, a.street, a.house_number, a.house_number_suffix, a.postal_code,
       a.city, a.country, a.address_type_id, t.name AS address_type, a.is_preferred
FROM address a JOIN address_type t ON t.id = a.address_type_id
WHERE a.customer_profile_id = $1 AND a.id = $2;

-- name: InsertAddress
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city,
                     country, address_type_id, is_preferred)
VALUES (@customer_profile_id, @street, @house_number, @house_number_suffix, @postal_code, @city,
        @country, @address_type_id, @is_preferred)
RETURNING id;

-- name: UpdateAddress
UPDATE address
SET street = @street, house_number = @house_number, house_number_suffix = @house_number_suffix,
    postal_code = @postal_code, city = @city, country = @country, address_type_id = @address_type_id,
    is_preferred = @is_preferred
WHERE customer_profile_id = @customer_profile_id AND id = @id;

-- name: DeleteAddress
DELETE FROM address WHERE customer_profile_id = $1 AND id = $2;

-- name: ClearPreferredAddresses
UPDATE address SET is_preferred = false WHERE customer_profile_id = $1 AND id <> $2 AND is_preferred;

-- name: PhonesByCustomers
SELECT p.id, p.customer_profile_id, p.number, p.country_code, p.phone_type_id, t.name AS phone_type,
       p.is_preferred
FROM phone p JOIN phone_type t ON t.id = p.phone_type_id
WHERE p.customer_profile_id = ANY($1::bigint[])
ORDER BY p.customer_profile_id, p.id;

-- name: PhoneByID
SELECT p.id, p.customer_profile_id, p.number, p.country_code, p.phone_type_id, t.name AS phone_type,
       p.is_preferred
FROM phone p JOIN phone_type t ON t.id = p.phone_type_id
WHERE p.customer_profile_id = $1 AND p.id = $2;

-- name: InsertPhone
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred)
VALUES (@customer_profile_id, @number, @country_code, @phone_type_id, @is_preferred)
RETURNING id;

-- name: UpdatePhone
UPDATE phone
SET number = @number, country_code = @country_code, phone_type_id = @phone_type_id,
    is_preferred = @is_preferred
WHERE customer_profile_id = @customer_profile_id AND id = @id;

-- name: DeletePhone
DELETE FROM phone WHERE customer_profile_id = $1 AND id = $2;

-- name: ClearPreferredPhones
UPDATE phone SET is_preferred = false WHERE customer_profile_id = $1 AND id <> $2 AND is_preferred;

-- name: ChipCardsByCustomers
SELECT id, customer_profile_id, chip_card_number, valid_until, alias
FROM ov_chip_card
WHERE customer_profile_id = ANY($1::bigint[])
ORDER BY customer_profile_id, id;

-- name: ChipCardByID
SELECT id, customer_profile_id, chip_card_number, valid_until, alias
FROM ov_chip_card WHERE customer_profile_id = $1 AND id = $2;

-- name: InsertChipCard
INSERT INTO ov_chip_card (customer_profile_id, chip_card_number, valid_until, alias)
VALUES (@customer_profile_id, @chip_card_number, @valid_until, @alias)
RETURNING id;

-- name: DeleteChipCard
DELETE FROM ov_chip_card WHERE customer_profile_id = $1 AND id = $2;

-- name: TokensByCustomers
SELECT t.id, t.customer_profile_id, t.token_type_id, tt.name AS token_type, t.token_status_id,
       ts.name AS token_status, t.x_tat, t.x_bot, t.alias, t.last_digits, t.ovpas_number,
       t.expiration_date, t.replaced_by_token_id, t.status_decided_by
FROM ovpay_token t
JOIN token_type tt ON tt.id = t.token_type_id
JOIN token_status ts ON ts.id = t.token_status_id
WHERE t.customer_profile_id = ANY($1::bigint[])
ORDER BY t.customer_profile_id, t.id;

-- name: TokenByID
SELECT t.id, t.customer_profile_id, t.token_type_id, tt.name AS token_type, t.token_status_id,
       ts.name AS token_status, t.x_tat, t.x_bot, t.alias, t.last_digits, t.ovpas_number,
       t.expiration_date, t.replaced_by_token_id, t.status_decided_by
FROM ovpay_token t
JOIN token_type tt ON tt.id = t.token_type_id
JOIN token_status ts ON ts.id = t.token_status_id
WHERE t.customer_profile_id = $1 AND t.id = $2;

-- name: InsertToken
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias,
                         last_digits, ovpas_number, expiration_date, replaced_by_token_id,
                         status_decided_by)
VALUES (@customer_profile_id, @token_type_id, @token_status_id, @x_tat, @x_bot, @alias, @last_digits,
        @ovpas_number, @expiration_date, @replaced_by_token_id, @status_decided_by)
RETURNING id;

-- name: UpdateToken
UPDATE ovpay_token
SET token_type_id = @token_type_id, token_status_id = @token_status_id, x_tat = @x_tat, x_bot = @x_bot,
    alias = @alias, last_digits = @last_digits, ovpas_number = @ovpas_number,
    expiration_date = @expiration_date, replaced_by_token_id = @replaced_by_token_id,
    status_decided_by = @status_decided_by
WHERE customer_profile_id = @customer_profile_id AND id = @id;

-- name: DeleteToken
DELETE FROM ovpay_token WHERE customer_profile_id = $1 AND id = $2;

-- name: BillingByCustomers
SELECT id, customer_profile_id, iban, bic, ascription, alias, billing_address_id, created
FROM billing_information
WHERE customer_profile_id = ANY($1::bigint[])
ORDER BY customer_profile_id, id;

-- name: BillingByID
SELECT id, customer_profile_id, iban, bic, ascription, alias, billing_address_id, created
FROM billing_information WHERE customer_profile_id = $1 AND id = $2;

-- name: InsertBilling
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id)
VALUES (@customer_profile_id, @iban, @bic, @ascription, @alias, @billing_address_id)
RETURNING id;

-- name: UpdateBilling
UPDATE billing_information
SET iban = @iban, bic = @bic, ascription = @ascription, alias = @alias,
    billing_address_id = @billing_address_id
WHERE customer_profile_id = @customer_profile_id AND id = @id;

-- name: MandatesByCustomers
SELECT m.id, m.customer_profile_id, m.mandate_type_id, t.name AS mandate_type_name,
       m.billing_information_id, m.mandate_reference, m.mandate_state::text AS mandate_state,
       m.created, m.update_timestamp
FROM direct_debit_mandate m JOIN direct_debit_mandate_type t ON t.id = m.mandate_type_id
WHERE m.customer_profile_id = ANY($1::bigint[])
ORDER BY m.customer_profile_id, m.id;

-- name: MandateByID
SELECT m.id, m.customer_profile_id, m.mandate_type_id, t.name AS mandate_type_name,
       m.billing_information_id, m.mandate_reference, m.mandate_state::text AS mandate_state,
       m.created, m.update_timestamp
FROM direct_debit_mandate m JOIN direct_debit_mandate_type t ON t.id = m.mandate_type_id
WHERE m.customer_profile_id = $1 AND m.id = $2;

-- name: InsertMandate
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id,
                                  mandate_reference)
VALUES (@customer_profile_id, @mandate_type_id, @billing_information_id, @mandate_reference)
RETURNING id;

-- name: UpdateMandate
UPDATE direct_debit_mandate
SET mandate_type_id = @mandate_type_id, billing_information_id = @billing_information_id,
    mandate_reference = @mandate_reference, mandate_state = @mandate_state::mandate_state,
    update_timestamp = now()
WHERE customer_profile_id = @customer_profile_id AND id = @id;

-- name: AuditByCustomers
SELECT id, customer_profile_id, action, entity, entity_id, "user", "timestamp", correlation_id
FROM audit_trail
WHERE customer_profile_id = ANY($1::bigint[])
ORDER BY customer_profile_id, id;

-- name: InsertAudit
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id, detail)
VALUES (@customer_profile_id, @action, @entity, @entity_id, @user, @correlation_id, @detail);
