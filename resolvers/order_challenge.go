package resolvers

import (
	"context"
)

// The one-time-password challenge of personal account data: a code sent by e-mail through the
// outbox, and the check of the code the holder answers with.
// (Skeleton of the orders-base branch: each function is written on its own branch.)

// sendChallenge issues a new one-time password for the personal account data with key padKey of
// the order w writes: it stores the code's hash and expiry on the row and writes the e-mail that
// carries it to the outbox, in w's transaction. BAD_USER_INPUT (field) when no e-mail address is
// known to send it to.
func (r *Resolver) sendChallenge(ctx context.Context, w *orderWrite, padKey int64, field string) error {
	return errNotBuilt
}

// answerChallenge checks the one-time password the holder answered for the personal account data
// with key padKey and, when it matches an unexpired code (or, in development mode only, 000000),
// marks the data verified. BAD_USER_INPUT (field) when it does not; nothing is changed then.
func (r *Resolver) answerChallenge(ctx context.Context, w *orderWrite, padKey int64, code, field string) error {
	return errNotBuilt
}
