package resolvers

import (
	"context"
	"errors"
	"time"

	"ovgraph/adapters/postgres"
)

// The challenge functions are reached through the PAD mutations of the basket; until those run
// here, the tests of resolvers_test call them through these, each as one write of an order.

// errAfterChallenge fails a write after its challenge step, to show that the step rolls back with it.
var errAfterChallenge = errors.New("the write failed after the challenge")

// ErrAfterChallenge is errAfterChallenge, for resolvers_test.
var ErrAfterChallenge = errAfterChallenge

// SendChallengeInWrite runs sendChallenge for the personal account data padKey in a write of the
// order orderKey, which then fails when fail is set.
func (r *Resolver) SendChallengeInWrite(ctx context.Context, orderKey, padKey int64, field string, fail bool) error {
	return r.challengeWrite(ctx, orderKey, func(ctx context.Context, w *orderWrite) error {
		if err := r.sendChallenge(ctx, w, padKey, field); err != nil {
			return err
		}
		if fail {
			return errAfterChallenge
		}
		return nil
	})
}

// AnswerChallengeInWrite runs answerChallenge for the personal account data padKey in a write of
// the order orderKey.
func (r *Resolver) AnswerChallengeInWrite(ctx context.Context, orderKey, padKey int64, code, field string) error {
	return r.challengeWrite(ctx, orderKey, func(ctx context.Context, w *orderWrite) error {
		return r.answerChallenge(ctx, w, padKey, code, field)
	})
}

// ChallengeHash is challengeHash, for resolvers_test.
func ChallengeHash(padUUID [16]byte, code string) string { return challengeHash(padUUID, code) }

// challengeWrite runs fn as writeOrder would, on an order named by its key: in one transaction
// with the order locked, finished by finishOrderWrite, its errors answered as writeOrder does.
func (r *Resolver) challengeWrite(ctx context.Context, orderKey int64, fn func(ctx context.Context, w *orderWrite) error) error {
	ctx = context.WithValue(ctx, loadersKey{}, newLoaders(ctx, r.Store, r.GBO, time.Millisecond))
	var w *orderWrite
	err := r.inTx(ctx, func(q *postgres.Queries) error {
		o, err := q.LockOrder(ctx, orderKey)
		if err != nil {
			return err
		}
		w = &orderWrite{q: q, order: o}
		if err := fn(ctx, w); err != nil {
			return err
		}
		return r.finishOrderWrite(ctx, w)
	})
	if err != nil {
		r.recordRefusal(ctx, w)
	}
	return storeError(err)
}
