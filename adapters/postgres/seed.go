package postgres

import (
	"context"
	_ "embed"
	"fmt"
	"strconv"
)

// DemoSubject is the identity provider's subject the demo data gives a demo customer: a customer
// logs in to the demo as customer N with a JWT whose sub is DemoSubject(N).
func DemoSubject(customerNumber int64) string {
	return "demo-" + strconv.FormatInt(customerNumber, 10)
}

//go:embed seed/demo.sql
var demoSQL string

//go:embed seed/gbo.sql
var gboSQL string

//go:embed seed/demo_vendors.sql
var demoVendorsSQL string

//go:embed seed/demo_touchpoint.sql
var demoTouchpointSQL string

// demoPresentSQL tells whether the demo customers are there: demo.sql makes nothing when the
// first of them exists.
const demoPresentSQL = `SELECT EXISTS (SELECT 1 FROM customer_profile WHERE customer_number = 1000001)`

// LoadDemo loads the demo customers with the GBO stand-in's cards (SeedGBO), links them to their
// customers in the vendor sandbox and registers make run's touchpoint application as the
// webshop's, in one transaction, and reports whether it
// loaded the customers: when they are there already it adds only missing cards and reports false.
func (s *Store) LoadDemo(ctx context.Context) (loaded bool, err error) {
	err = s.InTx(ctx, func(q *Queries) error {
		if _, err := q.db.Exec(ctx, gboSQL); err != nil {
			return fmt.Errorf("seed gbo cards: %w", err)
		}
		if _, err := q.db.Exec(ctx, demoTouchpointSQL); err != nil {
			return fmt.Errorf("register the demo touchpoint: %w", err)
		}
		var present bool
		if err := q.db.QueryRow(ctx, demoPresentSQL).Scan(&present); err != nil {
			return fmt.Errorf("look for demo data: %w", mapError(err))
		}
		if !present {
			if _, err := q.db.Exec(ctx, demoSQL); err != nil {
				return fmt.Errorf("seed demo data: %w", err)
			}
			loaded = true
		}
		if _, err := q.db.Exec(ctx, demoVendorsSQL); err != nil {
			return fmt.Errorf("link the demo customers to the vendor sandbox: %w", err)
		}
		return nil
	})
	return loaded && err == nil, err
}

// SeedDemo is LoadDemo for callers that need not know whether it loaded anything.
func (s *Store) SeedDemo(ctx context.Context) error {
	_, err := s.LoadDemo(ctx)
	return err
}

// SeedGBO loads the GBO stand-in's cards and product templates (seed/gbo.sql, README: "Seeded GBO
// cards") in one transaction. It is idempotent: what is there already is left as it is.
func (s *Store) SeedGBO(ctx context.Context) error {
	return s.InTx(ctx, func(q *Queries) error {
		if _, err := q.db.Exec(ctx, gboSQL); err != nil {
			return fmt.Errorf("seed gbo cards: %w", err)
		}
		return nil
	})
}
