-- +goose NO TRANSACTION
-- +goose Up
-- Indexes for the SE customer search's filters on debtor number, chip-card alias and the token's
-- alias and xBot, so each finds its rows without reading every profile (the xTat and token id
-- filters use their keys). Built CONCURRENTLY, as 00009's are; IF NOT EXISTS lets a migration that
-- stopped half-way run again.
CREATE INDEX CONCURRENTLY IF NOT EXISTS customer_profile_debtor_number_idx ON customer_profile (debtor_number);
CREATE INDEX CONCURRENTLY IF NOT EXISTS ov_chip_card_alias_idx ON ov_chip_card (alias);
CREATE INDEX CONCURRENTLY IF NOT EXISTS ovpay_token_alias_idx ON ovpay_token (alias);
CREATE INDEX CONCURRENTLY IF NOT EXISTS ovpay_token_x_bot_idx ON ovpay_token (x_bot);

-- +goose Down
DROP INDEX CONCURRENTLY IF EXISTS ovpay_token_x_bot_idx;
DROP INDEX CONCURRENTLY IF EXISTS ovpay_token_alias_idx;
DROP INDEX CONCURRENTLY IF EXISTS ov_chip_card_alias_idx;
DROP INDEX CONCURRENTLY IF EXISTS customer_profile_debtor_number_idx;
