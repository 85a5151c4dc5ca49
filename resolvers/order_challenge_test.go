package resolvers_test

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgtype"

	"ovgraph/graph"
	"ovgraph/resolvers"
)

// challengeOrder writes a concept order of profile profileID (nil: nobody on file) with a line of
// product 21 for an EMV card, its personal account data with challenge type e-mail, and, when
// customerEmail is given, an order customer with that address; it returns the order's and the
// personal account data's keys.
func (e *env) challengeOrder(profileID *int64, customerEmail *string, languageID int) (orderKey, padKey int64) {
	e.t.Helper()
	err := e.store.Pool().QueryRow(context.Background(), `
WITH o AS (INSERT INTO sales_order (customer_profile_id, sales_touchpoint_id, language_id, total_amount)
           VALUES ($1, 3, $3, 5900) RETURNING id),
     h AS (INSERT INTO order_status_history (sales_order_id, order_status_id, description)
           SELECT id, 1, 'Order is aangemaakt' FROM o),
     l AS (INSERT INTO order_line (sales_order_id, product_id, product_name, product_description, fiko_article_number,
                                   tax_code, tax_percentage, amount_incl_tax)
           SELECT o.id, p.id, p.name, p.description, p.fiko_article_number, p.tax_code, p.tax_percentage, p.price_incl_tax
           FROM o, product p WHERE p.id = 21 RETURNING id),
     t AS (INSERT INTO customer_token (order_line_id, token_type_id, service_reference_id, amount)
           SELECT id, 1, 'NLOV1234567ABCDEFG', 200 FROM l RETURNING id),
     d AS (INSERT INTO personal_account_data (customer_token_id, name, birthdate, challenge_type_id)
           SELECT id, 'A. Klant', '1980-01-01', 1 FROM t RETURNING id),
     c AS (INSERT INTO order_customer (sales_order_id, surname, email_address) SELECT id, 'Klant', $2 FROM o
           WHERE $2::text IS NOT NULL)
SELECT o.id, d.id FROM o, d`, profileID, customerEmail, languageID).Scan(&orderKey, &padKey)
	if err != nil {
		e.t.Fatal(err)
	}
	return orderKey, padKey
}

// profileKey is the key of customer n's profile.
func (e *env) profileKey(n int) *int64 {
	e.t.Helper()
	var id int64
	if err := e.store.Pool().QueryRow(context.Background(),
		`SELECT id FROM customer_profile WHERE customer_number = $1`, n).Scan(&id); err != nil {
		e.t.Fatal(err)
	}
	return &id
}

// padState is the challenge columns of a personal account data row, as text, to compare.
func (e *env) padState(padKey int64) string {
	e.t.Helper()
	var s string
	if err := e.store.Pool().QueryRow(context.Background(), `SELECT concat_ws('|', challenge_code_hash,
		challenge_sent_on, challenge_expires_on, one_time_password, verified_on, last_updated_on)
		FROM personal_account_data WHERE id = $1`, padKey).Scan(&s); err != nil {
		e.t.Fatal(err)
	}
	return s
}

// outboxMessage is an e-mail of the outbox and whether a job to send it is queued.
type outboxMessage struct {
	id                       int64
	recipient, subject, body string
	queued                   bool
}

