-- +goose Up
-- Lookup tables of the ABTCustomers domain, seeded with the values the contract and its notes show.

CREATE TABLE language (
    id   integer PRIMARY KEY,
    code text NOT NULL UNIQUE,
    name text NOT NULL
);
INSERT INTO language (id, code, name) VALUES (1, 'nl', 'Nederlands'), (2, 'en', 'English');

CREATE TABLE address_type (
    id   integer PRIMARY KEY,
    name text NOT NULL UNIQUE
);
INSERT INTO address_type (id, name) VALUES (1, 'Billing'), (2, 'Shipping'), (3, 'Home');

CREATE TABLE phone_type (
    id   integer PRIMARY KEY,
    name text NOT NULL UNIQUE
);
INSERT INTO phone_type (id, name) VALUES (1, 'Home'), (2, 'Mobile'), (3, 'Work');

-- Token types and statuses as se-customers lists them, so its token operations use the same rows.
CREATE TABLE token_type (
    id   integer PRIMARY KEY,
    name text NOT NULL UNIQUE
);
INSERT INTO token_type (id, name) VALUES (1, 'EMV'), (2, 'OV-pas physical'), (3, 'OV-pas digital');

CREATE TABLE token_status (
    id   integer PRIMARY KEY,
    name text NOT NULL UNIQUE
);
INSERT INTO token_status (id, name) VALUES
    (1, 'Retired'), (2, 'Active'), (3, 'Replaced'), (4, 'On Stock'), (5, 'Suspended'),
    (6, 'Removed by customer'), (7, 'Renewed Active');

-- A new profile is "debtorStatus Inactive" and the read examples of fresh profiles show 1, while the
-- PATCH example moves a profile to 2: so 1 is Inactive and 2 Active.
CREATE TABLE debtor_status (
    id   integer PRIMARY KEY,
    name text NOT NULL UNIQUE
);
INSERT INTO debtor_status (id, name) VALUES (1, 'Inactive'), (2, 'Active'), (3, 'Blocked');

CREATE TABLE direct_debit_mandate_type (
    id   integer PRIMARY KEY,
    name text NOT NULL UNIQUE
);
INSERT INTO direct_debit_mandate_type (id, name) VALUES (1, 'PIN Transaction'), (2, 'Paper Contract');

-- Customer statuses are referred to by name. The contract documents no transition matrix; its one
-- example forbids active -> cleared. cleared (data erased, account closed) is final.
CREATE TABLE customer_status_type (
    id   integer PRIMARY KEY,
    name text NOT NULL UNIQUE
);
INSERT INTO customer_status_type (id, name) VALUES (1, 'active'), (2, 'inactive'), (3, 'blocked'), (4, 'cleared');

CREATE TABLE customer_status_transition (
    from_status integer NOT NULL REFERENCES customer_status_type (id),
    to_status   integer NOT NULL REFERENCES customer_status_type (id),
    PRIMARY KEY (from_status, to_status),
    CHECK (from_status <> to_status)
);
INSERT INTO customer_status_transition (from_status, to_status) VALUES
    (1, 2), (1, 3),
    (2, 1), (2, 3), (2, 4),
    (3, 1), (3, 2), (3, 4);

-- +goose Down
DROP TABLE customer_status_transition, customer_status_type, direct_debit_mandate_type,
    debtor_status, token_status, token_type, phone_type, address_type, language;
