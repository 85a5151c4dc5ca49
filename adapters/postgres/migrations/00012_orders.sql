-- +goose Up
-- The SE orders API: its catalogue (lookups and the product tree) and orders with their lines,
-- customer tokens, personal account data, payments, order customer, status history, accounting
-- statuses and purchased products. Every object the API names by a uuid has one (order_id,
-- order_line_id, ...) beside its internal key (id), which children refer to. Money is integer
-- euro cents throughout.

-- Languages as the SE APIs show them: the contract writes iso639Code 'nl-NL' and ietfCode 'nl'
-- (swapped, by the standards' names); they are kept as written, since clients compare them.
ALTER TABLE language ADD COLUMN iso639_code text, ADD COLUMN ietf_code text;
UPDATE language SET iso639_code = 'nl-NL', ietf_code = 'nl' WHERE id = 1;
UPDATE language SET iso639_code = 'en-GB', ietf_code = 'en' WHERE id = 2;
ALTER TABLE language ALTER COLUMN iso639_code SET NOT NULL, ALTER COLUMN ietf_code SET NOT NULL;

-- Order statuses as the contract's orderStatusId parameter lists them.
CREATE TABLE order_status (
    id   integer PRIMARY KEY,
    name text NOT NULL UNIQUE
);
INSERT INTO order_status (id, name) VALUES
    (1, 'concept'), (2, 'awaitingPayment'), (3, 'pendingPayment'), (4, 'paid'), (5, 'delivered'), (6, 'cancelled');

-- Order line statuses: the contract shows 1 pending and 4 delivered; 2 and 3 are not documented
-- and read here as a line being loaded onto its token and a line that will not be delivered.
CREATE TABLE order_line_status (
    id   integer PRIMARY KEY,
    name text NOT NULL UNIQUE
);
INSERT INTO order_line_status (id, name) VALUES (1, 'pending'), (2, 'processing'), (3, 'cancelled'), (4, 'delivered');

-- Where an order or payment was made. 3 is the contract's webshop.
CREATE TABLE sales_touchpoint (
    id          integer PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    is_active   boolean NOT NULL DEFAULT true,
    retailer_id integer NOT NULL
);
INSERT INTO sales_touchpoint (id, name, is_active, retailer_id) VALUES
    (1, 'Klantenservice', true, 1001), (2, 'Kaartautomaat', true, 1001), (3, 'Website (Perplex)', true, 1001),
    (4, 'HTM app', true, 1001);

-- How the holder of a token proves control when personal account data is added.
CREATE TABLE challenge_type (
    id   integer PRIMARY KEY,
    name text NOT NULL UNIQUE
);
INSERT INTO challenge_type (id, name) VALUES (1, 'email');

CREATE TABLE payment_method (
    id       integer PRIMARY KEY,
    name     text NOT NULL UNIQUE,
    provider text NOT NULL
);
INSERT INTO payment_method (id, name, provider) VALUES (1, 'ideal', 'Buckaroo'), (2, 'creditcard', 'Buckaroo');

-- Accounting statuses of an order line in FIKO, HTM's financial system.
CREATE TABLE accounting_status (
    id   integer PRIMARY KEY,
    name text NOT NULL UNIQUE
);
INSERT INTO accounting_status (id, name) VALUES (1, 'open'), (2, 'booked');

-- GBO age profiles: exactly one holds for any age (ranges inclusive, never overlapping).
CREATE TABLE gbo_age_profile (
    id                 integer PRIMARY KEY,
    name               text NOT NULL UNIQUE,
    age_from_inclusive integer NOT NULL CHECK (age_from_inclusive >= 0),
    age_to_inclusive   integer NOT NULL,
    CHECK (age_to_inclusive >= age_from_inclusive),
    EXCLUDE USING gist (int4range(age_from_inclusive, age_to_inclusive, '[]') WITH &&)
);
INSERT INTO gbo_age_profile (id, name, age_from_inclusive, age_to_inclusive) VALUES
    (1, 'Kind (4 t/m 11 jaar)', 4, 11),
    (2, 'Jongere (12 t/m 18 jaar)', 12, 18),
    (3, 'Volwassene (19 t/m 64 jaar)', 19, 64),
    (4, 'Senior (65 jaar en ouder)', 65, 150),
    (5, 'Peuter (0 t/m 3 jaar)', 0, 3);

-- The product catalogue: a tree. Only leaves (products without children) are sellable; an order
-- line on a node asks the buyer to choose one of its children (PRODUCT_CHOICE_REQUIRED). A node
-- carries the name, article and price an order line shows until a child is chosen. Prices are
-- in cents including tax; duration is how long a product bought from validFrom lasts (null: it
-- has no fixed end).
CREATE TABLE product (
    id                      integer PRIMARY KEY,
    parent_id               integer REFERENCES product (id),
    name                    text NOT NULL,
    description             text NOT NULL,
    fiko_article_number     text NOT NULL,
    tax_code                text NOT NULL,
    tax_percentage          numeric(7, 4) NOT NULL,
    price_incl_tax          integer NOT NULL CHECK (price_incl_tax >= 0),
    duration                interval,
    product_category_id     integer NOT NULL REFERENCES product_category (id),
    package_template_id     text,
    is_renewable            boolean NOT NULL DEFAULT false,
    -- What an order line on the product needs before it can be paid.
    requires_customer_token boolean NOT NULL DEFAULT false,
    requires_valid_from     boolean NOT NULL DEFAULT false,
    requires_mandate        boolean NOT NULL DEFAULT false,
    -- The age profile the holder must have at validFrom; null: any.
    gbo_age_profile_id      integer REFERENCES gbo_age_profile (id),
    -- Terms and conditions an order line of the product carries.
    terms_urls              text[] NOT NULL DEFAULT '{generalTermsAndConditions.pdf}',
    CHECK ((tax_code, tax_percentage) IN (('V00', 0), ('V09', 9), ('V21', 21))),
    CHECK (parent_id <> id)
);
CREATE INDEX product_parent_idx ON product (parent_id);
CREATE INDEX product_category_idx ON product (product_category_id);
CREATE INDEX product_gbo_age_profile_idx ON product (gbo_age_profile_id);
INSERT INTO product (id, parent_id, name, description, fiko_article_number, tax_code, tax_percentage, price_incl_tax,
                     duration, product_category_id, package_template_id, is_renewable, requires_customer_token,
                     requires_valid_from, requires_mandate, gbo_age_profile_id, terms_urls) VALUES
    (1, NULL, 'HTM Maandkorting 20%', 'HTM Maandkorting 20%', '6609', 'V21', 21, 121, '1 month', 1, '10001', true,
     true, true, false, NULL, '{generalTermsAndConditions.pdf,productTermsAndConditions.pdf}'),
    (2, NULL, 'HTM Maandkorting 40%', 'HTM Maandkorting 40%', '6610', 'V21', 21, 242, '1 month', 1, '10001', true,
     true, true, false, NULL, '{generalTermsAndConditions.pdf,productTermsAndConditions.pdf}'),
    (3, 1, 'HTM Maandkorting 20% - Volwassene', 'HTM Maandkorting 20% voor volwassenen', '6611', 'V21', 21, 121,
     '1 month', 1, '10001', true, true, true, false, 3, '{generalTermsAndConditions.pdf,productTermsAndConditions.pdf}'),
    (4, 1, 'HTM Maandkorting 20% - Senior', 'HTM Maandkorting 20% voor 65-plussers', '6612', 'V21', 21, 100,
     '1 month', 1, '10001', true, true, true, false, 4, '{generalTermsAndConditions.pdf,productTermsAndConditions.pdf}'),
    (10, NULL, 'HTM 90% Korting', 'HTM 90% Korting', '6620', 'V09', 9, 1500, NULL, 1, '10001', true,
     true, true, true, NULL, '{generalTermsAndConditions.pdf,productTermsAndConditions.pdf}'),
    (11, NULL, 'HTM Dagkaart', 'Een dag onbeperkt reizen met HTM', '6630', 'V09', 9, 780, '1 day', 4, '10003', false,
     true, true, false, NULL, '{generalTermsAndConditions.pdf}'),
    (12, NULL, 'HTM Ooievaarspas korting', 'Korting voor houders van een Ooievaarspas', '6640', 'V09', 9, 0, '1 year', 1,
     '33613', false, true, true, false, NULL, '{generalTermsAndConditions.pdf,productTermsAndConditions.pdf}'),
    (20, NULL, 'HTM Regio Vrij', 'Voor een vast bedrag onbeperkt reizen in een regio', '6650', 'V09', 9, 5900,
     '1 month', 2, '10002', true, true, true, true, NULL, '{generalTermsAndConditions.pdf,RegiovrijTermsAndConditions.pdf}'),
    (21, 20, 'HTM Regio Vrij - HL65 - Voltarief', 'Voor een vast bedrag onbeperkt reizen met EBS, HTM en RET in gebied HL65',
     '6651', 'V09', 9, 5900, '1 month', 2, '10002', true, true, true, true, 3,
     '{generalTermsAndConditions.pdf,RegiovrijTermsAndConditions.pdf}'),
    (22, 20, 'HTM Regio Vrij - HL65 - Kind', 'Voor een vast bedrag onbeperkt reizen met EBS, HTM en RET in gebied HL65, voor kinderen',
     '6652', 'V09', 9, 2950, '1 month', 2, '10002', true, true, true, true, 1,
     '{generalTermsAndConditions.pdf,RegiovrijTermsAndConditions.pdf}');

-- Products instantiated on a token are catalogue products.
ALTER TABLE product_instance ADD CONSTRAINT product_instance_product_id_fkey FOREIGN KEY (product_id) REFERENCES product (id);
CREATE INDEX product_instance_product_idx ON product_instance (product_id);
-- An order's products on tokens: found by the order a fulfilment created them for.
CREATE INDEX product_instance_order_idx ON product_instance (order_id);

-- Order numbers are handed out from a sequence, written 'ORD-<n>'.
CREATE SEQUENCE order_number_seq START WITH 100001;

-- An order. Its current status is stored (order_status_id, what the search filters on) beside
-- its history (order_status_history, newest first), written together. customer_profile_id is the
-- customer who ordered, null for an order a touchpoint made for nobody on file; version counts
-- the writes, so two concurrent updates cannot both win.
CREATE TABLE sales_order (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id            uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    order_number        text NOT NULL UNIQUE DEFAULT 'ORD-' || nextval('order_number_seq'),
    external_order_id   text,
    customer_profile_id bigint REFERENCES customer_profile (id),
    sales_touchpoint_id integer NOT NULL REFERENCES sales_touchpoint (id),
    language_id         integer NOT NULL REFERENCES language (id),
    order_status_id     integer NOT NULL DEFAULT 1 REFERENCES order_status (id),
    -- The sum of the lines' amountInclTax, kept by every write of a line.
    total_amount        integer NOT NULL DEFAULT 0 CHECK (total_amount >= 0),
    version             integer NOT NULL DEFAULT 1,
    created_on          timestamptz NOT NULL DEFAULT now(),
    last_updated_on     timestamptz NOT NULL DEFAULT now(),
    CHECK (last_updated_on >= created_on)
);
ALTER SEQUENCE order_number_seq OWNED BY sales_order.order_number;
-- The search's filters: each starts with its column, and ends with the key the pages are ordered by.
CREATE INDEX sales_order_customer_idx ON sales_order (customer_profile_id, id);
CREATE INDEX sales_order_status_idx ON sales_order (order_status_id, id);
CREATE INDEX sales_order_external_order_idx ON sales_order (external_order_id);
CREATE INDEX sales_order_created_on_idx ON sales_order (created_on);
CREATE INDEX sales_order_last_updated_on_idx ON sales_order (last_updated_on);
CREATE INDEX sales_order_touchpoint_idx ON sales_order (sales_touchpoint_id);
CREATE INDEX sales_order_language_idx ON sales_order (language_id);

-- An order's statuses, one row per change (the contract's order_OrderStatuses).
CREATE TABLE order_status_history (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_order_status_id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    sales_order_id        bigint NOT NULL REFERENCES sales_order (id) ON DELETE CASCADE,
    order_status_id       integer NOT NULL REFERENCES order_status (id),
    description           text NOT NULL,
    created_on            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_status_history_order_idx ON order_status_history (sales_order_id, created_on, id);
CREATE INDEX order_status_history_status_idx ON order_status_history (order_status_id);

-- An order line: a product (copied from the catalogue when chosen, so the line keeps what was
-- sold), the quantity and the line's amount including tax. The amount excluding tax and the tax
-- follow from it and the tax percentage, rounded to whole cents.
CREATE TABLE order_line (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_line_id          uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    sales_order_id         bigint NOT NULL REFERENCES sales_order (id) ON DELETE CASCADE,
    external_order_line_id text,
    product_id             integer NOT NULL REFERENCES product (id),
    product_name           text NOT NULL,
    product_description    text NOT NULL,
    fiko_article_number    text NOT NULL,
    tax_code               text NOT NULL,
    tax_percentage         numeric(7, 4) NOT NULL CHECK (tax_percentage >= 0),
    quantity               integer NOT NULL DEFAULT 1 CHECK (quantity > 0),
    amount_incl_tax        integer NOT NULL CHECK (amount_incl_tax >= 0),
    amount_excl_tax        integer NOT NULL GENERATED ALWAYS AS
                               (round(amount_incl_tax * 100 / (100 + tax_percentage))::integer) STORED,
    tax_amount             integer NOT NULL GENERATED ALWAYS AS
                               (amount_incl_tax - round(amount_incl_tax * 100 / (100 + tax_percentage))::integer) STORED,
    valid_from             timestamptz,
    valid_until            timestamptz,
    order_line_status_id   integer NOT NULL DEFAULT 1 REFERENCES order_line_status (id),
    created_on             timestamptz NOT NULL DEFAULT now(),
    last_updated_on        timestamptz NOT NULL DEFAULT now(),
    CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from)
);
CREATE INDEX order_line_order_idx ON order_line (sales_order_id, id);
CREATE INDEX order_line_product_idx ON order_line (product_id);
CREATE INDEX order_line_status_idx ON order_line (order_line_status_id);

