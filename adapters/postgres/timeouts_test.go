package postgres_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"ovgraph/adapters/postgres"
	"ovgraph/adapters/postgres/pgtest"
)

// lockCustomer holds the row lock of the profile with id until t ends, from a connection of its
// own, as a long write would.
func lockCustomer(t *testing.T, url string, id int64) {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	tx, err := conn.Begin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = tx.Rollback(context.Background()) })
	if _, err := tx.Exec(context.Background(), "SELECT 1 FROM customer_profile WHERE id = $1 FOR UPDATE", id); err != nil {
		t.Fatal(err)
	}
}

func TestTimeouts(t *testing.T) {
	url := pgtest.NewDatabase(t)
	s, err := postgres.Open(t.Context(), postgres.Config{URL: url, MaxConns: 7,
		StatementTimeout: 150 * time.Millisecond, LockTimeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	row, err := s.InsertCustomer(t.Context(), postgres.InsertCustomerParams{})
	if err != nil {
		t.Fatal(err)
	}
	id := row.ID
	lockCustomer(t, url, id)

	if got := s.Pool().Config().MaxConns; got != 7 {
		t.Errorf("pool size %d, want 7", got)
	}
	for name, want := range map[string]string{"statement_timeout": "150ms", "lock_timeout": "100ms"} {
		var got string
		if err := s.Pool().QueryRow(t.Context(), "SELECT current_setting($1)", name).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s = %s, want %s", name, got, want)
		}
	}
	for name, sql := range map[string]string{
		"a long statement":       "SELECT pg_sleep(10)",
		"waiting for a row lock": "UPDATE customer_profile SET debtor_number = 'x' WHERE id = $1",
	} {
		t.Run(name, func(t *testing.T) {
			args := []any{}
			if name != "a long statement" {
				args = append(args, id)
			}
			_, err := s.Pool().Exec(t.Context(), sql, args...)
			if !postgres.IsTimeout(err) {
				t.Fatalf("error %v, want a timeout", err)
			}
		})
	}
}

// One row lock held long used to stall reads of unrelated customers: the writers queued behind
// it held every connection of the pool. With lock_timeout they give their connections back, so
// a read of another customer completes while the lock is still held.
func TestRowLockDoesNotStallOtherReads(t *testing.T) {
	url := pgtest.NewDatabase(t)
	const poolSize = 4 // pgx's default on this machine
	s, err := postgres.Open(t.Context(), postgres.Config{URL: url, MaxConns: poolSize, LockTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	first, err := s.InsertCustomer(t.Context(), postgres.InsertCustomerParams{})
	if err != nil {
		t.Fatal(err)
	}
	second, err := s.InsertCustomer(t.Context(), postgres.InsertCustomerParams{})
	if err != nil {
		t.Fatal(err)
	}
	locked, other := first.ID, second.CustomerNumber
	lockCustomer(t, url, locked)

	var wg sync.WaitGroup
	writes := make(chan error, poolSize)
	for range poolSize {
		wg.Go(func() {
			_, err := s.Pool().Exec(t.Context(), "UPDATE customer_profile SET debtor_number = 'x' WHERE id = $1", locked)
			writes <- err
		})
	}
	pgtest.WaitForLockWaiters(t, url, poolSize)
	// The read gets a connection once the writers time out; without lock_timeout it would wait
	// for as long as the lock is held, here until this deadline.
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	if c, err := s.CustomersByNumbers(ctx, []int64{other}); err != nil || len(c) != 1 || c[0].CustomerNumber != other {
		t.Fatalf("read of customer %d while another is locked: %+v, %v", other, c, err)
	}
	wg.Wait()
	close(writes)
	for err := range writes {
		if !postgres.IsTimeout(err) {
			t.Errorf("writer behind the lock: %v, want a lock timeout", err)
		}
	}
}

// The pool's connections run without JIT compilation, unless the URL asks for it.
func TestJITOff(t *testing.T) {
	url := pgtest.NewDatabase(t)
	for want, u := range map[string]string{"off": url, "on": url + sep(url) + "jit=on"} {
		s, err := postgres.Open(t.Context(), postgres.Config{URL: u, MaxConns: 2})
		if err != nil {
			t.Fatal(err)
		}
		// Both connections of the pool, held at once.
		var conns []*pgxpool.Conn
		for range 2 {
			c, err := s.Pool().Acquire(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			conns = append(conns, c)
		}
		for _, c := range conns {
			var got string
			if err := c.QueryRow(t.Context(), "SELECT current_setting('jit')").Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("%s: jit = %s, want %s", u, got, want)
			}
			c.Release()
		}
		s.Close()
	}
}

func sep(url string) string {
	if strings.Contains(url, "?") {
		return "&"
	}
	return "?"
}
