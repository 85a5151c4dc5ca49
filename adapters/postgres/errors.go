package postgres

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Sentinel errors: callers decide what they mean with errors.Is and, for constraint errors,
// ConstraintError.Constraint.
var (
	ErrNotFound  = errors.New("not found")
	ErrConflict  = errors.New("unique constraint violated")
	ErrReference = errors.New("foreign key constraint violated")
	ErrCheck     = errors.New("check constraint violated")
	// ErrUnavailable is a database that cannot be reached or does not serve: no connection, a
	// connection lost, the server shutting down or refusing connections. The error wraps the
	// driver's, which says why.
	ErrUnavailable = errors.New("database unavailable")
)

// ConstraintError names the constraint a write broke. It unwraps to ErrConflict, ErrReference or
// ErrCheck; Constraint is empty for a NOT NULL column (an ErrCheck).
type ConstraintError struct {
	Kind       error
	Constraint string
}

func (e *ConstraintError) Error() string { return fmt.Sprintf("%v: %s", e.Kind, e.Constraint) }
func (e *ConstraintError) Unwrap() error { return e.Kind }

// mapError turns driver errors into the package's sentinels: every integrity constraint
// violation (SQLSTATE class 23) becomes a ConstraintError.
func mapError(err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return ErrNotFound
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && strings.HasPrefix(pgErr.Code, "23") {
		kind := ErrCheck // check_violation, not_null_violation and any other
		switch pgErr.Code {
		case "23505", "23P01": // unique_violation, exclusion_violation
			kind = ErrConflict
		case "23503", "23001": // foreign_key_violation, restrict_violation
			kind = ErrReference
		}
		return &ConstraintError{Kind: kind, Constraint: pgErr.ConstraintName}
	}
	if unavailable(err) {
		return fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	return err
}

// unavailable tells whether err says the database cannot be reached or does not serve, rather
// than that a statement failed.
func unavailable(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch {
		case strings.HasPrefix(pgErr.Code, "08"): // connection exception
			return true
		case pgErr.Code == "57P01", pgErr.Code == "57P02", pgErr.Code == "57P03": // shutting down, crashed, starting
			return true
		case pgErr.Code == "3D000": // the database does not exist (dropped, or not yet made)
			return true
		case pgErr.Code == "53300": // too many connections
			return true
		}
		return false
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false // the request gave up, not the database
	}
	var connectErr *pgconn.ConnectError
	var opErr *net.OpError
	return errors.As(err, &connectErr) || errors.As(err, &opErr) || errors.Is(err, io.ErrUnexpectedEOF) ||
		pgconn.SafeToRetry(err)
}

// stepError maps err and names the statement that failed, from the `-- name: X` line sqlc puts
// at the start of every statement.
func stepError(sql string, err error) error {
	if err == nil {
		return nil
	}
	err = mapError(err)
	if rest, ok := strings.CutPrefix(sql, "-- name: "); ok {
		if name, _, ok := strings.Cut(rest, " "); ok {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return err
}

// The generated Queries run on a DBTX; Store hands them one of these instead of the pool or the
// transaction, so every error they return is already mapped onto the sentinels.

// mappedDB is a DBTX that maps the errors of another.
type mappedDB struct{ db DBTX }

func (m mappedDB) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	return execMapped(ctx, m.db, sql, args)
}

func (m mappedDB) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	return queryMapped(ctx, m.db, sql, args)
}

func (m mappedDB) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	return mappedRow{m.db.QueryRow(ctx, sql, args...), sql}
}

// mappedTx is a transaction whose statements map their errors, for Queries.WithTx.
type mappedTx struct{ pgx.Tx }

func (t mappedTx) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	return execMapped(ctx, t.Tx, sql, args)
}

func (t mappedTx) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	return queryMapped(ctx, t.Tx, sql, args)
}

func (t mappedTx) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	return mappedRow{t.Tx.QueryRow(ctx, sql, args...), sql}
}

func execMapped(ctx context.Context, db DBTX, sql string, args []any) (pgconn.CommandTag, error) {
	tag, err := db.Exec(ctx, sql, args...)
	return tag, stepError(sql, err)
}

func queryMapped(ctx context.Context, db DBTX, sql string, args []any) (pgx.Rows, error) {
	rows, err := db.Query(ctx, sql, args...)
	if err != nil {
		return nil, stepError(sql, err)
	}
	return mappedRows{rows, sql}, nil
}

type mappedRow struct {
	row pgx.Row
	sql string
}

func (r mappedRow) Scan(dest ...any) error { return stepError(r.sql, r.row.Scan(dest...)) }

type mappedRows struct {
	pgx.Rows
	sql string
}

func (r mappedRows) Scan(dest ...any) error { return stepError(r.sql, r.Rows.Scan(dest...)) }
func (r mappedRows) Err() error             { return stepError(r.sql, r.Rows.Err()) }