-- The terms and conditions an order line was sold under.
CREATE TABLE order_line_terms (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_line_terms_id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    order_line_id       bigint NOT NULL REFERENCES order_line (id) ON DELETE CASCADE,
    terms_url           text NOT NULL
);
CREATE INDEX order_line_terms_line_idx ON order_line_terms (order_line_id, id);

-- The accounting statuses of an order line in FIKO, newest last.
CREATE TABLE order_accounting_status (
    id                         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_accounting_status_id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    order_line_id              bigint NOT NULL REFERENCES order_line (id) ON DELETE CASCADE,
    accounting_status_id       integer NOT NULL REFERENCES accounting_status (id),
    description                text NOT NULL,
    created_on                 timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_accounting_status_line_idx ON order_accounting_status (order_line_id, created_on, id);
CREATE INDEX order_accounting_status_status_idx ON order_accounting_status (accounting_status_id);

-- A token an order line's product is to be loaded onto, named in one of three ways: an OVpay
-- token on a profile (ovpay_token_id), an EMV card by its service reference and an amount charged
-- to it, or an OV-pas by its number and verification code. x_tat is the card's xTat once it is
-- known (looked up in GBO, or the token's): fulfilment loads the product onto that card.
CREATE TABLE customer_token (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_token_id    uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    order_line_id        bigint NOT NULL REFERENCES order_line (id) ON DELETE CASCADE,
    token_type_id        integer NOT NULL REFERENCES token_type (id),
    ovpay_token_id       bigint REFERENCES ovpay_token (id) ON DELETE SET NULL,
    service_reference_id text,
    amount               integer CHECK (amount >= 0),
    ovpas_number         text,
    verification_code    text,
    x_tat                text,
    created_on           timestamptz NOT NULL DEFAULT now(),
    CHECK ((service_reference_id IS NULL) = (amount IS NULL)),
    CHECK ((ovpas_number IS NULL) = (verification_code IS NULL)),
    CHECK (service_reference_id IS NULL OR ovpas_number IS NULL)
);
CREATE INDEX customer_token_line_idx ON customer_token (order_line_id, id);
CREATE INDEX customer_token_token_type_idx ON customer_token (token_type_id);
CREATE INDEX customer_token_ovpay_token_idx ON customer_token (ovpay_token_id);

-- Personal account data (PAD) given for a customer token, at most one per token, with the
-- challenge that proves the holder controls it: a one-time code sent by the challenge type
-- (e-mail) to the holder, of which only a hash is kept; one_time_password is the code the caller
-- answered with, verified_on when it matched.
CREATE TABLE personal_account_data (
    id                       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    personal_account_data_id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    customer_token_id        bigint NOT NULL UNIQUE REFERENCES customer_token (id) ON DELETE CASCADE,
    name                     text,
    birthdate                date,
    photo                    text,
    challenge_type_id        integer REFERENCES challenge_type (id),
    challenge_code_hash      text,
    challenge_sent_on        timestamptz,
    challenge_expires_on     timestamptz,
    one_time_password        text,
    verified_on              timestamptz,
    created_on               timestamptz NOT NULL DEFAULT now(),
    last_updated_on          timestamptz NOT NULL DEFAULT now(),
    CHECK ((challenge_code_hash IS NULL) = (challenge_sent_on IS NULL)),
    CHECK (challenge_expires_on IS NULL OR challenge_expires_on > challenge_sent_on)
);
CREATE INDEX personal_account_data_challenge_type_idx ON personal_account_data (challenge_type_id);

-- Messages to send (the one-time codes of PAD challenges), written in the transaction that needs
-- them and sent after it commits.
CREATE TABLE email_outbox (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recipient  text NOT NULL,
    subject    text NOT NULL,
    body       text NOT NULL,
    created_on timestamptz NOT NULL DEFAULT now(),
    sent_on    timestamptz
);
CREATE INDEX email_outbox_unsent_idx ON email_outbox (id) WHERE sent_on IS NULL;

-- A payment of an order (a refund when is_refund), made at a touchpoint through a payment
-- method; the PSP's statuses follow in payment_status.
CREATE TABLE payment (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payment_id            uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    sales_order_id        bigint NOT NULL REFERENCES sales_order (id) ON DELETE CASCADE,
    amount_debit          integer NOT NULL CHECK (amount_debit >= 0),
    payment_method_id     integer NOT NULL REFERENCES payment_method (id),
    sales_touchpoint_id   integer NOT NULL REFERENCES sales_touchpoint (id),
    is_refund             boolean NOT NULL DEFAULT false,
    htm_payment_reference text,
    psp_payment_reference text,
    created_on            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_order_idx ON payment (sales_order_id, created_on, id);
CREATE INDEX payment_method_idx ON payment (payment_method_id);
CREATE INDEX payment_touchpoint_idx ON payment (sales_touchpoint_id);

-- The statuses the PSP reported for a payment (Buckaroo's codes: 791 pending, 190 success, ...),
-- append-only, oldest first.
CREATE TABLE payment_status (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payment_status_id      uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    payment_id             bigint NOT NULL REFERENCES payment (id) ON DELETE CASCADE,
    status_code            text NOT NULL,
    status_description     text,
    status_sub_code        text,
    status_sub_description text,
    created_on             timestamptz NOT NULL,
    recorded_on            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_status_payment_idx ON payment_status (payment_id, created_on, id);

-- The direct-debit mandate captured with a payment, at most one per payment. Recording it
-- creates the customer's billing information and a SIGNED mandate (the rows the ABTCustomers
-- financials show), linked here: a mandate born from a payment finds it through this row.
CREATE TABLE mandate_input (
    id                           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mandate_input_id             uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    payment_id                   bigint NOT NULL UNIQUE REFERENCES payment (id) ON DELETE CASCADE,
    direct_debit_mandate_type_id integer NOT NULL REFERENCES direct_debit_mandate_type (id),
    bic                          text,
    iban                         text NOT NULL,
    ascription                   text NOT NULL,
    place                        text,
    created_on                   timestamptz NOT NULL DEFAULT now(),
    billing_information_id       bigint REFERENCES billing_information (id) ON DELETE SET NULL,
    direct_debit_mandate_id      bigint UNIQUE REFERENCES direct_debit_mandate (id) ON DELETE SET NULL
);
CREATE INDEX mandate_input_mandate_type_idx ON mandate_input (direct_debit_mandate_type_id);
CREATE INDEX mandate_input_billing_information_idx ON mandate_input (billing_information_id);

-- The customer an order is for, as the order states it (at most one per order), and its
-- addresses.
CREATE TABLE order_customer (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_customer_id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    sales_order_id    bigint NOT NULL UNIQUE REFERENCES sales_order (id) ON DELETE CASCADE,
    birthname         text,
    surname           text,
    prefix            text,
    email_address     text,
    date_of_birth     date
);

CREATE TABLE order_customer_address (
    id                        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_customer_address_id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    order_customer_id         bigint NOT NULL REFERENCES order_customer (id) ON DELETE CASCADE,
    address_type_id           integer NOT NULL REFERENCES address_type (id),
    street                    text NOT NULL,
    house_number              integer NOT NULL CHECK (house_number > 0),
    house_number_suffix       text,
    postal_code               text NOT NULL,
    city                      text NOT NULL,
    country                   text NOT NULL
);
CREATE INDEX order_customer_address_customer_idx ON order_customer_address (order_customer_id, id);
CREATE INDEX order_customer_address_type_idx ON order_customer_address (address_type_id);

-- What fulfilment loaded onto which card: one row per delivered order line and customer token,
-- with the card's xTat (the orders search's xTat filter) and the product instance it created.
CREATE TABLE purchased_product (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    purchased_product_id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    order_line_id        bigint NOT NULL REFERENCES order_line (id) ON DELETE CASCADE,
    customer_token_id    bigint REFERENCES customer_token (id) ON DELETE SET NULL,
    x_tat                text NOT NULL,
    product_instance_id  bigint REFERENCES product_instance (id) ON DELETE SET NULL,
    created_on           timestamptz NOT NULL DEFAULT now(),
    UNIQUE (order_line_id, customer_token_id)
);
CREATE INDEX purchased_product_x_tat_idx ON purchased_product (x_tat);
CREATE INDEX purchased_product_customer_token_idx ON purchased_product (customer_token_id);
CREATE INDEX purchased_product_product_instance_idx ON purchased_product (product_instance_id);

-- An order as the graph reads it: the row with its current status, touchpoint and language, and
-- its order customer (null fields when it has none).
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

-- A payment as the graph reads it: the row with its method and touchpoint, and its mandate input
-- (null fields when it has none).
CREATE VIEW payment_view AS
SELECT p.id, p.payment_id, p.sales_order_id, o.order_id, p.amount_debit, p.payment_method_id, m.name AS payment_method_name,
       m.provider AS payment_method_provider, p.sales_touchpoint_id, t.name AS touchpoint_name,
       t.is_active AS touchpoint_is_active, t.retailer_id AS touchpoint_retailer_id, p.is_refund,
       p.htm_payment_reference, p.psp_payment_reference, p.created_on,
       i.mandate_input_id, i.direct_debit_mandate_type_id AS mandate_type_id, mt.name AS mandate_type_name,
       i.bic AS mandate_bic, i.iban AS mandate_iban, i.ascription AS mandate_ascription, i.place AS mandate_place,
       i.created_on AS mandate_created_on, i.direct_debit_mandate_id
FROM payment p
JOIN sales_order o ON o.id = p.sales_order_id
JOIN payment_method m ON m.id = p.payment_method_id
JOIN sales_touchpoint t ON t.id = p.sales_touchpoint_id
LEFT JOIN mandate_input i ON i.payment_id = p.id
LEFT JOIN direct_debit_mandate_type mt ON mt.id = i.direct_debit_mandate_type_id;

-- +goose Down
DROP VIEW payment_view, order_view;
DROP TABLE purchased_product, order_customer_address, order_customer, mandate_input, payment_status, payment,
    email_outbox, personal_account_data, customer_token, order_accounting_status, order_line_terms, order_line,
    order_status_history, sales_order;
DROP INDEX product_instance_order_idx;
DROP INDEX product_instance_product_idx;
ALTER TABLE product_instance DROP CONSTRAINT product_instance_product_id_fkey;
DROP TABLE product, gbo_age_profile, accounting_status, payment_method, challenge_type, sales_touchpoint,
    order_line_status, order_status;
ALTER TABLE language DROP COLUMN ietf_code, DROP COLUMN iso639_code;
