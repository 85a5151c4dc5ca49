package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// ChildLists names the child lists of a profile to read.
type ChildLists struct {
	Statuses, Addresses, Phones, ChipCards, Tokens, Billing, Mandates, Audit bool
}

// PageChildren are the child lists of a page of profiles; a list not asked for is nil.
type PageChildren struct {
	Statuses  []StatusesByCustomersRow
	Addresses []AddressView
	Phones    []PhoneView
	ChipCards []OvChipCard
	Tokens    []TokenView
	Billing   []BillingInformation
	Mandates  []MandateView
	Audit     []AuditByCustomersRow
}

// PageChildren reads the asked child lists of the profiles ids in one round trip: the same
// statements the loaders run (StatusesByCustomers, ...), sent together as one pgx.Batch.
func (s *Store) PageChildren(ctx context.Context, ids []int64, want ChildLists) (PageChildren, error) {
	var out PageChildren
	// The generated methods run twice: first against a DBTX that only records each statement
	// into the batch, then, once the batch is sent, against one that hands them its results in
	// the same order.
	run := func(q *Queries) error {
		var errs []error
		read := func(want bool, f func() error) {
			if want {
				errs = append(errs, f())
			}
		}
		var err error
		read(want.Statuses, func() error { out.Statuses, err = q.StatusesByCustomers(ctx, ids); return err })
		read(want.Addresses, func() error { out.Addresses, err = q.AddressesByCustomers(ctx, ids); return err })
		read(want.Phones, func() error { out.Phones, err = q.PhonesByCustomers(ctx, ids); return err })
		read(want.ChipCards, func() error { out.ChipCards, err = q.ChipCardsByCustomers(ctx, ids); return err })
		read(want.Tokens, func() error { out.Tokens, err = q.TokensByCustomers(ctx, ids); return err })
		read(want.Billing, func() error { out.Billing, err = q.BillingByCustomers(ctx, ids); return err })
		read(want.Mandates, func() error { out.Mandates, err = q.MandatesByCustomers(ctx, ids); return err })
		read(want.Audit, func() error { out.Audit, err = q.AuditByCustomers(ctx, ids); return err })
		return errors.Join(errs...)
	}
	batch := &pgx.Batch{}
	if err := run(New(queuer{batch})); !isQueued(err) {
		return PageChildren{}, fmt.Errorf("queue page children: %w", err)
	}
	if batch.Len() == 0 {
		return out, nil
	}
	results := s.pool.SendBatch(ctx, batch)
	err := run(New(mappedDB{batchResults{results}}))
	if cerr := results.Close(); err == nil && cerr != nil {
		err = mapError(cerr)
	}
	if err != nil {
		return PageChildren{}, fmt.Errorf("read page children: %w", err)
	}
	return out, nil
}

// errQueued is what queuer answers: the statement waits in the batch.
var errQueued = errors.New("queued")

// isQueued tells whether err holds only errQueued.
func isQueued(err error) bool {
	var joined interface{ Unwrap() []error }
	if !errors.As(err, &joined) {
		return errors.Is(err, errQueued)
	}
	for _, e := range joined.Unwrap() {
		if !errors.Is(e, errQueued) {
			return false
		}
	}
	return true
}

// queuer is a DBTX that queues every query into a batch instead of running it.
type queuer struct{ b *pgx.Batch }

func (q queuer) Query(_ context.Context, sql string, args ...any) (pgx.Rows, error) {
	q.b.Queue(sql, args...)
	return nil, errQueued
}

func (q queuer) Exec(context.Context, string, ...any) (pgconn.CommandTag, error) {
	return pgconn.CommandTag{}, errors.New("queuer: Exec is not batched")
}

func (q queuer) QueryRow(context.Context, string, ...any) pgx.Row {
	return errRow{errors.New("queuer: QueryRow is not batched")}
}

// batchResults is a DBTX that answers each query with the next result of a sent batch.
type batchResults struct{ r pgx.BatchResults }

func (b batchResults) Query(context.Context, string, ...any) (pgx.Rows, error) {
	return b.r.Query()
}

func (b batchResults) Exec(context.Context, string, ...any) (pgconn.CommandTag, error) {
	return b.r.Exec()
}

func (b batchResults) QueryRow(context.Context, string, ...any) pgx.Row {
	return b.r.QueryRow()
}

type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }
