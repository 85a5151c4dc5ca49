-- The e-mail outbox: messages written in the transaction that needs them, sent by a background
-- job once it committed.

-- name: LockOutboxEmail :one
-- A message of the outbox, locked while it is sent, so two runs of its job do not both send it.
SELECT id, recipient, subject, body, sent_on FROM email_outbox WHERE id = @id FOR UPDATE;

-- name: MarkOutboxEmailSent :exec
UPDATE email_outbox SET sent_on = now() WHERE id = @id;