// outbox is every message of the outbox, oldest first.
func (e *env) outbox() []outboxMessage {
	e.t.Helper()
	rows, err := e.store.Pool().Query(context.Background(), `SELECT m.id, m.recipient, m.subject, m.body,
		EXISTS (SELECT 1 FROM river_job j WHERE j.kind = 'email' AND j.queue = 'email' AND j.state = 'available'
		        AND (j.args->>'outbox_id')::bigint = m.id)
		FROM email_outbox m ORDER BY m.id`)
	if err != nil {
		e.t.Fatal(err)
	}
	defer rows.Close()
	var out []outboxMessage
	for rows.Next() {
		var m outboxMessage
		if err := rows.Scan(&m.id, &m.recipient, &m.subject, &m.body, &m.queued); err != nil {
			e.t.Fatal(err)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		e.t.Fatal(err)
	}
	return out
}

var sixDigitCode = regexp.MustCompile(`\b[0-9]{6}\b`)

// sentCode is the code in the body of the last message of the outbox.
func (e *env) sentCode() string {
	e.t.Helper()
	msgs := e.outbox()
	if len(msgs) == 0 {
		e.t.Fatal("no message in the outbox")
	}
	code := sixDigitCode.FindString(msgs[len(msgs)-1].body)
	if code == "" {
		e.t.Fatalf("no code in the message %q", msgs[len(msgs)-1].body)
	}
	return code
}

// wantInputError checks that err is BAD_USER_INPUT on field with message msg.
func wantInputError(t *testing.T, err error, field, msg string) {
	t.Helper()
	var ge *graph.Error
	if !errors.As(err, &ge) || ge.Code != graph.CodeBadUserInput || ge.Field != field || ge.Message != msg {
		t.Fatalf("error %v, want BAD_USER_INPUT on %s: %q", err, field, msg)
	}
}

func challengeCtx() context.Context {
	return graph.WithCaller(graph.WithCorrelationID(context.Background(), "test-correlation"), touchpoint)
}

const otpField = "input.oneTimePassword"

// A challenge stores the hash of a random six-digit code (never the code), sent on and expiry 15
// minutes later, clears an earlier verification, and writes the e-mail with the code to the order
// customer's address with its job, in the write's transaction; the audit row names the outbox
// message, not the code.
func TestChallengeSend(t *testing.T) {
	e := newEnv(t)
	ctx := challengeCtx()
	profile := e.profileKey(e.newCustomer("profiel@example.nl"))
	holder := "houder@example.nl"
	orderKey, padKey := e.challengeOrder(profile, &holder, 1)
	if _, err := e.store.Pool().Exec(ctx, `UPDATE personal_account_data SET verified_on = now() WHERE id = $1`, padKey); err != nil {
		t.Fatal(err)
	}

	if err := e.work.SendChallengeInWrite(ctx, orderKey, padKey, otpField, false); err != nil {
		t.Fatal(err)
	}
	msgs := e.outbox()
	if len(msgs) != 1 {
		t.Fatalf("%d messages in the outbox, want 1", len(msgs))
	}
	m := msgs[0]
	code := e.sentCode()
	if m.recipient != holder || !m.queued || !strings.Contains(m.subject, "verificatiecode") {
		t.Errorf("message to %q (queued %t) %q, want one to the order customer, queued, in Dutch", m.recipient, m.queued, m.subject)
	}
	var (
		hash, otp              *string
		padUUID                pgtype.UUID
		validFor               string
		verified, sentRecently bool
	)
	if err := e.store.Pool().QueryRow(ctx, `SELECT challenge_code_hash, one_time_password, personal_account_data_id,
		(challenge_expires_on - challenge_sent_on)::text, verified_on IS NOT NULL, challenge_sent_on > now() - interval '1 minute'
		FROM personal_account_data WHERE id = $1`, padKey).Scan(&hash, &otp, &padUUID, &validFor, &verified, &sentRecently); err != nil {
		t.Fatal(err)
	}
	if hash == nil || strings.Contains(*hash, code) || *hash != resolvers.ChallengeHash(padUUID.Bytes, code) {
		t.Errorf("stored hash %v, want the keyed hash of the code sent and not the code", hash)
	}
	if otp != nil || verified || validFor != "00:15:00" || !sentRecently {
		t.Errorf("one_time_password %v, verified %t, valid for %s, sent now %t; want none, false, 15 minutes, true",
			otp, verified, validFor, sentRecently)
	}
	var audit string
	if err := e.store.Pool().QueryRow(ctx, `SELECT detail::text FROM audit_trail WHERE entity = 'personal_account_data'
		AND entity_id = $1`, padKey).Scan(&audit); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(audit, code) || strings.Contains(audit, holder) || !strings.Contains(audit, `"emailOutboxId"`) {
		t.Errorf("audit detail %s: want the outbox message named, no code, no address", audit)
	}

	// A second code voids the first.
	if err := e.work.SendChallengeInWrite(ctx, orderKey, padKey, otpField, false); err != nil {
		t.Fatal(err)
	}
	if second := e.sentCode(); second != code {
		wantInputError(t, e.work.AnswerChallengeInWrite(ctx, orderKey, padKey, code, otpField), otpField,
			"The one-time password is not valid or has expired.")
	}
}

// Without an order customer's address the code goes to the order's customer profile's address;
// an English order gets English mail.
func TestChallengeSendToTheProfile(t *testing.T) {
	e := newEnv(t)
	ctx := challengeCtx()
	profile := e.profileKey(e.newCustomer("profiel@example.nl"))
	empty := " "
	orderKey, padKey := e.challengeOrder(profile, &empty, 2)
	if err := e.work.SendChallengeInWrite(ctx, orderKey, padKey, otpField, false); err != nil {
		t.Fatal(err)
	}
	msgs := e.outbox()
	if len(msgs) != 1 || msgs[0].recipient != "profiel@example.nl" || !strings.Contains(msgs[0].body, "Your verification code") {
		t.Errorf("outbox %+v, want one English message to the profile's address", msgs)
	}
}

// Without any address to send to (or with one that is no address), the challenge is
// BAD_USER_INPUT on the field and changes nothing: no code, no message, no job.
func TestChallengeSendWithoutAddress(t *testing.T) {
	e := newEnv(t)
	ctx := challengeCtx()
	notAnAddress := "houder at example.nl"
	for _, email := range []*string{nil, &notAnAddress} {
		orderKey, padKey := e.challengeOrder(nil, email, 1)
		before := e.padState(padKey)
		wantInputError(t, e.work.SendChallengeInWrite(ctx, orderKey, padKey, otpField, false), otpField,
			"No e-mail address to send the one-time password to: give the order customer's emailAddress.")
		if after := e.padState(padKey); after != before || len(e.outbox()) != 0 {
			t.Errorf("personal account data %q -> %q, outbox %v: want nothing changed", before, after, e.outbox())
		}
	}
	var jobs int
	if err := e.store.Pool().QueryRow(ctx, `SELECT count(*) FROM river_job`).Scan(&jobs); err != nil || jobs != 0 {
		t.Errorf("%d jobs (%v), want none", jobs, err)
	}
}

// The code, its message and its job roll back with a write that fails after the challenge.
func TestChallengeSendRollsBack(t *testing.T) {
	e := newEnv(t)
	ctx := challengeCtx()
	holder := "houder@example.nl"
	orderKey, padKey := e.challengeOrder(nil, &holder, 1)
	before := e.padState(padKey)
	if err := e.work.SendChallengeInWrite(ctx, orderKey, padKey, otpField, true); !errors.Is(err, resolvers.ErrAfterChallenge) {
		t.Fatalf("write: %v", err)
	}
	var jobs int
	if err := e.store.Pool().QueryRow(ctx, `SELECT count(*) FROM river_job`).Scan(&jobs); err != nil {
		t.Fatal(err)
	}
	if after := e.padState(padKey); after != before || len(e.outbox()) != 0 || jobs != 0 {
		t.Errorf("after a failed write: data %q -> %q, %d messages, %d jobs; want nothing", before, after, len(e.outbox()), jobs)
	}
}

// A wrong code is BAD_USER_INPUT and changes nothing; the code sent verifies the data and is
// spent with it: answered again, it is refused.
func TestChallengeAnswer(t *testing.T) {
	e := newEnv(t)
	ctx := challengeCtx()
	holder := "houder@example.nl"
	orderKey, padKey := e.challengeOrder(nil, &holder, 1)
	if err := e.work.SendChallengeInWrite(ctx, orderKey, padKey, otpField, false); err != nil {
		t.Fatal(err)
	}
	code := e.sentCode()
	wrong := "123456"
	if wrong == code {
		wrong = "654321"
	}
	before := e.padState(padKey)
	for _, answer := range []string{wrong, "", "12345", code + "0", " " + code, "000000"} {
		// Each wrong answer counts against the code (TestChallengeVoidedByWrongAnswers); here
		// the count starts again, so the code stays.
		if _, err := e.store.Pool().Exec(ctx, `UPDATE personal_account_data SET challenge_failures = 0`); err != nil {
			t.Fatal(err)
		}
		wantInputError(t, e.work.AnswerChallengeInWrite(ctx, orderKey, padKey, answer, otpField), otpField,
			"The one-time password is not valid or has expired.")
		if after := e.padState(padKey); after != before {
			t.Fatalf("answer %q changed the data: %q -> %q", answer, before, after)
		}
	}

	if err := e.work.AnswerChallengeInWrite(ctx, orderKey, padKey, code, otpField); err != nil {
		t.Fatal(err)
	}
	var verified, cleared bool
	if err := e.store.Pool().QueryRow(ctx, `SELECT verified_on IS NOT NULL, challenge_code_hash IS NULL
		AND challenge_sent_on IS NULL AND challenge_expires_on IS NULL AND one_time_password IS NULL
		FROM personal_account_data WHERE id = $1`, padKey).Scan(&verified, &cleared); err != nil {
		t.Fatal(err)
	}
	if !verified || !cleared {
		t.Errorf("verified %t, code cleared %t; want both", verified, cleared)
	}
	wantInputError(t, e.work.AnswerChallengeInWrite(ctx, orderKey, padKey, code, otpField), otpField,
		"The one-time password is not valid or has expired.")
}

// Wrong answers count against the code, each in its own transaction after the refused write: the
// fifth voids it, so even the right code is refused then; a new code starts the count again.
func TestChallengeVoidedByWrongAnswers(t *testing.T) {
	e := newEnv(t)
	ctx := challengeCtx()
	holder := "houder@example.nl"
	orderKey, padKey := e.challengeOrder(nil, &holder, 1)
	if err := e.work.SendChallengeInWrite(ctx, orderKey, padKey, otpField, false); err != nil {
		t.Fatal(err)
	}
	code := e.sentCode()
	wrong := "123456"
	if wrong == code {
		wrong = "654321"
	}
	failures := func() (n int, void bool) {
		t.Helper()
		if err := e.store.Pool().QueryRow(ctx, `SELECT challenge_failures, challenge_code_hash IS NULL
			FROM personal_account_data WHERE id = $1`, padKey).Scan(&n, &void); err != nil {
			t.Fatal(err)
		}
		return n, void
	}
	for i := 1; i <= 5; i++ {
		wantInputError(t, e.work.AnswerChallengeInWrite(ctx, orderKey, padKey, wrong, otpField), otpField,
			"The one-time password is not valid or has expired.")
		if n, void := failures(); n != i || void != (i == 5) {
			t.Fatalf("after %d wrong answers: %d counted, code void %t", i, n, void)
		}
	}
	wantInputError(t, e.work.AnswerChallengeInWrite(ctx, orderKey, padKey, code, otpField), otpField,
		"The one-time password is not valid or has expired.")
	if n, _ := failures(); n != 5 {
		t.Errorf("an answer without a code counted: %d", n)
	}

	if err := e.work.SendChallengeInWrite(ctx, orderKey, padKey, otpField, false); err != nil {
		t.Fatal(err)
	}
	if n, void := failures(); n != 0 || void {
		t.Fatalf("a new code: %d counted, void %t", n, void)
	}
	if err := e.work.AnswerChallengeInWrite(ctx, orderKey, padKey, e.sentCode(), otpField); err != nil {
		t.Fatal(err)
	}
}

// A code past its 15 minutes is refused, and changes nothing.
func TestChallengeAnswerExpired(t *testing.T) {
	e := newEnv(t)
	ctx := challengeCtx()
	holder := "houder@example.nl"
	orderKey, padKey := e.challengeOrder(nil, &holder, 1)
	if err := e.work.SendChallengeInWrite(ctx, orderKey, padKey, otpField, false); err != nil {
		t.Fatal(err)
	}
	code := e.sentCode()
	if _, err := e.store.Pool().Exec(ctx, `UPDATE personal_account_data SET challenge_sent_on = now() - interval '16 minutes',
		challenge_expires_on = now() - interval '1 minute' WHERE id = $1`, padKey); err != nil {
		t.Fatal(err)
	}
	before := e.padState(padKey)
	wantInputError(t, e.work.AnswerChallengeInWrite(ctx, orderKey, padKey, code, otpField), otpField,
		"The one-time password is not valid or has expired.")
	if after := e.padState(padKey); after != before {
		t.Errorf("an expired answer changed the data: %q -> %q", before, after)
	}
}

// 000000 is accepted in development mode only, with or without a code sent; production refuses
// it, outstanding code or not.
func TestChallengeDevelopmentCode(t *testing.T) {
	e := newEnv(t)
	ctx := challengeCtx()
	holder := "houder@example.nl"
	orderKey, padKey := e.challengeOrder(nil, &holder, 1)

	wantInputError(t, e.work.AnswerChallengeInWrite(ctx, orderKey, padKey, "000000", otpField), otpField,
		"The one-time password is not valid or has expired.")
	if err := e.work.SendChallengeInWrite(ctx, orderKey, padKey, otpField, false); err != nil {
		t.Fatal(err)
	}
	if e.sentCode() == "000000" {
		t.Fatal("a code sent is the development code")
	}
	wantInputError(t, e.work.AnswerChallengeInWrite(ctx, orderKey, padKey, "000000", otpField), otpField,
		"The one-time password is not valid or has expired.")

	dev := &resolvers.Resolver{Deps: e.work.Deps}
	dev.Options.Development = true
	if err := dev.AnswerChallengeInWrite(ctx, orderKey, padKey, "000000", otpField); err != nil {
		t.Fatalf("development mode refused 000000: %v", err)
	}
	// Without a code outstanding too.
	_, other := e.challengeOrder(nil, &holder, 1)
	otherOrder := orderOf(t, e, other)
	if err := dev.AnswerChallengeInWrite(ctx, otherOrder, other, "000000", otpField); err != nil {
		t.Fatalf("development mode refused 000000 without a code sent: %v", err)
	}
	var verified int
	if err := e.store.Pool().QueryRow(ctx, `SELECT count(*) FROM personal_account_data WHERE verified_on IS NOT NULL`).
		Scan(&verified); err != nil || verified != 2 {
		t.Errorf("%d verified (%v), want 2", verified, err)
	}
}

// orderOf is the key of the order of the personal account data padKey.
func orderOf(t *testing.T, e *env, padKey int64) int64 {
	t.Helper()
	var id int64
	if err := e.store.Pool().QueryRow(context.Background(), `SELECT l.sales_order_id FROM personal_account_data p
		JOIN customer_token t ON t.id = p.customer_token_id JOIN order_line l ON l.id = t.order_line_id
		WHERE p.id = $1`, padKey).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// The personal account data of another order is not found through this one.
func TestChallengeOfAnotherOrder(t *testing.T) {
	e := newEnv(t)
	ctx := challengeCtx()
	holder := "houder@example.nl"
	orderKey, _ := e.challengeOrder(nil, &holder, 1)
	_, otherPAD := e.challengeOrder(nil, &holder, 1)
	var ge *graph.Error
	if err := e.work.SendChallengeInWrite(ctx, orderKey, otherPAD, otpField, false); !errors.As(err, &ge) || ge.Code != graph.CodeNotFound {
		t.Errorf("challenge of another order's data: %v, want NOT_FOUND", err)
	}
}
