package postgres

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"

	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
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

// Migrate applies every embedded migration not yet applied.
func (s *Store) Migrate(ctx context.Context) error {
	p, done, err := s.migrator()
	if err != nil {
		return err
	}
	defer done()
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// Ready reports whether the database answers and carries every embedded migration.
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
	return nil
}
