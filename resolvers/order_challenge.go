package resolvers

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"ovgraph/adapters/postgres"
	"ovgraph/graph"
)

// The one-time-password challenge of personal account data: a code sent by e-mail through the
// outbox, and the check of the code the holder answers with.
//
// A code is six random digits (crypto/rand), valid for challengeValidMinutes. Only its hash is
// stored (challenge_code_hash: HMAC-SHA256 keyed with the personal account data's uuid, so equal
// codes of two rows do not hash alike); the code itself exists only in the outbox message that
// carries it. A new code voids the one before and any earlier verification; an answered code is
// spent. The answer itself is not stored (one_time_password stays null): isVerified shows it.
// In development mode (Options.Development, as make run starts the server) the code
// developmentCode is accepted as well; in production never, and no code sent is ever that one.

// challengeValidMinutes is how long a code holds after it was sent.
const challengeValidMinutes = 15

// challengeRation codes at most go to one e-mail address in challengeRationMinutes: the order
// customer's address is whatever the caller wrote, so without a ration anyone could flood an
// inbox with codes.
const (
	challengeRation        = 5
	challengeRationMinutes = 60
)

// developmentCode is the code development mode accepts for any challenge.
const developmentCode = "000000"

// Answers of a challenge.
const (
	msgNoChallengeEmail  = "No e-mail address to send the one-time password to: give the order customer's emailAddress."
	msgChallengeInvalid  = "The one-time password is not valid or has expired."
	msgChallengeRationed = "Too many one-time passwords were sent to this e-mail address in the last hour; answer one of them, or try again later."
)

// sendChallenge issues a new one-time password for the personal account data with key padKey of
// the order w writes: it stores the code's hash and expiry on the row and writes the e-mail that
// carries it to the outbox, with the job that sends it, in w's transaction. BAD_USER_INPUT
// (field) when no e-mail address is known to send it to; UNPROCESSABLE (field) when the address
// had its ration of codes (challengeRation in challengeRationMinutes).
func (r *Resolver) sendChallenge(ctx context.Context, w *orderWrite, padKey int64, field string) error {
	pad, err := w.q.ChallengeOfPersonalAccountData(ctx, padKey, w.order.ID)
	if err != nil {
		return err
	}
	to, err := w.q.ChallengeRecipient(ctx, w.order.ID)
	if err != nil {
		return err
	}
	recipient := firstAddress(to.OrderCustomerEmail, to.ProfileEmail)
	if recipient == "" || checkEmail(recipient) != nil {
		return graph.InputError(field, msgNoChallengeEmail)
	}
	if err := w.q.LockChallengeRecipient(ctx, recipient); err != nil {
		return err
	}
	sent, err := w.q.RecentEmailsTo(ctx, recipient, challengeRationMinutes)
	if err != nil {
		return err
	}
	if sent >= challengeRation {
		return &graph.Error{Code: graph.CodeUnprocessable, Field: field, Message: msgChallengeRationed}
	}
	code, err := newChallengeCode()
	if err != nil {
		return err
	}
	if err := w.q.StartChallenge(ctx, postgres.StartChallengeParams{
		ID: padKey, CodeHash: challengeHash(pad.PersonalAccountDataID.Bytes, code), ValidMinutes: challengeValidMinutes,
	}); err != nil {
		return err
	}
	subject, body := challengeEmail(to.LanguageID, code)
	outboxID, err := w.q.InsertOutboxEmail(ctx, postgres.InsertOutboxEmailParams{
		Recipient: recipient, Subject: subject, Body: body,
	})
	if err != nil {
		return err
	}
	tx, ok := w.q.Tx()
	if !ok || r.Jobs == nil {
		return errors.New("challenge: no transaction or no job queue to enqueue the e-mail in")
	}
	if err := r.Jobs.EnqueueEmail(ctx, tx, outboxID); err != nil {
		return err
	}
	w.record("update", "personal_account_data", padKey, map[string]any{
		"challenge": "sent", "emailOutboxId": outboxID, "validMinutes": challengeValidMinutes})
	return nil
}

