-- The one-time-password challenge of personal account data: the code's hash and expiry on the
-- row, and the e-mail that carries the code, written to the outbox in the same transaction.

-- name: ChallengeOfPersonalAccountData :one
-- The personal account data with key id of the order with key sales_order_id, locked for the
-- transaction, and whether a code is outstanding (sent and not expired).
SELECT p.id, p.personal_account_data_id, p.challenge_code_hash,
       (p.challenge_code_hash IS NOT NULL AND p.challenge_expires_on > now())::boolean AS outstanding
FROM personal_account_data p
JOIN customer_token t ON t.id = p.customer_token_id
JOIN order_line l ON l.id = t.order_line_id
WHERE p.id = @id AND l.sales_order_id = @sales_order_id
FOR UPDATE OF p;

-- name: ChallengeRecipient :one
-- Where the code of a challenge of an order goes: the order customer's e-mail address, else the
-- e-mail address of the order's customer profile; and the order's language.
SELECT o.language_id, c.email_address AS order_customer_email, cp.email_address AS profile_email
FROM sales_order o
LEFT JOIN order_customer c ON c.sales_order_id = o.id
LEFT JOIN customer_profile cp ON cp.id = o.customer_profile_id
WHERE o.id = @id;

-- name: StartChallenge :exec
-- A new code: its hash, when it was sent and until when it holds; an earlier answer is void.
UPDATE personal_account_data
SET challenge_code_hash = @code_hash::text, challenge_sent_on = now(),
    challenge_expires_on = now() + make_interval(mins => @valid_minutes::integer),
    one_time_password = NULL, verified_on = NULL, challenge_failures = 0, last_updated_on = now()
WHERE id = @id;

-- name: PassChallenge :exec
-- The holder answered the code: verified now, the code spent.
UPDATE personal_account_data
SET verified_on = now(), challenge_code_hash = NULL, challenge_sent_on = NULL, challenge_expires_on = NULL,
    one_time_password = NULL, last_updated_on = now()
WHERE id = @id;

-- name: CountChallengeFailure :one
-- A wrong answer to the code with hash code_hash (none when another code was sent since): counted,
-- and at max_failures the code is void. Written in a transaction of its own, after the refused
-- write's rolled back. Answers the count.
UPDATE personal_account_data
SET challenge_failures = challenge_failures + 1,
    challenge_code_hash = CASE WHEN challenge_failures + 1 >= @max_failures::integer THEN NULL ELSE challenge_code_hash END,
    challenge_sent_on = CASE WHEN challenge_failures + 1 >= @max_failures::integer THEN NULL ELSE challenge_sent_on END,
    challenge_expires_on = CASE WHEN challenge_failures + 1 >= @max_failures::integer THEN NULL ELSE challenge_expires_on END
WHERE id = @id AND challenge_code_hash = @code_hash::text
RETURNING challenge_failures;

-- name: InsertOutboxEmail :one
INSERT INTO email_outbox (recipient, subject, body) VALUES (@recipient, @subject, @body)
RETURNING id;

-- name: LockChallengeRecipient :exec
-- Sends to one address wait for each other until their transactions end, so that two at once
-- cannot both pass the count of RecentEmailsTo.
SELECT pg_advisory_xact_lock(hashtextextended('challenge-recipient:' || lower(@recipient::text), 0));

-- name: RecentEmailsTo :one
-- The e-mail written to the outbox for this address (case ignored) in the last minutes.
SELECT count(*) FROM email_outbox
WHERE lower(recipient) = lower(@recipient::text)
  AND created_on > now() - make_interval(mins => @minutes::integer);
