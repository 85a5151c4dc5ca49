package postgres_test

import (
	"context"
	"errors"
	"regexp"
	"testing"

	"github.com/jackc/pgx/v5"

	"ovgraph/adapters/postgres"
	"ovgraph/adapters/postgres/pgtest"
)

func open(t *testing.T) *postgres.Store {
	t.Helper()
	s, err := postgres.Open(context.Background(), postgres.Config{URL: pgtest.NewDatabase(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

var namedParam = regexp.MustCompile(`@([a-z_]+)`)

// Every named statement is valid SQL against the migrated schema.
func TestStatementsPrepare(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	conn, err := s.Pool().Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Release()
	names := postgres.StatementNames()
	if len(names) < 40 {
		t.Fatalf("only %d statements parsed", len(names))
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			sql := postgres.Statement(name)
			if names := namedParam.FindAllStringSubmatch(sql, -1); len(names) > 0 {
				args := pgx.NamedArgs{}
				for _, n := range names {
					args[n[1]] = nil
				}
				sql, _, err = args.RewriteQuery(ctx, conn.Conn(), sql, nil)
				if err != nil {
					t.Fatal(err)
				}
			}
			if _, err := conn.Conn().Prepare(ctx, "", sql); err != nil {
				t.Errorf("prepare %s: %v", name, err)
			}
		})
	}
}

func TestMigrateIsIdempotentAndReady(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	if err := s.Migrate(ctx); err != nil {
		t.Fatalf("second migrate: %v", err)
	}
	if err := s.Ready(ctx); err != nil {
		t.Fatalf("ready: %v", err)
	}
}

func TestSeedDemoLoadsOnce(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		if err := s.SeedDemo(ctx); err != nil {
			t.Fatalf("seed %d: %v", i, err)
		}
	}
	rows, err := s.SearchCustomers(ctx, postgres.CustomerFilter{}, nil, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 36 || rows[0].TotalCount != 36 {
		t.Fatalf("%d customers after seeding twice, want 36", len(rows))
	}
	// New profiles continue after the demo numbers.
	_, n, err := s.InsertCustomer(ctx, nil, postgres.CustomerEdit{})
	if err != nil {
		t.Fatal(err)
	}
	if n != 1000037 {
		t.Errorf("next customer number %d, want 1000037", n)
	}
	// Demo customers log in with the subject demo-<customer number>.
	self, err := s.CustomerBySubject(ctx, postgres.DemoSubject(1000007))
	if err != nil || self.CustomerNumber != 1000007 {
		t.Errorf("demo subject of 1000007: %+v, %v", self, err)
	}
	// A self-registered profile stores its subject, takes the next number of the sequence,
	// whatever the subject looks like, and a subject owns one profile only.
	last := int64(1000037)
	for _, subject := range []string{"9223372036854775807", "auth0|5f1c"} {
		id, n, err := s.InsertCustomer(ctx, &subject, postgres.CustomerEdit{})
		if err != nil || n <= last || n > last+2 {
			t.Fatalf("profile of subject %q: number %d after %d, %v", subject, n, last, err)
		}
		last = n
		self, err := s.CustomerBySubject(ctx, subject)
		if err != nil || self.ID != id || self.CustomerNumber != n {
			t.Errorf("profile of subject %q: %+v, %v", subject, self, err)
		}
		_, _, err = s.InsertCustomer(ctx, &subject, postgres.CustomerEdit{})
		var ce *postgres.ConstraintError
		if !errors.As(err, &ce) || ce.Constraint != "customer_profile_subject_key" {
			t.Errorf("second profile of subject %q: %v", subject, err)
		}
	}
	if _, err := s.CustomerBySubject(ctx, "unknown"); !errors.Is(err, postgres.ErrNotFound) {
		t.Errorf("unknown subject: %v", err)
	}
}

func TestConstraintErrors(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	email := "dup@example.nl"
	if _, _, err := s.InsertCustomer(ctx, nil, postgres.CustomerEdit{EmailAddress: &email}); err != nil {
		t.Fatal(err)
	}
	upper := "DUP@example.nl"
	_, _, err := s.InsertCustomer(ctx, nil, postgres.CustomerEdit{EmailAddress: &upper})
	var ce *postgres.ConstraintError
	if !errors.As(err, &ce) || !errors.Is(err, postgres.ErrConflict) || ce.Constraint != "customer_profile_email_key" {
		t.Fatalf("duplicate e-mail (other case): %v", err)
	}
	lang := int32(99)
	_, _, err = s.InsertCustomer(ctx, nil, postgres.CustomerEdit{LanguageID: &lang})
	if !errors.As(err, &ce) || !errors.Is(err, postgres.ErrReference) || ce.Constraint != "customer_profile_language_id_fkey" {
		t.Fatalf("unknown language: %v", err)
	}
	if _, err := s.CustomerByNumber(ctx, 1); !errors.Is(err, postgres.ErrNotFound) {
		t.Fatalf("missing customer: %v", err)
	}
}

// LoadDemo reports whether it loaded the demo customers: the first time only.
func TestLoadDemoReportsWhetherItLoaded(t *testing.T) {
	s := open(t)
	for i, want := range []bool{true, false} {
		loaded, err := s.LoadDemo(context.Background())
		if err != nil {
			t.Fatalf("load %d: %v", i, err)
		}
		if loaded != want {
			t.Errorf("load %d reports loaded=%t, want %t", i, loaded, want)
		}
	}
}