// answerChallenge checks the one-time password the holder answered for the personal account data
// with key padKey and, when it matches an unexpired code (or, in development mode only, 000000),
// marks the data verified. BAD_USER_INPUT (field) when it does not; nothing is changed then.
func (r *Resolver) answerChallenge(ctx context.Context, w *orderWrite, padKey int64, code, field string) error {
	pad, err := w.q.ChallengeOfPersonalAccountData(ctx, padKey, w.order.ID)
	if err != nil {
		return err
	}
	ok := r.Options.Development && code == developmentCode
	if !ok && pad.Outstanding && pad.ChallengeCodeHash != nil && sixDigits.MatchString(code) {
		want, err := hex.DecodeString(*pad.ChallengeCodeHash)
		got, _ := hex.DecodeString(challengeHash(pad.PersonalAccountDataID.Bytes, code))
		ok = err == nil && hmac.Equal(got, want)
	}
	if !ok {
		if pad.Outstanding && pad.ChallengeCodeHash != nil {
			// The wrong answer counts against the code once the refused write has rolled back;
			// the maxChallengeFailures-th voids it.
			hash := *pad.ChallengeCodeHash
			w.refused = append(w.refused, func(ctx context.Context, q *postgres.Queries) error {
				_, err := q.CountChallengeFailure(ctx, postgres.CountChallengeFailureParams{
					ID: padKey, CodeHash: hash, MaxFailures: maxChallengeFailures})
				if errors.Is(err, postgres.ErrNotFound) {
					return nil // another code was sent, or this one answered, since
				}
				return err
			})
		}
		return graph.InputError(field, msgChallengeInvalid)
	}
	if err := w.q.PassChallenge(ctx, padKey); err != nil {
		return err
	}
	w.record("update", "personal_account_data", padKey, map[string]any{"challenge": "answered", "isVerified": true})
	return nil
}

// maxChallengeFailures is how many wrong answers void a code: guessing one of a million codes
// then succeeds once in 200,000 codes sent.
const maxChallengeFailures = 5

// newChallengeCode is six random digits, never the development code.
func newChallengeCode() (string, error) {
	for {
		n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
		if err != nil {
			return "", fmt.Errorf("challenge code: %w", err)
		}
		if code := fmt.Sprintf("%06d", n.Int64()); code != developmentCode {
			return code, nil
		}
	}
}

// challengeHash is the stored form of a code of the personal account data with uuid padUUID:
// HMAC-SHA256 of the code keyed with the uuid, in hex.
func challengeHash(padUUID [16]byte, code string) string {
	m := hmac.New(sha256.New, padUUID[:])
	m.Write([]byte(code))
	return hex.EncodeToString(m.Sum(nil))
}

// firstAddress is the first of the addresses that is given.
func firstAddress(addrs ...*string) string {
	for _, a := range addrs {
		if a != nil && strings.TrimSpace(*a) != "" {
			return strings.TrimSpace(*a)
		}
	}
	return ""
}

// languageEnglish is the language (language.id) whose orders get English e-mail; the others Dutch.
const languageEnglish = 2

// challengeEmail is the subject and body of the e-mail with a code, in the order's language.
func challengeEmail(languageID int32, code string) (subject, body string) {
	if languageID == languageEnglish {
		return "Your HTM verification code",
			"Your verification code is " + code + ".\n\n" +
				fmt.Sprintf("It is valid for %d minutes. Did you not ask for it? Then you can ignore this e-mail.\n", challengeValidMinutes)
	}
	return "Uw verificatiecode van HTM",
		"Uw verificatiecode is " + code + ".\n\n" +
			fmt.Sprintf("De code is %d minuten geldig. Heeft u er niet om gevraagd? Dan kunt u deze e-mail negeren.\n", challengeValidMinutes)
}
