-- +goose Up
-- The e-mail sent to one address lately, counted before a one-time password is sent there: an
-- order customer's address is whatever the caller wrote, so codes to one address are rationed.
CREATE INDEX email_outbox_recipient_idx ON email_outbox (lower(recipient), created_on);

-- +goose Down
DROP INDEX email_outbox_recipient_idx;
