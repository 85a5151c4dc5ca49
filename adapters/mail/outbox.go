package mail

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/jackc/pgx/v5"

	"ovgraph/adapters/postgres"
)

// Store is what the outbox needs of the database: a transaction. *postgres.Store is one.
type Store interface {
	InTx(ctx context.Context, fn func(q *postgres.Queries) error) error
}

// Outbox delivers the messages of email_outbox, one per background job.
type Outbox struct {
	Store Store
	// Sender sends; nil leaves every message unsent in the outbox (no mail server configured).
	Sender Sender
	Log    *slog.Logger
}

// Deliver sends the outbox message with key id and marks it sent. complete marks the job done in
// the same transaction, so the message is marked sent and the job completed together; an error
// (the server could not be reached, or refused for now) rolls both back and the job is retried,
// the message still unsent; a message rejected for good (ErrRejected) is left unsent and its job
// completed. A message already sent, or gone, is not sent again. Should the commit
// fail after the server took the message, it is sent again: at least once, never lost.
func (o *Outbox) Deliver(ctx context.Context, id int64, complete func(tx pgx.Tx) error) error {
	return o.Store.InTx(ctx, func(q *postgres.Queries) error {
		tx, ok := q.Tx()
		if !ok {
			return errors.New("mail: no transaction")
		}
		m, err := q.LockOutboxEmail(ctx, id)
		switch {
		case errors.Is(err, postgres.ErrNotFound):
			o.log().WarnContext(ctx, "e-mail not in the outbox", "outbox_id", id)
			return complete(tx)
		case err != nil:
			return err
		case m.SentOn != nil:
			return complete(tx)
		case o.Sender == nil:
			o.log().InfoContext(ctx, "e-mail left unsent in the outbox: no mail server is configured", "outbox_id", id)
			return complete(tx)
		}
		if err := o.Sender.Send(ctx, Message{To: m.Recipient, Subject: m.Subject, Body: m.Body}); err != nil {
			if errors.Is(err, ErrRejected) {
				o.log().WarnContext(ctx, "e-mail rejected for good: left unsent in the outbox", "outbox_id", id, "error", err.Error())
				return complete(tx)
			}
			o.log().WarnContext(ctx, "e-mail not sent", "outbox_id", id, "error", err.Error())
			return fmt.Errorf("e-mail %d: %w", id, err)
		}
		if err := q.MarkOutboxEmailSent(ctx, id); err != nil {
			return err
		}
		if err := complete(tx); err != nil {
			return err
		}
		o.log().InfoContext(ctx, "e-mail sent", "outbox_id", id)
		return nil
	})
}

func (o *Outbox) log() *slog.Logger {
	if o.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return o.Log
}
