-- name: InsertTransfer :one
-- A transfer accepted (POST .../transfer): Running until its job ends it.
INSERT INTO token_transfer (client_tracking_id, customer_profile_id, old_token_id, new_x_tat, new_alias,
                            requested_by, correlation_id)
VALUES (@client_tracking_id, @customer_profile_id, @old_token_id, @new_x_tat, @new_alias,
        @requested_by, @correlation_id)
RETURNING *;

-- name: TransferByID :one
-- A transfer of one profile: another profile's is not found.
SELECT * FROM token_transfer
WHERE customer_profile_id = @customer_profile_id AND client_tracking_id = @client_tracking_id;

-- name: LockTransfer :one
-- The job's first step: the run, locked until the job's transaction ends, so a second run of the
-- same job waits and then sees how the first ended.
SELECT * FROM token_transfer WHERE client_tracking_id = @client_tracking_id FOR UPDATE;

-- name: FinishTransfer :exec
-- A run that ended: Succeeded with the new token, or Failed with the error code and findings.
UPDATE token_transfer
SET status = @status, end_time = now(), new_token_id = @new_token_id, error_code = @error_code,
    findings = @findings
WHERE client_tracking_id = @client_tracking_id AND status = 'Running';

-- name: TokenOnProfileByXTat :one
-- The profile's token for a card, if any: the one not removed (a removed token freed its card).
-- xTats are UUIDs, the same whatever their case.
SELECT id FROM ovpay_token
WHERE customer_profile_id = @customer_profile_id AND lower(x_tat) = lower(@x_tat) AND token_status_id <> 6
LIMIT 1;
