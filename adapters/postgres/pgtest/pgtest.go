// Package pgtest gives each test its own PostgreSQL database, cloned from a template that is
// migrated once per cluster. It reads the cluster from TEST_DATABASE_URL, which `make test` sets
// to a throw-away cluster it starts and stops. Test code only.
package pgtest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"sort"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"ovgraph/adapters/postgres"
)

// EnvVar names the admin URL of the test cluster.
const EnvVar = "TEST_DATABASE_URL"

// NewDatabase creates a fresh, migrated database for t, dropped when t ends, and returns its URL.
func NewDatabase(t testing.TB) string {
	t.Helper()
	admin := adminURL(t)
	tpl, err := template(context.Background(), admin)
	if err != nil {
		t.Fatalf("template database: %v", err)
	}
	return create(t, admin, "TEMPLATE "+tpl)
}

// NewEmptyDatabase creates a database without migrations for t, dropped when t ends, and returns
// its URL.
func NewEmptyDatabase(t testing.TB) string {
	t.Helper()
	return create(t, adminURL(t), "")
}

func adminURL(t testing.TB) string {
	admin := os.Getenv(EnvVar)
	if admin == "" {
		t.Fatalf("%s is not set: run the tests with `make test`, which starts a PostgreSQL cluster", EnvVar)
	}
	return admin
}

// create makes a database with a random name, dropped when t ends.
func create(t testing.TB, admin, options string) string {
	t.Helper()
	ctx := context.Background()
	name := "test_" + randomHex(8)
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatalf("connect %s: %v", EnvVar, err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name+" "+options); err != nil {
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), admin)
		if err != nil {
			t.Errorf("drop database: %v", err)
			return
		}
		defer c.Close(context.Background())
		if _, err := c.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop database: %v", err)
		}
	})
	return withDatabase(admin, name)
}

// template returns the name of a database migrated with the current migrations (River's too), creating it
// under an advisory lock so parallel test binaries share one.
func template(ctx context.Context, admin string) (string, error) {
	name := "tpl_" + migrationsHash()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock(4242)"); err != nil {
		return "", err
	}
	defer func() { _, _ = conn.Exec(ctx, "SELECT pg_advisory_unlock(4242)") }()
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return "", err
	}
	if exists {
		return name, nil
	}
	building := name + "_building"
	_, _ = conn.Exec(ctx, "DROP DATABASE IF EXISTS "+building)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+building); err != nil {
		return "", err
	}
	store, err := postgres.Open(ctx, postgres.Config{URL: withDatabase(admin, building)})
	if err != nil {
		return "", err
	}
	err = store.Migrate(ctx)
	store.Close()
	if err != nil {
		return "", err
	}
	if _, err := conn.Exec(ctx, "ALTER DATABASE "+building+" RENAME TO "+name); err != nil {
		return "", err
	}
	return name, nil
}

func migrationsHash() string {
	h := sha256.New()
	files, _ := fs.Glob(postgres.Migrations(), "*.sql")
	sort.Strings(files)
	for _, f := range files {
		b, _ := fs.ReadFile(postgres.Migrations(), f)
		h.Write([]byte(f))
		h.Write(b)
	}
	fmt.Fprintf(h, "river %d", postgres.RiverVersion())
	return hex.EncodeToString(h.Sum(nil))[:16]
}

func withDatabase(admin, name string) string {
	u, err := url.Parse(admin)
	if err != nil {
		panic(err)
	}
	u.Path = "/" + name
	return u.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// WaitForLockWaiters returns once n statements of the database at url wait for a lock (polled
// every 10 ms, for at most 5 s), so a test can act while they are stuck.
func WaitForLockWaiters(t testing.TB, url string, n int) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for tries := 0; tries < 500; tries++ {
		var waiting int
		if err := conn.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock'`).Scan(&waiting); err != nil {
			t.Fatal(err)
		}
		if waiting >= n {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("fewer than %d statements wait for a lock", n)
}
