package resolvers

import (
	"context"
	"errors"
	"testing"
	"time"

	"ovgraph/adapters/postgres"
	"ovgraph/adapters/postgres/pgtest"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// Whole years, the birthday counting on the day itself.
func TestAgeOn(t *testing.T) {
	for _, c := range []struct {
		birth, day string
		age        int
	}{
		{"2010-01-01", "2024-03-22", 14},
		{"2010-03-22", "2024-03-22", 14},
		{"2010-03-23", "2024-03-22", 13},
		{"2005-12-31", "2024-12-30", 18},
		{"2005-12-31", "2024-12-31", 19},
		{"2008-02-29", "2025-02-28", 16},
		{"2008-02-29", "2025-03-01", 17},
		{"2008-02-29", "2024-02-29", 16},
		{"2024-05-01", "2024-03-22", -1},
	} {
		if got := ageOn(date(c.birth), date(c.day)); got != c.age {
			t.Errorf("born %s, on %s: age %d, want %d", c.birth, c.day, got, c.age)
		}
	}
	// An instant counts on its Dutch calendar day: 23:30 UTC on 21 March is 22 March in The Hague.
	if d := dayOf(time.Date(2024, 3, 21, 23, 30, 0, 0, time.UTC)); !d.Equal(date("2024-03-22")) {
		t.Errorf("day of 2024-03-21T23:30Z: %v", d)
	}
}

// The seeded age profiles cover every age from 0 once; an age below 0 has none.
func TestAgeProfileFor(t *testing.T) {
	s := openStore(t)
	profiles, err := s.GboAgeProfiles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for age, want := range map[int]int32{0: 5, 3: 5, 4: 1, 11: 1, 12: 2, 18: 2, 19: 3, 64: 3, 65: 4, 150: 4} {
		p, ok := ageProfileFor(profiles, age)
		if !ok || p.ID != want {
			t.Errorf("age %d: profile %d (%v), want %d", age, p.ID, ok, want)
		}
	}
	for _, age := range []int{-1, 151} {
		if p, ok := ageProfileFor(profiles, age); ok {
			t.Errorf("age %d: profile %d, want none", age, p.ID)
		}
	}
}

func openStore(t *testing.T) *postgres.Store {
	t.Helper()
	s, err := postgres.Open(context.Background(), postgres.Config{URL: pgtest.NewDatabase(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

var errRollback = errors.New("roll back")

// The demo data stores what the validation finds: validating every seeded concept order again
// changes none of its stored findings, results, validContents or total.
func TestSeededValidationIsCurrent(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	if err := s.SeedDemo(ctx); err != nil {
		t.Fatal(err)
	}
	r := &Resolver{Deps: Deps{Store: s, GBO: postgres.NewGBO(s)}}
	const stored = `SELECT o.valid_contents, o.total_amount,
	    (SELECT coalesce(jsonb_agg(jsonb_build_object('result', l.validation_result, 'validations', l.validations)
	                               ORDER BY l.id), '[]')::text
	     FROM order_line l WHERE l.sales_order_id = o.id)
	  FROM sales_order o WHERE o.id = $1`
	rows, err := s.Pool().Query(ctx, `SELECT id FROM sales_order WHERE order_status_id = 1 ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	var keys []int64
	for rows.Next() {
		var k int64
		if err := rows.Scan(&k); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k)
	}
	if rows.Err() != nil || len(keys) == 0 {
		t.Fatalf("seeded concept orders: %v (%v)", keys, rows.Err())
	}
	var unvalidated int
	if err := s.Pool().QueryRow(ctx, `SELECT count(*) FROM sales_order o
	    WHERE o.order_status_id <> 1 AND (o.valid_contents IS NOT NULL OR EXISTS (SELECT 1 FROM order_line l
	        WHERE l.sales_order_id = o.id AND (l.validation_result IS NOT NULL OR l.validations <> '[]')))`).
		Scan(&unvalidated); err != nil || unvalidated != 0 {
		t.Errorf("%d seeded orders beyond concept keep validation results (%v)", unvalidated, err)
	}
	type snapshot struct {
		valid *bool
		total int32
		lines string
	}
	for _, key := range keys {
		var before, after snapshot
		err := s.InTx(ctx, func(q *postgres.Queries) error {
			// The snapshot before is read outside the transaction, the one after inside it.
			if err := s.Pool().QueryRow(ctx, stored, key).Scan(&before.valid, &before.total, &before.lines); err != nil {
				return err
			}
			if err := r.revalidate(ctx, q, key); err != nil {
				return err
			}
			tx, _ := q.Tx()
			if err := tx.QueryRow(ctx, stored, key).Scan(&after.valid, &after.total, &after.lines); err != nil {
				return err
			}
			return errRollback
		})
		if !errors.Is(err, errRollback) {
			t.Fatal(err)
		}
		if before.valid == nil || after.valid == nil || *before.valid != *after.valid || before.total != after.total ||
			before.lines != after.lines {
			t.Errorf("order %d: stored %v %d %s, validated again %v %d %s", key, before.valid != nil && *before.valid,
				before.total, before.lines, after.valid != nil && *after.valid, after.total, after.lines)
		}
	}
}

// An order without lines is valid, and its total is 0.
func TestRevalidateEmptyOrder(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	var key int64
	if err := s.Pool().QueryRow(ctx, `INSERT INTO sales_order (sales_touchpoint_id, language_id, total_amount, valid_contents)
	    VALUES (3, 1, 500, false) RETURNING id`).Scan(&key); err != nil {
		t.Fatal(err)
	}
	r := &Resolver{Deps: Deps{Store: s}}
	if err := s.InTx(ctx, func(q *postgres.Queries) error { return r.revalidate(ctx, q, key) }); err != nil {
		t.Fatal(err)
	}
	var valid *bool
	var total int
	if err := s.Pool().QueryRow(ctx, `SELECT valid_contents, total_amount FROM sales_order WHERE id = $1`, key).
		Scan(&valid, &total); err != nil || valid == nil || !*valid || total != 0 {
		t.Errorf("empty order: validContents %v, total %d (%v)", valid, total, err)
	}
}
