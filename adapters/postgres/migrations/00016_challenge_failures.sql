-- +goose Up
-- Wrong answers to the one-time password of personal account data, counted per code: the fifth
-- voids the code, so a code of six digits cannot be guessed in the minutes it holds. A new code
-- starts the count again.
ALTER TABLE personal_account_data
    ADD COLUMN challenge_failures integer NOT NULL DEFAULT 0 CHECK (challenge_failures >= 0);

-- +goose Down
ALTER TABLE personal_account_data DROP COLUMN challenge_failures;
