-- +goose Up
-- What the SE customers API adds to tokens: the GBO stand-in, product instances and transfers.

-- GBO, the national OVpay back office, is not ours. ovgraph reads its cards (xTat/xBot, how a
-- touchpoint names them, expiry), their personal account data (PAD), e-purses, auto-reload
-- registrations and which products a card type can carry through the adapter interface
-- gbo.Backoffice. These gbo_ tables are its PostgreSQL-backed stand-in, filled by the demo data
-- (seed/gbo.sql); a real GBO client replaces them without touching the graph. Nothing of ours
-- refers to them by foreign key: a token names its card by xTat, as it would name a real GBO's.
CREATE TABLE gbo_card (
    x_tat                uuid PRIMARY KEY,
    x_bot                uuid NOT NULL UNIQUE,
    token_type_id        integer NOT NULL REFERENCES token_type (id),
    -- An EMV card is named by its service reference (SRID) with an amount, an OV-pas by its number
    -- with a verification code.
    service_reference_id text,
    amount               integer,
    ovpas_number         text UNIQUE,
    verification_code    text,
    last_digits          text CHECK (last_digits ~ '^[0-9]+$'),
    expiration_date      timestamptz NOT NULL,
    -- GBO age profile of the card's holder (from the PAD birthdate), e.g. 'Volwassene'.
    age_profile          text,
    -- The e-purse: null when the card has none.
    e_purse_status       text CHECK (e_purse_status IN ('ACTIVE', 'INACTIVE')),
    e_purse_currency     text,
    e_purse_amount       integer,
    e_purse_origin_date  timestamptz,
    -- The auto-reload registration: null when the card has none.
    auto_reload_amount   integer,
    auto_reload_retailer_reference_id text,
    auto_reload_arrit    uuid,
    auto_reload_status   text,
    auto_reload_start    timestamptz,
    CHECK ((service_reference_id IS NULL) = (amount IS NULL)),
    CHECK ((ovpas_number IS NULL) = (verification_code IS NULL)),
    UNIQUE (service_reference_id, amount)
);
CREATE INDEX gbo_card_token_type_idx ON gbo_card (token_type_id);

-- Personal account data: up to three attributes (name, birthdate, photo) per card; an attribute
-- without a row is not registered. A transfer moves them to the new card.
CREATE TABLE gbo_pad_attribute (
    x_tat                         uuid NOT NULL REFERENCES gbo_card (x_tat),
    attribute                     text NOT NULL CHECK (attribute IN ('name', 'birthdate', 'photo')),
    inaccuracy_flag               boolean NOT NULL DEFAULT false,
    inaccuracy_flag_reason        text,
    inaccuracy_flag_set_counter   integer NOT NULL DEFAULT 0,
    is_validated                  boolean NOT NULL DEFAULT false,
    change_counter                integer NOT NULL DEFAULT 0,
    max_updates_verification_count integer NOT NULL DEFAULT 3,
    last_change_date              timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (x_tat, attribute)
);

-- GBO product (package) templates and the token types that can carry them: a product instance
-- whose template a token type cannot carry does not move to a token of that type.
CREATE TABLE gbo_package_template (
    package_template_id text PRIMARY KEY,
    name                text NOT NULL,
    token_type_ids      integer[] NOT NULL
);

-- Product categories of HTM's product definitions, as product instances name them.
CREATE TABLE product_category (
    id   integer PRIMARY KEY,
    name text NOT NULL UNIQUE
);
INSERT INTO product_category (id, name) VALUES
    (1, 'Kortingsabonnement'), (2, 'Vrij reizen abonnement'), (3, 'Trajectabonnement'), (4, 'Reisproduct');

-- HTM products instantiated on a token: what fulfilled orders put on it. Only HTM's products are
-- here (GBO does not tell HTM about others). A replacement or transfer moves them to the new token.
CREATE TABLE product_instance (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ovpay_token_id      bigint NOT NULL REFERENCES ovpay_token (id) ON DELETE CASCADE,
    product_id          integer NOT NULL,
    name                text NOT NULL,
    status              text NOT NULL CHECK (status IN ('Active', 'Ended', 'Refunded')),
    is_renewable        boolean NOT NULL DEFAULT false,
    product_category_id integer NOT NULL REFERENCES product_category (id),
    package_template_id text,
    from_inclusive      timestamptz NOT NULL,
    -- Null: a subscription without an end; otherwise its natural end or the refund's time.
    until_inclusive     timestamptz,
    order_id            uuid NOT NULL,
    order_line_id       uuid NOT NULL,
    -- Only subscriptions (contracts) have one.
    contract_id         uuid,
    created             timestamptz NOT NULL DEFAULT now(),
    CHECK (until_inclusive IS NULL OR until_inclusive >= from_inclusive)
);
CREATE INDEX product_instance_token_idx ON product_instance (ovpay_token_id);
CREATE INDEX product_instance_category_idx ON product_instance (product_category_id);

-- A removed token keeps its row but frees its card: another profile may add it.
DROP INDEX ovpay_token_x_tat_key;
CREATE UNIQUE INDEX ovpay_token_x_tat_key ON ovpay_token (x_tat) WHERE token_status_id <> 6;

-- Asynchronous token transfers (POST .../transfer): the run a clientTrackingId names. A River job
-- enqueued in the transaction that inserts the row does the work; the row says how it went.
CREATE TABLE token_transfer (
    client_tracking_id  text PRIMARY KEY,
    customer_profile_id bigint NOT NULL REFERENCES customer_profile (id) ON DELETE CASCADE,
    old_token_id        bigint NOT NULL REFERENCES ovpay_token (id) ON DELETE CASCADE,
    -- The new token as the request named it: always by xTat; alias when it is new to the profile.
    new_x_tat           text NOT NULL,
    new_alias           text,
    status              text NOT NULL DEFAULT 'Running' CHECK (status IN ('Running', 'Succeeded', 'Failed')),
    start_time          timestamptz NOT NULL DEFAULT now(),
    end_time            timestamptz,
    new_token_id        bigint REFERENCES ovpay_token (id) ON DELETE SET NULL,
    -- A failed run: NOT_FOUND or NOT_ALLOWED, with the findings ([{code, detail, pointer, field,
    -- value}]) that made it fail.
    error_code          text CHECK (error_code IN ('NOT_FOUND', 'NOT_ALLOWED')),
    findings            jsonb NOT NULL DEFAULT '[]',
    requested_by        text NOT NULL,
    correlation_id      text NOT NULL,
    CHECK ((status = 'Failed') = (error_code IS NOT NULL)),
    CHECK ((status = 'Running') = (end_time IS NULL))
);
CREATE INDEX token_transfer_profile_idx ON token_transfer (customer_profile_id);
CREATE INDEX token_transfer_old_token_idx ON token_transfer (old_token_id);
CREATE INDEX token_transfer_new_token_idx ON token_transfer (new_token_id);

-- +goose Down
DROP TABLE token_transfer;
DROP INDEX ovpay_token_x_tat_key;
CREATE UNIQUE INDEX ovpay_token_x_tat_key ON ovpay_token (x_tat);
DROP TABLE product_instance, product_category, gbo_package_template, gbo_pad_attribute, gbo_card;
