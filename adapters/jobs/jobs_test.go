package jobs_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"ovgraph/adapters/jobs"
	"ovgraph/adapters/postgres/pgtest"
)

// transfersFunc is a jobs.Transfers made of a function.
type transfersFunc func(ctx context.Context, id string, complete func(pgx.Tx) error) error

func (f transfersFunc) RunTransfer(ctx context.Context, id string, complete func(pgx.Tx) error) error {
	return f(ctx, id, complete)
}

var testConfig = jobs.Config{Workers: 2, JobTimeout: time.Minute, RescueAfter: 2 * time.Minute, PollInterval: 20 * time.Millisecond}

// start runs a client on a fresh migrated database whose transfers call the work made for its
// pool, stopped when t ends, and returns it with the pool.
func start(t *testing.T, work func(pool *pgxpool.Pool) transfersFunc) (*jobs.Client, *pgxpool.Pool) {
	t.Helper()
	pool, err := pgxpool.New(t.Context(), pgtest.NewDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	c, err := jobs.New(pool, testConfig, work(pool))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := c.Stop(ctx); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	return c, pool
}

// enqueue adds a transfer job in a transaction of its own.
func enqueue(t *testing.T, c *jobs.Client, pool *pgxpool.Pool, id string) {
	t.Helper()
	tx, err := pool.Begin(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback(context.Background()) }()
	if err := c.EnqueueTransfer(t.Context(), tx, id); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(t.Context()); err != nil {
		t.Fatal(err)
	}
}

// waitState waits (every 10 ms, for at most 10 s) until the job of the transfer id is in state,
// and returns its attempt and how many errors it recorded.
func waitState(t *testing.T, pool *pgxpool.Pool, id, state string) (attempt, errs int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var got string
		err := pool.QueryRow(t.Context(), `SELECT state::text, attempt, coalesce(array_length(errors, 1), 0) FROM river_job
			WHERE kind = 'token_transfer' AND args->>'client_tracking_id' = $1`, id).Scan(&got, &attempt, &errs)
		if err != nil {
			t.Fatal(err)
		}
		if got == state {
			return attempt, errs
		}
		if time.Now().After(deadline) {
			t.Fatalf("job of %s is %s, not %s, after 10 s", id, got, state)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// A job that completes itself in the transaction of its work is completed with that commit, at
// its first attempt; one whose work rolls back, its completion with it, runs again.
func TestTransferJob(t *testing.T) {
	ran := make(chan string, 10)
	c, pool := start(t, func(pool *pgxpool.Pool) transfersFunc {
		return func(ctx context.Context, id string, complete func(pgx.Tx) error) error {
			ran <- id
			tx, err := pool.Begin(ctx)
			if err != nil {
				return err
			}
			defer func() { _ = tx.Rollback(context.Background()) }()
			if err := complete(tx); err != nil {
				return err
			}
			if strings.HasPrefix(id, "fail") {
				return errors.New("the work failed") // rolls the completion back
			}
			return tx.Commit(ctx)
		}
	})

	enqueue(t, c, pool, "ok")
	if attempt, errs := waitState(t, pool, "ok", "completed"); attempt != 1 || errs != 0 {
		t.Errorf("completed job: attempt %d, %d errors; want 1 and 0", attempt, errs)
	}
	if id := <-ran; id != "ok" {
		t.Errorf("ran %q", id)
	}

	enqueue(t, c, pool, "fail")
	for attempt := 1; attempt <= 2; attempt++ {
		select {
		case id := <-ran:
			if id != "fail" {
				t.Fatalf("ran %q", id)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("the failed job did not run a %d. time", attempt)
		}
	}
	var state string
	if err := pool.QueryRow(t.Context(), `SELECT state::text FROM river_job WHERE args->>'client_tracking_id' = 'fail'`).
		Scan(&state); err != nil || state == "completed" {
		t.Errorf("failed job %s (%v), want it not completed", state, err)
	}
}

// A job enqueued in a transaction that rolls back does not exist.
func TestEnqueueRollsBackWithItsTransaction(t *testing.T) {
	c, pool := start(t, func(*pgxpool.Pool) transfersFunc {
		return func(context.Context, string, func(pgx.Tx) error) error { return nil }
	})
	tx, err := pool.Begin(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if err := c.EnqueueTransfer(t.Context(), tx, "gone"); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(t.Context()); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := pool.QueryRow(t.Context(), "SELECT count(*) FROM river_job").Scan(&n); err != nil || n != 0 {
		t.Errorf("%d jobs after the rollback (%v)", n, err)
	}
}

func TestConfigValidate(t *testing.T) {
	for name, tc := range map[string]struct {
		change func(*jobs.Config)
		want   string
	}{
		"valid":                             {func(*jobs.Config) {}, ""},
		"no workers":                        {func(c *jobs.Config) { c.Workers = 0 }, "workers"},
		"no job timeout":                    {func(c *jobs.Config) { c.JobTimeout = 0 }, "job timeout"},
		"rescue before the timeout":         {func(c *jobs.Config) { c.RescueAfter = c.JobTimeout }, "rescue after"},
		"poll interval under a millisecond": {func(c *jobs.Config) { c.PollInterval = time.Millisecond / 2 }, "poll interval"},
	} {
		t.Run(name, func(t *testing.T) {
			c := testConfig
			tc.change(&c)
			err := c.Validate()
			if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
				t.Errorf("Validate() = %v, want an error naming %q", err, tc.want)
			}
		})
	}
}
