package postgres

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"log/slog"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migrations returns the embedded migration files.
func Migrations() fs.FS {
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		panic(err)
	}
	return sub
}

// provider reads the migration state through the pool.
func (s *Store) provider() (*goose.Provider, func(), error) {
	return newProvider(stdlib.OpenDBFromPool(s.pool))
}

// migrator applies migrations: on connections of their own without the pool's statement_timeout
// (a migration may take longer than a request should), under goose's session lock, a PostgreSQL
// advisory lock, so replicas that start together take turns: the first migrates, the others
// wait (checking every second, for at most 5 minutes) and then find nothing to do.
func (s *Store) migrator() (*goose.Provider, func(), error) {
	cc := s.pool.Config().ConnConfig
	delete(cc.RuntimeParams, "statement_timeout")
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockTimeout(1, 300))
	if err != nil {
		return nil, nil, fmt.Errorf("migration lock: %w", err)
	}
	return newProvider(stdlib.OpenDB(*cc), goose.WithSessionLocker(locker))
}

func newProvider(db *sql.DB, opts ...goose.ProviderOption) (*goose.Provider, func(), error) {
	p, err := goose.NewProvider(goose.DialectPostgres, db, Migrations(), opts...)
	if err != nil {
		_ = db.Close()
		return nil, nil, fmt.Errorf("migration provider: %w", err)
	}
	return p, func() { _ = db.Close() }, nil
}

// Migrate applies every embedded migration not yet applied, then River's (the job queue's tables).
func (s *Store) Migrate(ctx context.Context) error {
	p, done, err := s.migrator()
	if err != nil {
		return err
	}
	defer done()
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return s.migrateRiver(ctx)
}

// River's tables (river_job, river_leader, river_queue, ...) hold the background jobs: adapters/jobs
// runs them, and a write enqueues one in its own transaction. They are part of the schema, so the
// one migrate step makes them, with River's own migrator (its SQL is River's to change, pinned by
// go.mod). River's migrator takes no lock of its own: it runs here under goose's advisory lock, so
// replicas that start together take turns, as they do for goose's migrations.

// riverMigrator is River's migrator on pool (nil for AllVersions only).
func riverMigrator(pool *pgxpool.Pool) (*rivermigrate.Migrator[pgx.Tx], error) {
	return rivermigrate.New(riverpgxv5.New(pool), &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
}

// RiverVersion is the newest version of River's schema that Migrate applies.
func RiverVersion() int {
	m, err := riverMigrator(nil)
	if err != nil {
		panic(err)
	}
	all := m.AllVersions()
	return all[len(all)-1].Version
}

// migrateRiver applies River's migrations not yet applied, on connections without the pool's
// statement and lock timeouts, holding goose's lock.
func (s *Store) migrateRiver(ctx context.Context) error {
	pc := s.pool.Config()
	delete(pc.ConnConfig.RuntimeParams, "statement_timeout")
	delete(pc.ConnConfig.RuntimeParams, "lock_timeout")
	pc.ConnConfig.Tracer = nil
	pc.MinConns, pc.MaxConns = 0, 2 // one holds the lock, one migrates
	pool, err := pgxpool.NewWithConfig(ctx, pc)
	if err != nil {
		return fmt.Errorf("river migration pool: %w", err)
	}
	defer pool.Close()
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("river migration: %w", mapError(err))
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", lock.DefaultLockID); err != nil {
		return fmt.Errorf("river migration lock: %w", mapError(err))
	}
	defer func() {
		_, _ = conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", lock.DefaultLockID)
	}()
	m, err := riverMigrator(pool)
	if err != nil {
		return fmt.Errorf("river migrator: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("river migration: %w", err)
	}
	return nil
}

// Ready reports whether the database answers and carries every embedded migration and River's.
func (s *Store) Ready(ctx context.Context) error {
	p, done, err := s.provider()
	if err != nil {
		return err
	}
	defer done()
	pending, err := p.HasPending(ctx)
	if err != nil {
		return fmt.Errorf("migration status: %w", err)
	}
	if pending {
		return fmt.Errorf("migrations pending")
	}
	m, err := riverMigrator(s.pool)
	if err != nil {
		return fmt.Errorf("river migrator: %w", err)
	}
	res, err := m.Validate(ctx, nil)
	if err != nil {
		return fmt.Errorf("river migration status: %w", mapError(err))
	}
	if !res.OK {
		return fmt.Errorf("river migrations pending")
	}
	return nil
}
