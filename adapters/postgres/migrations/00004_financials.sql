-- +goose Up
-- Billing information (bank accounts) and direct-debit mandates.

CREATE TABLE billing_information (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_profile_id bigint NOT NULL REFERENCES customer_profile (id) ON DELETE CASCADE,
    iban                text NOT NULL,
    bic                 text,
    ascription          text NOT NULL,
    alias               text NOT NULL,
    billing_address_id  bigint REFERENCES address (id) ON DELETE SET NULL,
    created             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX billing_information_profile_idx ON billing_information (customer_profile_id);

CREATE TYPE mandate_state AS ENUM ('PREPARED', 'SIGNED', 'CANCELLED');

CREATE TABLE direct_debit_mandate (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_profile_id    bigint NOT NULL REFERENCES customer_profile (id) ON DELETE CASCADE,
    mandate_type_id        integer NOT NULL REFERENCES direct_debit_mandate_type (id),
    billing_information_id bigint NOT NULL REFERENCES billing_information (id),
    mandate_reference      text NOT NULL,
    mandate_state          mandate_state NOT NULL DEFAULT 'PREPARED',
    created                timestamptz NOT NULL DEFAULT now(),
    update_timestamp       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX direct_debit_mandate_profile_idx ON direct_debit_mandate (customer_profile_id);
CREATE UNIQUE INDEX direct_debit_mandate_reference_key ON direct_debit_mandate (mandate_reference);

-- +goose Down
DROP TABLE direct_debit_mandate, billing_information;
DROP TYPE mandate_state;
