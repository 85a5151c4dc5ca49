-- +goose Up
-- OVpay tokens: bank cards (EMV) and OV-passen. Kept general enough for se-customers' token
-- operations (service reference, verification, replacement chain).

CREATE TABLE ovpay_token (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_profile_id  bigint NOT NULL REFERENCES customer_profile (id) ON DELETE CASCADE,
    token_type_id        integer NOT NULL REFERENCES token_type (id),
    token_status_id      integer NOT NULL REFERENCES token_status (id),
    x_tat                text,
    x_bot                text,
    alias                text,
    last_digits          text CHECK (last_digits ~ '^[0-9]+$'),
    ovpas_number         text,
    expiration_date      timestamptz,
    replaced_by_token_id bigint REFERENCES ovpay_token (id) ON DELETE SET NULL,
    created              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ovpay_token_profile_idx ON ovpay_token (customer_profile_id);
CREATE UNIQUE INDEX ovpay_token_x_tat_key ON ovpay_token (x_tat);
CREATE INDEX ovpay_token_ovpas_number_idx ON ovpay_token (ovpas_number);

-- +goose Down
DROP TABLE ovpay_token;
