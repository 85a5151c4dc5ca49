-- +goose Up
-- Who a profile belongs to, and who decided the states a customer may not undo.

-- The identity provider's subject (the `sub` of the customer's own JWT). A profile a customer
-- registered itself carries it; one a touchpoint created has none until it is linked.
ALTER TABLE customer_profile ADD COLUMN subject text;
CREATE UNIQUE INDEX customer_profile_subject_key ON customer_profile (subject);

-- The kind of caller that set a customer status or a token status. A customer may lift a block or
-- a suspension it set itself, never one a touchpoint or staff set (resolvers/policy.go).
ALTER TABLE customer_status ADD COLUMN decided_by text NOT NULL DEFAULT 'application'
    CHECK (decided_by IN ('application', 'staff', 'customer'));
ALTER TABLE ovpay_token ADD COLUMN status_decided_by text NOT NULL DEFAULT 'application'
    CHECK (status_decided_by IN ('application', 'staff', 'customer'));

-- +goose Down
ALTER TABLE ovpay_token DROP COLUMN status_decided_by;
ALTER TABLE customer_status DROP COLUMN decided_by;
DROP INDEX customer_profile_subject_key;
ALTER TABLE customer_profile DROP COLUMN subject;
