// Package postgres is ovgraph's PostgreSQL adapter: migrations, the named SQL statements in
// queries/, and a Store that runs them and maps rows onto the structs in rows.go.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
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
// ErrCheck.
type ConstraintError struct {
	Kind       error
	Constraint string
}

func (e *ConstraintError) Error() string { return fmt.Sprintf("%v: %s", e.Kind, e.Constraint) }
func (e *ConstraintError) Unwrap() error { return e.Kind }

// DBTX is what the queries need: a pool, a connection or a transaction.
type DBTX interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// Queries runs the named statements against a DBTX.
type Queries struct{ db DBTX }

// Store owns the pool. Its embedded Queries read outside a transaction; InTx runs writes.
type Store struct {
	*Queries
	pool *pgxpool.Pool
}

// Config says how to reach the database and how long anything may take there.
type Config struct {
	URL string
	// Tracer, when set, sees every statement (tests count them).
	Tracer pgx.QueryTracer
	// MaxConns caps the pool; 0 keeps pgx's default (4, or the number of CPUs if more).
	MaxConns int32
	// StatementTimeout and LockTimeout become the statement_timeout and lock_timeout of the
	// pool's connections: the longest a statement may run, and may wait for a lock (so writers
	// queued behind one row lock give their connections back). 0 keeps the server's setting.
	StatementTimeout time.Duration
	LockTimeout      time.Duration
}

// Open connects a pool and checks the database answers.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	pc, err := pgxpool.ParseConfig(cfg.URL)
	if err != nil {
		return nil, fmt.Errorf("parse database url: %w", err)
	}
	if cfg.Tracer != nil {
		pc.ConnConfig.Tracer = cfg.Tracer
	}
	if cfg.MaxConns > 0 {
		pc.MaxConns = cfg.MaxConns
	}
	for name, d := range map[string]time.Duration{"statement_timeout": cfg.StatementTimeout, "lock_timeout": cfg.LockTimeout} {
		if d > 0 {
			pc.ConnConfig.RuntimeParams[name] = fmt.Sprintf("%dms", max(d.Milliseconds(), 1))
		}
	}
	pool, err := pgxpool.NewWithConfig(ctx, pc)
	if err != nil {
		return nil, fmt.Errorf("open pool: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("ping database: %w", err)
	}
	return &Store{Queries: &Queries{db: pool}, pool: pool}, nil
}

// Close releases the pool.
func (s *Store) Close() { s.pool.Close() }

// Pool exposes the pool to the migrator and to health checks.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// InTx runs fn in one transaction: committed when fn returns nil, rolled back otherwise.
func (s *Store) InTx(ctx context.Context, fn func(q *Queries) error) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("begin: %w", mapError(err))
	}
	defer func() { _ = tx.Rollback(ctx) }()
	if err := fn(&Queries{db: tx}); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("commit: %w", mapError(err))
	}
	return nil
}

// mapError turns driver errors into the package's sentinels.
func mapError(err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return ErrNotFound
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "23505":
			return &ConstraintError{Kind: ErrConflict, Constraint: pgErr.ConstraintName}
		case "23503":
			return &ConstraintError{Kind: ErrReference, Constraint: pgErr.ConstraintName}
		case "23514":
			return &ConstraintError{Kind: ErrCheck, Constraint: pgErr.ConstraintName}
		}
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

// list runs a named statement and collects every row into T by column name.
func list[T any](ctx context.Context, db DBTX, name string, args ...any) ([]T, error) {
	rows, err := db.Query(ctx, statement(name), args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, mapError(err))
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[T])
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, mapError(err))
	}
	return out, nil
}

// one runs a named statement that yields one row; no row is ErrNotFound.
func one[T any](ctx context.Context, db DBTX, name string, args ...any) (T, error) {
	rows, err := db.Query(ctx, statement(name), args...)
	if err != nil {
		var zero T
		return zero, fmt.Errorf("%s: %w", name, mapError(err))
	}
	v, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[T])
	if err != nil {
		return v, fmt.Errorf("%s: %w", name, mapError(err))
	}
	return v, nil
}

// exec runs a named statement and reports ErrNotFound when it touched no row.
func exec(ctx context.Context, db DBTX, name string, args ...any) error {
	tag, err := db.Exec(ctx, statement(name), args...)
	if err != nil {
		return fmt.Errorf("%s: %w", name, mapError(err))
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("%s: %w", name, ErrNotFound)
	}
	return nil
}
