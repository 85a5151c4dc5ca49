package postgres_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/pressly/goose/v3/lock"

	"ovgraph/adapters/postgres"
	"ovgraph/adapters/postgres/pgtest"
)

// Two replicas that start together migrate one fresh database together: one applies the
// migrations while the other waits for goose's lock, then finds nothing left to do. Without the
// lock both may apply the same migration and one fails, now and then; TestMigrateWaitsForTheLock
// shows the lock is taken every time.
func TestConcurrentMigrations(t *testing.T) {
	const databases, replicas = 8, 2
	type replica struct {
		db    int
		store *postgres.Store
		err   error
	}
	var all []*replica
	for db := range databases {
		url := pgtest.NewEmptyDatabase(t)
		for range replicas {
			s, err := postgres.Open(context.Background(), postgres.Config{URL: url})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(s.Close)
			all = append(all, &replica{db: db, store: s})
		}
	}
	start := make(chan struct{})
	var wg sync.WaitGroup
	for _, r := range all {
		wg.Go(func() {
			<-start
			r.err = r.store.Migrate(t.Context())
		})
	}
	close(start)
	wg.Wait()
	for i, r := range all {
		if r.err != nil {
			t.Errorf("database %d, replica %d: %v", r.db, i%replicas, r.err)
		}
		if i%replicas == 0 {
			if err := r.store.Ready(t.Context()); err != nil {
				t.Errorf("database %d not ready after concurrent migrations: %v", r.db, err)
			}
		}
	}
}

// While another replica holds goose's lock, Migrate waits for it instead of migrating alongside.
func TestMigrateWaitsForTheLock(t *testing.T) {
	url := pgtest.NewEmptyDatabase(t)
	ctx := t.Context()
	other, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close(context.Background())
	if _, err := other.Exec(ctx, "SELECT pg_advisory_lock($1)", lock.DefaultLockID); err != nil {
		t.Fatal(err)
	}
	s, err := postgres.Open(ctx, postgres.Config{URL: url})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	done := make(chan error, 1)
	go func() { done <- s.Migrate(ctx) }()

	// Wait until Migrate asks for the lock (bounded), failing if it finishes first.
	for tries := 0; ; tries++ {
		select {
		case err := <-done:
			t.Fatalf("Migrate returned (%v) while another replica held the lock", err)
		default:
		}
		var asking bool
		if err := other.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_stat_activity
			WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%pg_try_advisory_lock%')`).
			Scan(&asking); err != nil {
			t.Fatal(err)
		}
		if asking {
			break
		}
		if tries == 500 {
			t.Fatal("Migrate never asked for goose's lock")
		}
		time.Sleep(10 * time.Millisecond)
	}
	var migrated bool
	if err := other.QueryRow(ctx, "SELECT to_regclass('customer_profile') IS NOT NULL OR to_regclass('river_job') IS NOT NULL").Scan(&migrated); err != nil {
		t.Fatal(err)
	}
	if migrated {
		t.Fatal("migrated while another replica held the lock")
	}
	if _, err := other.Exec(ctx, "SELECT pg_advisory_unlock($1)", lock.DefaultLockID); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("Migrate after the lock was released: %v", err)
	}
	if err := s.Ready(ctx); err != nil {
		t.Fatal(err)
	}
}

// Migrate makes River's tables at the version River (as go.mod pins it) wants, and Ready tells
// when they lag behind it.
func TestMigrateMakesRiversTables(t *testing.T) {
	url := pgtest.NewEmptyDatabase(t)
	ctx := t.Context()
	s, err := postgres.Open(ctx, postgres.Config{URL: url})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	var version int
	var jobs bool
	if err := s.Pool().QueryRow(ctx, `SELECT (SELECT max(version) FROM river_migration WHERE line = 'main'),
		to_regclass('river_job') IS NOT NULL`).Scan(&version, &jobs); err != nil {
		t.Fatal(err)
	}
	if version != postgres.RiverVersion() || !jobs {
		t.Fatalf("River's schema at version %d (river_job made: %t), want %d", version, jobs, postgres.RiverVersion())
	}
	if err := s.Ready(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Pool().Exec(ctx, "DELETE FROM river_migration WHERE version = $1", version); err != nil {
		t.Fatal(err)
	}
	if err := s.Ready(ctx); err == nil {
		t.Fatal("ready while River's newest migration is missing")
	}
}
