-- +goose NO TRANSACTION
-- +goose Up
-- An index on every foreign key column that had none, so a delete or key update of the referenced
-- row finds its referencing rows without scanning the table (and joins on the key can use it).
-- Built CONCURRENTLY, outside a transaction, so writes go on while they build; IF NOT EXISTS lets
-- a migration that stopped half-way run again (drop an index left INVALID by a failed build first).

CREATE INDEX CONCURRENTLY IF NOT EXISTS customer_status_transition_to_status_idx
    ON customer_status_transition (to_status);
CREATE INDEX CONCURRENTLY IF NOT EXISTS customer_profile_debtor_status_idx ON customer_profile (debtor_status_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS customer_profile_language_idx ON customer_profile (language_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS customer_status_status_type_idx ON customer_status (status_type_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS address_address_type_idx ON address (address_type_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS phone_phone_type_idx ON phone (phone_type_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS ovpay_token_token_type_idx ON ovpay_token (token_type_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS ovpay_token_token_status_idx ON ovpay_token (token_status_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS ovpay_token_replaced_by_token_idx ON ovpay_token (replaced_by_token_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS billing_information_billing_address_idx
    ON billing_information (billing_address_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS direct_debit_mandate_mandate_type_idx ON direct_debit_mandate (mandate_type_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS direct_debit_mandate_billing_information_idx
    ON direct_debit_mandate (billing_information_id);

-- +goose Down
DROP INDEX CONCURRENTLY IF EXISTS direct_debit_mandate_billing_information_idx;
DROP INDEX CONCURRENTLY IF EXISTS direct_debit_mandate_mandate_type_idx;
DROP INDEX CONCURRENTLY IF EXISTS billing_information_billing_address_idx;
DROP INDEX CONCURRENTLY IF EXISTS ovpay_token_replaced_by_token_idx;
DROP INDEX CONCURRENTLY IF EXISTS ovpay_token_token_status_idx;
DROP INDEX CONCURRENTLY IF EXISTS ovpay_token_token_type_idx;
DROP INDEX CONCURRENTLY IF EXISTS phone_phone_type_idx;
DROP INDEX CONCURRENTLY IF EXISTS address_address_type_idx;
DROP INDEX CONCURRENTLY IF EXISTS customer_status_status_type_idx;
DROP INDEX CONCURRENTLY IF EXISTS customer_profile_language_idx;
DROP INDEX CONCURRENTLY IF EXISTS customer_profile_debtor_status_idx;
DROP INDEX CONCURRENTLY IF EXISTS customer_status_transition_to_status_idx;
