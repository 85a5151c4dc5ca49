-- +goose Up
-- Vendor systems joined into the graph (MasStack accounts, Aptic credit management). A profile
-- keeps the ids it has there: MasStack's customer uuid with its organisation, Aptic's customer
-- GUID (whose customerReference is our customer number). One link per vendor and profile, and a
-- vendor's customer belongs to one profile.
CREATE TABLE vendor_link (
    customer_profile_id bigint NOT NULL REFERENCES customer_profile (id) ON DELETE CASCADE,
    vendor              text   NOT NULL CHECK (vendor IN ('accounts', 'aptic')),
    external_id         text   NOT NULL CHECK (external_id <> '' AND length(external_id) <= 100),
    -- MasStack's organisation (org_id of its paths); empty for Aptic.
    org                 text   NOT NULL DEFAULT '' CHECK (length(org) <= 100),
    linked_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (customer_profile_id, vendor),
    UNIQUE (vendor, org, external_id)
);

-- Our data on its way to a vendor: one row per change to push (a mandate signed through an order
-- payment to Aptic, a bank account change to MasStack's payment method), written in the same
-- transaction as the change, with the River job that pushes it. The row is what the graph shows
-- as the sync status; it names what was pushed by our key (subject), never by its content.
CREATE TABLE vendor_sync (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_profile_id bigint NOT NULL REFERENCES customer_profile (id) ON DELETE CASCADE,
    vendor              text   NOT NULL CHECK (vendor IN ('accounts', 'aptic')),
    -- What to push, e.g. 'aptic.mandate', 'accounts.payment_method'.
    operation           text   NOT NULL,
    -- Our key of what is pushed (a mandate id, a billing information id).
    subject             text   NOT NULL,
    state               text   NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'SYNCED', 'FAILED')),
    attempts            integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- The error code of the last failed attempt (UPSTREAM_TIMEOUT, UPSTREAM_UNAVAILABLE, a refusal
    -- of the vendor); never a message or a body.
    last_error_code     text,
    -- The vendor's id of what the push made, once it did.
    external_id         text,
    created             timestamptz NOT NULL DEFAULT now(),
    updated             timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX vendor_sync_customer_profile_id ON vendor_sync (customer_profile_id, id);

-- +goose Down
DROP TABLE vendor_sync;
DROP TABLE vendor_link;
