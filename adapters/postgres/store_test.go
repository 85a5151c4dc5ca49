package postgres_test

import (
	"context"
	"errors"
	"testing"

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
	rows, err := s.SearchCustomers(ctx, postgres.SearchCustomersParams{PageLimit: 100, WithCount: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 36 || rows[0].TotalCount != 36 {
		t.Fatalf("%d customers after seeding twice, want 36", len(rows))
	}
	// New profiles continue after the demo numbers.
	row, err := s.InsertCustomer(ctx, postgres.InsertCustomerParams{})
	if err != nil {
		t.Fatal(err)
	}
	if row.CustomerNumber != 1000037 {
		t.Errorf("next customer number %d, want 1000037", row.CustomerNumber)
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
		row, err := s.InsertCustomer(ctx, postgres.InsertCustomerParams{Subject: &subject})
		if err != nil || row.CustomerNumber <= last || row.CustomerNumber > last+2 {
			t.Fatalf("profile of subject %q: number %d after %d, %v", subject, row.CustomerNumber, last, err)
		}
		last = row.CustomerNumber
		self, err := s.CustomerBySubject(ctx, subject)
		if err != nil || self != (postgres.CustomerBySubjectRow{ID: row.ID, CustomerNumber: row.CustomerNumber}) {
			t.Errorf("profile of subject %q: %+v, %v", subject, self, err)
		}
		_, err = s.InsertCustomer(ctx, postgres.InsertCustomerParams{Subject: &subject})
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
	if _, err := s.InsertCustomer(ctx, postgres.InsertCustomerParams{EmailAddress: &email}); err != nil {
		t.Fatal(err)
	}
	upper := "DUP@example.nl"
	_, err := s.InsertCustomer(ctx, postgres.InsertCustomerParams{EmailAddress: &upper})
	var ce *postgres.ConstraintError
	if !errors.As(err, &ce) || !errors.Is(err, postgres.ErrConflict) || ce.Constraint != "customer_profile_email_key" {
		t.Fatalf("duplicate e-mail (other case): %v", err)
	}
	lang := int32(99)
	_, err = s.InsertCustomer(ctx, postgres.InsertCustomerParams{LanguageID: &lang})
	if !errors.As(err, &ce) || !errors.Is(err, postgres.ErrReference) || ce.Constraint != "customer_profile_language_id_fkey" {
		t.Fatalf("unknown language: %v", err)
	}
	profile, err := s.InsertCustomer(ctx, postgres.InsertCustomerParams{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.InsertChipCard(ctx, postgres.InsertChipCardParams{CustomerProfileID: profile.ID, ChipCardNumber: 42})
	if !errors.As(err, &ce) || !errors.Is(err, postgres.ErrCheck) || ce.Constraint != "ov_chip_card_chip_card_number_check" {
		t.Fatalf("chip-card number out of range: %v", err)
	}
	if _, err := s.AddressByID(ctx, 1, 1); !errors.Is(err, postgres.ErrNotFound) {
		t.Fatalf("missing address: %v", err)
	}
	if err := s.InTx(ctx, func(q *postgres.Queries) error {
		_, err := q.DeleteAddress(ctx, 1, 1)
		return err
	}); !errors.Is(err, postgres.ErrNotFound) {
		t.Fatalf("delete of a missing address in a transaction: %v", err)
	}
}

// LoadDemo reports whether it loaded the demo customers: the first time only. Each time make
// run's touchpoint application is the webshop (3), also in a database loaded before it was
// registered.
func TestLoadDemoReportsWhetherItLoaded(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	app := "touchpoint-dev"
	for i, want := range []bool{true, false, false} {
		if i == 2 {
			if _, err := s.Pool().Exec(ctx, `UPDATE sales_touchpoint SET client_id = NULL`); err != nil {
				t.Fatal(err)
			}
		}
		loaded, err := s.LoadDemo(ctx)
		if err != nil {
			t.Fatalf("load %d: %v", i, err)
		}
		if loaded != want {
			t.Errorf("load %d reports loaded=%t, want %t", i, loaded, want)
		}
		if id, err := s.TouchpointByClient(ctx, &app); err != nil || id != 3 {
			t.Errorf("load %d: the demo application sells at touchpoint %d (%v), want 3", i, id, err)
		}
	}
}
