-- +goose Up
-- The audit trail: one row per write, committed in the write's transaction. Rows outlive the
-- profile they describe (no foreign key), so a deletion stays on record.

CREATE TABLE audit_trail (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_profile_id bigint,
    action              text NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    entity              text NOT NULL,
    entity_id           bigint,
    "user"              text NOT NULL,
    "timestamp"         timestamptz NOT NULL DEFAULT now(),
    correlation_id      text NOT NULL,
    detail              jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_trail_profile_idx ON audit_trail (customer_profile_id, id);

-- +goose Down
DROP TABLE audit_trail;
