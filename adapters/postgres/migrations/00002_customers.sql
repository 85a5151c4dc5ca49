-- +goose Up
-- Customer profiles with their person, status history, addresses, phones and OV-chipkaarten.

-- Customer numbers are handed out from 1000001 on, as in the contract's examples.
CREATE SEQUENCE customer_number_seq START WITH 1000001;

CREATE TABLE customer_profile (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_number     bigint NOT NULL UNIQUE DEFAULT nextval('customer_number_seq'),
    debtor_number       text,
    debtor_status_id    integer REFERENCES debtor_status (id),
    vas_customer_number text,
    language_id         integer REFERENCES language (id),
    created             timestamptz NOT NULL DEFAULT now(),
    -- The person (1:1, always present) lives in the profile row.
    birthname           text,
    surname             text,
    prefix              text,
    suffix              text,
    date_of_birth       date,
    email_address       text
);
ALTER SEQUENCE customer_number_seq OWNED BY customer_profile.customer_number;
CREATE UNIQUE INDEX customer_profile_email_key ON customer_profile (lower(email_address));
CREATE INDEX customer_profile_surname_idx ON customer_profile (surname);

CREATE TABLE customer_status (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_profile_id bigint NOT NULL REFERENCES customer_profile (id) ON DELETE CASCADE,
    status_type_id      integer NOT NULL REFERENCES customer_status_type (id),
    from_inclusive      timestamptz NOT NULL,
    to_inclusive        timestamptz,
    CHECK (to_inclusive IS NULL OR to_inclusive >= from_inclusive)
);
CREATE INDEX customer_status_profile_idx ON customer_status (customer_profile_id, from_inclusive);
-- At most one open (current) status per profile.
CREATE UNIQUE INDEX customer_status_current_key ON customer_status (customer_profile_id) WHERE to_inclusive IS NULL;

CREATE TABLE address (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_profile_id bigint NOT NULL REFERENCES customer_profile (id) ON DELETE CASCADE,
    street              text NOT NULL,
    house_number        integer NOT NULL,
    house_number_suffix text,
    postal_code         text NOT NULL,
    city                text NOT NULL,
    country             text NOT NULL,
    address_type_id     integer NOT NULL REFERENCES address_type (id),
    is_preferred        boolean NOT NULL DEFAULT false
);
CREATE INDEX address_profile_idx ON address (customer_profile_id);
CREATE INDEX address_postal_code_idx ON address (postal_code, house_number);

CREATE TABLE phone (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_profile_id bigint NOT NULL REFERENCES customer_profile (id) ON DELETE CASCADE,
    number              text NOT NULL,
    country_code        text NOT NULL,
    phone_type_id       integer NOT NULL REFERENCES phone_type (id),
    is_preferred        boolean NOT NULL DEFAULT false
);
CREATE INDEX phone_profile_idx ON phone (customer_profile_id);
CREATE INDEX phone_number_idx ON phone (number);
-- At most one preferred phone per profile.
CREATE UNIQUE INDEX phone_preferred_key ON phone (customer_profile_id) WHERE is_preferred;

CREATE TABLE ov_chip_card (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_profile_id bigint NOT NULL REFERENCES customer_profile (id) ON DELETE CASCADE,
    chip_card_number    bigint NOT NULL UNIQUE CHECK (chip_card_number BETWEEN 1000000000000000 AND 9999999999999999),
    valid_until         date,
    alias               text
);
CREATE INDEX ov_chip_card_profile_idx ON ov_chip_card (customer_profile_id);

-- +goose Down
DROP TABLE ov_chip_card, phone, address, customer_status, customer_profile;
